import { z } from 'zod';
import { longText, nameText, pastDate } from './text.js';

/**
 * Children (docs/architecture.md, "Children"): a case whose person is under 18 — by the age
 * given at registration (a date of birth or an estimated age), by an age assessment, or while
 * an age assessment is disputed — is a child case. It gets a guardian, the child's views, the
 * child's assent beside every consent, and best-interests assessments and determinations
 * (BIA/BID, UNHCR practice); a determination takes effect when a supervisor approves it.
 */

export const ADULT_AGE = 18;

/** How an age was assessed. */
export const AGE_ASSESSMENT_METHODS = ['documents', 'interview', 'medical', 'multidisciplinary', 'other'] as const;
export type AgeAssessmentMethod = (typeof AGE_ASSESSMENT_METHODS)[number];

/** The child's assent beside the guardian's consent. */
export const CHILD_ASSENTS = ['given', 'refused', 'notAble'] as const;
export type ChildAssent = (typeof CHILD_ASSENTS)[number];

export const BEST_INTERESTS_KINDS = ['assessment', 'determination'] as const;
export type BestInterestsKind = (typeof BEST_INTERESTS_KINDS)[number];

/**
 * A determination waits for a supervisor (`pendingApproval`), who approves or rejects it; an
 * approved one can later be revoked. An assessment needs no approval (`recorded`).
 */
export const BEST_INTERESTS_STATUSES = ['recorded', 'pendingApproval', 'approved', 'rejected', 'revoked'] as const;
export type BestInterestsStatus = (typeof BEST_INTERESTS_STATUSES)[number];

export const BEST_INTERESTS_DECISIONS = ['approve', 'reject', 'revoke'] as const;
export type BestInterestsDecision = (typeof BEST_INTERESTS_DECISIONS)[number];

/** Why a case is a child case (null: it is not). */
export const CHILD_CASE_BASES = ['registeredAge', 'ageAssessment', 'ageDisputed'] as const;
export type ChildCaseBasis = (typeof CHILD_CASE_BASES)[number];

/** The coded facts a case's childhood is decided on: nothing sealed, so the return gate can read them for a receiver too. */
export interface ChildhoodFacts {
  /** The age given at registration (estimated, or counted from the date of birth), in whole years. */
  ageAtRegistration: number | null;
  registeredAt: Date;
  /** The latest age assessment, by the day it was made. */
  latestAgeAssessment: { assessedOn: string; assessedAge: number; disputed: boolean } | null;
}

/** Whole years from a moment to a day (YYYY-MM-DD), never negative. */
function yearsBetween(from: Date, day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  let years = year - from.getUTCFullYear();
  if (month < from.getUTCMonth() + 1 || (month === from.getUTCMonth() + 1 && date < from.getUTCDate())) years -= 1;
  return Math.max(0, years);
}

/**
 * Whether the case is a child case on `today` (YYYY-MM-DD), and why. The latest age assessment
 * decides when there is one: while it is disputed the person is treated as a child (the benefit
 * of the doubt); otherwise its age, counted on from the day it was made. Without one, the age at
 * registration counted on in whole years since registration. That count can only be late (a
 * birthday after registration day is counted from the next anniversary of registration), so
 * the doubt again goes to the child.
 */
export function childCaseBasis(facts: ChildhoodFacts, today: string): ChildCaseBasis | null {
  const assessment = facts.latestAgeAssessment;
  if (assessment) {
    if (assessment.disputed) return 'ageDisputed';
    const ageNow = assessment.assessedAge + yearsBetween(new Date(`${assessment.assessedOn}T00:00:00Z`), today);
    return ageNow < ADULT_AGE ? 'ageAssessment' : null;
  }
  if (facts.ageAtRegistration === null) return null;
  return facts.ageAtRegistration + yearsBetween(facts.registeredAt, today) < ADULT_AGE ? 'registeredAge' : null;
}

export function isChildCase(facts: ChildhoodFacts, today: string): boolean {
  return childCaseBasis(facts, today) !== null;
}

// ── Requests ───────────────────────────────────────────────────────────────
export const appointGuardianRequestSchema = z
  .object({
    appointedOn: pastDate(),
    /** Sealed under the case key. */
    name: nameText(200).min(1, 'Required'),
    /** The guardian's organisation or office; sealed under the case key. */
    organisation: nameText(200).min(1, 'Required'),
  })
  .strict();
export type AppointGuardianRequest = z.infer<typeof appointGuardianRequestSchema>;

export const recordAgeAssessmentRequestSchema = z
  .object({
    assessedOn: pastDate(),
    method: z.enum(AGE_ASSESSMENT_METHODS),
    /** The age found, in whole years. */
    assessedAge: z.number().int('Whole years').min(0, 'Cannot be negative').max(120, 'At most 120'),
    /** Who assessed (a name or office); sealed under the case key. */
    assessedBy: nameText(200).min(1, 'Required'),
    /** The person or her guardian disputes the result: she is treated as a child meanwhile. */
    disputed: z.boolean(),
  })
  .strict();
export type RecordAgeAssessmentRequest = z.infer<typeof recordAgeAssessmentRequestSchema>;

export const recordChildViewsRequestSchema = z
  .object({
    expressedOn: pastDate(),
    /** In the child's own words as far as possible; sealed under the case key. */
    views: longText(4000).min(1, 'Required'),
  })
  .strict();
export type RecordChildViewsRequest = z.infer<typeof recordChildViewsRequestSchema>;

export const recordBestInterestsRequestSchema = z
  .object({
    kind: z.enum(BEST_INTERESTS_KINDS),
    completedOn: pastDate(),
    /** The findings, or the determination and its grounds; sealed under the case key. */
    summary: longText(4000).min(10, 'Write at least 10 characters'),
  })
  .strict();
export type RecordBestInterestsRequest = z.infer<typeof recordBestInterestsRequestSchema>;

export const decideBestInterestsRequestSchema = z
  .object({
    decision: z.enum(BEST_INTERESTS_DECISIONS),
    /** Sealed under the case key. */
    reason: longText(4000).min(10, 'Explain the decision in at least 10 characters'),
  })
  .strict();
export type DecideBestInterestsRequest = z.infer<typeof decideBestInterestsRequestSchema>;

/** Beside the guardian's consent, for a child case only. */
export const childAssentSchema = z
  .object({
    assent: z.enum(CHILD_ASSENTS),
    /** The purpose was explained to the child in words suited to her age. */
    explainedForAge: z.boolean(),
  })
  .strict();
export type ChildAssentRecord = z.infer<typeof childAssentSchema>;

// ── Answers ────────────────────────────────────────────────────────────────
const person = z.object({ id: z.uuid(), displayName: z.string() });

export const guardianSchema = z.object({
  id: z.uuid(),
  appointedOn: z.string(),
  /** Opened only for those who may read the survivor's identity (a team colleague covering the case gets null). */
  name: z.string().nullable(),
  organisation: z.string(),
  /** The day the next guardian was appointed; null for the current one. */
  endedOn: z.string().nullable(),
  recordedBy: person,
  recordedAt: z.iso.datetime(),
});
export type Guardian = z.infer<typeof guardianSchema>;

export const ageAssessmentSchema = z.object({
  id: z.uuid(),
  assessedOn: z.string(),
  method: z.enum(AGE_ASSESSMENT_METHODS),
  assessedAge: z.number().int(),
  /** Opened only for those who may read the survivor's identity (a team colleague covering the case gets null). */
  assessedBy: z.string().nullable(),
  disputed: z.boolean(),
  recordedBy: person,
  recordedAt: z.iso.datetime(),
});
export type AgeAssessment = z.infer<typeof ageAssessmentSchema>;

export const childViewsSchema = z.object({
  id: z.uuid(),
  expressedOn: z.string(),
  views: z.string(),
  recordedBy: person,
  recordedAt: z.iso.datetime(),
});
export type ChildViews = z.infer<typeof childViewsSchema>;

export const bestInterestsSchema = z.object({
  id: z.uuid(),
  kind: z.enum(BEST_INTERESTS_KINDS),
  completedOn: z.string(),
  summary: z.string(),
  status: z.enum(BEST_INTERESTS_STATUSES),
  recordedBy: person,
  recordedAt: z.iso.datetime(),
  /** The supervisor's last decision (approval, rejection or revocation) with its reason. */
  decision: z
    .object({ decision: z.enum(BEST_INTERESTS_DECISIONS), reason: z.string(), by: person, at: z.iso.datetime() })
    .nullable(),
});
export type BestInterests = z.infer<typeof bestInterestsSchema>;

export const childRecordSchema = z.object({
  caseId: z.uuid(),
  /** Whether the case is a child case today, and why (childCaseBasis). */
  child: z.boolean(),
  basis: z.enum(CHILD_CASE_BASES).nullable(),
  /** An approved, not revoked, best-interests determination stands: a return or a transfer abroad may pass this safeguard. */
  determinationApproved: z.boolean(),
  guardians: z.array(guardianSchema),
  ageAssessments: z.array(ageAssessmentSchema),
  views: z.array(childViewsSchema),
  bestInterests: z.array(bestInterestsSchema),
});
export type ChildRecord = z.infer<typeof childRecordSchema>;
