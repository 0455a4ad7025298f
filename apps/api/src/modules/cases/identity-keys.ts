import type { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';

/** Associated data of a sealed identity: binds the ciphertext to its case. */
export const identityAssociatedData = (caseId: string) => `survivor-identity:${caseId}`;

/**
 * Keyed hash of the normalised name (accents removed, lower case, token order ignored)
 * and the birth year — from the date of birth, or estimated from the age on `on`.
 * Equal people give equal keys; nothing about the name can be learned from the key.
 */
export function duplicateKeyOf(
  encryption: EnvelopeEncryption,
  givenName: string,
  familyName: string,
  dateOfBirth: string | undefined,
  estimatedAge: number | undefined,
  on: Date,
): Buffer {
  const name = `${givenName} ${familyName}`
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .join(' ');
  const birthYear = dateOfBirth ? Number(dateOfBirth.slice(0, 4)) : on.getUTCFullYear() - (estimatedAge ?? 0);
  return encryption.keyedHash('duplicate-check', `${name}|${birthYear}`);
}
