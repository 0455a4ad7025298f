import type {
  InboxResponse,
  InboxStatus,
  PartnerReferral,
  PartnerServiceRequest,
  ServiceOutcome,
} from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

/** The contract's default page size: one screen of referrals. */
export const INBOX_PAGE_SIZE = 25;

export interface InboxPageQuery {
  status?: InboxStatus;
  /** The inbox's one sort, when referrals were sent: newest first unless asked otherwise. */
  order: 'asc' | 'desc';
  cursor?: string;
}

/** `background`: the minute's refresh of a page already on screen, which is not use (an unattended inbox still times out). */
export function fetchInbox(
  { status, order, cursor }: InboxPageQuery,
  signal?: AbortSignal,
  background = false,
): Promise<InboxResponse> {
  return typedApi('get', '/referrals/inbox', {
    signal,
    ...(background ? { background: true as const } : {}),
    query: { status, sort: 'sentAt', order, cursor, pageSize: INBOX_PAGE_SIZE },
  });
}

export function fetchPartnerReferral(referralId: string, signal?: AbortSignal): Promise<PartnerReferral> {
  return typedApi('get', '/referrals/{referralId}', { params: { referralId }, signal });
}

export function acceptReferral(referralId: string, version: number): Promise<PartnerReferral> {
  return typedApi('post', '/referrals/{referralId}/accept', { params: { referralId }, body: { version } });
}

/** Answers 204: a declined referral is no longer visible to the partner. */
export function declineReferral(referralId: string, version: number, reason: string): Promise<void> {
  return typedApi('post', '/referrals/{referralId}/decline', { params: { referralId }, body: { version, reason } });
}

export function recordPartnerService(referralId: string, request: PartnerServiceRequest): Promise<PartnerReferral> {
  return typedApi('post', '/referrals/{referralId}/services', { params: { referralId }, body: request });
}

export function completeReferral(
  referralId: string,
  version: number,
  outcome: ServiceOutcome,
): Promise<PartnerReferral> {
  return typedApi('post', '/referrals/{referralId}/complete', { params: { referralId }, body: { version, outcome } });
}
