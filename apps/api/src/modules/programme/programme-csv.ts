import { REACH_AGE_BANDS, REACH_SEXES, type ProgrammeRegister, type ReachCell } from '@haven/contracts';
import { parseCsv } from '../../core/http/csv.js';

/**
 * How a register's records are written in a spreadsheet (docs/architecture.md, "Programme
 * registers"): one row per record with a column per field, named as in the contract. People
 * reached take one column per sex and age band (`reach.female.under18`); a capacity-building
 * event takes one row per institution that took part (`institution`, `institutionCountry`,
 * `women`, `men`), rows with the same event columns making one event. Booleans are
 * `yes`/`no`; numbers are plain digits.
 */

/** A row of the file as text, with its line number (the header is line 1). */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/** The fields a row (or rows) yields before the contract checks them, with the lines they came from. */
export interface ImportCandidate {
  lines: number[];
  fields: Record<string, unknown>;
  /** Capacity-building events: the institutions named by name and country, resolved by the service. */
  institutions?: { line: number; name: string; country: string; women: unknown; men: unknown }[];
}

export const REACH_COLUMNS = REACH_SEXES.flatMap((sex) => REACH_AGE_BANDS.map((band) => `reach.${sex}.${band}`));

const EVENT_COLUMNS = ['topic', 'startsOn', 'endsOn', 'country', 'area', 'format'] as const;
const COLUMNS: Record<ProgrammeRegister, readonly string[]> = {
  campaigns: [
    'title',
    'startsOn',
    'endsOn',
    'country',
    'area',
    'channel',
    'targetGroup',
    'method',
    'source',
    ...REACH_COLUMNS,
  ],
  institutions: ['name', 'sector', 'organisationType', 'country'],
  'capacity-events': [...EVENT_COLUMNS, 'institution', 'institutionCountry', 'women', 'men'],
  'diaspora-projects': [
    'title',
    'startsOn',
    'endsOn',
    'sector',
    'country',
    'area',
    'diasporaPromoters',
    'promotersResidence',
    'investment',
    'currency',
    'jobsCreated',
    'returneesInvolved',
  ],
};
const NUMBERS = new Set(['investment', 'jobsCreated', 'women', 'men']);
const BOOLEANS = new Set(['diasporaPromoters', 'returneesInvolved']);

export function columnsOf(register: ProgrammeRegister): readonly string[] {
  return COLUMNS[register];
}

/** The file's rows (comma- or semicolon-separated, as spreadsheets save them), blank lines left out. */
export function readCsv(text: string): { header: string[]; rows: CsvRow[] } {
  const records = parseCsv(text).filter((cells) => cells.some((cell) => cell.trim() !== ''));
  const [header = [], ...body] = records.map((cells) => cells.map((cell) => cell.trim()));
  return {
    header,
    rows: body.map((values, index) => ({
      line: index + 2,
      cells: Object.fromEntries(header.map((column, position) => [column, values[position] ?? ''])),
    })),
  };
}

/** A cell as the contract expects it: numbers and booleans converted, empty cells left out. */
function valueOf(column: string, cell: string): unknown {
  if (cell === '') return undefined;
  if (NUMBERS.has(column) || column.startsWith('reach.')) return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
  if (BOOLEANS.has(column)) {
    const answer = cell.toLowerCase();
    return answer === 'yes' || answer === 'true' ? true : answer === 'no' || answer === 'false' ? false : cell;
  }
  return cell;
}

function plainFields(register: ProgrammeRegister, row: CsvRow): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const reach: ReachCell[] = [];
  for (const column of COLUMNS[register]) {
    const value = valueOf(column, row.cells[column] ?? '');
    if (value === undefined) continue;
    if (column.startsWith('reach.')) {
      const [, sex, ageBand] = column.split('.') as [string, ReachCell['sex'], ReachCell['ageBand']];
      reach.push({ sex, ageBand, people: value as number });
    } else fields[column] = value;
  }
  if (register === 'campaigns') fields.reach = reach;
  return fields;
}

/** The records a file describes, in file order. */
export function candidatesOf(register: ProgrammeRegister, rows: CsvRow[]): ImportCandidate[] {
  if (register !== 'capacity-events')
    return rows.map((row) => ({ lines: [row.line], fields: plainFields(register, row) }));
  const events = new Map<string, ImportCandidate>();
  for (const row of rows) {
    const key = EVENT_COLUMNS.map((column) => row.cells[column] ?? '').join('\u0000');
    const event = events.get(key) ?? { lines: [], fields: plainFields(register, row), institutions: [] };
    event.lines.push(row.line);
    event.institutions!.push({
      line: row.line,
      name: row.cells.institution ?? '',
      country: (row.cells.institutionCountry ?? '').toUpperCase(),
      women: valueOf('women', row.cells.women ?? '') ?? 0,
      men: valueOf('men', row.cells.men ?? '') ?? 0,
    });
    delete event.fields.institution;
    delete event.fields.institutionCountry;
    delete event.fields.women;
    delete event.fields.men;
    events.set(key, event);
  }
  return [...events.values()];
}
