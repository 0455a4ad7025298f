import type {
  InboxResponse,
  InboxStatus,
  PartnerReferral,
  PartnerServiceRequest,
  ServiceOutcome,
} from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

/** The contract's default page size: one screen of referrals. */
export const INBOX_PAGE_SIZE = 25;

const path = (referralId: string) => `/referrals/${encodeURIComponent(referralId)}`;

export interface InboxPageQuery {
  status?: InboxStatus;
  page: number;
}

export function fetchInbox({ status, page }: InboxPageQuery, signal?: AbortSignal): Promise<InboxResponse> {
  return apiRequest<InboxResponse>('/referrals/inbox', { signal, query: { status, page, pageSize: INBOX_PAGE_SIZE } });
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

export function completeReferral(
  referralId: string,
  version: number,
  outcome: ServiceOutcome,
): Promise<PartnerReferral> {
  return apiRequest<PartnerReferral>(`${path(referralId)}/complete`, { method: 'POST', body: { version, outcome } });
}
