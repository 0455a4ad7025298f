import {
  RETURN_OFFICE_SERVICE_TYPES,
  isReturnService,
  type OrganisationKind,
  type ProtectionOutcome,
  type ReturnBlockCode,
  type ReturnBlocker,
  type ServiceType,
} from '@haven/contracts';

/**
 * The rules of return safety, as pure functions (docs/architecture.md, "Return safety"):
 * what a return is, and what blocks one. The gate (return-gate.service.ts) reads the facts
 * and applies these at every step.
 */

/** What the server looks at to decide whether a referral, transfer or service moves a person toward return. */
export interface ReturnSubject {
  /** The caller's (or an earlier step's) marking: it can only add. */
  markedForReturn: boolean;
  /** Services requested (a referral) or recorded (a service record). */
  services: readonly ServiceType[];
  /** The receiving organisation, when there is one. */
  recipient: { kind: OrganisationKind; country: string | null; services: readonly ServiceType[] } | null;
  /** The country of the organisation the person is with now. */
  senderCountry: string | null;
  /** The step hands the case itself to the recipient (a transfer), rather than asking it for a service. */
  handsOver?: boolean;
}

/**
 * A return or reintegration office in another country: an organisation offering return,
 * post-arrival or reintegration services whose country is not known to be the sender's
 * (an unknown country counts as another one: the doubt goes to the survivor). An
 * organisation kind for such offices, when there is one, joins here.
 */
export function isReturnOfficeAbroad(
  recipient: NonNullable<ReturnSubject['recipient']>,
  senderCountry: string | null,
): boolean {
  const offersReturn = recipient.services.some((service) =>
    (RETURN_OFFICE_SERVICE_TYPES as readonly ServiceType[]).includes(service),
  );
  return offersReturn && isAbroad(recipient.country, senderCountry);
}

/**
 * The one definition of "in another country" for the return rules: a recipient is abroad unless
 * both countries are known and the same (the doubt goes to the survivor).
 */
function isAbroad(recipientCountry: string | null, senderCountry: string | null): boolean {
  return recipientCountry === null || senderCountry === null || recipientCountry !== senderCountry;
}

/**
 * Whether the step hands a child's case to an organisation in another country: for a child
 * case the best-interests safeguard holds it like a return. Family reunification joins here
 * when family tracing exists in Haven.
 */
export function isTransferAbroad(subject: ReturnSubject): boolean {
  return (
    subject.handsOver === true &&
    subject.recipient !== null &&
    isAbroad(subject.recipient.country, subject.senderCountry)
  );
}

/** Whether the step moves a person toward return: marked so, a return service, or a return office abroad. */
export function isReturn(subject: ReturnSubject): boolean {
  return (
    subject.markedForReturn ||
    subject.services.some(isReturnService) ||
    (subject.recipient !== null && isReturnOfficeAbroad(subject.recipient, subject.senderCountry))
  );
}

/**
 * The coded facts the safeguards read: the case's latest protection screening and latest
 * protection review, and for a child case whether an approved best-interests determination
 * stands (absent or null: not a child case).
 */
export interface SafeguardFacts {
  screening: { at: Date; fearOfReturn: boolean; asylumIntention: boolean; outcome: ProtectionOutcome } | null;
  review: { at: Date; decision: 'returnMayProceed' | 'returnBlocked' } | null;
  child?: { determinationApproved: boolean } | null;
}

/** Who is told: the sending organisation learns each reason; the receiving one only that a protection review is pending. */
export type ReturnAudience = 'sender' | 'receiver';

const REASONS: Record<ReturnBlockCode, string> = {
  noProtectionScreening: 'no international-protection screening has been recorded',
  fearOfReturn: 'the survivor has expressed a fear of return',
  asylumIntention: 'the survivor intends to seek asylum',
  protectionNeedOpen: 'the protection screening has not concluded "no protection need"',
  protectionReviewBlocked: 'a protection review decided that the return must not proceed',
  returnSuspended: 'this return was suspended for a protection concern and no protection review has allowed it since',
  protectionReviewPending: 'the sending organisation must record a protection review before this return can proceed',
  bestInterestsDeterminationMissing:
    'the survivor is a child and no best-interests determination approved by a supervisor stands',
  bestInterestsDeterminationPending:
    'the sending organisation must have a best-interests determination approved before this step can proceed',
};

const BEST_INTERESTS_CODES: readonly ReturnBlockCode[] = [
  'bestInterestsDeterminationMissing',
  'bestInterestsDeterminationPending',
];

function blocker(code: ReturnBlockCode): ReturnBlocker {
  return BEST_INTERESTS_CODES.includes(code)
    ? { safeguard: 'bestInterests', code, reason: REASONS[code], clearedBy: 'bestInterestsDetermination' }
    : { safeguard: 'nonRefoulement', code, reason: REASONS[code], clearedBy: 'protectionReview' };
}

/**
 * Non-refoulement, on the case: a return may proceed when the latest protection screening
 * records no fear of return, no asylum intention and "no protection need", or when a
 * supervisor's protection review recorded after that screening allows it. No screening blocks.
 */
export function nonRefoulementBlockers(facts: SafeguardFacts): ReturnBlocker[] {
  const { screening, review } = facts;
  if (review && (!screening || review.at >= screening.at))
    return review.decision === 'returnMayProceed' ? [] : [blocker('protectionReviewBlocked')];
  if (!screening) return [blocker('noProtectionScreening')];
  return [
    ...(screening.fearOfReturn ? [blocker('fearOfReturn')] : []),
    ...(screening.asylumIntention ? [blocker('asylumIntention')] : []),
    ...(screening.outcome !== 'noProtectionNeed' ? [blocker('protectionNeedOpen')] : []),
  ];
}

/**
 * Best interests, for a child case: a return, or a transfer to another country, may proceed
 * only while a best-interests determination approved by a supervisor stands (approved and
 * not revoked). Not a child case: nothing to block.
 */
export function bestInterestsBlockers(facts: SafeguardFacts): ReturnBlocker[] {
  return facts.child && !facts.child.determinationApproved ? [blocker('bestInterestsDeterminationMissing')] : [];
}

/**
 * Every safeguard's blockers for one step of one return (empty: it may proceed). A list,
 * not a yes or no: non-refoulement, and for a child the best-interests determination.
 * A suspended return stays blocked until a review allows it, even if the case is clear.
 */
export function returnBlockers(facts: SafeguardFacts, suspendedSince: Date | null): ReturnBlocker[] {
  const blockers = [...nonRefoulementBlockers(facts), ...bestInterestsBlockers(facts)];
  return suspendedSince ? [...blockers, blocker('returnSuspended')] : blockers;
}

/**
 * What the audience is told: the receiving organisation gets, per safeguard that blocks, one
 * blocker saying what is pending on the sender's side, never the reasons.
 */
export function blockersFor(audience: ReturnAudience, blockers: ReturnBlocker[]): ReturnBlocker[] {
  if (audience === 'sender' || blockers.length === 0) return blockers;
  return [
    ...(blockers.some((found) => found.safeguard === 'nonRefoulement') ? [blocker('protectionReviewPending')] : []),
    ...(blockers.some((found) => found.safeguard === 'bestInterests')
      ? [blocker('bestInterestsDeterminationPending')]
      : []),
  ];
}

/** The suspension codes the receiving organisation sees. */
export function suspensionReasonsFor(audience: ReturnAudience, reasons: ReturnBlockCode[]): ReturnBlockCode[] {
  return audience === 'sender' ? reasons : ['protectionReviewPending'];
}
