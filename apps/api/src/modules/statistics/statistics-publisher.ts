import {
  PROTECTED_DISPLAY,
  PopulationBelowThresholdError,
  UnprotectableTableError,
  WITHHELD_DISPLAY,
  assertDimensions,
  assertPeriodValues,
  assertPopulationThreshold,
  cryptoRandom,
  isSmallCount,
  publishTable,
  smallCountDisplay,
  type DimensionInput,
  type PercentageBasis,
  type PublishedCell,
  type PublishedTotal,
  type RandomSource,
} from '@haven/disclosure';
import type { PublishedFigure, StatisticsGranularity } from '@haven/contracts';
import { BadRequestError } from '../../core/errors/problem.js';
import type { IndicatorDefinition, TableDefinition } from './statistics-catalogue.js';

/**
 * How a statistics request becomes published figures (pure; the repository counts, the
 * service orchestrates). The controls of libs/disclosure apply to every figure; on top:
 *
 * **Each period is published on its own.** A table over a range is the list of its
 * periods, each put through `publishTable` alone, and no total across periods is
 * published. So the figures of a period are the same whatever range they are asked in,
 * and two overlapping ranges — say January–June and January–July, where July holds one
 * survivor — share identical figures and differ only by July's own, which are
 * controlled like any other: subtracting one request from another reveals nothing.
 *
 * **Every organisation of the selection must stand on its own.** A period is withheld
 * (every figure shown `[x]`) when one selected organisation contributes 1…k−1 people to
 * it: otherwise the selection with and without that organisation would differ by a group
 * too small to publish.
 *
 * **A selection covering 1…k−1 people is refused**, and a period with 1…k−1 people is
 * withheld, as `publishTable` refuses a table that small; so is a period whose table
 * `publishTable` cannot protect (`UnprotectableTableError`).
 *
 * **Marks.** Within a published period, a hidden figure shows `<k` when it holds 1…k−1
 * people and `[c]` when it is hidden to protect one (libs/disclosure). A withheld period
 * shows `[x]` everywhere: nothing, not even which figures are small, is said about it.
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
 * the last four quarters, twelve months or three years up to the current one.
 */
export function periodRange(query: { from?: string; to?: string; granularity: StatisticsGranularity }, today: Date): PeriodRange {
  const { granularity } = query;
  const size = MONTHS_PER[granularity];
  const current = monthIndex(monthOfDate(today));
  const defaultTo = current - (current % size) + size - 1;
  const toIndex = query.to ? monthIndex(query.to) : defaultTo;
  const fromIndex = query.from ? monthIndex(query.from) : toIndex - size * (granularity === 'year' ? 3 : granularity === 'quarter' ? 4 : 12) + 1;
  const errors = [];
  if (fromIndex % size !== 0) errors.push({ field: 'from', message: `Start at the first month of a ${granularity} (e.g. ${monthOf(fromIndex - (fromIndex % size))})` });
  if ((toIndex + 1) % size !== 0) errors.push({ field: 'to', message: `End at the last month of a ${granularity} (e.g. ${monthOf(toIndex - (toIndex % size) + size - 1)})` });
  if (toIndex < fromIndex) errors.push({ field: 'to', message: 'Must not be before from' });
  else if ((toIndex - fromIndex + 1) / size > MAX_PERIODS) errors.push({ field: 'to', message: `At most ${MAX_PERIODS} periods at once; choose a coarser granularity` });
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

export interface Controls {
  k: number;
  roundingBase: number;
  /** Differential privacy: the epsilon each period of the release may use, and the noise source. */
  noise?: { epsilonOf(period: string): number; random?: RandomSource };
}

export interface PublishedSlices {
  dimensions: string[];
  cells: PublishedCell[];
  totals: PublishedTotal[];
  population: PublishedFigure[];
  withheldPeriods: string[];
}

const EMPTY: PeriodCounts = { cells: [], population: 0, organisations: [] };

/** Refuses a request whose whole selection covers 1…k−1 people. */
export function assertSelectionPopulation(population: number, k: number): void {
  assertPopulationThreshold(population, k);
}

/** Withheld: too few people in the period, or too few from one of the organisations. */
function mustWithhold(counts: PeriodCounts, k: number): boolean {
  return isSmallCount(counts.population, k) || counts.organisations.some((count) => isSmallCount(count, k));
}

/** A hidden figure showing `display`: `<k`, `[c]` or, for a withheld period, `[x]`. */
function hidden<K>(entry: { key: K }, display: string, percentages: boolean): { key: K; value: null; display: string; suppressed: true; percentage?: null } {
  return { key: entry.key, value: null, display, suppressed: true, ...(percentages ? { percentage: null } : {}) };
}

/** How many cells one person can be counted in, within one period (the sensitivity of the noise). */
export function cellsPerPerson(definition: Pick<TableDefinition, 'dimensions'>): number {
  return definition.dimensions.reduce((product, dimension) => product * (dimension.multiple ? dimension.values.length : 1), 1);
}

/** One table, period by period (see the comment at the top). */
export function publishPeriods(definition: TableDefinition, range: PeriodRange, counts: TableCounts, controls: Controls): PublishedSlices {
  const dimensions = ['period', ...definition.dimensions.map((dimension) => dimension.dimension)];
  assertDimensions(dimensions);
  assertSelectionPopulation(counts.population, controls.k);
  const breakdown = definition.dimensions.length > 0;
  const withPercentages = definition.percentages !== null;
  const result: PublishedSlices = { dimensions, cells: [], totals: [], population: [], withheldPeriods: [] };

  for (const period of range.periods) {
    const slice = counts.periods.get(period) ?? EMPTY;
    const input = {
      dimensions: [{ name: 'period', values: [period] }, ...definition.dimensions.map((dimension): DimensionInput => ({ name: dimension.dimension, values: dimension.values }))],
      counts: slice.cells.filter((cell) => cell.count > 0).map((cell) => ({ key: [period, ...cell.key], count: cell.count })),
    };
    const epsilon = controls.noise?.epsilonOf(period);
    // With a breakdown, half the period's epsilon goes to the table and half to its population figure.
    const tableEpsilon = epsilon === undefined ? undefined : breakdown ? epsilon / 2 : epsilon;
    const options = {
      k: controls.k,
      roundingBase: controls.roundingBase,
      ...(definition.percentages ? { percentages: definition.percentages as PercentageBasis } : {}),
      ...(tableEpsilon !== undefined ? { noise: { epsilon: tableEpsilon, sensitivity: cellsPerPerson(definition), random: controls.noise?.random } } : {}),
    };
    let withheld = mustWithhold(slice, controls.k);
    let table: ReturnType<typeof publishTable> | null = null;
    if (!withheld) {
      try {
        table = publishTable(input, options);
      } catch (error) {
        if (!(error instanceof PopulationBelowThresholdError || error instanceof UnprotectableTableError)) throw error;
        withheld = true;
      }
    }
    if (withheld || !table) {
      // The shape of the table with nothing in it, every figure hidden.
      const shape = publishTable({ dimensions: input.dimensions, counts: [] }, { ...options, noise: undefined });
      table = {
        ...shape,
        cells: shape.cells.map((cell) => hidden(cell, WITHHELD_DISPLAY, withPercentages)),
        totals: shape.totals.map((total) => hidden(total, WITHHELD_DISPLAY, withPercentages)),
      };
      result.withheldPeriods.push(period);
    }
    result.cells.push(...table.cells);
    // The period dimension has one value: its "all periods" totals repeat the period's own.
    const periodTotals = table.totals.filter((total) => total.key[0] !== null);
    result.totals.push(...periodTotals);

    if (breakdown) {
      const key = [period, ...definition.dimensions.map(() => null)];
      const grandTotal = periodTotals.find((total) => total.key.slice(1).every((part) => part === null));
      // Everyone counted in a period that is not withheld is 0 or k and more: hidden with its grand total, it shows [c].
      result.population.push(
        withheld || !grandTotal
          ? hidden({ key }, WITHHELD_DISPLAY, false)
          : grandTotal.suppressed
            ? hidden({ key }, PROTECTED_DISPLAY, false)
            : publishCount(key, slice.population, controls, epsilon === undefined ? undefined : epsilon / 2),
      );
    }
  }
  return result;
}

/**
 * One count of a period, through `publishTable` like every other figure (a table of one
 * cell): noise when on, refused below k — then shown `<k` — and rounded.
 */
export function publishCount(key: (string | null)[], count: number, controls: Controls, epsilon?: number): PublishedFigure {
  const period = key[0]!;
  try {
    const table = publishTable(
      { dimensions: [{ name: 'period', values: [period] }], counts: [{ key: [period], count }] },
      {
        k: controls.k,
        roundingBase: controls.roundingBase,
        ...(epsilon !== undefined ? { noise: { epsilon, random: controls.noise?.random ?? cryptoRandom } } : {}),
      },
    );
    const { value, display, suppressed } = table.cells[0]!;
    return { key, value, display, suppressed };
  } catch (error) {
    if (error instanceof PopulationBelowThresholdError) return hidden({ key }, smallCountDisplay(controls.k), false);
    throw error;
  }
}

export interface IndicatorCounts {
  /** Per indicator, per period. */
  values: Map<string, Map<string, PeriodCounts>>;
  /** People counted in any indicator of the request, once each. */
  population: number;
}

export interface PublishedIndicators {
  indicators: { indicator: IndicatorDefinition; values: PublishedFigure[] }[];
  withheldPeriods: string[];
}

/** Indicators period by period, each value a one-figure table under the same controls. */
export function publishIndicators(definitions: readonly IndicatorDefinition[], range: PeriodRange, counts: IndicatorCounts, controls: Controls): PublishedIndicators {
  assertSelectionPopulation(counts.population, controls.k);
  const withheld = new Set<string>();
  const indicators = definitions.map((indicator) => ({
    indicator,
    values: range.periods.map((period): PublishedFigure => {
      const slice = counts.values.get(indicator.code)?.get(period) ?? EMPTY;
      if (mustWithhold(slice, controls.k)) {
        withheld.add(period);
        return hidden({ key: [period] }, WITHHELD_DISPLAY, false);
      }
      // Everyone of an indicator is in its one figure: the period's epsilon is shared among the indicators.
      const epsilon = controls.noise ? controls.noise.epsilonOf(period) / definitions.length : undefined;
      return publishCount([period], slice.population, controls, epsilon);
    }),
  }));
  return { indicators, withheldPeriods: range.periods.filter((period) => withheld.has(period)) };
}
