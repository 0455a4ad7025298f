import type { UpdateLegalStatusRequest } from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import { fetchLegalStatus, updateLegalStatus } from '../api/legal-status-api';

export const legalStatusKeys = { forCase: (caseId: string) => ['legal-status', caseId] as const };

export function useLegalStatus(caseId: string) {
  return useQuery({
    queryKey: legalStatusKeys.forCase(caseId),
    queryFn: ({ signal }) => fetchLegalStatus(caseId, signal),
  });
}

/** Saving reloads the legal status and what derives from it (history, my work's reminders). */
export function useUpdateLegalStatus(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateLegalStatusRequest) => updateLegalStatus(caseId, request),
    onSuccess: (saved) => {
      queryClient.setQueryData(legalStatusKeys.forCase(caseId), saved);
      return refreshAfterCaseChange(queryClient, caseId);
    },
  });
}
