import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A local clamd-protocol emulator (not ClamAV): it listens on 127.0.0.1 and speaks the INSTREAM
 * command as ClamAV's daemon does — `zINSTREAM\0`, then pieces each prefixed by its length (4
 * bytes, big-endian), ended by a zero length — and answers `stream: OK` or, when the bytes hold the
 * EICAR test signature, `stream: Eicar-Test-Signature FOUND`. It detects nothing else: it proves
 * how Haven talks to a scanner and what it does with each answer, not that files are safe.
 *
 * While `silent` is set it reads the file and never answers, as a daemon that hangs does. With
 * `maxBytes` it refuses a longer file as ClamAV does past its StreamMaxLength: `INSTREAM size limit
 * exceeded. ERROR`, and the connection closed.
 */
export interface ClamdEmulator {
  /** `127.0.0.1:<port>`, for CLAMAV_ADDRESS. */
  address: string;
  port: number;
  /** Every file received whole, in order. */
  received: Buffer[];
  /** Reads every file and answers none (a hung daemon); may be switched at any time. */
  silent: boolean;
  /** The longest file it scans (ClamAV's StreamMaxLength); a longer one is refused with an error. May be switched at any time. */
  maxBytes: number | undefined;
  /** How many scans have begun (the command read), whether or not they have ended. */
  begun: number;
  close(): Promise<void>;
}

/**
 * The EICAR anti-virus test file (harmless, recognised by every scanner by convention), assembled
 * here so that this source file itself does not carry it.
 */
export function eicarTestFile(): Buffer {
  return Buffer.from(['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS', '-TEST-FILE!$H+H*'].join(''));
}

export function startClamdEmulator(options: { silent?: boolean; maxBytes?: number } = {}): Promise<ClamdEmulator> {
  const received: Buffer[] = [];
  let emulator: ClamdEmulator | undefined;
  const sockets = new Set<Socket>();
  const signature = eicarTestFile();
  // Half-open: the client ends its side after the last piece, and the answer still comes back on ours.
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let commandRead = false;
    const file: Buffer[] = [];
    let fileBytes = 0;
    socket.on('data', (data: Buffer) => {
      if (socket.writableEnded) return;
      buffer = Buffer.concat([buffer, data]);
      if (!commandRead) {
        const end = buffer.indexOf(0);
        if (end < 0) return;
        if (buffer.subarray(0, end).toString() !== 'zINSTREAM') {
          socket.end('UNKNOWN COMMAND\0');
          return;
        }
        buffer = buffer.subarray(end + 1);
        commandRead = true;
        if (emulator) emulator.begun += 1;
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (buffer.length < 4 + length) return;
        if (length === 0) {
          const whole = Buffer.concat(file);
          received.push(whole);
          if (!emulator?.silent)
            socket.end(whole.includes(signature) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        file.push(buffer.subarray(4, 4 + length));
        fileBytes += length;
        buffer = buffer.subarray(4 + length);
        if (emulator?.maxBytes !== undefined && fileBytes > emulator.maxBytes) {
          socket.end('INSTREAM size limit exceeded. ERROR\0');
          return;
        }
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      emulator = {
        address: `127.0.0.1:${port}`,
        port,
        received,
        silent: options.silent ?? false,
        maxBytes: options.maxBytes,
        begun: 0,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      };
      resolve(emulator);
    }),
  );
}
