import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { duplicateKeyOf, withNamesInNfc } from './identity-keys.js';

describe('identity keys', () => {
  const encryption = new EnvelopeEncryption(randomBytes(32));
  const on = new Date('2026-12-07T00:00:00Z');
  const keyOf = (given: string, family: string) =>
    duplicateKeyOf(encryption, given, family, undefined, 30, on).toString('hex');

  it('gives a composed and a decomposed spelling of a name the same duplicate key', () => {
    expect(keyOf('Jos\u00e9', 'Mu\u00f1oz')).toBe(keyOf('Jose\u0301', 'Mun\u0303oz'));
    expect(keyOf('Jos\u00e9', 'Mu\u00f1oz')).toBe(keyOf('mu\u00f1oz', 'JOSE'));
    expect(keyOf('Jos\u00e9', 'Mu\u00f1oz')).not.toBe(keyOf('Josefa', 'Mu\u00f1oz'));
  });

  it('would not match a name spelled backwards behind a direction override: why the contracts refuse them', () => {
    expect(keyOf('Amira \u202enosnhoJ\u202c', '')).not.toBe(keyOf('Amira Johnson', ''));
  });

  it('puts every name of an identity in NFC and leaves the rest alone', () => {
    const identity = { givenName: 'Jose\u0301', familyName: 'Mun\u0303oz', aliases: ['Zoe\u0308'], languages: ['es'] };
    expect(withNamesInNfc(identity)).toEqual({
      givenName: 'Jos\u00e9',
      familyName: 'Mu\u00f1oz',
      aliases: ['Zo\u00eb'],
      languages: ['es'],
    });
  });
});
