import type { Consent, RecordConsentRequest, WithdrawConsentRequest } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const path = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/consents`;

export function fetchConsents(caseId: string, signal?: AbortSignal): Promise<{ items: Consent[] }> {
  return apiRequest<{ items: Consent[] }>(path(caseId), { signal });
}

export function recordConsent(caseId: string, request: RecordConsentRequest): Promise<Consent> {
  return apiRequest<Consent>(path(caseId), { method: 'POST', body: request });
}

export function withdrawConsent(caseId: string, consentId: string, request: WithdrawConsentRequest): Promise<Consent> {
  return apiRequest<Consent>(`${path(caseId)}/${encodeURIComponent(consentId)}/withdraw`, {
    method: 'POST',
    body: request,
  });
}
