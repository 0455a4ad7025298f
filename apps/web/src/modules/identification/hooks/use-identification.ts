import type { RecordScreeningRequest, RecordStatusDecisionRequest } from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import { fetchIdentification, recordDecision, recordScreening } from '../api/identification-api';

export const identificationKeys = { forCase: (caseId: string) => ['identification', caseId] as const };

export function useIdentification(caseId: string) {
  return useQuery({
    queryKey: identificationKeys.forCase(caseId),
    queryFn: ({ signal }) => fetchIdentification(caseId, signal),
  });
}

/** Each step reloads the identification and the case (a decision changes its status, and the history grows). */
function useCaseMutation<Args>(caseId: string, mutationFn: (args: Args) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: identificationKeys.forCase(caseId) }),
        queryClient.invalidateQueries({ queryKey: ['legal-status', caseId] }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}

export function useRecordScreening(caseId: string) {
  return useCaseMutation(caseId, (request: RecordScreeningRequest) => recordScreening(caseId, request));
}

export function useRecordDecision(caseId: string) {
  return useCaseMutation(caseId, (request: RecordStatusDecisionRequest) => recordDecision(caseId, request));
}
