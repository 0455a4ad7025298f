import { createCipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';

/**
 * A small reader for WinZip AES-256 encrypted zip archives (APPNOTE 6.3.x and the WinZip
 * "AE-x" specification), for tests only: nothing on the test machines opens them (Info-ZIP
 * unzip does not support AES). Reads through the central directory, so archives written
 * as a stream (sizes in data descriptors) work too.
 */
export interface ZipEntryInfo {
  name: string;
  /** 99 for an AES-encrypted entry. */
  method: number;
  encrypted: boolean;
  /** 3 = AES-256. */
  aesStrength: number | null;
}

const AES_EXTRA = 0x9901;
const SALT_LENGTH = { 1: 8, 2: 12, 3: 16 } as Record<number, number>;
const KEY_LENGTH = { 1: 16, 2: 24, 3: 32 } as Record<number, number>;

interface CentralEntry extends ZipEntryInfo {
  compressedSize: number;
  localHeaderOffset: number;
  actualMethod: number;
}

export function listZipEntries(zip: Buffer): ZipEntryInfo[] {
  return centralDirectory(zip).map(({ name, method, encrypted, aesStrength }) => ({
    name,
    method,
    encrypted,
    aesStrength,
  }));
}

/** Decrypts and inflates every entry; throws on a wrong password or a tampered entry. */
export function readAesZip(zip: Buffer, password: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of centralDirectory(zip)) {
    if (zip.readUInt32LE(entry.localHeaderOffset) !== 0x04034b50) throw new Error(`No local header for ${entry.name}`);
    const nameLength = zip.readUInt16LE(entry.localHeaderOffset + 26);
    const extraLength = zip.readUInt16LE(entry.localHeaderOffset + 28);
    const start = entry.localHeaderOffset + 30 + nameLength + extraLength;
    const data = zip.subarray(start, start + entry.compressedSize);
    let payload: Buffer = data;
    if (entry.method === 99) {
      const strength = entry.aesStrength!;
      const saltLength = SALT_LENGTH[strength]!;
      const keyLength = KEY_LENGTH[strength]!;
      const salt = data.subarray(0, saltLength);
      const verifier = data.subarray(saltLength, saltLength + 2);
      const encrypted = data.subarray(saltLength + 2, data.length - 10);
      const authCode = data.subarray(data.length - 10);
      const derived = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 1000, 2 * keyLength + 2, 'sha1');
      if (!timingSafeEqual(derived.subarray(2 * keyLength), verifier))
        throw new Error(`Wrong password for ${entry.name}`);
      const mac = createHmac('sha1', derived.subarray(keyLength, 2 * keyLength))
        .update(encrypted)
        .digest()
        .subarray(0, 10);
      if (!timingSafeEqual(mac, authCode)) throw new Error(`Authentication failed for ${entry.name}`);
      payload = aesCtrLittleEndian(derived.subarray(0, keyLength), encrypted);
    } else if (entry.encrypted) {
      throw new Error(`Unsupported encryption for ${entry.name}`);
    }
    files.set(entry.name, entry.actualMethod === 8 ? inflateRawSync(payload) : payload);
  }
  return files;
}

/** WinZip AES uses CTR mode with a little-endian block counter starting at 1. */
function aesCtrLittleEndian(key: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv(`aes-${key.length * 8}-ecb`, key, null).setAutoPadding(false);
  const out = Buffer.alloc(data.length);
  const counter = Buffer.alloc(16);
  for (let offset = 0, block = 1; offset < data.length; offset += 16, block += 1) {
    counter.fill(0);
    counter.writeUInt32LE(block, 0);
    const stream = cipher.update(counter);
    for (let index = 0; index < 16 && offset + index < data.length; index += 1)
      out[offset + index] = data[offset + index]! ^ stream[index]!;
  }
  return out;
}

function centralDirectory(zip: Buffer): CentralEntry[] {
  let end = -1;
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset -= 1) {
    if (zip.readUInt32LE(offset) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new Error('Not a zip archive');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: CentralEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('Broken central directory');
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeaderOffset = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const extra = zip.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength);
    let aesStrength: number | null = null;
    let actualMethod = method;
    for (let at = 0; at + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(at);
      const size = extra.readUInt16LE(at + 2);
      if (id === AES_EXTRA) {
        aesStrength = extra.readUInt8(at + 8);
        actualMethod = extra.readUInt16LE(at + 9);
      }
      at += 4 + size;
    }
    entries.push({
      name,
      method,
      encrypted: (flags & 1) === 1,
      aesStrength,
      compressedSize,
      localHeaderOffset,
      actualMethod,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
