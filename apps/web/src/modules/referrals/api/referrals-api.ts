import type {
  DirectoryEntry,
  LensSection,
  LensView,
  Referral,
  SendReferralRequest,
  ServiceType,
} from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const path = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/referrals`;

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
  return apiRequest<{ items: DirectoryEntry[] }>('/organisations', {
    signal,
    query: {
      service: search.service,
      country: search.country,
      language: search.language,
      purpose: search.purpose,
      q: search.q?.trim(),
      acceptingOnly: search.acceptingOnly ? 'true' : undefined,
    },
  });
}

export function fetchCaseReferrals(caseId: string, signal?: AbortSignal): Promise<{ items: Referral[] }> {
  return apiRequest<{ items: Referral[] }>(path(caseId), { signal });
}

/** Built by the server exactly as the partner will receive it; identity sections count as audited reads. */
export function previewLens(caseId: string, lens: LensSection[], signal?: AbortSignal): Promise<LensView> {
  return apiRequest<LensView>(`${path(caseId)}/preview`, { method: 'POST', body: { lens }, signal });
}

export function sendReferral(caseId: string, request: SendReferralRequest): Promise<Referral> {
  return apiRequest<Referral>(path(caseId), { method: 'POST', body: request });
}

export function withdrawReferral(caseId: string, referralId: string, version: number): Promise<Referral> {
  return apiRequest<Referral>(`${path(caseId)}/${encodeURIComponent(referralId)}/withdraw`, {
    method: 'POST',
    body: { version },
  });
}
