import { DimensionNotAllowedError, InvalidTableError, PeriodTooFineError, TooManyDimensionsError } from './errors.js';

/**
 * The only dimensions statistics may be broken down by (docs/architecture.md, rule 11). A fixed list,
 * because letting a caller choose any field is how tracker queries are built: a
 * breakdown by a rare enough attribute is a list of people.
 */
export const DIMENSIONS = [
  'period',
  'ageBand',
  'sex',
  'nationality',
  'region',
  'exploitationType',
  'assistanceType',
  'referralOutcome',
  'placementLengthBand',
  'trainingOutcome',
  'reintegrationScoreBand',
  'status',
] as const;
export type DimensionName = (typeof DIMENSIONS)[number];

/** More crossed dimensions make cells so small that nearly everything would be suppressed or singled out. */
export const MAX_DIMENSIONS = 3;

export function isDimensionName(name: string): name is DimensionName {
  return (DIMENSIONS as readonly string[]).includes(name);
}

/** Refuses an empty list, unknown names, a name given twice, and more than {@link MAX_DIMENSIONS}. */
export function assertDimensions(names: readonly string[]): asserts names is readonly DimensionName[] {
  if (names.length > MAX_DIMENSIONS) throw new TooManyDimensionsError(names.length, MAX_DIMENSIONS);
  if (names.length === 0) throw new InvalidTableError('a table needs at least one dimension');
  for (const name of names) {
    if (!isDimensionName(name)) throw new DimensionNotAllowedError(name);
  }
  if (new Set(names).size !== names.length) throw new InvalidTableError('a dimension is given twice');
}

/** A period is a year, a quarter or a month, never finer: a week or a day is close to one person's story. */
export const PERIOD_GRANULARITIES = ['year', 'quarter', 'month'] as const;
export type PeriodGranularity = (typeof PERIOD_GRANULARITIES)[number];

export function assertPeriodGranularity(granularity: string): asserts granularity is PeriodGranularity {
  if (!(PERIOD_GRANULARITIES as readonly string[]).includes(granularity)) throw new PeriodTooFineError(granularity);
}

const PERIOD_FORMATS: readonly [PeriodGranularity, RegExp][] = [
  ['year', /^\d{4}$/],
  ['quarter', /^\d{4}-Q[1-4]$/],
  ['month', /^\d{4}-(0[1-9]|1[0-2])$/],
];

/**
 * The granularity of a period value: `2026` (year), `2026-Q1` (quarter) or `2026-03`
 * (month). Anything else — a date, an ISO week, a timestamp — is refused, so a value
 * finer than a month can never reach a published table.
 */
export function periodGranularityOf(period: string): PeriodGranularity {
  for (const [granularity, format] of PERIOD_FORMATS) {
    if (format.test(period)) return granularity;
  }
  throw new PeriodTooFineError(period);
}

/**
 * Period values of one table must share one granularity: a year beside one of its own
 * months would let a reader subtract one from the other.
 */
export function assertPeriodValues(periods: readonly string[]): PeriodGranularity | undefined {
  const granularities = new Set(periods.map(periodGranularityOf));
  if (granularities.size > 1)
    throw new InvalidTableError('period values of one table must all be years, all quarters or all months');
  return granularities.values().next().value;
}
