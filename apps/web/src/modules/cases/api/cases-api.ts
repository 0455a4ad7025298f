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
import { typedApi } from '../../../app/api/typed-api';

export function fetchCases(query: CaseListQuery, signal?: AbortSignal): Promise<CaseListResponse> {
  return typedApi('get', '/cases', {
    signal,
    query: {
      pageSize: query.pageSize,
      sort: query.sort,
      order: query.order,
      cursor: query.cursor,
      status: query.status,
      riskLevel: query.riskLevel,
      stage: query.stage,
      assigneeId: query.assigneeId,
      overdue: query.overdue ? 'true' : undefined,
      reference: query.reference,
      name: query.name,
    },
  });
}

export function fetchCase(caseId: string, signal?: AbortSignal): Promise<CaseDetail> {
  return typedApi('get', '/cases/{id}', { params: { id: caseId }, signal });
}

/** Every call is written to the audit log by the API, so it is made only on an explicit request. */
export function fetchIdentity(caseId: string, signal?: AbortSignal): Promise<SurvivorIdentity> {
  return typedApi('get', '/cases/{id}/identity', { params: { id: caseId }, signal });
}

export function registerCase(request: RegisterCaseRequest): Promise<RegisterCaseResponse> {
  return typedApi('post', '/cases', { body: request });
}

/** Answers references only, never names: enough to warn before a second record splits a person's history. */
export function checkDuplicates(request: DuplicateCheckRequest, signal?: AbortSignal): Promise<DuplicateCheckResponse> {
  return typedApi('post', '/cases/duplicate-check', { body: request, signal });
}

export function updateCase(caseId: string, request: UpdateCaseRequest): Promise<CaseDetail> {
  return typedApi('patch', '/cases/{id}', { params: { id: caseId }, body: request });
}

export function updateIdentity(caseId: string, request: UpdateIdentityRequest): Promise<SurvivorIdentity> {
  return typedApi('patch', '/cases/{id}/identity', { params: { id: caseId }, body: request });
}

export function assignCase(caseId: string, request: AssignCaseRequest): Promise<CaseDetail> {
  return typedApi('post', '/cases/{id}/assignee', { params: { id: caseId }, body: request });
}

export function requestClosure(caseId: string, request: ClosureRequest): Promise<CaseDetail> {
  return typedApi('post', '/cases/{id}/closure', { params: { id: caseId }, body: request });
}

export function decideClosure(caseId: string, request: DecisionRequest): Promise<CaseDetail> {
  return typedApi('post', '/cases/{id}/closure/decision', { params: { id: caseId }, body: request });
}

export function reopenCase(caseId: string, request: ReopenRequest): Promise<CaseDetail> {
  return typedApi('post', '/cases/{id}/reopen', { params: { id: caseId }, body: request });
}

/** A page of a list paged by cursor that shows one sort: when the rows were recorded. */
export interface RecordedOrderPage {
  sort: 'occurredAt';
  order: 'asc' | 'desc';
  cursor?: string;
}

export function fetchHistory(
  caseId: string,
  page: RecordedOrderPage,
  pageSize: number,
  signal?: AbortSignal,
): Promise<HistoryResponse> {
  return typedApi('get', '/cases/{id}/history', { params: { id: caseId }, signal, query: { ...page, pageSize } });
}
