import type { Consent, RecordConsentRequest, WithdrawConsentRequest } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchConsents(caseId: string, signal?: AbortSignal): Promise<{ items: Consent[] }> {
  return typedApi('get', '/cases/{id}/consents', { params: { id: caseId }, signal });
}

export function recordConsent(caseId: string, request: RecordConsentRequest): Promise<Consent> {
  return typedApi('post', '/cases/{id}/consents', { params: { id: caseId }, body: request });
}

export function withdrawConsent(caseId: string, consentId: string, request: WithdrawConsentRequest): Promise<Consent> {
  return typedApi('post', '/cases/{id}/consents/{consentId}/withdraw', {
    params: { id: caseId, consentId },
    body: request,
  });
}
