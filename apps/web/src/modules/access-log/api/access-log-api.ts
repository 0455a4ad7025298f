import type { CaseAccessKind, CaseAccessLogResponse, SystemEventKind, SystemEventResponse } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

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
  return typedApi('get', '/cases/{id}/access-log', { params: { id: caseId }, signal, query: { ...search } });
}

export function fetchSystemEvents(search: SystemEventSearch, signal?: AbortSignal): Promise<SystemEventResponse> {
  return typedApi('get', '/audit/events', { signal, query: { ...search } });
}
