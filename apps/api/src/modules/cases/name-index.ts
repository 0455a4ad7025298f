import type { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { searchTokensOf } from './name-tokens.js';

/**
 * The blind name index (docs/architecture.md, "Search by name"): what the database keeps of a
 * survivor's names is a set of keyed hashes — of the sound key of each normalised name token
 * (name-tokens.ts), and of the birth year — under a key of the case's organisation (HKDF of the master key), so
 * equal tokens compare only within one organisation and nothing can be read back without the key.
 * Hashes are cut to 16 bytes: 128 bits leave no collision to fear among a caseload's names.
 */
const PURPOSE = 'name-index';
const HASH_BYTES = 16;

/** What of an identity is indexed. */
export interface IndexedNames {
  givenName: string;
  familyName: string;
  aliases: string[];
  dateOfBirth?: string | null;
  estimatedAge?: number | null;
}

/** The birth year the index keeps: from the date of birth, or estimated from the age at registration. */
export function birthYearOf(names: IndexedNames, registeredAt: Date): number | null {
  if (names.dateOfBirth) return Number(names.dateOfBirth.slice(0, 4));
  if (names.estimatedAge !== null && names.estimatedAge !== undefined)
    return registeredAt.getUTCFullYear() - names.estimatedAge;
  return null;
}

function hashOf(encryption: EnvelopeEncryption, organisationId: string, value: string): Buffer {
  return encryption.organisationKeyedHash(PURPOSE, organisationId, value).subarray(0, HASH_BYTES);
}

/**
 * Every hash of a case's names (given name, family name, aliases) and birth year, without repeats.
 * The exact spelling is not kept besides the sound key: a search finds by the sound key (which
 * every spelling of the token shares), so an exact hash would find nothing more and would only
 * tell a reader of the database which cases share one spelling.
 */
export function nameIndexHashes(
  encryption: EnvelopeEncryption,
  organisationId: string,
  names: IndexedNames,
  registeredAt: Date,
): Buffer[] {
  const values = new Set<string>();
  for (const text of [names.givenName, names.familyName, ...names.aliases]) {
    for (const token of searchTokensOf(text)) values.add(`s:${token.sound}`);
  }
  const year = birthYearOf(names, registeredAt);
  if (year !== null) values.add(`y:${year}`);
  return [...values].map((value) => hashOf(encryption, organisationId, value));
}

/**
 * A search as hashes: each word of the name is one term, found by its sound key (which an exact
 * spelling shares); the birth year, when given, is one more term found within a year either side
 * (an estimated age is rarely exact). A case matches when it has every term.
 */
export interface NameSearchTerms {
  hashes: Buffer[];
  /** The term each hash belongs to. */
  terms: number[];
  /** How many terms a case must match. */
  termCount: number;
}

export function nameSearchTerms(
  encryption: EnvelopeEncryption,
  organisationId: string,
  name: string,
  birthYear: number | undefined,
): NameSearchTerms {
  const hashes: Buffer[] = [];
  const terms: number[] = [];
  const tokens = searchTokensOf(name);
  tokens.forEach((token, term) => {
    hashes.push(hashOf(encryption, organisationId, `s:${token.sound}`));
    terms.push(term);
  });
  if (birthYear !== undefined) {
    for (const year of [birthYear - 1, birthYear, birthYear + 1]) {
      hashes.push(hashOf(encryption, organisationId, `y:${year}`));
      terms.push(tokens.length);
    }
  }
  return { hashes, terms, termCount: tokens.length + (birthYear !== undefined ? 1 : 0) };
}
