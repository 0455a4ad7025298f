import { isApiError } from '../../../app/api-client';

/**
 * The two refusals a referral or transfer can meet besides bad input: no consent recorded for that recipient
 * (do-no-harm §5.3) and a return blocked by the non-refoulement safeguard (§5.9). Both answer 409, told
 * apart by the problem's title.
 */
export function isConsentRequired(error: unknown): boolean {
  return isApiError(error, 409) && error.problem.title === 'Consent required';
}

export function returnBlockedReasons(error: unknown): string[] | null {
  if (!isApiError(error, 409) || error.problem.title !== 'Return not allowed') return null;
  return error.problem.reasons ?? [];
}

/** Whether the generic problem box should explain the error (the specific boxes handle the two above). */
export function isGenericProblem(error: unknown): boolean {
  return Boolean(error) && !isConsentRequired(error) && returnBlockedReasons(error) === null;
}
