import { AGE_BANDS, type DimensionName, type PercentageBasis } from '@haven/disclosure';
import {
  CASE_STATUSES,
  COUNTRY_CODES,
  EXPLOITATION_TYPES,
  GENDERS,
  SERVICE_TYPES,
  STATISTICS_TEXTS,
  TRAINING_OUTCOMES,
  type StatisticsIndicatorCode,
  type StatisticsTableCode,
} from '@haven/contracts';
import { REGIONS } from './regions.js';

/**
 * The fixed tables and indicators (docs/architecture.md, rule 11). Every figure counts people (cases),
 * never events: k is about how many people a figure describes, so ten services given to
 * one survivor must not pass for ten people.
 */

/** Coarse codes of the projection, also the values of their dimensions. */
export const NOT_RECORDED = 'NotRecorded';
export const EXPLOITATION_VALUES = [...EXPLOITATION_TYPES, NOT_RECORDED] as const;
export const REFERRAL_OUTCOMES = ['awaitingResponse', 'accepted', 'declined', 'completed', 'withdrawn'] as const;
export const RESPONSE_TIME_BANDS = ['within2Days', '3to7Days', '8to30Days', 'over30Days', 'noResponseYet'] as const;
export const PLACEMENT_LENGTH_BANDS = [
  'under1Month',
  '1to3Months',
  '3to6Months',
  '6to12Months',
  '12MonthsOrMore',
] as const;
export const TRAINING_COMPLETION = [
  'waitingList',
  'inTraining',
  'completedWithCertificate',
  'completedWithoutCertificate',
  'droppedOut',
] as const;
/** Mean of the economic, social and psychosocial sustainability scores (1–5) at a follow-up visit. */
export const SCORE_BANDS = ['1-1.9', '2-2.9', '3-3.9', '4-5'] as const;
/** A nationality code the code list does not know. */
export const UNKNOWN_NATIONALITY = 'unknown';
export const NATIONALITY_VALUES = [...COUNTRY_CODES, UNKNOWN_NATIONALITY] as const;

/**
 * Where a table's people come from, and which month puts them in a period. Each source
 * is a query over the `stats` projection (statistics.repository.ts) with these fields.
 */
export const FACT_SOURCES = {
  /** New cases (not received by transfer), by registration month. */
  cases: ['status', 'age_band', 'sex', 'region', 'nationality'],
  /** New cases by registration month, once per exploitation type (NotRecorded when none). */
  caseExploitation: ['exploitation_type'],
  /** People given a service, by the month it was given. */
  services: ['assistance_type'],
  /** People referred, by the month the referral was sent. */
  referrals: ['outcome', 'response_band'],
  /** People in a shelter on the census day (the 15th) of the period's last month. */
  occupancy: [],
  /** People whose shelter stay ended, by the month it ended. */
  placementEnded: ['length_band'],
  /** People enrolled in vocational training (waiting list included), by the month of enrolment. */
  enrolmentStarted: ['completion'],
  /** People with a recorded training outcome, by the month it was recorded. */
  enrolmentOutcome: ['outcome'],
  /** People visited after return with all three scores, by the band at their latest visit of the period. */
  followUp: ['score_band'],
} as const satisfies Record<string, readonly string[]>;
export type FactSource = keyof typeof FACT_SOURCES;

export interface TableDimension {
  readonly dimension: DimensionName;
  readonly values: readonly string[];
  /** The fact field holding the value. */
  readonly field: string;
  /** Whether one person can hold several values in one period (e.g. several exploitation types). */
  readonly multiple: boolean;
}

export interface TableDefinition {
  readonly code: StatisticsTableCode;
  readonly title: string;
  readonly description: string;
  readonly source: FactSource;
  /** The dimensions besides `period`, which every table has first. */
  readonly dimensions: readonly TableDimension[];
  readonly percentages: PercentageBasis | null;
  /** True when a person falls in one period only (a registration cohort); false when in several (activity). */
  readonly onePeriodPerPerson: boolean;
}

const dimension = (
  name: DimensionName,
  values: readonly string[],
  field: string,
  multiple = false,
): TableDimension => ({ dimension: name, values, field, multiple });
const sharesOf = (name: DimensionName): PercentageBasis => ({ of: 'dimensionTotal', dimension: name });

/** The tables; their words (title, description) are the statistics catalogue's, in English here (libs/contracts). */
const TABLE_LAYOUTS: readonly Omit<TableDefinition, 'title' | 'description'>[] = [
  {
    code: 'cases-by-status',
    source: 'cases',
    dimensions: [dimension('status', CASE_STATUSES, 'status')],
    percentages: sharesOf('status'),
    onePeriodPerPerson: true,
  },
  {
    code: 'new-cases-by-exploitation-type',
    source: 'caseExploitation',
    dimensions: [dimension('exploitationType', EXPLOITATION_VALUES, 'exploitation_type', true)],
    percentages: null,
    onePeriodPerPerson: true,
  },
  {
    code: 'age-sex-pyramid',
    source: 'cases',
    dimensions: [dimension('ageBand', AGE_BANDS, 'age_band'), dimension('sex', GENDERS, 'sex')],
    percentages: null,
    onePeriodPerPerson: true,
  },
  {
    code: 'cases-by-region',
    source: 'cases',
    dimensions: [dimension('region', REGIONS, 'region')],
    percentages: sharesOf('region'),
    onePeriodPerPerson: true,
  },
  {
    code: 'cases-by-nationality',
    source: 'cases',
    dimensions: [dimension('nationality', NATIONALITY_VALUES, 'nationality')],
    percentages: null,
    onePeriodPerPerson: true,
  },
  {
    code: 'assistance-by-type',
    source: 'services',
    dimensions: [dimension('assistanceType', SERVICE_TYPES, 'assistance_type', true)],
    percentages: null,
    onePeriodPerPerson: false,
  },
  {
    code: 'referral-outcomes',
    source: 'referrals',
    dimensions: [dimension('referralOutcome', REFERRAL_OUTCOMES, 'outcome', true)],
    percentages: sharesOf('referralOutcome'),
    onePeriodPerPerson: false,
  },
  {
    code: 'referral-response-times',
    source: 'referrals',
    dimensions: [dimension('referralOutcome', RESPONSE_TIME_BANDS, 'response_band', true)],
    percentages: sharesOf('referralOutcome'),
    onePeriodPerPerson: false,
  },
  {
    code: 'shelter-occupancy',
    source: 'occupancy',
    dimensions: [],
    percentages: null,
    onePeriodPerPerson: false,
  },
  {
    code: 'placement-lengths',
    source: 'placementEnded',
    dimensions: [dimension('placementLengthBand', PLACEMENT_LENGTH_BANDS, 'length_band', true)],
    percentages: sharesOf('placementLengthBand'),
    onePeriodPerPerson: false,
  },
  {
    code: 'training-completion',
    source: 'enrolmentStarted',
    dimensions: [dimension('trainingOutcome', TRAINING_COMPLETION, 'completion', true)],
    percentages: sharesOf('trainingOutcome'),
    onePeriodPerPerson: false,
  },
  {
    code: 'training-outcomes',
    source: 'enrolmentOutcome',
    dimensions: [dimension('trainingOutcome', TRAINING_OUTCOMES, 'outcome', true)],
    percentages: sharesOf('trainingOutcome'),
    onePeriodPerPerson: false,
  },
  {
    code: 'reintegration-score-bands',
    source: 'followUp',
    dimensions: [dimension('reintegrationScoreBand', SCORE_BANDS, 'score_band')],
    percentages: sharesOf('reintegrationScoreBand'),
    onePeriodPerPerson: false,
  },
];

export const TABLES: readonly TableDefinition[] = TABLE_LAYOUTS.map((table) => ({
  ...table,
  ...STATISTICS_TEXTS.en.tables[table.code],
}));

export function tableDefinition(code: string): TableDefinition | undefined {
  return TABLES.find((table) => table.code === code);
}

/** A donor indicator: one count of people per period, under the same controls as the tables. */
export interface IndicatorDefinition {
  readonly code: StatisticsIndicatorCode;
  readonly title: string;
  readonly definition: string;
}

const INDICATOR_CODES: readonly StatisticsIndicatorCode[] = [
  'migrants-protected-or-assisted',
  'victims-of-trafficking-assisted',
  'voluntary-returns-supported',
  'returning-migrants-post-arrival-assistance',
  'returning-migrants-reintegration-assistance',
  'vocational-training-completed',
  'referrals-completed',
];

export const INDICATORS: readonly IndicatorDefinition[] = INDICATOR_CODES.map((code) => ({
  code,
  ...STATISTICS_TEXTS.en.indicators[code],
}));
