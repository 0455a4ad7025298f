import { z } from 'zod';
import type { ServiceType } from './enums.js';

/**
 * Return safety (docs/architecture.md, "Return safety"). The server, not the caller,
 * decides whether a referral, transfer or service moves a person toward return, and
 * every such step passes the same gate: a list of safeguards, each of which may block
 * with its own reason and says what would clear it.
 */

/** Services that move a person toward return: a referral requesting one, or a service record of one, is a return. Travel joins this list when it is scheduled in Haven. */
export const RETURN_SERVICE_TYPES = ['return'] as const satisfies readonly ServiceType[];

/** Services that make an organisation in another country a return or reintegration office. */
export const RETURN_OFFICE_SERVICE_TYPES = [
  'return',
  'postArrival',
  'reintegration',
] as const satisfies readonly ServiceType[];

export function isReturnService(service: ServiceType): boolean {
  return (RETURN_SERVICE_TYPES as readonly ServiceType[]).includes(service);
}

/**
 * The safeguards a return must pass: non-refoulement, and for a child case the best-interests
 * determination, which also holds a transfer of the child to another country.
 */
export const RETURN_SAFEGUARDS = ['nonRefoulement', 'bestInterests'] as const;
export type ReturnSafeguard = (typeof RETURN_SAFEGUARDS)[number];

/**
 * Why a safeguard blocks. The receiving organisation is told only that something is pending,
 * per safeguard (`protectionReviewPending`, `bestInterestsDeterminationPending`): a fear of
 * return or an asylum intention is the survivor's to tell, not the return office's.
 */
export const RETURN_BLOCK_CODES = [
  'noProtectionScreening',
  'fearOfReturn',
  'asylumIntention',
  'protectionNeedOpen',
  'protectionReviewBlocked',
  'returnSuspended',
  'protectionReviewPending',
  'bestInterestsDeterminationMissing',
  'bestInterestsDeterminationPending',
] as const;
export type ReturnBlockCode = (typeof RETURN_BLOCK_CODES)[number];

/** What clears a blocker: a supervisor's protection review on the case; for a child, a best-interests determination a supervisor approved. */
export const RETURN_CLEARANCES = ['protectionReview', 'bestInterestsDetermination'] as const;

export const returnBlockerSchema = z.object({
  safeguard: z.enum(RETURN_SAFEGUARDS),
  code: z.enum(RETURN_BLOCK_CODES),
  reason: z.string(),
  clearedBy: z.enum(RETURN_CLEARANCES),
});
export type ReturnBlocker = z.infer<typeof returnBlockerSchema>;

/** A pending return held because a protection concern was recorded after it was proposed; it resumes after a supervisor's review allows it. */
export const returnSuspensionSchema = z.object({
  since: z.iso.datetime(),
  /** For the sending organisation, why; the receiving organisation sees `protectionReviewPending` only. */
  reasons: z.array(z.enum(RETURN_BLOCK_CODES)),
});
export type ReturnSuspension = z.infer<typeof returnSuspensionSchema>;
