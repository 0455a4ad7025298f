import type { StatisticsGranularity } from '@haven/contracts';

/** A period the pickers offer: its label value, and the first and last month it covers (what the API takes). */
export interface PeriodOption {
  period: string;
  firstMonth: string;
  lastMonth: string;
}

const HOW_FAR_BACK: Record<StatisticsGranularity, number> = { month: 36, quarter: 20, year: 8 };

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The period a month falls in, spelled as the API spells it: `2026-03`, `2026-Q1` or `2026`. */
export function periodOf(month: string, granularity: StatisticsGranularity): string {
  if (granularity === 'month') return month;
  if (granularity === 'year') return month.slice(0, 4);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

export function firstMonthOf(month: string, granularity: StatisticsGranularity): string {
  if (granularity === 'month') return month;
  if (granularity === 'year') return `${month.slice(0, 4)}-01`;
  const index = monthIndex(month);
  return monthOf(index - (index % 3));
}

export function lastMonthOf(month: string, granularity: StatisticsGranularity): string {
  if (granularity === 'month') return month;
  if (granularity === 'year') return `${month.slice(0, 4)}-12`;
  const index = monthIndex(month);
  return monthOf(index - (index % 3) + 2);
}

/**
 * The periods offered, newest first, ending with the one that holds `latest` (today, or a later end already
 * chosen). The API takes longer ranges, but a few years back is what reports ask for.
 */
export function periodOptions(granularity: StatisticsGranularity, latest: string): PeriodOption[] {
  const step = granularity === 'month' ? 1 : granularity === 'quarter' ? 3 : 12;
  const end = monthIndex(firstMonthOf(latest, granularity));
  return Array.from({ length: HOW_FAR_BACK[granularity] }, (_, index) => {
    const first = monthOf(end - index * step);
    return { period: periodOf(first, granularity), firstMonth: first, lastMonth: lastMonthOf(first, granularity) };
  });
}

export function currentMonth(today: Date = new Date()): string {
  return `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`;
}

/** `2026-03` as "March 2026", `2026-Q1` as "Q1 2026" (through `quarterLabel`), `2026` as is. */
export function formatPeriod(
  period: string,
  language: string,
  quarterLabel: (year: string, quarter: string) => string,
): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return quarterLabel(quarter[1] as string, quarter[2] as string);
  if (/^\d{4}-\d{2}$/.test(period)) {
    const date = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1, 15));
    return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  return period;
}
