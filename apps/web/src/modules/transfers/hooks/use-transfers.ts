import type { IncomingTransferQuery, ProposeTransferRequest, ProtectionReviewRequest } from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import {
  cancelTransfer,
  decideTransfer,
  fetchCaseTransfers,
  fetchIncomingTransfers,
  fetchProtectionReviews,
  proposeTransfer,
  recordProtectionReview,
  type TransferDecision,
} from '../api/transfers-api';

export const transferKeys = {
  forCase: (caseId: string) => ['transfers', 'case', caseId] as const,
  incoming: ['transfers', 'incoming'] as const,
  reviews: (caseId: string) => ['protection-reviews', caseId] as const,
};

export function useCaseTransfers(caseId: string) {
  return useQuery({
    queryKey: transferKeys.forCase(caseId),
    queryFn: ({ signal }) => fetchCaseTransfers(caseId, signal),
  });
}

function useRefreshTransfers(caseId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: transferKeys.forCase(caseId) }),
      refreshAfterCaseChange(queryClient, caseId),
    ]);
}

export function useProposeTransfer(caseId: string) {
  const refresh = useRefreshTransfers(caseId);
  return useMutation({
    mutationFn: (request: ProposeTransferRequest) => proposeTransfer(caseId, request),
    onSuccess: refresh,
  });
}

export function useCancelTransfer(caseId: string) {
  const refresh = useRefreshTransfers(caseId);
  return useMutation({
    mutationFn: ({ transferId, version }: { transferId: string; version: number }) =>
      cancelTransfer(caseId, transferId, version),
    onSuccess: refresh,
  });
}

export function useReloadTransfers(caseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.refetchQueries({ queryKey: transferKeys.forCase(caseId), exact: true });
}

/** One page of the transfers proposed to the organisation; the key starts with transferKeys.incoming, so a decision refreshes every page. */
export function useIncomingTransfers(query: Partial<IncomingTransferQuery>) {
  return useQuery({
    queryKey: [...transferKeys.incoming, query],
    queryFn: ({ signal }) => fetchIncomingTransfers(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDecideTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      transferId,
      ...request
    }: {
      transferId: string;
      version: number;
      decision: TransferDecision;
      comment?: string;
    }) => decideTransfer(transferId, request),
    // An accepted transfer adds a case to this organisation's lists.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: transferKeys.incoming }),
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
      ]),
  });
}

export function useProtectionReviews(caseId: string) {
  return useQuery({
    queryKey: transferKeys.reviews(caseId),
    queryFn: ({ signal }) => fetchProtectionReviews(caseId, signal),
  });
}

export function useRecordProtectionReview(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ProtectionReviewRequest) => recordProtectionReview(caseId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: transferKeys.reviews(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}
