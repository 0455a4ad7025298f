import { assertValidK, isSmallCount } from './cell-size.js';
import { DisclosureConfigError } from './errors.js';

/**
 * The cell key method (Australian Bureau of Statistics' TableBuilder, UK 2021 Census):
 * every person carries a fixed, secret record key, uniform in [0, 1); the key of a cell
 * is the sum of the record keys of the people in it, modulo 1; the published figure is
 * the count plus a perturbation looked up in a perturbation table at the cell key. The
 * same set of people therefore gets the same figure in every table, format, request
 * and release, and asking again — or asking for an overlapping table — adds nothing:
 * there is no fresh noise to average away. Any change to the set of people moves its
 * cell key to an unrelated place, so the figure of a set that differs by one person
 * says nothing about that person beyond the perturbation's range.
 *
 * Record keys are integers below {@link CELL_KEY_MODULUS} (52 bits, exact in a double
 * and in PostgreSQL's numeric sums), derived from the projection's keyed person hash.
 */
export const CELL_KEY_MODULUS = 2 ** 52;

/**
 * The perturbation table: the probability of each perturbation of a count of k or more.
 * Symmetric (unbiased), variance 1.37, most figures moved by 0 or ±1, and extremes made
 * rare on purpose: a reader who knows the table can pin a hidden figure through sums
 * of published ones only when every perturbation in those sums sits at an extreme at
 * once (docs/architecture.md, "Statistics: releases and the cell key method").
 */
export const PERTURBATION_TABLE: readonly { readonly perturbation: number; readonly probability: number }[] = [
  { perturbation: -5, probability: 0.001 },
  { perturbation: -4, probability: 0.004 },
  { perturbation: -3, probability: 0.015 },
  { perturbation: -2, probability: 0.06 },
  { perturbation: -1, probability: 0.22 },
  { perturbation: 0, probability: 0.4 },
  { perturbation: 1, probability: 0.22 },
  { perturbation: 2, probability: 0.06 },
  { perturbation: 3, probability: 0.015 },
  { perturbation: 4, probability: 0.004 },
  { perturbation: 5, probability: 0.001 },
];

/** The largest move of a published count: a published p ≥ k stands for a count from max(k, p − 5) to p + 5. */
export const MAX_PERTURBATION = 5;

/** Upper bounds of the cumulative probabilities, computed once. */
const CUMULATIVE = PERTURBATION_TABLE.reduce<number[]>(
  (bounds, row) => [...bounds, (bounds.at(-1) ?? 0) + row.probability],
  [],
);

/** A cell key in [0, 1) from the sum of the record keys of a cell's people (any size: numeric sums come as strings). */
export function cellKeyOf(recordKeySum: bigint | number | string): number {
  const sum = BigInt(recordKeySum);
  if (sum < 0n) throw new DisclosureConfigError('a sum of record keys cannot be negative');
  return Number(sum % BigInt(CELL_KEY_MODULUS)) / CELL_KEY_MODULUS;
}

/** The perturbation the table gives at a cell key. */
export function perturbationAt(cellKey: number): number {
  if (!(cellKey >= 0 && cellKey < 1)) throw new DisclosureConfigError(`a cell key lies in [0, 1), got ${cellKey}`);
  const row = CUMULATIVE.findIndex((bound) => cellKey < bound);
  return PERTURBATION_TABLE[row === -1 ? PERTURBATION_TABLE.length - 1 : row]!.perturbation;
}

/** One published figure before it gets its place in a table. */
export interface ProtectedCount {
  /** The published count; null when hidden. */
  readonly value: number | null;
  readonly display: string;
  readonly suppressed: boolean;
}

/**
 * What a count of people becomes: 0 stays 0 (an empty group singles nobody out, as at
 * the ABS); 1…k−1 people is never shown as itself nor as any number — it shows `<k`;
 * k or more is moved by the perturbation at its cell key, and shown `<k` when that
 * brings it below k, so `<k` also covers a few groups of k and more and a reader
 * cannot tell which.
 */
export function protectCount(count: number, cellKey: number, k: number): ProtectedCount {
  assertValidK(k);
  if (!Number.isInteger(count) || count < 0)
    throw new DisclosureConfigError(`a count is a whole number ≥ 0, got ${count}`);
  if (count === 0) return { value: 0, display: '0', suppressed: false };
  if (isSmallCount(count, k)) return hiddenSmall(k);
  const published = count + perturbationAt(cellKey);
  return published < k ? hiddenSmall(k) : { value: published, display: String(published), suppressed: false };
}

/** With differential privacy: see `noisyCountAt`. Thresholds are decided on the noisy count, never the exact one. */
export function protectNoisyCount(noisy: number, k: number): ProtectedCount {
  assertValidK(k);
  if (noisy <= 0) return { value: 0, display: '0', suppressed: false };
  return noisy < k ? hiddenSmall(k) : { value: noisy, display: String(noisy), suppressed: false };
}

function hiddenSmall(k: number): ProtectedCount {
  return { value: null, display: `<${k}`, suppressed: true };
}

/**
 * A discrete Laplace (two-sided geometric) noise of scale sensitivity/ε drawn at two
 * uniforms, by inversion: the differential privacy mode's counterpart of the
 * perturbation table. The uniforms come from the cell key (and its cell), so a cell is
 * drawn once per release and re-reading it draws nothing new.
 */
export function discreteLaplaceAt(first: number, second: number, epsilon: number, sensitivity = 1): number {
  if (!Number.isFinite(epsilon) || epsilon <= 0)
    throw new DisclosureConfigError(`epsilon must be a finite number > 0, got ${epsilon}`);
  const scale = sensitivity / epsilon;
  const geometric = (uniform: number) => Math.floor(-Math.log(1 - uniform) * scale);
  return geometric(first) - geometric(second);
}
