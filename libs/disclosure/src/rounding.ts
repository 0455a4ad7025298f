import { DisclosureConfigError } from './errors.js';

/** Base 5, as the UK "10-5 rule" and the OECD glossary use. */
export const DEFAULT_ROUNDING_BASE = 5;

/**
 * The base must be a whole number from 1 (no rounding) to k: a larger base could round a
 * published count (always ≥ k) down to 0, and a published 0 must mean an empty cell.
 */
export function assertValidRoundingBase(base: number, k: number): void {
  if (!Number.isInteger(base) || base < 1 || base > k) {
    throw new DisclosureConfigError(`rounding base must be a whole number from 1 to k (${k}), got ${base}`);
  }
}

/**
 * Conventional rounding to the nearest multiple of `base`, halves up (only reachable with
 * an even base). Each figure — cell or total — is rounded on its own from its unrounded
 * value, so a published total may differ from the sum of its published cells: that is
 * expected and is what keeps the unrounded values from being worked back out.
 */
export function roundToBase(value: number, base: number): number {
  return Math.floor(value / base + 0.5) * base;
}
