import type { ReturnBlocker } from '@haven/contracts';
import { isApiError } from '../../../app/api-client';

/**
 * The two refusals a referral or transfer can meet besides bad input: no consent recorded for that recipient
 * (do-no-harm §5.3) and a return blocked by the non-refoulement safeguard (§5.9). Both answer 409, told
 * apart by the problem's title.
 */
export function isConsentRequired(error: unknown): boolean {
  return isApiError(error, 409) && error.problem.title === 'Consent required';
}

/** A step toward return refused by the return safeguards: each blocker, and (for the sending organisation) the case whose protection review would clear them. */
export interface ReturnRefusal {
  blockers: ReturnBlocker[];
  reviewCaseId: string | null;
}

export function returnRefusal(error: unknown): ReturnRefusal | null {
  if (!isApiError(error, 409) || error.problem.title !== 'Return not allowed') return null;
  return { blockers: error.problem.blockers ?? [], reviewCaseId: error.problem.reviewCaseId ?? null };
}

/** Whether the generic problem box should explain the error (the specific boxes handle the two above). */
export function isGenericProblem(error: unknown): boolean {
  return Boolean(error) && !isConsentRequired(error) && returnRefusal(error) === null;
}
