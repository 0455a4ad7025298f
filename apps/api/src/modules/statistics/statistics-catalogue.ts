import { AGE_BANDS, type DimensionName, type PercentageBasis } from '@haven/disclosure';
import {
  CASE_STATUSES,
  COUNTRY_CODES,
  EXPLOITATION_TYPES,
  GENDERS,
  SERVICE_TYPES,
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

export const TABLES: readonly TableDefinition[] = [
  {
    code: 'cases-by-status',
    title: 'New cases by current status',
    description:
      'People registered in each period (transfers received from another organisation not counted again), by the status their case has now.',
    source: 'cases',
    dimensions: [dimension('status', CASE_STATUSES, 'status')],
    percentages: sharesOf('status'),
    onePeriodPerPerson: true,
  },
  {
    code: 'new-cases-by-exploitation-type',
    title: 'New cases by type of exploitation',
    description:
      'People registered in each period, by type of exploitation (HTCDS). A person with several types is counted under each, so totals count mentions.',
    source: 'caseExploitation',
    dimensions: [dimension('exploitationType', EXPLOITATION_VALUES, 'exploitation_type', true)],
    percentages: null,
    onePeriodPerPerson: true,
  },
  {
    code: 'age-sex-pyramid',
    title: 'New cases by age band and sex',
    description: 'People registered in each period, by age band at registration (the global data hub’s bands) and sex.',
    source: 'cases',
    dimensions: [dimension('ageBand', AGE_BANDS, 'age_band'), dimension('sex', GENDERS, 'sex')],
    percentages: null,
    onePeriodPerPerson: true,
  },
  {
    code: 'cases-by-region',
    title: 'New cases by region of nationality',
    description: 'People registered in each period, by the UN M49 region of their nationality.',
    source: 'cases',
    dimensions: [dimension('region', REGIONS, 'region')],
    percentages: sharesOf('region'),
    onePeriodPerPerson: true,
  },
  {
    code: 'cases-by-nationality',
    title: 'New cases by nationality',
    description:
      'People registered in each period, by nationality (ISO 3166). Most countries hold small groups, which are hidden: the regions table shows more.',
    source: 'cases',
    dimensions: [dimension('nationality', NATIONALITY_VALUES, 'nationality')],
    percentages: null,
    onePeriodPerPerson: true,
  },
  {
    code: 'assistance-by-type',
    title: 'People assisted by type of assistance',
    description:
      'People given at least one service of each type in the period. A person given several types is counted under each.',
    source: 'services',
    dimensions: [dimension('assistanceType', SERVICE_TYPES, 'assistance_type', true)],
    percentages: null,
    onePeriodPerPerson: false,
  },
  {
    code: 'referral-outcomes',
    title: 'People referred by outcome of the referral',
    description:
      'People referred to a partner in the period, by where the referral stands now; the share accepted or completed is the acceptance rate.',
    source: 'referrals',
    dimensions: [dimension('referralOutcome', REFERRAL_OUTCOMES, 'outcome', true)],
    percentages: sharesOf('referralOutcome'),
    onePeriodPerPerson: false,
  },
  {
    code: 'referral-response-times',
    title: 'People referred by partner response time',
    description:
      'People referred in the period, by how long the partner took to accept or decline (in days from sending).',
    source: 'referrals',
    dimensions: [dimension('referralOutcome', RESPONSE_TIME_BANDS, 'response_band', true)],
    percentages: sharesOf('referralOutcome'),
    onePeriodPerPerson: false,
  },
  {
    code: 'shelter-occupancy',
    title: 'Shelter occupancy',
    description:
      'People in a shelter of the selected organisations on the census day (the 15th) of each period’s last month — or the latest census day passed, for the current period — and that count as a share of the beds of their active shelters today.',
    source: 'occupancy',
    dimensions: [],
    percentages: null,
    onePeriodPerPerson: false,
  },
  {
    code: 'placement-lengths',
    title: 'Shelter stays by length',
    description: 'People whose shelter stay ended in the period, by how long it lasted.',
    source: 'placementEnded',
    dimensions: [dimension('placementLengthBand', PLACEMENT_LENGTH_BANDS, 'length_band', true)],
    percentages: sharesOf('placementLengthBand'),
    onePeriodPerPerson: false,
  },
  {
    code: 'training-completion',
    title: 'Vocational training: enrolments and completion',
    description:
      'People who enrolled (or joined a waiting list) in the period, by where their training stands now; the completed share is the completion rate.',
    source: 'enrolmentStarted',
    dimensions: [dimension('trainingOutcome', TRAINING_COMPLETION, 'completion', true)],
    percentages: sharesOf('trainingOutcome'),
    onePeriodPerPerson: false,
  },
  {
    code: 'training-outcomes',
    title: 'Vocational training: outcomes after training',
    description: 'People whose situation after training was recorded in the period, by that outcome.',
    source: 'enrolmentOutcome',
    dimensions: [dimension('trainingOutcome', TRAINING_OUTCOMES, 'outcome', true)],
    percentages: sharesOf('trainingOutcome'),
    onePeriodPerPerson: false,
  },
  {
    code: 'reintegration-score-bands',
    title: 'Reintegration sustainability',
    description:
      'People visited after return in the period with all three scores recorded, by the band of the mean of their economic, social and psychosocial scores (1–5) at their latest visit of the period.',
    source: 'followUp',
    dimensions: [dimension('reintegrationScoreBand', SCORE_BANDS, 'score_band')],
    percentages: sharesOf('reintegrationScoreBand'),
    onePeriodPerPerson: false,
  },
];

export function tableDefinition(code: string): TableDefinition | undefined {
  return TABLES.find((table) => table.code === code);
}

/** A donor indicator: one count of people per period, under the same controls as the tables. */
export interface IndicatorDefinition {
  readonly code: StatisticsIndicatorCode;
  readonly title: string;
  readonly definition: string;
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'migrants-protected-or-assisted',
    title: 'Migrants in transit and forcibly displaced people protected or assisted',
    definition: 'People given at least one service of any type, or who began a shelter stay, in the period.',
  },
  {
    code: 'victims-of-trafficking-assisted',
    title: 'Victims of trafficking assisted',
    definition:
      'People identified as actual or possible victims of trafficking (HTCDS trafficking status; where none is recorded, at least one type of exploitation) who were given at least one service in the period.',
  },
  {
    code: 'returning-migrants-post-arrival-assistance',
    title: 'Returning migrants receiving post-arrival assistance',
    definition:
      'People who returned (an accepted return transfer or a return service) and were given post-arrival assistance in the period.',
  },
  {
    code: 'returning-migrants-reintegration-assistance',
    title: 'Returning migrants receiving reintegration assistance',
    definition:
      'People who returned and, in the period, were given reintegration assistance or had a follow-up visit recorded.',
  },
  {
    code: 'vocational-training-completed',
    title: 'People who completed vocational training',
    definition: 'People whose vocational training was completed in the period, with or without a certificate.',
  },
  {
    code: 'referrals-completed',
    title: 'Referrals completed',
    definition:
      'People with at least one referral to a partner that the partner completed in the period (counted in people, not referrals).',
  },
];
