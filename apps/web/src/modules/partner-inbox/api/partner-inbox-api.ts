import type { InboxItem, PartnerReferral, PartnerServiceRequest, ReferralStatus, ServiceOutcome } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const path = (referralId: string) => `/referrals/${encodeURIComponent(referralId)}`;

export function fetchInbox(status: ReferralStatus | undefined, signal?: AbortSignal): Promise<{ items: InboxItem[] }> {
  return apiRequest<{ items: InboxItem[] }>('/referrals/inbox', { signal, query: { status } });
}

export function fetchPartnerReferral(referralId: string, signal?: AbortSignal): Promise<PartnerReferral> {
  return apiRequest<PartnerReferral>(path(referralId), { signal });
}

export function acceptReferral(referralId: string, version: number): Promise<PartnerReferral> {
  return apiRequest<PartnerReferral>(`${path(referralId)}/accept`, { method: 'POST', body: { version } });
}

/** Answers 204: a declined referral is no longer visible to the partner. */
export function declineReferral(referralId: string, version: number, reason: string): Promise<void> {
  return apiRequest<void>(`${path(referralId)}/decline`, { method: 'POST', body: { version, reason } });
}

export function recordPartnerService(referralId: string, request: PartnerServiceRequest): Promise<PartnerReferral> {
  return apiRequest<PartnerReferral>(`${path(referralId)}/services`, { method: 'POST', body: request });
}

export function completeReferral(referralId: string, version: number, outcome: ServiceOutcome): Promise<PartnerReferral> {
  return apiRequest<PartnerReferral>(`${path(referralId)}/complete`, { method: 'POST', body: { version, outcome } });
}
