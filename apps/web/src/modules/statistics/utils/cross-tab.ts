import type { PublishedFigure, PublishedStatisticsTable } from '@haven/contracts';

/** One row of the published table: a group (or a total), with its figure in each period. */
export interface CrossTabRow {
  id: string;
  kind: 'cell' | 'total' | 'population';
  /** The row's value of each dimension after `period`; null = all values of that dimension. */
  values: (string | null)[];
  byPeriod: Map<string, PublishedFigure>;
}

/**
 * Lays the published figures out with one column per period and one row per group, totals after the groups.
 * Nothing is added, summed or recomputed here: every figure shown is one the API published.
 */
export function crossTab(table: PublishedStatisticsTable): CrossTabRow[] {
  const rows = new Map<string, CrossTabRow>();
  const add = (figures: PublishedFigure[], kind: CrossTabRow['kind']) => {
    for (const figure of figures) {
      const [period, ...values] = figure.key;
      if (period === null || period === undefined) continue;
      const id = `${kind === 'population' ? 'population' : 'figure'}:${JSON.stringify(values)}`;
      let row = rows.get(id);
      if (!row) {
        row = { id, kind, values, byPeriod: new Map() };
        rows.set(id, row);
      }
      // A table broken down by period only publishes the same figure as a cell and as a total: shown once.
      if (!row.byPeriod.has(period)) row.byPeriod.set(period, figure);
    }
  };
  add(table.cells, 'cell');
  add(table.totals, 'total');
  add(table.population, 'population');
  return [...rows.values()];
}

/** A group with no one in any period (every figure shown as zero): listed in the files, left out on screen. */
export function isEmptyRow(row: CrossTabRow): boolean {
  return row.kind === 'cell' && [...row.byPeriod.values()].every((figure) => !figure.suppressed && figure.value === 0);
}

/** The values of a dimension in the order the catalogue gives, limited to those the table published. */
export function valuesOf(table: PublishedStatisticsTable, position: number): string[] {
  const seen: string[] = [];
  for (const cell of table.cells) {
    const value = cell.key[position];
    if (value !== null && value !== undefined && !seen.includes(value)) seen.push(value);
  }
  return seen;
}

/** The newest period with at least one figure shown; null when everything is hidden. */
export function latestShownPeriod(table: PublishedStatisticsTable): string | null {
  for (const period of [...table.periods].reverse()) {
    if (table.withheldPeriods.includes(period)) continue;
    if (table.cells.some((cell) => cell.key[0] === period && (cell.value ?? 0) > 0)) return period;
  }
  return null;
}
