import type { LensSection, PrintableSummary } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

/** Producing a summary is recorded in the case's access log by the API (and identifying sections as an identity read). */
export function produceCaseSummary(caseId: string, sections: LensSection[]): Promise<PrintableSummary> {
  return typedApi('post', '/cases/{id}/summary', { params: { id: caseId }, body: { sections } });
}

/** A partner's summary: only sections its referral shares. */
export function produceReferralSummary(referralId: string, sections: LensSection[]): Promise<PrintableSummary> {
  return typedApi('post', '/referrals/{referralId}/summary', { params: { referralId }, body: { sections } });
}
