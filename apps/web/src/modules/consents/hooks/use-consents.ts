import type { RecordConsentRequest, WithdrawConsentRequest } from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import { fetchConsents, recordConsent, withdrawConsent } from '../api/consents-api';

export const consentKeys = { list: (caseId: string) => ['consents', caseId] as const };

export function useConsents(caseId: string) {
  return useQuery({ queryKey: consentKeys.list(caseId), queryFn: ({ signal }) => fetchConsents(caseId, signal) });
}

export function useRecordConsent(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RecordConsentRequest) => recordConsent(caseId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: consentKeys.list(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}

export function useWithdrawConsent(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ consentId, request }: { consentId: string; request: WithdrawConsentRequest }) =>
      withdrawConsent(caseId, consentId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: consentKeys.list(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}

/** After a conflict: the consents and the case as they are now, so the user decides again from there. */
export function useRefreshConsents(caseId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: consentKeys.list(caseId) }),
      refreshAfterCaseChange(queryClient, caseId),
    ]);
}
