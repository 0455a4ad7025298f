import ExcelJS from 'exceljs';
import { neutraliseCell, toCsvRows } from '@haven/disclosure';
import {
  STATISTICS_TEXTS,
  statisticsValueLabel,
  type IndicatorReport,
  type PublishedStatisticsTable,
  type StatisticsLanguage,
} from '@haven/contracts';

/**
 * Published figures → the rows of a download. The rows are built from the published
 * response only (never from counts), so a CSV or XLSX holds exactly what the JSON shows;
 * every cell goes through `neutraliseCell` against formula injection.
 */

/** What a population row shows in the columns of the other dimensions. */
export const ALL_PEOPLE = 'All people';

/**
 * The table as rows: `toCsvRows` (header, cells, totals), then each period's people, then occupancy columns. Each
 * dimension's code column (a total's is `Total`, a population row's `All people`) has a label column beside it,
 * `<dimension>Label`, in the request's language: codes for machines, words for readers. The period is its own label.
 */
export function tableRows(table: PublishedStatisticsTable, language: StatisticsLanguage = 'en'): string[][] {
  const texts = STATISTICS_TEXTS[language];
  const [header, ...rows] = toCsvRows({
    dimensions: table.dimensions,
    cells: table.cells.map((cell) => ({ ...cell, key: cell.key as string[] })),
    totals: table.totals,
    percentages: table.percentages,
  });
  const withPercentages = table.percentages !== null;
  const labelled = table.dimensions.slice(1);
  const label = (dimension: string, code: string | null) =>
    code === null ? texts.total : statisticsValueLabel(texts, language, dimension, code);
  const spread = (row: string[], labels: string[]) => [
    row[0]!,
    ...labelled.flatMap((_, index) => [row[index + 1]!, neutraliseCell(labels[index]!)]),
    ...row.slice(table.dimensions.length),
  ];
  const keys = [...table.cells, ...table.totals].map((figure) => figure.key);
  const figures = rows.map((row, index) =>
    spread(
      row,
      labelled.map((dimension, position) => label(dimension, keys[index]![position + 1] ?? null)),
    ),
  );
  const population = table.population.map((figure) =>
    spread(
      [figure.key[0] ?? '', ...labelled.map(() => ALL_PEOPLE), figure.display, ...(withPercentages ? [''] : [])].map(
        neutraliseCell,
      ),
      labelled.map(() => texts.allPeople),
    ),
  );
  const labelledHeader = spread(
    header!,
    labelled.map((dimension) => `${dimension}Label`),
  );
  const all = [labelledHeader, ...figures, ...population];
  if (!table.occupancy) return all;
  const byPeriod = new Map(table.occupancy.map((entry) => [entry.period, entry]));
  return all.map((row, index) => {
    if (index === 0) return [...row, 'bedCapacity', 'occupancyRate'];
    const entry = byPeriod.get(row[0]!);
    return [
      ...row,
      entry ? String(entry.bedCapacity) : '',
      entry?.occupancyRate === null || !entry ? '' : String(entry.occupancyRate),
    ].map(neutraliseCell);
  });
}

/**
 * The indicator report as rows: one per indicator, its code, its title and its definition (in the report's
 * language) next to it, one column per period.
 */
export function indicatorRows(report: IndicatorReport): string[][] {
  return [
    ['indicator', 'indicatorLabel', 'definition', ...report.periods],
    ...report.indicators.map((entry) => [
      entry.indicator,
      entry.title,
      entry.definition,
      ...entry.values.map((figure) => figure.display),
    ]),
  ].map((row) => row.map(neutraliseCell));
}

/**
 * RFC 4180: fields with a comma, quote or line break are quoted; lines end with CRLF.
 * The notes (`about`: the release, the method, what totals mean) follow the figures
 * after an empty line, as label and text, so the file says what its figures are.
 */
export function toCsv(rows: string[][], about: [string, string][] = []): string {
  const field = (value: string) =>
    /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
  const notes = about.length
    ? [[], ...about.map(([label, text]) => [neutraliseCell(label), neutraliseCell(text)])]
    : [];
  return [...rows, ...notes].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** One sheet with exactly the rows of the CSV (as text, never as formulas), and one that says what they are. */
export async function toXlsx(rows: string[][], about: [string, string][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Haven';
  const data = workbook.addWorksheet('Statistics');
  for (const row of rows) data.addRow(row);
  data.getRow(1).font = { bold: true };
  const notes = workbook.addWorksheet('About');
  for (const [label, value] of about) notes.addRow([neutraliseCell(label), neutraliseCell(value)]);
  notes.getColumn(1).width = 28;
  notes.getColumn(2).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
