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
  {
    name: 'year',
    fields: ['yearOfRegistration'],
    label: 'year',
    steps: [
      { label: 'three-year span (e.g. 2022-2024)', apply: ([year]) => [spanOf(year!)] },
      { label: 'not published', apply: notPublished(1) },
    ],
  },
  {
    name: 'exploitation',
    fields: ['isForcedLabour', 'isSexualExploit', 'isOtherExploit'],
    label: 'type of exploitation flags',
    steps: [{ label: 'not published', apply: notPublished(3) }],
  },
];

/** A year's three-year span, on fixed boundaries (years divisible by 3 start one), so every record of a year gets the same span. */
function spanOf(year: string): string {
  const value = Number(year);
  if (!Number.isInteger(value)) return '';
  const start = value - (value % 3);
  return `${start}-${start + 2}`;
}

export interface OpenDataExport {
  records: OpenDataRecord[];
  report: KAnonymityReport;
}

/** The export of one release: the people's records, k-anonymous, in a fixed order (so the file says nothing of who was registered when). */
export function buildOpenData(sources: readonly OpenDataSource[]): OpenDataExport {
  const { records, report } = kAnonymise(sources.map(openDataRecordOf), OPEN_DATA_QUASI_IDENTIFIERS, {
    k: OPEN_DATA_K,
  });
  return { records: [...records].sort(compareRecords), report };
}

function compareRecords(a: OpenDataRecord, b: OpenDataRecord): number {
  for (const field of OPEN_DATA_FIELDS) {
    if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
  }
  return 0;
}
