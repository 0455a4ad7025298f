import type {
  AssignCaseRequest,
  CaseDetail,
  CaseListQuery,
  CaseListResponse,
  ClosureRequest,
  DecisionRequest,
  DuplicateCheckRequest,
  DuplicateCheckResponse,
  HistoryResponse,
  RegisterCaseRequest,
  RegisterCaseResponse,
  ReopenRequest,
  SurvivorIdentity,
  UpdateCaseRequest,
  UpdateIdentityRequest,
} from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

export function fetchCases(query: CaseListQuery, signal?: AbortSignal): Promise<CaseListResponse> {
  return apiRequest<CaseListResponse>('/cases', {
    signal,
    query: {
      page: query.page,
      pageSize: query.pageSize,
      status: query.status,
      riskLevel: query.riskLevel,
      stage: query.stage,
      assigneeId: query.assigneeId,
      overdue: query.overdue ? 'true' : undefined,
      reference: query.reference,
    },
  });
}

export function fetchCase(caseId: string, signal?: AbortSignal): Promise<CaseDetail> {
  return apiRequest<CaseDetail>(casePath(caseId), { signal });
}

/** Every call is written to the audit log by the API, so it is made only on an explicit request. */
export function fetchIdentity(caseId: string, signal?: AbortSignal): Promise<SurvivorIdentity> {
  return apiRequest<SurvivorIdentity>(`${casePath(caseId)}/identity`, { signal });
}

export function registerCase(request: RegisterCaseRequest): Promise<RegisterCaseResponse> {
  return apiRequest<RegisterCaseResponse>('/cases', { method: 'POST', body: request });
}

/** Answers references only, never names: enough to warn before a second record splits a person's history. */
export function checkDuplicates(request: DuplicateCheckRequest, signal?: AbortSignal): Promise<DuplicateCheckResponse> {
  return apiRequest<DuplicateCheckResponse>('/cases/duplicate-check', { method: 'POST', body: request, signal });
}

export function updateCase(caseId: string, request: UpdateCaseRequest): Promise<CaseDetail> {
  return apiRequest<CaseDetail>(casePath(caseId), { method: 'PATCH', body: request });
}

export function updateIdentity(caseId: string, request: UpdateIdentityRequest): Promise<SurvivorIdentity> {
  return apiRequest<SurvivorIdentity>(`${casePath(caseId)}/identity`, { method: 'PATCH', body: request });
}

export function assignCase(caseId: string, request: AssignCaseRequest): Promise<CaseDetail> {
  return apiRequest<CaseDetail>(`${casePath(caseId)}/assignee`, { method: 'POST', body: request });
}

export function requestClosure(caseId: string, request: ClosureRequest): Promise<CaseDetail> {
  return apiRequest<CaseDetail>(`${casePath(caseId)}/closure`, { method: 'POST', body: request });
}

export function decideClosure(caseId: string, request: DecisionRequest): Promise<CaseDetail> {
  return apiRequest<CaseDetail>(`${casePath(caseId)}/closure/decision`, { method: 'POST', body: request });
}

export function reopenCase(caseId: string, request: ReopenRequest): Promise<CaseDetail> {
  return apiRequest<CaseDetail>(`${casePath(caseId)}/reopen`, { method: 'POST', body: request });
}

export function fetchHistory(
  caseId: string,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<HistoryResponse> {
  return apiRequest<HistoryResponse>(`${casePath(caseId)}/history`, { signal, query: { page, pageSize } });
}
