import { createHash } from 'node:crypto';
import { cellKeyOf, discreteLaplaceAt, protectCount, protectNoisyCount, type ProtectedCount } from '@haven/disclosure';
import type { PublishedFigure, StatisticsGranularity } from '@haven/contracts';
import type { IndicatorDefinition, TableDefinition } from './statistics-catalogue.js';
import type { KeyedCount } from './statistics-release.repository.js';

/**
 * How counted groups become the figures a release stores (pure; the repository counts,
 * statistics-releases.service.ts schedules and stores). Every figure — a cell, a margin,
 * a period's people, an indicator — is the protected count of one set of people, and
 * depends on nothing but that set (its size and its cell key): the same people get the
 * same figure in every table, scope, format and request. Nothing is suppressed to
 * protect something else, so there is no `[c]`; totals are perturbed on their own and
 * need not equal the sum of their lines (stated in the page and the files).
 */

/** The subject under which the indicator report is stored. */
export const INDICATOR_SUBJECT = 'indicators';
/** The scope of the managers' organisations together. */
export const ALL_SCOPE = 'all';

/** One release's slice of a table: one scope, granularity and period. */
export interface TableSlice {
  cells: PublishedFigure[];
  totals: PublishedFigure[];
  population: PublishedFigure[];
}

/** One release's slice of the indicator report: one figure per indicator. */
export type IndicatorSlice = Record<string, PublishedFigure>;

/** Turns a count and its cell key into a published figure: the perturbation table, or noise with differential privacy on. */
export type Protect = (count: number, keySum: string, cell: string) => ProtectedCount;

/** The cell key method (libs/disclosure/src/cell-key.ts). */
export function cellKeyProtection(k: number): Protect {
  return (count, keySum) => protectCount(count, cellKeyOf(keySum), k);
}

/**
 * Differential privacy: discrete Laplace noise of scale 1/ε per figure, drawn at
 * uniforms hashed from the cell key — the same people give the same draw, so a figure
 * is drawn once per release and re-reading it costs nothing — and, for an empty group
 * (whose key is always 0), from the cell's name, so empty cells do not all share one draw.
 * Thresholds (`<k`, 0) are decided on the noisy count.
 */
export function noiseProtection(k: number, epsilonPerFigure: number, secret: string): Protect {
  return (count, keySum, cell) => {
    const digest = createHash('sha256')
      .update(`${secret}|${keySum}|${count}|${count === 0 ? cell : ''}`)
      .digest();
    const uniform = (offset: number) => Number(digest.readBigUInt64BE(offset) >> 11n) / 2 ** 53;
    return protectNoisyCount(count + discreteLaplaceAt(uniform(0), uniform(8), epsilonPerFigure), k);
  };
}

/** Every combination of the dimensions' values with each dimension's total after its values (null), last dimension fastest. */
function keysOf(definition: TableDefinition): (string | null)[][] {
  return definition.dimensions.reduce<(string | null)[][]>(
    (keys, dimension) => keys.flatMap((key) => [...dimension.values, null].map((value) => [...key, value])),
    [[]],
  );
}

const figureOf = (key: (string | null)[], protectedCount: ProtectedCount): PublishedFigure => ({
  key,
  ...protectedCount,
});

/** A table's slice for one scope and period, from the groups counted for them (missing groups are empty). */
export function tableSlice(
  definition: TableDefinition,
  period: string,
  groups: KeyedCount[],
  protect: Protect,
  scope: string,
): TableSlice {
  const byKey = new Map(groups.map((group) => [JSON.stringify(group.values), group]));
  const slice: TableSlice = { cells: [], totals: [], population: [] };
  const figures = new Map<string, PublishedFigure>();
  for (const values of keysOf(definition)) {
    if (definition.dimensions.length === 0 && values.length === 0) {
      // A table broken down by period only: its one figure per period is a cell.
      const group = byKey.get('[]');
      slice.cells.push(
        figureOf([period], protect(group?.count ?? 0, group?.keySum ?? '0', `${scope}|${definition.code}|${period}`)),
      );
      continue;
    }
    const group = byKey.get(JSON.stringify(values));
    const figure = figureOf(
      [period, ...values],
      protect(group?.count ?? 0, group?.keySum ?? '0', `${scope}|${definition.code}|${period}|${values.join(',')}`),
    );
    figures.set(JSON.stringify(values), figure);
    (values.every((value) => value !== null) ? slice.cells : slice.totals).push(figure);
  }
  if (definition.percentages) {
    const basis = definition.percentages;
    const index =
      basis.of === 'dimensionTotal'
        ? definition.dimensions.findIndex((dimension) => dimension.dimension === basis.dimension)
        : -1;
    for (const [values, figure] of figures) {
      const parsed = JSON.parse(values) as (string | null)[];
      const denominator = figures.get(
        JSON.stringify(
          index === -1 ? parsed.map(() => null) : parsed.map((value, at) => (at === index ? null : value)),
        ),
      );
      Object.assign(figure, { percentage: percentageOf(figure.value, denominator?.value ?? null) });
    }
  }
  if (definition.dimensions.length > 0) {
    const everyone = byKey.get(JSON.stringify(definition.dimensions.map(() => null)));
    slice.population.push(
      figureOf(
        [period, ...definition.dimensions.map(() => null)],
        protect(
          everyone?.populationCount ?? 0,
          everyone?.populationKeySum ?? '0',
          `${scope}|${definition.code}|${period}|population`,
        ),
      ),
    );
  }
  return slice;
}

/** The indicator report's slice for one scope and period. */
export function indicatorSlice(
  definitions: readonly IndicatorDefinition[],
  period: string,
  groups: (KeyedCount & { indicator: string })[],
  protect: Protect,
  scope: string,
): IndicatorSlice {
  const byIndicator = new Map(groups.map((group) => [group.indicator, group]));
  return Object.fromEntries(
    definitions.map((definition) => {
      const group = byIndicator.get(definition.code);
      return [
        definition.code,
        figureOf([period], protect(group?.count ?? 0, group?.keySum ?? '0', `${scope}|${definition.code}|${period}`)),
      ];
    }),
  );
}

/** Percent with one decimal from published figures only, so it reveals nothing they do not. */
function percentageOf(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return Math.round((numerator * 1000) / denominator) / 10;
}

const pad = (value: number) => String(value).padStart(2, '0');
export const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const monthAt = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
const MONTHS_PER: Record<StatisticsGranularity, number> = { month: 1, quarter: 3, year: 12 };

/** The first month of the period of this granularity that holds `month`. */
export function periodStart(month: string, granularity: StatisticsGranularity): string {
  const index = monthIndex(month);
  return monthAt(index - (index % MONTHS_PER[granularity]));
}

/** Calendar years a release covers: the current one and the four before (60 months, the most a request may span). */
export const RELEASE_YEARS = 5;
