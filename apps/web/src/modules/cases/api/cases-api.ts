import type {
  CaseDetail,
  CaseListQuery,
  CaseListResponse,
  RegisterCaseRequest,
  RegisterCaseResponse,
  SurvivorIdentity,
} from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

export function fetchCases(query: CaseListQuery, signal?: AbortSignal): Promise<CaseListResponse> {
  return apiRequest<CaseListResponse>('/cases', {
    signal,
    query: { page: query.page, pageSize: query.pageSize, status: query.status, reference: query.reference },
  });
}

export function fetchCase(caseId: string, signal?: AbortSignal): Promise<CaseDetail> {
  return apiRequest<CaseDetail>(`/cases/${encodeURIComponent(caseId)}`, { signal });
}

/** Every call is written to the audit log by the API, so it is made only on an explicit request. */
export function fetchIdentity(caseId: string, signal?: AbortSignal): Promise<SurvivorIdentity> {
  return apiRequest<SurvivorIdentity>(`/cases/${encodeURIComponent(caseId)}/identity`, { signal });
}

export function registerCase(request: RegisterCaseRequest): Promise<RegisterCaseResponse> {
  return apiRequest<RegisterCaseResponse>('/cases', { method: 'POST', body: request });
}
