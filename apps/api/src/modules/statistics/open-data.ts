import {
  DEFAULT_K,
  kAnonymise,
  majorityStatusOf,
  widerAgeBandOf,
  type KAnonymityReport,
  type QuasiIdentifier,
} from '@haven/disclosure';
import { regionOf } from './regions.js';
import { UNKNOWN_NATIONALITY } from './statistics-catalogue.js';

/**
 * The record-level open-data export (docs/architecture.md, "Open data"): one record per
 * person with a statistics consent, with only the fields the global counter-trafficking
 * data hub publishes of the HTCDS and Haven holds, years not dates, made k-anonymous.
 * An empty value means "not known or not published".
 */
export const OPEN_DATA_FIELDS = [
  'yearOfRegistration',
  'gender',
  'ageBroad',
  'majorityStatus',
  'citizenship',
  'isForcedLabour',
  'isSexualExploit',
  'isOtherExploit',
] as const;
export type OpenDataField = (typeof OPEN_DATA_FIELDS)[number];
export type OpenDataRecord = Record<OpenDataField, string>;

/** The threshold the hub uses for its open dataset, whatever the tables' k. */
export const OPEN_DATA_K = DEFAULT_K;
/**
 * Distinct combinations of the exploitation flags every group of records sharing the other
 * published values must show: with one, knowing a survivor's year, gender, age and
 * citizenship would tell her type of exploitation, however many share it.
 */
export const OPEN_DATA_L = 2;
/** The quasi-identifier that must stay diverse: what someone who knows a survivor must not learn. */
export const OPEN_DATA_SENSITIVE = 'exploitation';

/** What the projection holds about one person for the export (stats.case_row of her first case). */
export interface OpenDataSource {
  registeredMonth: string;
  sex: string;
  ageBand: string;
  nationality: string;
  exploitationTypes: string[];
}

/** HTCDS gender as the hub publishes it. */
const GENDER: Readonly<Record<string, string>> = {
  Feminine: 'Female',
  Masculine: 'Male',
  TransgenderFeminine: 'Transgender',
  TransgenderMasculine: 'Transgender',
  NonConforming: 'Other',
};
/** HTCDS types of exploitation under the hub's labour flag; sexual exploitation has its own, every other type is "other". */
const LABOUR = new Set(['ForcedLabour', 'ChildLabour', 'ForcedBegging']);

export function openDataRecordOf(source: OpenDataSource): OpenDataRecord {
  const types = source.exploitationTypes;
  const flag = (present: boolean) => (types.length === 0 ? '' : present ? '1' : '0');
  const ageBroad = source.ageBand === 'unknown' ? '' : source.ageBand;
  return {
    yearOfRegistration: source.registeredMonth.slice(0, 4),
    gender: GENDER[source.sex] ?? '',
    ageBroad,
    majorityStatus: majorityStatusOf(ageBroad),
    citizenship: source.nationality === UNKNOWN_NATIONALITY ? '' : source.nationality,
    isForcedLabour: flag(types.some((type) => LABOUR.has(type))),
    isSexualExploit: flag(types.includes('SexualExploitation')),
    isOtherExploit: flag(types.some((type) => !LABOUR.has(type) && type !== 'SexualExploitation')),
  };
}

const notPublished = (count: number) => () => Array<string>(count).fill('');

/**
 * Every published field is a quasi-identifier: someone who knows a survivor could know
 * any of them. Ladders, each step computed from the original values; their order is the
 * tie-break of kAnonymise (libs/disclosure).
 */
export const OPEN_DATA_QUASI_IDENTIFIERS: readonly QuasiIdentifier[] = [
  {
    name: 'age',
    fields: ['ageBroad', 'majorityStatus'],
    label: 'age band (0-8, 9-17, 18-20, 21-23, 24-26, 27-29, 30-38, 39-47, 48+) and majority status',
    steps: [
      {
        label: 'wider age band (0-17, 18-29, 30+) and majority status',
        apply: ([band, majority]) => [widerAgeBandOf(band!), majority!],
      },
      { label: 'majority status only', apply: ([, majority]) => ['', majority!] },
      { label: 'not published', apply: notPublished(2) },
    ],
  },
  {
    name: 'citizenship',
    fields: ['citizenship'],
    label: 'country (ISO 3166-1 alpha-2)',
    steps: [
      { label: 'UN M49 region', apply: ([country]) => [country ? regionOf(country) : ''] },
      { label: 'not published', apply: notPublished(1) },
    ],
  },
  {
    name: 'gender',
    fields: ['gender'],
    label: 'gender',
    steps: [
      { label: 'Female and Male only', apply: ([gender]) => [gender === 'Female' || gender === 'Male' ? gender : ''] },
      { label: 'not published', apply: notPublished(1) },
    ],
  },
  // Each year is made k-anonymous on its own records (openDataOfRelease): within them the year is one value, which no
  // step could make more common, so it is published as it is.
  { name: 'year', fields: ['yearOfRegistration'], label: 'year', steps: [] },
  {
    name: 'exploitation',
    fields: ['isForcedLabour', 'isSexualExploit', 'isOtherExploit'],
    label: 'type of exploitation flags',
    steps: [{ label: 'not published', apply: notPublished(3) }],
  },
];

export interface OpenDataExport {
  records: OpenDataRecord[];
  report: KAnonymityReport;
}

/** One year's records as first published: computed once, then carried unchanged by every later release. */
export interface OpenDataYear {
  year: string;
  /** The cut of the release that computed it (ISO timestamp). */
  firstPublished: string;
  report: KAnonymityReport;
}

/** The file of one release: every year it publishes, and the records of all of them. */
export interface OpenDataFile {
  records: OpenDataRecord[];
  years: OpenDataYear[];
}

/**
 * The export of one year: that year's people only, k-anonymous and l-diverse on their own,
 * in a fixed order (so the file says nothing of who was registered when).
 */
export function buildOpenData(sources: readonly OpenDataSource[]): OpenDataExport {
  const { records, report } = kAnonymise(sources.map(openDataRecordOf), OPEN_DATA_QUASI_IDENTIFIERS, {
    k: OPEN_DATA_K,
    diversity: { quasiIdentifier: OPEN_DATA_SENSITIVE, l: OPEN_DATA_L },
  });
  return { records: [...records].sort(compareRecords), report };
}

/**
 * The file of a release cut at `cutAt` (docs/architecture.md, "Open data"): each
 * registration year is published once. A year the previous file holds is copied from it,
 * records and report unchanged, whoever was added, withdrew a consent or was corrected
 * since; a year it does not hold (ended since, or with nobody in it before) is computed
 * from `people` of that year alone. So two releases' files differ only by whole years, each
 * k-anonymous on its own: subtracting one from the other yields no class under k.
 */
export function openDataOfRelease(
  previous: OpenDataFile | null,
  people: readonly OpenDataSource[],
  cutAt: string,
): OpenDataFile {
  const frozen = new Set(previous?.years.map((year) => year.year) ?? []);
  const byYear = new Map<string, OpenDataSource[]>();
  for (const person of people) {
    const year = person.registeredMonth.slice(0, 4);
    if (frozen.has(year)) continue;
    const group = byYear.get(year) ?? [];
    group.push(person);
    byYear.set(year, group);
  }
  const records = [...(previous?.records ?? [])];
  const years = [...(previous?.years ?? [])];
  for (const [year, group] of byYear) {
    const computed = buildOpenData(group);
    records.push(...computed.records);
    years.push({ year, firstPublished: cutAt, report: computed.report });
  }
  return {
    records: records.sort(compareRecords),
    years: years.sort((a, b) => (a.year < b.year ? -1 : a.year > b.year ? 1 : 0)),
  };
}

/** A stored file read back (its rows are arrays in the order of its columns). */
export function openDataFileOf(stored: {
  fields: readonly string[];
  records: readonly (readonly string[])[];
  report: { byYear: readonly OpenDataYear[] };
}): OpenDataFile {
  return {
    records: stored.records.map(
      (row) => Object.fromEntries(stored.fields.map((field, index) => [field, row[index] ?? ''])) as OpenDataRecord,
    ),
    years: [...stored.report.byYear],
  };
}

function compareRecords(a: OpenDataRecord, b: OpenDataRecord): number {
  for (const field of OPEN_DATA_FIELDS) {
    if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
  }
  return 0;
}
