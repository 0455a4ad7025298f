import type { CaseAccessKind, CaseAccessLogResponse, SystemEventKind, SystemEventResponse } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

/** A log's page: by cursor, so events recorded meanwhile (reading a log adds to it) never shift later pages. */
interface LogPageSearch {
  pageSize: number;
  sort: 'occurredAt';
  order: 'asc' | 'desc';
  cursor?: string;
}

export interface CaseAccessLogSearch extends LogPageSearch {
  kind?: CaseAccessKind;
}

export interface SystemEventSearch extends LogPageSearch {
  kind?: SystemEventKind;
  userId?: string;
  from?: string;
  to?: string;
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
