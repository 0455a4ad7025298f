import { randomInt } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so references are easy to read aloud and type. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random pseudonymous reference such as HV-7F3K-2Q9D (40 bits: collisions are retried by the caller). */
export function newCaseReference(): string {
  const block = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `HV-${block()}-${block()}`;
}
