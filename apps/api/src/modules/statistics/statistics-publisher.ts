import { assertPeriodValues } from '@haven/disclosure';
import type { StatisticsGranularity } from '@haven/contracts';
import { BadRequestError } from '../../core/errors/problem.js';

/**
 * The periods of a statistics request (pure): bounds on whole periods, at most
 * MAX_PERIODS, and what the repository counts for each. Publication itself is in
 * statistics-release.ts.
 */

export const MAX_PERIODS = 60;

export interface PeriodRange {
  from: string;
  to: string;
  granularity: StatisticsGranularity;
  /** The periods of the range, oldest first. */
  periods: string[];
}

const pad = (value: number) => String(value).padStart(2, '0');
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
const MONTHS_PER: Record<StatisticsGranularity, number> = { month: 1, quarter: 3, year: 12 };

/** The period a month falls in: `2026-03`, `2026-Q1` or `2026`. */
export function periodOfMonth(month: string, granularity: StatisticsGranularity): string {
  if (granularity === 'month') return month;
  if (granularity === 'year') return month.slice(0, 4);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The last month of a period. */
export function lastMonthOf(period: string): string {
  if (/^\d{4}$/.test(period)) return `${period}-12`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}-${pad(Number(quarter[2]) * 3)}`;
  return period;
}

/** The calendar year of a period: the unit of the privacy budget. */
export const yearOf = (period: string) => period.slice(0, 4);

/** The current month (UTC). */
export const monthOfDate = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;

/**
 * The periods of a request. Bounds must fall on the granularity's boundaries (a quarter
 * from its first month to its last), so no period is ever cut short; without bounds,
 * the last four quarters, twelve months or three years that have ended (open periods
 * are never published).
 */
export function periodRange(
  query: { from?: string; to?: string; granularity: StatisticsGranularity },
  today: Date,
): PeriodRange {
  const { granularity } = query;
  const size = MONTHS_PER[granularity];
  const current = monthIndex(monthOfDate(today));
  const defaultTo = current - (current % size) - 1;
  const toIndex = query.to ? monthIndex(query.to) : defaultTo;
  const fromIndex = query.from
    ? monthIndex(query.from)
    : toIndex - size * (granularity === 'year' ? 3 : granularity === 'quarter' ? 4 : 12) + 1;
  const errors = [];
  if (fromIndex % size !== 0)
    errors.push({
      field: 'from',
      message: `Start at the first month of a ${granularity} (e.g. ${monthOf(fromIndex - (fromIndex % size))})`,
    });
  if ((toIndex + 1) % size !== 0)
    errors.push({
      field: 'to',
      message: `End at the last month of a ${granularity} (e.g. ${monthOf(toIndex - (toIndex % size) + size - 1)})`,
    });
  if (toIndex < fromIndex) errors.push({ field: 'to', message: 'Must not be before from' });
  else if ((toIndex - fromIndex + 1) / size > MAX_PERIODS)
    errors.push({ field: 'to', message: `At most ${MAX_PERIODS} periods at once; choose a coarser granularity` });
  if (errors.length) throw new BadRequestError('The period range does not fit the granularity.', errors);
  const periods: string[] = [];
  for (let index = fromIndex; index <= toIndex; index += size) periods.push(periodOfMonth(monthOf(index), granularity));
  assertPeriodValues(periods);
  return { from: monthOf(fromIndex), to: monthOf(toIndex), granularity, periods };
}

/** What the repository counted for one period. All counts are distinct people. */
export interface PeriodCounts {
  /** People per combination of the table's values (besides the period), counted in breakdowns. */
  cells: { key: string[]; count: number }[];
  /** People counted anywhere in the period (breakdowns and totals). */
  population: number;
  /** People of each selected organisation counted in the period. */
  organisations: number[];
}

export interface TableCounts {
  periods: Map<string, PeriodCounts>;
  /** People counted anywhere in the whole request, once each. */
  population: number;
}

export interface IndicatorCounts {
  /** Per indicator, per period. */
  values: Map<string, Map<string, PeriodCounts>>;
  /** People counted in any indicator of the request, once each. */
  population: number;
}
