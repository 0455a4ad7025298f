import type { PartnerReferral, PartnerServiceRequest, ServiceOutcome } from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  acceptReferral,
  completeReferral,
  declineReferral,
  fetchInbox,
  fetchPartnerReferral,
  recordPartnerService,
  type InboxPageQuery,
} from '../api/partner-inbox-api';

export const inboxKeys = {
  all: ['partner-inbox'] as const,
  list: ['partner-inbox', 'list'] as const,
  referral: (referralId: string) => ['partner-inbox', 'referral', referralId] as const,
};

/** One page of the inbox, in one state or all, with the whole inbox counted by state. */
export function useInbox(query: InboxPageQuery) {
  const queryClient = useQueryClient();
  const queryKey = [...inboxKeys.list, query];
  return useQuery({
    queryKey,
    // A page already on screen fetched again (the minute's refresh) is a background request; opening a page is use.
    queryFn: ({ signal }) => fetchInbox(query, signal, queryClient.getQueryData(queryKey) !== undefined),
    refetchInterval: 60_000,
    // Paging and filtering keep the previous rows on screen instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
}

export function usePartnerReferral(referralId: string | undefined) {
  return useQuery({
    queryKey: inboxKeys.referral(referralId ?? ''),
    queryFn: ({ signal }) => fetchPartnerReferral(referralId ?? '', signal),
    enabled: referralId !== undefined,
    // A withdrawn referral answers 404: there is nothing to retry.
    retry: false,
  });
}

function useReferralMutation<Input>(
  referralId: string,
  run: (input: Input & { version: number }) => Promise<PartnerReferral>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (referral) => {
      queryClient.setQueryData(inboxKeys.referral(referralId), referral);
      return queryClient.invalidateQueries({ queryKey: inboxKeys.list });
    },
  });
}

export function useAcceptReferral(referralId: string) {
  return useReferralMutation<object>(referralId, ({ version }) => acceptReferral(referralId, version));
}

export function useCompleteReferral(referralId: string) {
  return useReferralMutation<{ outcome: ServiceOutcome }>(referralId, ({ version, outcome }) =>
    completeReferral(referralId, version, outcome),
  );
}

export function useRecordPartnerService(referralId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PartnerServiceRequest) => recordPartnerService(referralId, request),
    onSuccess: (referral) => queryClient.setQueryData(inboxKeys.referral(referralId), referral),
  });
}

export function useDeclineReferral(referralId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, reason }: { version: number; reason: string }) =>
      declineReferral(referralId, version, reason),
    // Gone for the partner once declined: forget it rather than show a stale copy.
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: inboxKeys.referral(referralId) });
      return queryClient.invalidateQueries({ queryKey: inboxKeys.list });
    },
  });
}

export function useReloadPartnerReferral(referralId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.refetchQueries({ queryKey: inboxKeys.referral(referralId), exact: true });
}
