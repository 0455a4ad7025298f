import type {
  DirectoryEntry,
  LensSection,
  LensView,
  Referral,
  SendReferralRequest,
  ServiceType,
} from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export interface DirectorySearch {
  service?: ServiceType | null;
  country?: string | null;
  /** A language the organisation's staff speak (ISO 639). */
  language?: string | null;
  /** Organisations one can refer to, or transfer a whole case to; both when absent. */
  purpose?: 'referral' | 'transfer';
  q?: string;
  acceptingOnly?: boolean;
}

export function fetchDirectory(search: DirectorySearch, signal?: AbortSignal): Promise<{ items: DirectoryEntry[] }> {
  return typedApi('get', '/organisations', {
    signal,
    query: {
      service: search.service ?? undefined,
      country: search.country ?? undefined,
      language: search.language ?? undefined,
      purpose: search.purpose,
      q: search.q?.trim(),
      acceptingOnly: search.acceptingOnly ? 'true' : undefined,
    },
  });
}

export function fetchCaseReferrals(caseId: string, signal?: AbortSignal): Promise<{ items: Referral[] }> {
  return typedApi('get', '/cases/{id}/referrals', { params: { id: caseId }, signal });
}

/** Built by the server exactly as the partner will receive it; identity sections count as audited reads. */
export function previewLens(caseId: string, lens: LensSection[], signal?: AbortSignal): Promise<LensView> {
  return typedApi('post', '/cases/{id}/referrals/preview', { params: { id: caseId }, body: { lens }, signal });
}

export function sendReferral(caseId: string, request: SendReferralRequest): Promise<Referral> {
  return typedApi('post', '/cases/{id}/referrals', { params: { id: caseId }, body: request });
}

export function withdrawReferral(caseId: string, referralId: string, version: number): Promise<Referral> {
  return typedApi('post', '/cases/{id}/referrals/{referralId}/withdraw', {
    params: { id: caseId, referralId },
    body: { version },
  });
}
