import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  fetchCaseAccessLog,
  fetchSystemEvents,
  type CaseAccessLogSearch,
  type SystemEventSearch,
} from '../api/access-log-api';

export const ACCESS_LOG_PAGE_SIZE = 20;

export const accessLogKeys = {
  forCase: (caseId: string, search: CaseAccessLogSearch) => ['access-log', 'case', caseId, search] as const,
  system: (search: SystemEventSearch) => ['access-log', 'system', search] as const,
};

/** Not refreshed in the background: each read of the log is itself an audited event. */
export function useCaseAccessLog(caseId: string, search: CaseAccessLogSearch) {
  return useQuery({
    queryKey: accessLogKeys.forCase(caseId, search),
    queryFn: ({ signal }) => fetchCaseAccessLog(caseId, search, signal),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
    staleTime: 60_000,
  });
}

export function useSystemEvents(search: SystemEventSearch, enabled = true) {
  return useQuery({
    enabled,
    queryKey: accessLogKeys.system(search),
    queryFn: ({ signal }) => fetchSystemEvents(search, signal),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
    staleTime: 60_000,
  });
}
