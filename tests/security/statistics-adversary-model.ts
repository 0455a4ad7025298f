import type { Linkage, Observation } from './statistics-adversary.js';

/**
 * The attacker's model of everything a manager and a supervisor can read — every table
 * and the indicator report, every published scope (all organisations and each alone), by
 * month, quarter and year — with one unknown per published figure and every relation
 * that holds by construction: organisations add up to all of them; a cohort's months to
 * its quarter and its quarters to its year; one-value lines to their totals; tables over
 * the same people share their grand totals and their people. Where one person can be in
 * several months or values, each part ≤ the whole ≤ the sum of the parts. A relation the
 * true counts happen to break is left out (and counted in `dropped`), never assumed.
 *
 * Shared by the security test (a generated year) and `npm run bench:adversary` (five
 * years at benchmark size); it only names figures, so it needs nothing of the API.
 */

/** What the model needs of a table's definition (statistics-catalogue.ts). */
export interface ModelTable {
  code: string;
  source: string;
  onePeriodPerPerson: boolean;
  dimensions: readonly { values: readonly string[]; multiple: boolean }[];
}

export interface PublishedModelInput {
  /**
   * Every published figure, keyed `scope|table|granularity|kind|period|values…` (kind:
   * cell, total or people) or `scope|indicators|granularity|indicator|period`; figures
   * of periods the release holds nothing for (`[x]`) left out.
   */
  published: Map<string, { display: string; value: number | null }>;
  /** The true count of every key (known to the test, not to the attacker). */
  truthOf: Map<string, number>;
  tables: readonly ModelTable[];
  indicators: readonly { code: string }[];
  /** The scope of all organisations together, then each organisation's. */
  allScope: string;
  organisations: string[];
  /** Every month covered, `YYYY-MM`, in order. */
  months: string[];
}

export interface PublishedModel {
  observations: Observation[];
  linkages: Linkage[];
  truth: number[];
  keys: string[];
  /** Keys without a true count (must be none). */
  missingTruth: string[];
  /** Relations the true counts break, left out (must be none). */
  dropped: number;
}

export function publishedModel(input: PublishedModelInput): PublishedModel {
  const { published, truthOf, allScope, organisations, months } = input;
  const scopes = [allScope, ...organisations];
  const granularities = ['month', 'quarter', 'year'] as const;
  const keys = [...published.keys()];
  const index = new Map(keys.map((key, position) => [key, position]));
  const truth = keys.map((key) => truthOf.get(key) ?? Number.NaN);
  const missingTruth = keys.filter((_, position) => Number.isNaN(truth[position]!));
  const observations: Observation[] = keys.map((key, position) => ({
    label: key,
    atoms: [position],
    display: published.get(key)!.display,
    value: published.get(key)!.value,
  }));
  const linkages: Linkage[] = [];
  let dropped = 0;
  const relate = (label: string, whole: string, parts: string[], additive: boolean) => {
    const [w, p] = [index.get(whole), parts.map((part) => index.get(part))];
    if (w === undefined || p.some((part) => part === undefined) || p.length === 0) return;
    const partIndexes = p as number[];
    const sum = partIndexes.reduce((total, part) => total + truth[part]!, 0);
    if (additive && sum === truth[w]) return void linkages.push({ label, plus: [w], minus: partIndexes });
    if (partIndexes.every((part) => truth[part]! <= truth[w]!) && truth[w]! <= sum) {
      linkages.push({
        label: `${label} ≤ sum`,
        plus: [w],
        minus: partIndexes,
        lower: Number.NEGATIVE_INFINITY,
        upper: 0,
      });
      for (const part of partIndexes)
        linkages.push({
          label: `${label} ≥ part`,
          plus: [w],
          minus: [part],
          lower: 0,
          upper: Number.POSITIVE_INFINITY,
        });
    } else dropped += 1;
  };

  // The period tree: months → quarters → years, over the months covered.
  const years = [...new Set(months.map((month) => month.slice(0, 4)))];
  const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
  const quarters = [...new Set(months.map(quarterOf))];
  const periodsOf = { month: months, quarter: quarters, year: years };
  const subPeriods: [string, string, string[], string][] = [
    ...quarters.map((quarter): [string, string, string[], string] => [
      'quarter',
      quarter,
      months.filter((month) => quarterOf(month) === quarter),
      'month',
    ]),
    ...years.map((year): [string, string, string[], string] => [
      'year',
      year,
      months.filter((month) => month.startsWith(year)),
      'month',
    ]),
    ...years.map((year): [string, string, string[], string] => [
      'year',
      year,
      quarters.filter((quarter) => quarter.startsWith(year)),
      'quarter',
    ]),
  ];

  const byTable = new Map<string, string[]>();
  for (const key of keys) {
    const parts = key.split('|');
    const table = parts[1]!;
    if (!byTable.has(table)) byTable.set(table, []);
    byTable.get(table)!.push(key);
  }
  for (const definition of input.tables) {
    const code = definition.code;
    const tableKeys = byTable.get(code) ?? [];
    // The figures of one period (kind and values), from the first month published for all organisations.
    const sample = tableKeys.filter((key) => key.startsWith(`${allScope}|${code}|month|`)).map((key) => key.split('|'));
    const firstMonth = sample[0]?.[4];
    const shapes = sample.filter((parts) => parts[4] === firstMonth).map((parts) => [parts[3]!, ...parts.slice(5)]);
    for (const [kind, ...rest] of shapes) {
      const tail = (period: string) => [kind, period, ...rest].join('|');
      for (const scope of scopes) {
        // Periods: a cohort's months add up to its quarter and year; activity only bounds them.
        for (const [coarse, period, parts, fine] of subPeriods)
          relate(
            `${code} time`,
            `${scope}|${code}|${coarse}|${tail(period)}`,
            parts.map((part) => `${scope}|${code}|${fine}|${tail(part)}`),
            definition.onePeriodPerPerson,
          );
      }
      // Organisations add up to all of them.
      for (const granularity of granularities)
        for (const period of periodsOf[granularity])
          relate(
            `${code} organisations`,
            `${allScope}|${code}|${granularity}|${tail(period)}`,
            organisations.map((scope) => `${scope}|${code}|${granularity}|${tail(period)}`),
            true,
          );
    }
    // Lines to totals, one dimension at a time; people of a period at least its grand total when each person has one line.
    for (const key of tableKeys) {
      const [scope, , granularity, kind, period, ...values] = key.split('|');
      if (kind !== 'total') continue;
      values.forEach((value, position) => {
        if (value !== '') return;
        const dimension = definition.dimensions[position]!;
        const parts = dimension.values.map((line) => {
          const filled = values.map((other, at) => (at === position ? line : other));
          return `${scope}|${code}|${granularity}|${filled.every((entry) => entry !== '') ? 'cell' : 'total'}|${[period, ...filled].join('|')}`;
        });
        relate(`${code} lines`, key, parts, !dimension.multiple);
      });
      if (values.every((value) => value === '') && definition.dimensions.every((dimension) => !dimension.multiple)) {
        const people = index.get(`${scope}|${code}|${granularity}|people|${period}`);
        if (people !== undefined && truth[people]! >= truth[index.get(key)!]!)
          linkages.push({
            label: `${code} people ≥ total`,
            plus: [people],
            minus: [index.get(key)!],
            lower: 0,
            upper: Number.POSITIVE_INFINITY,
          });
      }
    }
  }
  // Tables over the same people: their grand totals and their people are the same.
  const bySource = new Map<string, ModelTable[]>();
  for (const definition of input.tables)
    if (definition.dimensions.every((dimension) => !dimension.multiple))
      bySource.set(definition.source, [...(bySource.get(definition.source) ?? []), definition]);
  for (const [first, ...others] of bySource.values()) {
    for (const key of byTable.get(first!.code) ?? []) {
      const [scope, , granularity, kind, period, ...values] = key.split('|');
      if (kind !== 'people' && !(kind === 'total' && values.every((value) => value === ''))) continue;
      for (const other of others)
        relate(
          `${first!.code} = ${other.code}`,
          key,
          [
            `${scope}|${other.code}|${granularity}|${kind}|${period}${kind === 'total' ? '|'.repeat(other.dimensions.length) : ''}`,
          ],
          true,
        );
    }
  }
  // The indicators: organisations add up to all; each period's people bound by its months'.
  for (const indicator of input.indicators) {
    for (const granularity of granularities)
      for (const period of periodsOf[granularity])
        relate(
          `${indicator.code} organisations`,
          `${allScope}|indicators|${granularity}|${indicator.code}|${period}`,
          organisations.map((scope) => `${scope}|indicators|${granularity}|${indicator.code}|${period}`),
          true,
        );
    for (const scope of scopes)
      for (const [coarse, period, parts, fine] of subPeriods)
        relate(
          `${indicator.code} time`,
          `${scope}|indicators|${coarse}|${indicator.code}|${period}`,
          parts.map((part) => `${scope}|indicators|${fine}|${indicator.code}|${part}`),
          false,
        );
  }
  return { observations, linkages, truth, keys, missingTruth, dropped };
}
