import { DisclosureConfigError } from './errors.js';

/** The threshold of the global counter-trafficking data hub (STANDARDS.md): fewer than 11 people is too few. */
export const DEFAULT_K = 11;

/** No configuration may go below the smallest minimum statistical agencies use. */
export const MIN_K = 5;

export function assertValidK(k: number): void {
  if (!Number.isInteger(k) || k < MIN_K) {
    throw new DisclosureConfigError(`minimum cell size k must be a whole number of at least ${MIN_K}, got ${k}`);
  }
}

/** A count from 1 to k−1. Zero is not small: an empty cell singles nobody out. */
export function isSmallCount(count: number, k: number): boolean {
  return count >= 1 && count < k;
}
