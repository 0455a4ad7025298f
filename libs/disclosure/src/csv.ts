import type { PublishedEntry, PublishedTable } from './published-table.js';

/** Characters that make a spreadsheet read a cell as a formula or control input. */
const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/**
 * Makes a cell inert in spreadsheets (CSV/formula injection): a leading quote makes
 * Excel, LibreOffice and Sheets show the text instead of evaluating it. The first character
 * is compared in its compatibility form (NFKC), because spreadsheets in East Asian locales
 * read the full-width ＝ ＋ － ＠ (and the small forms ﹦ ﹢ ﹣ ﹫) as the ASCII ones.
 */
export function neutraliseCell(text: string): string {
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0x20).normalize('NFKC');
  return FORMULA_TRIGGERS.some((trigger) => first.startsWith(trigger)) ? `'${text}` : text;
}

export interface CsvRowsOptions {
  /** What a total shows in a dimension column; default `Total`. */
  readonly totalLabel?: string;
}

/**
 * The table exactly as published, one row per figure, ready for a CSV or XLSX writer
 * (which still does its own quoting): a header row, then every cell, then every total.
 * Columns: one per dimension, `count` (what is displayed, e.g. `25`, `<11`, `[x]`) and,
 * when the table has percentages, `percentage` (empty where none is published).
 */
export function toCsvRows(
  table: Pick<PublishedTable, 'dimensions' | 'cells' | 'totals' | 'percentages'>,
  options: CsvRowsOptions = {},
): string[][] {
  const totalLabel = options.totalLabel ?? 'Total';
  const withPercentages = table.percentages !== null;
  const header = [...table.dimensions, 'count', ...(withPercentages ? ['percentage'] : [])];
  const row = (figure: PublishedEntry<readonly (string | null)[]>): string[] => [
    ...figure.key.map((value) => value ?? totalLabel),
    figure.display,
    ...(withPercentages
      ? [figure.percentage === null || figure.percentage === undefined ? '' : String(figure.percentage)]
      : []),
  ];
  return [header, ...table.cells.map(row), ...table.totals.map(row)].map((cells) => cells.map(neutraliseCell));
}
