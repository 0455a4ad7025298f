import { ageBandOf } from '@haven/disclosure';
import {
  CASE_STATUSES,
  COUNTRY_CODES,
  EXPLOITATION_TYPES,
  GENDERS,
  SERVICE_TYPES,
  TRAINING_OUTCOMES,
} from '@haven/contracts';
import {
  PLACEMENT_LENGTH_BANDS,
  REFERRAL_OUTCOMES,
  RESPONSE_TIME_BANDS,
  SCORE_BANDS,
  TRAINING_COMPLETION,
  UNKNOWN_NATIONALITY,
} from './statistics-catalogue.js';
import { regionOf } from './regions.js';

/**
 * The anonymised projection: what one case contributes to statistics, generalised.
 * Pure functions from the source facts (read by the repository, dates already cut to
 * months or counted in days) to the rows of the `stats` schema. What comes out holds no
 * id of a case, no free text and no date finer than a month; the rows of one case are
 * found again only through keyed hashes that need the master key to compute.
 */

/** The facts of one case, as read from the case tables. */
export interface SourceCase {
  caseId: string;
  /** The first case of its transfer chain: the same person across organisations. */
  rootId: string;
  organisationId: string;
  consented: boolean;
  /** Not received by transfer from another organisation. */
  newCase: boolean;
  registeredMonth: string;
  ageAtRegistration: number | null;
  sex: string;
  nationality: string;
  exploitationTypes: string[];
  status: string;
  traffickingStatus: string | null;
  returned: boolean;
}
export interface SourceService {
  caseId: string;
  month: string;
  type: string;
}
export interface SourceReferral {
  caseId: string;
  sentMonth: string;
  status: string;
  /** Whole days from sending to the partner's answer; null without an answer. */
  responseDays: number | null;
  /** Month the referral was closed (or answered, when it has no closing date). */
  closedMonth: string | null;
}
export interface SourcePlacement {
  caseId: string;
  organisationId: string;
  startedMonth: string;
  /** First month whose census day (the 15th) the stay covers. */
  firstCensusMonth: string;
  /** Last month whose census day the stay covers; null while the stay goes on. */
  lastCensusMonth: string | null;
  endedMonth: string | null;
  /** Whole days of a stay that has ended; null while it goes on. */
  lengthDays: number | null;
}
export interface SourceEnrolment {
  caseId: string;
  startedMonth: string;
  status: string;
  certificate: boolean;
  completedMonth: string | null;
  outcome: string | null;
  outcomeMonth: string | null;
}
export interface SourceVisit {
  caseId: string;
  visitedMonth: string;
  economic: number | null;
  social: number | null;
  psychosocial: number | null;
}
export interface SourceFacts {
  cases: SourceCase[];
  services: SourceService[];
  referrals: SourceReferral[];
  placements: SourcePlacement[];
  enrolments: SourceEnrolment[];
  visits: SourceVisit[];
}

export interface CaseRow {
  rowKey: Buffer;
  personKey: Buffer;
  organisationId: string;
  consented: boolean;
  newCase: boolean;
  registeredMonth: string;
  ageBand: string;
  sex: string;
  nationality: string;
  region: string;
  exploitationTypes: string[];
  status: string;
  victim: boolean;
  returned: boolean;
}
export interface ServiceRow {
  rowKey: Buffer;
  seq: number;
  month: string;
  assistanceType: string;
}
export interface ReferralRow {
  rowKey: Buffer;
  seq: number;
  sentMonth: string;
  outcome: string;
  responseBand: string;
  completedMonth: string | null;
}
export interface PlacementRow {
  rowKey: Buffer;
  seq: number;
  organisationId: string;
  startedMonth: string;
  firstCensusMonth: string | null;
  lastCensusMonth: string | null;
  ongoing: boolean;
  endedMonth: string | null;
  lengthBand: string | null;
}
export interface EnrolmentRow {
  rowKey: Buffer;
  seq: number;
  startedMonth: string;
  completion: string;
  completedMonth: string | null;
  outcome: string | null;
  outcomeMonth: string | null;
}
export interface FollowUpRow {
  rowKey: Buffer;
  seq: number;
  visitedMonth: string;
  scoreBand: string | null;
}
export interface ProjectedRows {
  cases: CaseRow[];
  services: ServiceRow[];
  referrals: ReferralRow[];
  placements: PlacementRow[];
  enrolments: EnrolmentRow[];
  followUps: FollowUpRow[];
}

export interface ProjectionKeys {
  /** Keyed hash of a case id: replaces a case's rows, leads nowhere without the master key. */
  rowKey(caseId: string): Buffer;
  /** Keyed hash of the first case of a transfer chain: counts one person once. */
  personKey(rootId: string): Buffer;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null | undefined, fallback: T): T =>
  value !== null && value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : fallback;

const VICTIM_STATUSES = ['ActualVictimOfTrafficking', 'PossibleVictimOfTrafficking'];

export function responseBandOf(days: number | null): (typeof RESPONSE_TIME_BANDS)[number] {
  if (days === null) return 'noResponseYet';
  if (days <= 2) return 'within2Days';
  if (days <= 7) return '3to7Days';
  if (days <= 30) return '8to30Days';
  return 'over30Days';
}

export function referralOutcomeOf(status: string): (typeof REFERRAL_OUTCOMES)[number] {
  return status === 'sent' ? 'awaitingResponse' : oneOf(REFERRAL_OUTCOMES, status, 'awaitingResponse');
}

export function placementLengthBandOf(days: number): (typeof PLACEMENT_LENGTH_BANDS)[number] {
  if (days < 30) return 'under1Month';
  if (days < 91) return '1to3Months';
  if (days < 183) return '3to6Months';
  if (days < 366) return '6to12Months';
  return '12MonthsOrMore';
}

export function trainingCompletionOf(status: string, certificate: boolean): (typeof TRAINING_COMPLETION)[number] {
  switch (status) {
    case 'waitingList':
      return 'waitingList';
    case 'completed':
      return certificate ? 'completedWithCertificate' : 'completedWithoutCertificate';
    case 'droppedOut':
      return 'droppedOut';
    default:
      return 'inTraining';
  }
}

/** The band of the mean sustainability score; null unless all three scores were recorded. */
export function scoreBandOf(
  visit: Pick<SourceVisit, 'economic' | 'social' | 'psychosocial'>,
): (typeof SCORE_BANDS)[number] | null {
  const scores = [visit.economic, visit.social, visit.psychosocial];
  if (scores.some((score) => score === null || score === undefined)) return null;
  const mean = (scores as number[]).reduce((sum, score) => sum + score, 0) / 3;
  if (mean < 2) return '1-1.9';
  if (mean < 3) return '2-2.9';
  if (mean < 4) return '3-3.9';
  return '4-5';
}

export function isVictim(source: Pick<SourceCase, 'traffickingStatus' | 'exploitationTypes'>): boolean {
  if (source.traffickingStatus) return VICTIM_STATUSES.includes(source.traffickingStatus);
  return source.exploitationTypes.length > 0;
}

/** Numbers a case's rows of one kind in an order that depends on their content only. */
function numbered<R extends { rowKey: Buffer }>(rows: R[], sortKey: (row: R) => string): (R & { seq: number })[] {
  const byCase = new Map<string, R[]>();
  for (const row of rows) {
    const key = row.rowKey.toString('hex');
    byCase.set(key, [...(byCase.get(key) ?? []), row]);
  }
  return [...byCase.values()].flatMap((group) =>
    group
      .map((row) => [sortKey(row), row] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row], index) => ({ ...row, seq: index + 1 })),
  );
}

/** The rows of the cases in `facts`; child facts of cases not listed are ignored. */
export function projectCases(facts: SourceFacts, keys: ProjectionKeys): ProjectedRows {
  const rowKeys = new Map(facts.cases.map((source) => [source.caseId, keys.rowKey(source.caseId)]));
  const keyOf = (caseId: string) => rowKeys.get(caseId);
  const known = <T extends { caseId: string }>(rows: T[]) => rows.filter((row) => rowKeys.has(row.caseId));

  const cases = facts.cases.map(
    (source): CaseRow => ({
      rowKey: keyOf(source.caseId)!,
      personKey: keys.personKey(source.rootId),
      organisationId: source.organisationId,
      consented: source.consented,
      newCase: source.newCase,
      registeredMonth: source.registeredMonth,
      ageBand: ageBandOf(source.ageAtRegistration),
      sex: oneOf(GENDERS, source.sex, 'NonSpecifiedUnknown'),
      nationality: COUNTRY_CODES.includes(source.nationality?.toUpperCase())
        ? source.nationality.toUpperCase()
        : UNKNOWN_NATIONALITY,
      region: regionOf(source.nationality),
      exploitationTypes: [
        ...new Set(source.exploitationTypes.map((type) => oneOf(EXPLOITATION_TYPES, type, 'Other'))),
      ].sort(),
      status: oneOf(CASE_STATUSES, source.status, 'Active'),
      victim: isVictim(source),
      returned: source.returned,
    }),
  );

  const services = numbered(
    known(facts.services).map((service) => ({
      rowKey: keyOf(service.caseId)!,
      month: service.month,
      assistanceType: oneOf(SERVICE_TYPES, service.type, 'other'),
    })),
    (row) => `${row.month}|${row.assistanceType}`,
  );

  const referrals = numbered(
    known(facts.referrals).map((referral) => ({
      rowKey: keyOf(referral.caseId)!,
      sentMonth: referral.sentMonth,
      outcome: referralOutcomeOf(referral.status),
      responseBand: responseBandOf(referral.responseDays),
      completedMonth: referral.status === 'completed' ? referral.closedMonth : null,
    })),
    (row) => `${row.sentMonth}|${row.outcome}|${row.responseBand}|${row.completedMonth ?? ''}`,
  );

  const placements = numbered(
    known(facts.placements).map((placement) => {
      const ongoing = placement.endedMonth === null;
      // A stay that covers no census day (shorter than the gap between two 15ths) is in no census.
      const covered =
        ongoing || (placement.lastCensusMonth !== null && placement.firstCensusMonth <= placement.lastCensusMonth);
      return {
        rowKey: keyOf(placement.caseId)!,
        organisationId: placement.organisationId,
        startedMonth: placement.startedMonth,
        firstCensusMonth: covered ? placement.firstCensusMonth : null,
        lastCensusMonth: covered && !ongoing ? placement.lastCensusMonth : null,
        ongoing,
        endedMonth: placement.endedMonth,
        lengthBand: placement.lengthDays === null ? null : placementLengthBandOf(placement.lengthDays),
      };
    }),
    (row) => `${row.startedMonth}|${row.endedMonth ?? ''}|${row.lengthBand ?? ''}|${row.organisationId}`,
  );

  const enrolments = numbered(
    known(facts.enrolments).map((enrolment) => {
      const completion = trainingCompletionOf(enrolment.status, enrolment.certificate);
      const outcome = enrolment.outcome ? oneOf(TRAINING_OUTCOMES, enrolment.outcome, 'notWorking') : null;
      return {
        rowKey: keyOf(enrolment.caseId)!,
        startedMonth: enrolment.startedMonth,
        completion,
        completedMonth: enrolment.status === 'completed' ? enrolment.completedMonth : null,
        outcome,
        outcomeMonth: outcome ? (enrolment.outcomeMonth ?? enrolment.completedMonth) : null,
      };
    }),
    (row) =>
      `${row.startedMonth}|${row.completion}|${row.completedMonth ?? ''}|${row.outcome ?? ''}|${row.outcomeMonth ?? ''}`,
  );

  const followUps = numbered(
    known(facts.visits).map((visit) => ({
      rowKey: keyOf(visit.caseId)!,
      visitedMonth: visit.visitedMonth,
      scoreBand: scoreBandOf(visit),
    })),
    (row) => `${row.visitedMonth}|${row.scoreBand ?? ''}`,
  );

  return { cases, services, referrals, placements, enrolments, followUps };
}
