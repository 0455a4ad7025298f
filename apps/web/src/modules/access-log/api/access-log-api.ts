import type { CaseAccessKind, CaseAccessLogResponse, SystemEventKind, SystemEventResponse } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

export interface CaseAccessLogSearch {
  page: number;
  pageSize: number;
  kind?: CaseAccessKind;
  /** The newest event id of the first page, so later pages do not shift as the log grows (reading it adds to it). */
  upTo?: string;
}

export interface SystemEventSearch {
  page: number;
  pageSize: number;
  kind?: SystemEventKind;
  userId?: string;
  from?: string;
  to?: string;
  upTo?: string;
}

/** Every call is itself written to the log by the API. */
export function fetchCaseAccessLog(
  caseId: string,
  search: CaseAccessLogSearch,
  signal?: AbortSignal,
): Promise<CaseAccessLogResponse> {
  return apiRequest<CaseAccessLogResponse>(`/cases/${encodeURIComponent(caseId)}/access-log`, {
    signal,
    query: { ...search },
  });
}

export function fetchSystemEvents(search: SystemEventSearch, signal?: AbortSignal): Promise<SystemEventResponse> {
  return apiRequest<SystemEventResponse>('/audit/events', { signal, query: { ...search } });
}
