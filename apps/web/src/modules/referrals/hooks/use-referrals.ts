import type { LensSection, SendReferralRequest } from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import { serviceKeys } from '../../service-records';
import {
  fetchCaseReferrals,
  fetchDirectory,
  previewLens,
  sendReferral,
  withdrawReferral,
  type DirectorySearch,
} from '../api/referrals-api';

export const referralKeys = {
  forCase: (caseId: string) => ['referrals', 'case', caseId] as const,
  preview: (caseId: string, lens: readonly LensSection[]) =>
    ['referrals', 'preview', caseId, [...lens].sort()] as const,
  directory: (search: DirectorySearch) => ['organisations', 'directory', search] as const,
};

export function useDirectory(search: DirectorySearch, enabled = true) {
  return useQuery({
    queryKey: referralKeys.directory(search),
    queryFn: ({ signal }) => fetchDirectory(search, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });
}

export function useCaseReferrals(caseId: string) {
  return useQuery({
    queryKey: referralKeys.forCase(caseId),
    queryFn: ({ signal }) => fetchCaseReferrals(caseId, signal),
  });
}

/**
 * The partner's view for the sections ticked now. Not refreshed in the background: a preview that includes
 * the identity is an audited read, so it is asked for only when the choice of sections changes.
 */
export function useLensPreview(caseId: string, lens: readonly LensSection[]) {
  return useQuery({
    queryKey: referralKeys.preview(caseId, lens),
    queryFn: ({ signal }) => previewLens(caseId, [...lens], signal),
    enabled: lens.length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

function useRefreshReferrals(caseId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: referralKeys.forCase(caseId) }),
      queryClient.invalidateQueries({ queryKey: serviceKeys.list(caseId) }),
      refreshAfterCaseChange(queryClient, caseId),
    ]);
}

export function useSendReferral(caseId: string) {
  const refresh = useRefreshReferrals(caseId);
  return useMutation({
    mutationFn: (request: SendReferralRequest) => sendReferral(caseId, request),
    onSuccess: refresh,
  });
}

export function useWithdrawReferral(caseId: string) {
  const refresh = useRefreshReferrals(caseId);
  return useMutation({
    mutationFn: ({ referralId, version }: { referralId: string; version: number }) =>
      withdrawReferral(caseId, referralId, version),
    onSuccess: refresh,
  });
}

/** Reloads the case's referrals after a conflict, so a withdrawal is retried against what is there now. */
export function useReloadReferrals(caseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.refetchQueries({ queryKey: referralKeys.forCase(caseId), exact: true });
}
