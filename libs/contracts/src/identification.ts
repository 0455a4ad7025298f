import { z } from 'zod';
import {
  INDICATOR_ANSWERS,
  LANGUAGE_CODES,
  SCREENING_PROPOSALS,
  STATUS_DECISION_BODIES,
  TRAFFICKING_STATUSES,
  type IndicatorAnswer,
  type ScreeningProposal,
  type TraffickingStatus,
} from './enums.js';
import { longText, nameText, pastDate } from './text.js';

const person = z.object({ id: z.uuid(), displayName: z.string() });

// ── The operational indicators ────────────────────────────────────────────
/**
 * The six dimensions of the operational indicators of trafficking in human beings (ILO and European
 * Commission, Delphi method, 2009): three of recruitment (the act and the means), one of exploitation,
 * two of what holds the person at destination (the means again).
 */
export const INDICATOR_DIMENSIONS = [
  'deceptiveRecruitment',
  'coerciveRecruitment',
  'recruitmentByAbuseOfVulnerability',
  'exploitativeConditions',
  'coercionAtDestination',
  'abuseOfVulnerabilityAtDestination',
] as const;
export type IndicatorDimension = (typeof INDICATOR_DIMENSIONS)[number];

export const INDICATOR_STRENGTHS = ['strong', 'medium', 'weak'] as const;
export type IndicatorStrength = (typeof INDICATOR_STRENGTHS)[number];

/**
 * The indicators, shortened and coded from the published list for adults (the English words are the
 * web app's `identification` catalogue, `indicators.<code>`). Each belongs to one dimension with the
 * strength the Delphi panel gave it; the same fact may appear in two dimensions (a document taken at
 * recruitment and one taken at destination are two answers).
 */
export const TRAFFICKING_INDICATORS = {
  // Deceptive recruitment (deception about the job, the journey, the conditions)
  drNatureOfJob: { dimension: 'deceptiveRecruitment', strength: 'strong' },
  drConditionsOfWork: { dimension: 'deceptiveRecruitment', strength: 'medium' },
  drContract: { dimension: 'deceptiveRecruitment', strength: 'medium' },
  drFamilyReunification: { dimension: 'deceptiveRecruitment', strength: 'medium' },
  drHousing: { dimension: 'deceptiveRecruitment', strength: 'medium' },
  drLegalStatus: { dimension: 'deceptiveRecruitment', strength: 'medium' },
  drTravel: { dimension: 'deceptiveRecruitment', strength: 'medium' },
  drWages: { dimension: 'deceptiveRecruitment', strength: 'medium' },
  drEducation: { dimension: 'deceptiveRecruitment', strength: 'weak' },
  // Coercive recruitment
  crViolence: { dimension: 'coerciveRecruitment', strength: 'strong' },
  crAbduction: { dimension: 'coerciveRecruitment', strength: 'strong' },
  crDocuments: { dimension: 'coerciveRecruitment', strength: 'medium' },
  crDebtBondage: { dimension: 'coerciveRecruitment', strength: 'medium' },
  crIsolation: { dimension: 'coerciveRecruitment', strength: 'medium' },
  crThreatDenunciation: { dimension: 'coerciveRecruitment', strength: 'medium' },
  crThreatViolence: { dimension: 'coerciveRecruitment', strength: 'medium' },
  crThreatFamily: { dimension: 'coerciveRecruitment', strength: 'medium' },
  crWithholdingMoney: { dimension: 'coerciveRecruitment', strength: 'medium' },
  // Recruitment by abuse of vulnerability
  vrDifficultFamily: { dimension: 'recruitmentByAbuseOfVulnerability', strength: 'medium' },
  vrIrregularStatus: { dimension: 'recruitmentByAbuseOfVulnerability', strength: 'medium' },
  vrLackOfEducation: { dimension: 'recruitmentByAbuseOfVulnerability', strength: 'medium' },
  vrLackOfInformation: { dimension: 'recruitmentByAbuseOfVulnerability', strength: 'medium' },
  vrDependency: { dimension: 'recruitmentByAbuseOfVulnerability', strength: 'medium' },
  vrFalseInformation: { dimension: 'recruitmentByAbuseOfVulnerability', strength: 'medium' },
  vrEconomic: { dimension: 'recruitmentByAbuseOfVulnerability', strength: 'weak' },
  vrGeneralContext: { dimension: 'recruitmentByAbuseOfVulnerability', strength: 'weak' },
  vrPersonalSituation: { dimension: 'recruitmentByAbuseOfVulnerability', strength: 'weak' },
  // Exploitative conditions of work
  exExcessiveHours: { dimension: 'exploitativeConditions', strength: 'strong' },
  exLivingConditions: { dimension: 'exploitativeConditions', strength: 'medium' },
  exHazardousWork: { dimension: 'exploitativeConditions', strength: 'medium' },
  exLowPay: { dimension: 'exploitativeConditions', strength: 'medium' },
  exLabourLaw: { dimension: 'exploitativeConditions', strength: 'medium' },
  exNoSocialProtection: { dimension: 'exploitativeConditions', strength: 'medium' },
  exBadWorkingConditions: { dimension: 'exploitativeConditions', strength: 'medium' },
  exWageManipulation: { dimension: 'exploitativeConditions', strength: 'medium' },
  exNoEducation: { dimension: 'exploitativeConditions', strength: 'weak' },
  // Coercion at destination
  cdDocuments: { dimension: 'coercionAtDestination', strength: 'strong' },
  cdDebtBondage: { dimension: 'coercionAtDestination', strength: 'strong' },
  cdIsolation: { dimension: 'coercionAtDestination', strength: 'strong' },
  cdViolence: { dimension: 'coercionAtDestination', strength: 'strong' },
  cdIllicitActivities: { dimension: 'coercionAtDestination', strength: 'medium' },
  cdForcedTasks: { dimension: 'coercionAtDestination', strength: 'medium' },
  cdForcedToLie: { dimension: 'coercionAtDestination', strength: 'medium' },
  cdThreatDenunciation: { dimension: 'coercionAtDestination', strength: 'medium' },
  cdThreatWorseConditions: { dimension: 'coercionAtDestination', strength: 'medium' },
  cdThreatViolence: { dimension: 'coercionAtDestination', strength: 'medium' },
  cdWithholdingWages: { dimension: 'coercionAtDestination', strength: 'medium' },
  cdUnderInfluence: { dimension: 'coercionAtDestination', strength: 'weak' },
  // Abuse of vulnerability at destination
  vdDependency: { dimension: 'abuseOfVulnerabilityAtDestination', strength: 'medium' },
  vdCommunication: { dimension: 'abuseOfVulnerabilityAtDestination', strength: 'medium' },
  vdIrregularStatus: { dimension: 'abuseOfVulnerabilityAtDestination', strength: 'medium' },
  vdLackOfInformation: { dimension: 'abuseOfVulnerabilityAtDestination', strength: 'medium' },
  vdFamilySituation: { dimension: 'abuseOfVulnerabilityAtDestination', strength: 'weak' },
  vdEconomic: { dimension: 'abuseOfVulnerabilityAtDestination', strength: 'weak' },
} as const satisfies Record<string, { dimension: IndicatorDimension; strength: IndicatorStrength }>;
export type TraffickingIndicator = keyof typeof TRAFFICKING_INDICATORS;
/** The indicators' codes, in the order the screening form asks them (grouped by dimension). */
export const TRAFFICKING_INDICATOR_CODES = Object.keys(TRAFFICKING_INDICATORS) as TraffickingIndicator[];

export type IndicatorAnswers = Partial<Record<TraffickingIndicator, IndicatorAnswer>>;

/**
 * Whether one dimension is established, by the published combination rule: at least two strong
 * indicators; or one strong and at least one medium or weak; or three medium; or two medium and one
 * weak. Only "yes" counts: an unknown answer is not evidence either way.
 */
export function dimensionIsPositive(dimension: IndicatorDimension, answers: IndicatorAnswers): boolean {
  const counts = { strong: 0, medium: 0, weak: 0 };
  for (const code of TRAFFICKING_INDICATOR_CODES) {
    const indicator = TRAFFICKING_INDICATORS[code];
    if (indicator.dimension === dimension && answers[code] === 'yes') counts[indicator.strength] += 1;
  }
  return (
    counts.strong >= 2 ||
    (counts.strong >= 1 && counts.medium + counts.weak >= 1) ||
    counts.medium >= 3 ||
    (counts.medium >= 2 && counts.weak >= 1)
  );
}

/**
 * What a screening proposes. A person is a presumed victim of trafficking when the three elements of the
 * definition are each established by a positive dimension: recruitment (deceptive, coercive, or by abuse
 * of vulnerability), exploitation (exploitative conditions of work), and the means that hold her
 * (coercion, or abuse of vulnerability, at destination). Otherwise trafficking is not indicated — which
 * is not a finding that she was not trafficked: unknown answers may hide what a later screening finds.
 */
export function proposeScreeningOutcome(answers: IndicatorAnswers): {
  proposal: ScreeningProposal;
  positiveDimensions: IndicatorDimension[];
} {
  const positiveDimensions = INDICATOR_DIMENSIONS.filter((dimension) => dimensionIsPositive(dimension, answers));
  const positive = (dimension: IndicatorDimension) => positiveDimensions.includes(dimension);
  const recruitment =
    positive('deceptiveRecruitment') ||
    positive('coerciveRecruitment') ||
    positive('recruitmentByAbuseOfVulnerability');
  const exploitation = positive('exploitativeConditions');
  const heldAtDestination = positive('coercionAtDestination') || positive('abuseOfVulnerabilityAtDestination');
  return {
    proposal: recruitment && exploitation && heldAtDestination ? 'presumedVictim' : 'notIndicated',
    positiveDimensions,
  };
}

/**
 * The HTCDS status a decision form starts from after a screening: a presumed victim is a possible
 * victim until a decision says more. "Not indicated" starts from none: it is not a finding that
 * she was not trafficked, so the decider chooses the status herself.
 */
export const PROPOSED_STATUS: Record<ScreeningProposal, TraffickingStatus | null> = {
  presumedVictim: 'PossibleVictimOfTrafficking',
  notIndicated: null,
};

/** The statuses under which the protections of a presumed victim apply (reflection period, residence permit). */
export const PROTECTED_STATUSES: readonly TraffickingStatus[] = [
  'PossibleVictimOfTrafficking',
  'ActualVictimOfTrafficking',
];

// ── Screening ───────────────────────────────────────────────────────────────
export const recordScreeningRequestSchema = z
  .object({
    screenedOn: pastDate(),
    /** The language the screening was held in. */
    language: z.enum(LANGUAGE_CODES, { message: 'Choose a language from the list' }),
    interpreterUsed: z.boolean().default(false),
    /** The interpreter's name, optional; sealed under the case key at rest. */
    interpreterName: nameText(100).min(1, 'Required').optional(),
    /** One answer per indicator asked; those not sent were not asked and count as unknown. */
    answers: z.partialRecord(z.enum(TRAFFICKING_INDICATOR_CODES), z.enum(INDICATOR_ANSWERS)),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.interpreterUsed && value.interpreterName !== undefined)
      ctx.addIssue({ code: 'custom', path: ['interpreterName'], message: 'Only when an interpreter was used' });
  });
export type RecordScreeningRequest = z.input<typeof recordScreeningRequestSchema>;
export type RecordScreeningCommand = z.output<typeof recordScreeningRequestSchema>;

export const screeningSchema = z.object({
  id: z.uuid(),
  screenedOn: z.string(),
  language: z.enum(LANGUAGE_CODES),
  interpreterUsed: z.boolean(),
  /**
   * Opened from its sealed copy only for those who may read the survivor's identity (a team colleague
   * covering the case gets null); null too when none was recorded, and once erased.
   */
  interpreterName: z.string().nullable(),
  answers: z.partialRecord(z.enum(TRAFFICKING_INDICATOR_CODES), z.enum(INDICATOR_ANSWERS)),
  proposal: z.enum(SCREENING_PROPOSALS),
  positiveDimensions: z.array(z.enum(INDICATOR_DIMENSIONS)),
  screenedBy: person,
  recordedAt: z.iso.datetime(),
});
export type Screening = z.infer<typeof screeningSchema>;

// ── The formal decision ─────────────────────────────────────────────────────
/** The decision on the trafficking status: the one way the case's status (vic_TraffickingStatus) changes. */
export const recordStatusDecisionRequestSchema = z
  .object({
    status: z.enum(TRAFFICKING_STATUSES),
    /** vic_TraffickingStatusDecisionMakingOrg: who took the decision (often not the organisation recording it). */
    decidedBy: z.enum(STATUS_DECISION_BODIES),
    decidedOn: pastDate(),
    /** Why, sealed under the case key at rest. */
    reason: longText(2000).min(1, 'Required'),
    /** The screening the decision follows, if any (of this case). */
    screeningId: z.uuid().optional(),
  })
  .strict();
export type RecordStatusDecisionRequest = z.infer<typeof recordStatusDecisionRequestSchema>;

export const statusDecisionSchema = z.object({
  id: z.uuid(),
  status: z.enum(TRAFFICKING_STATUSES),
  decidedBy: z.enum(STATUS_DECISION_BODIES),
  decidedOn: z.string(),
  /** Null once erased, and on a decision carried over by a transfer (its reason stays with the sending case). */
  reason: z.string().nullable(),
  screeningId: z.uuid().nullable(),
  recordedBy: person,
  recordedAt: z.iso.datetime(),
  /** The organisation whose case recorded it, when a transfer carried it over to this case; null for the case's own. */
  carriedFrom: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type StatusDecision = z.infer<typeof statusDecisionSchema>;

/** The identification of a case: its status now, and every screening and decision, newest first. */
export const identificationSchema = z.object({
  status: z.enum(TRAFFICKING_STATUSES).nullable(),
  statusDecidedBy: z.enum(STATUS_DECISION_BODIES).nullable(),
  screenings: z.array(screeningSchema),
  decisions: z.array(statusDecisionSchema),
});
export type Identification = z.infer<typeof identificationSchema>;
