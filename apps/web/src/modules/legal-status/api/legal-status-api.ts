import type { LegalStatus, UpdateLegalStatusRequest } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchLegalStatus(caseId: string, signal?: AbortSignal): Promise<LegalStatus> {
  return typedApi('get', '/cases/{id}/legal-status', { params: { id: caseId }, signal });
}

export function updateLegalStatus(caseId: string, request: UpdateLegalStatusRequest): Promise<LegalStatus> {
  return typedApi('patch', '/cases/{id}/legal-status', { params: { id: caseId }, body: request });
}
