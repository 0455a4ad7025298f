import { DEFAULT_K, assertPopulationThreshold, assertValidK, isSmallCount } from './cell-size.js';
import { type RandomSource, assertValidEpsilon, cryptoRandom, noisyCount } from './differential-privacy.js';
import { assertDimensions, assertPeriodValues } from './dimensions.js';
import { InvalidTableError } from './errors.js';
import { DEFAULT_ROUNDING_BASE, assertValidRoundingBase, roundToBase } from './rounding.js';
import { coordinatesOf, stridesOf, suppressTable, withMargins } from './suppression.js';

/** One dimension of a table and every value it can take, in display order. */
export interface DimensionInput {
  readonly name: string;
  readonly values: readonly string[];
}

/** Raw counts per combination of dimension values; combinations not listed count 0. */
export interface TableInput {
  readonly dimensions: readonly DimensionInput[];
  readonly counts: readonly { readonly key: readonly string[]; readonly count: number }[];
}

/**
 * What a percentage is a share of: everyone in the table, or the total over one
 * dimension (e.g. `{ of: 'dimensionTotal', dimension: 'sex' }` gives the split by sex
 * within each period).
 */
export type PercentageBasis = { readonly of: 'grandTotal' } | { readonly of: 'dimensionTotal'; readonly dimension: string };

/**
 * Noise for a differentially private release. The population threshold, suppression and
 * rounding then work on the noisy counts, so nothing published depends on an exact count.
 * The caller spends `epsilon` from its `EpsilonLedger` first.
 */
export interface NoiseOptions {
  readonly epsilon: number;
  /** How many cells one person can be counted in (see `sampleDiscreteLaplace`). Default 1. */
  readonly sensitivity?: number;
  readonly random?: RandomSource;
}

export interface PublishOptions {
  /** Minimum cell size; default 11, never below 5. */
  readonly k?: number;
  /** Published counts are rounded to a multiple of this; default 5, 1 for none, at most k. */
  readonly roundingBase?: number;
  readonly percentages?: PercentageBasis;
  /** Differential privacy: noise added to every cell before suppression and rounding. */
  readonly noise?: NoiseOptions;
}

/**
 * What a hidden figure holding 1…k−1 people shows: `<11` with the default k. The mark
 * says only what the rule already says (small groups are hidden); suppression.ts makes
 * sure nothing else published narrows it down to one value.
 */
export function smallCountDisplay(k: number): string {
  return `<${k}`;
}

/**
 * What a figure of k or more people shows when it is hidden only so that a small figure
 * cannot be worked out from it (complementary suppression): the "confidential" shorthand
 * of the UK Government Statistical Service, explained to readers as "hidden to protect a
 * small group".
 */
export const PROTECTED_DISPLAY = '[c]';

/**
 * What every figure of a period published with nothing in it shows (the API withholds a
 * period that covers too few people, or too few from one organisation): it says nothing
 * about the figure, not even whether it is small.
 */
export const WITHHELD_DISPLAY = '[x]';

/** One published figure. */
export interface PublishedEntry<Key> {
  /** One value per dimension, in the table's dimension order. */
  readonly key: Key;
  /** The published (rounded) count; null when suppressed. */
  readonly value: number | null;
  /**
   * Exactly what is shown: the rounded count, `<k` ({@link smallCountDisplay}) for a
   * hidden figure of 1…k−1 people, or {@link PROTECTED_DISPLAY} for one hidden to
   * protect such a figure.
   */
  readonly display: string;
  readonly suppressed: boolean;
  /**
   * Share of the basis in percent, one decimal, from published counts; null when the
   * numerator or the denominator is suppressed or the denominator is 0. Absent when the
   * table has no percentages.
   */
  readonly percentage?: number | null;
}

/** A cell: one value of every dimension. */
export type PublishedCell = PublishedEntry<readonly string[]>;

/** A total: `null` in the key stands for "all values" of that dimension; all-null is the grand total. */
export type PublishedTotal = PublishedEntry<readonly (string | null)[]>;

export interface PublishedTable {
  readonly dimensions: readonly string[];
  /** Every combination of values, in the order of the dimensions' values (last dimension fastest). */
  readonly cells: readonly PublishedCell[];
  /** Every marginal total, in the same order with each dimension's total after its values: the grand total is last. */
  readonly totals: readonly PublishedTotal[];
  readonly k: number;
  readonly roundingBase: number;
  readonly percentages: PercentageBasis | null;
  /** The epsilon this release spent when noise was added, null without noise. */
  readonly epsilon: number | null;
}

/**
 * The one way a statistics table leaves the API: validate the table against the fixed
 * dimensions and the dimension cap, add noise if asked, refuse it when it covers 1…k−1
 * people (or when a small count in it cannot be protected: `UnprotectableTableError`),
 * suppress small counts (shown `<k`) and the entries that would reveal them (shown
 * `[c]`), round what is published, and compute percentages from the published figures only.
 */
export function publishTable(input: TableInput, options: PublishOptions = {}): PublishedTable {
  const k = options.k ?? DEFAULT_K;
  const roundingBase = options.roundingBase ?? DEFAULT_ROUNDING_BASE;
  assertValidK(k);
  assertValidRoundingBase(roundingBase, k);
  if (options.noise) assertValidEpsilon(options.noise.epsilon);

  const dimensions = input.dimensions.map((dimension) => dimension.name);
  assertDimensions(dimensions);
  const sizes = input.dimensions.map(validValues);
  const period = input.dimensions.find((dimension) => dimension.name === 'period');
  if (period) assertPeriodValues(period.values);
  const percentageDimension = percentageDimensionOf(options.percentages, dimensions);

  let cells = cellCounts(input);
  if (options.noise) {
    const { epsilon, random = cryptoRandom, sensitivity = 1 } = options.noise;
    cells = cells.map((count) => noisyCount(count, epsilon, random, sensitivity));
  }
  const table = withMargins(sizes, cells);
  const { entries } = table;
  const grandTotal = entries.length - 1;
  assertPopulationThreshold(entries[grandTotal]!, k);

  const hidden = suppressTable(table, k);
  const published = entries.map((value, entry) => (hidden[entry] ? null : roundToBase(value, roundingBase)));

  // The denominator of an entry: the grand total, or the same entry with the basis dimension moved to its total.
  const strides = stridesOf(sizes);
  const denominatorOf = (entry: number, coordinates: readonly number[]): number =>
    percentageDimension === null
      ? grandTotal
      : entry + (sizes[percentageDimension]! - coordinates[percentageDimension]!) * strides[percentageDimension]!;

  const publishedCells: PublishedCell[] = [];
  const publishedTotals: PublishedTotal[] = [];
  entries.forEach((_, entry) => {
    const coordinates = coordinatesOf(entry, sizes);
    const key = coordinates.map((index, a) => (index === sizes[a] ? null : input.dimensions[a]!.values[index]!));
    const value = published[entry]!;
    const figure: PublishedEntry<readonly (string | null)[]> = {
      key,
      value,
      display: value !== null ? String(value) : isSmallCount(entries[entry]!, k) ? smallCountDisplay(k) : PROTECTED_DISPLAY,
      suppressed: value === null,
      ...(options.percentages ? { percentage: percentageOf(value, published[denominatorOf(entry, coordinates)]!) } : {}),
    };
    if (key.every((part) => part !== null)) publishedCells.push(figure as PublishedCell);
    else publishedTotals.push(figure);
  });

  return {
    dimensions,
    cells: publishedCells,
    totals: publishedTotals,
    k,
    roundingBase,
    percentages: options.percentages ?? null,
    epsilon: options.noise?.epsilon ?? null,
  };
}

/** Percent with one decimal from published figures only, so it reveals nothing they do not. */
function percentageOf(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return Math.round((numerator * 1000) / denominator) / 10;
}

function validValues(dimension: DimensionInput): number {
  if (dimension.values.length === 0) throw new InvalidTableError(`dimension "${dimension.name}" has no values`);
  if (new Set(dimension.values).size !== dimension.values.length) {
    throw new InvalidTableError(`dimension "${dimension.name}" lists a value twice`);
  }
  return dimension.values.length;
}

function percentageDimensionOf(basis: PercentageBasis | undefined, dimensions: readonly string[]): number | null {
  if (basis?.of !== 'dimensionTotal') return null;
  const index = dimensions.indexOf(basis.dimension);
  if (index < 0) throw new InvalidTableError(`percentages over "${basis.dimension}", which is not a dimension of the table`);
  return index;
}

/** The counts of every cell, row-major over the dimensions' values; unlisted combinations are 0. */
function cellCounts(input: TableInput): number[] {
  const positions = input.dimensions.map((dimension) => new Map(dimension.values.map((value, index) => [value, index])));
  const cells = new Array<number>(input.dimensions.reduce((product, dimension) => product * dimension.values.length, 1)).fill(0);
  const seen = new Set<number>();
  for (const { key, count } of input.counts) {
    if (key.length !== positions.length) throw new InvalidTableError(`key [${key.join(', ')}] does not have one value per dimension`);
    let cell = 0;
    key.forEach((value, a) => {
      const index = positions[a]!.get(value);
      if (index === undefined) throw new InvalidTableError(`"${value}" is not a value of dimension "${input.dimensions[a]!.name}"`);
      cell = cell * input.dimensions[a]!.values.length + index;
    });
    if (!Number.isInteger(count) || count < 0) throw new InvalidTableError(`count of [${key.join(', ')}] must be a whole number ≥ 0`);
    if (seen.has(cell)) throw new InvalidTableError(`key [${key.join(', ')}] is given twice`);
    seen.add(cell);
    cells[cell] = count;
  }
  return cells;
}
