import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Envelope encryption for survivor data (docs/architecture.md, rule 6), built on Node's crypto:
 * every case has its own random data key; the data key is stored only wrapped
 * (AES-256-GCM) by the master key from the environment. Destroying the wrapped data
 * key makes everything encrypted under it unreadable (crypto-shredding).
 *
 * Sealed format: version byte (1) | 12-byte IV | 16-byte auth tag | ciphertext.
 * The associated data binds a ciphertext to its row and purpose, so a blob copied
 * onto another row or column fails to open.
 */
const FORMAT_VERSION = 1;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

export function seal(key: Buffer, plaintext: Buffer, associatedData: string): Buffer {
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

export function open(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  if (sealed.length < 1 + IV_LENGTH + TAG_LENGTH || sealed[0] !== FORMAT_VERSION) {
    throw new Error('Unknown ciphertext format');
  }
  const iv = sealed.subarray(1, 1 + IV_LENGTH);
  const tag = sealed.subarray(1 + IV_LENGTH, 1 + IV_LENGTH + TAG_LENGTH);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(1 + IV_LENGTH + TAG_LENGTH)), decipher.final()]);
}

export class EnvelopeEncryption {
  private readonly keyEncryptionKey: Buffer;
  private readonly hashKeys = new Map<string, Buffer>();

  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes');
    // Separate keys per use, derived from the one secret the operator manages.
    this.keyEncryptionKey = this.derive('haven/key-encryption');
  }

  /** A fresh data key and its wrapped form (the only form that is stored). */
  newDataKey(ownerId: string): { dataKey: Buffer; wrappedKey: Buffer } {
    const dataKey = randomBytes(32);
    return { dataKey, wrappedKey: seal(this.keyEncryptionKey, dataKey, `data-key:${ownerId}`) };
  }

  unwrapDataKey(ownerId: string, wrappedKey: Buffer): Buffer {
    return open(this.keyEncryptionKey, wrappedKey, `data-key:${ownerId}`);
  }

  sealJson(dataKey: Buffer, value: unknown, associatedData: string): Buffer {
    return seal(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), associatedData);
  }

  openJson<T>(dataKey: Buffer, sealed: Buffer, associatedData: string): T {
    return JSON.parse(open(dataKey, sealed, associatedData).toString('utf8')) as T;
  }

  /** Keyed hash (HMAC-SHA-256) for exact-match lookups that must not reveal the value. */
  keyedHash(purpose: string, value: string): Buffer {
    let key = this.hashKeys.get(purpose);
    if (!key) {
      key = this.derive(`haven/keyed-hash/${purpose}`);
      this.hashKeys.set(purpose, key);
    }
    return createHmac('sha256', key).update(value, 'utf8').digest();
  }

  /**
   * Keyed hash under a key of each organisation's own (HKDF of the master key, the purpose and
   * the organisation), for an index whose entries must not compare across organisations: equal
   * values of two organisations give unrelated hashes.
   */
  organisationKeyedHash(purpose: string, organisationId: string, value: string): Buffer {
    const name = `haven/keyed-hash/${purpose}/${organisationId}`;
    let key = this.hashKeys.get(name);
    if (!key) {
      key = this.derive(name);
      this.hashKeys.set(name, key);
    }
    return createHmac('sha256', key).update(value, 'utf8').digest();
  }

  private derive(info: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.masterKey, Buffer.alloc(0), info, 32));
  }
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
