import type { CaseDetail } from '@haven/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { MY_WORK_KEY } from '../../my-work';

export const caseKeys = {
  all: ['cases'] as const,
  lists: ['cases', 'list'] as const,
  detail: (caseId: string) => ['cases', 'detail', caseId] as const,
  identity: (caseId: string) => ['cases', 'identity', caseId] as const,
  history: (caseId: string) => ['cases', 'history', caseId] as const,
  historyPage: (caseId: string, page: object) => ['cases', 'history', caseId, page] as const,
};

/**
 * After any change to a case or its parts: the header (version, risk, consent, open tasks, what is missing),
 * its history, the lists and "my work" all derive from it. Returned as a promise so a mutation stays pending
 * until the new version is on screen, and the next dialog never starts from the old one.
 */
export function refreshAfterCaseChange(
  queryClient: QueryClient,
  caseId: string,
  detail?: CaseDetail,
): Promise<unknown> {
  if (detail) queryClient.setQueryData(caseKeys.detail(caseId), detail);
  return Promise.all([
    detail ? Promise.resolve() : queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
    queryClient.invalidateQueries({ queryKey: caseKeys.history(caseId) }),
    queryClient.invalidateQueries({ queryKey: caseKeys.lists }),
    queryClient.invalidateQueries({ queryKey: MY_WORK_KEY }),
  ]);
}
