import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { BadRequestError } from '../../core/errors/problem.js';
import { FileTooLargeError } from './file-content.js';

/** The fields and the one file of a multipart upload, the file still streaming in. */
export interface IncomingUpload {
  fields: Record<string, string>;
  fileName: string;
  file: Readable;
}

/** Room for the form's fields and boundaries around the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * Reads a multipart/form-data request up to its file part: the fields (which must come first, so
 * they are checked before a byte is stored) and the file as a stream, which the caller consumes
 * (nothing is buffered here). One file per request; a request that announces more than the limit
 * is refused before its body is read.
 */
export function readUpload(request: IncomingMessage, maxBytes: number): Promise<IncomingUpload> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes + FORM_OVERHEAD_BYTES) return Promise.reject(new FileTooLargeError(maxBytes));
  if (!/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? ''))
    return Promise.reject(
      new BadRequestError('Send the file as multipart/form-data.', [
        { field: 'file', message: 'Send the file as multipart/form-data' },
      ]),
    );
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { files: 1, fields: 10, fieldSize: 2_000, parts: 12 },
        defParamCharset: 'utf8',
      });
    } catch {
      reject(new BadRequestError('The upload could not be read.', [{ field: 'file', message: 'Not a valid upload' }]));
      return;
    }
    const fields: Record<string, string> = {};
    let settled = false;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, file, info) => {
      settled = true;
      resolve({ fields, fileName: info.filename ?? '', file });
    });
    parser.on('error', () => {
      if (!settled)
        reject(
          new BadRequestError('The upload could not be read.', [{ field: 'file', message: 'Not a valid upload' }]),
        );
    });
    parser.on('close', () => {
      if (!settled) reject(new BadRequestError('Choose a file.', [{ field: 'file', message: 'Choose a file' }]));
    });
    request.pipe(parser);
  });
}

/** After a refusal, the rest of the request is read and dropped so that the answer reaches the client. */
export function discardRest(request: IncomingMessage): void {
  request.unpipe();
  request.resume();
}
