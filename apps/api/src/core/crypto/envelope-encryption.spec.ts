import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { EnvelopeEncryption } from './envelope-encryption.js';

describe('envelope encryption', () => {
  const encryption = new EnvelopeEncryption(randomBytes(32));

  it('round-trips a value under a per-owner data key that is stored only wrapped', () => {
    const { dataKey, wrappedKey } = encryption.newDataKey('case-1');
    expect(wrappedKey.includes(dataKey)).toBe(false);
    const sealed = encryption.sealJson(dataKey, { givenName: 'Testname' }, 'identity:case-1');
    expect(sealed.toString('latin1')).not.toContain('Testname');
    const unwrapped = encryption.unwrapDataKey('case-1', wrappedKey);
    expect(encryption.openJson(unwrapped, sealed, 'identity:case-1')).toEqual({ givenName: 'Testname' });
  });

  it('uses a fresh IV each time', () => {
    const { dataKey } = encryption.newDataKey('case-2');
    expect(encryption.sealJson(dataKey, 'same', 'x').equals(encryption.sealJson(dataKey, 'same', 'x'))).toBe(false);
  });

  it('refuses a ciphertext moved to another row, a tampered one, or a key wrapped for another owner', () => {
    const { dataKey, wrappedKey } = encryption.newDataKey('case-3');
    const sealed = encryption.sealJson(dataKey, 'secret', 'identity:case-3');
    expect(() => encryption.openJson(dataKey, sealed, 'identity:case-4')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 0xff;
    expect(() => encryption.openJson(dataKey, tampered, 'identity:case-3')).toThrow();
    expect(() => encryption.unwrapDataKey('case-4', wrappedKey)).toThrow();
  });

  it('cannot unwrap keys under another master key', () => {
    const { wrappedKey } = encryption.newDataKey('case-5');
    expect(() => new EnvelopeEncryption(randomBytes(32)).unwrapDataKey('case-5', wrappedKey)).toThrow();
  });

  it('gives keyed hashes that depend on the purpose and the master key', () => {
    const again = encryption.keyedHash('login', 'a@b.c');
    expect(encryption.keyedHash('login', 'a@b.c').equals(again)).toBe(true);
    expect(encryption.keyedHash('other', 'a@b.c').equals(again)).toBe(false);
    expect(new EnvelopeEncryption(randomBytes(32)).keyedHash('login', 'a@b.c').equals(again)).toBe(false);
  });

  it('gives per-organisation keyed hashes that do not compare across organisations', () => {
    const first = encryption.organisationKeyedHash('name-index', 'org-a', 'n:amina');
    expect(encryption.organisationKeyedHash('name-index', 'org-a', 'n:amina').equals(first)).toBe(true);
    expect(encryption.organisationKeyedHash('name-index', 'org-b', 'n:amina').equals(first)).toBe(false);
    expect(encryption.keyedHash('name-index', 'n:amina').equals(first)).toBe(false);
    expect(
      new EnvelopeEncryption(randomBytes(32)).organisationKeyedHash('name-index', 'org-a', 'n:amina').equals(first),
    ).toBe(false);
  });
});
