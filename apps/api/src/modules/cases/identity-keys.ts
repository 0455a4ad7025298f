import type { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';

/** Associated data of a sealed identity: binds the ciphertext to its case. */
export const identityAssociatedData = (caseId: string) => `survivor-identity:${caseId}`;

/**
 * The names of an identity in Unicode NFC, as they are sealed: the contracts normalise what
 * a request brings, and this covers every other way in (a transfer re-sealing an identity
 * sealed before names were normalised), so one spelling is stored one way.
 */
export function withNamesInNfc<T extends { givenName: string; familyName: string; aliases: string[] }>(identity: T): T {
  return {
    ...identity,
    givenName: identity.givenName.normalize('NFC'),
    familyName: identity.familyName.normalize('NFC'),
    aliases: identity.aliases.map((alias) => alias.normalize('NFC')),
  };
}

/**
 * Keyed hash of the normalised name (accents removed, lower case, token order ignored)
 * and the birth year — from the date of birth, or estimated from the age on `on`.
 * Equal people give equal keys; nothing about the name can be learned from the key. The
 * decomposition (NFKD) comes first, so a composed and a decomposed spelling give one key.
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
