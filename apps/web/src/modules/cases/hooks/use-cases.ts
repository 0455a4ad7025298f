import type {
  AssignCaseRequest,
  CaseListQuery,
  ClosureRequest,
  DecisionRequest,
  DuplicateCheckRequest,
  RegisterCaseRequest,
  ReopenRequest,
  UpdateCaseRequest,
  UpdateIdentityRequest,
} from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  assignCase,
  checkDuplicates,
  decideClosure,
  fetchCase,
  fetchCases,
  fetchHistory,
  fetchIdentity,
  registerCase,
  reopenCase,
  requestClosure,
  updateCase,
  updateIdentity,
  type RecordedOrderPage,
} from '../api/cases-api';
import { caseKeys, refreshAfterCaseChange } from './case-cache';

export { caseKeys } from './case-cache';

export const HISTORY_PAGE_SIZE = 20;

export function useCaseList(query: CaseListQuery) {
  return useQuery({
    queryKey: [...caseKeys.lists, query],
    queryFn: ({ signal }) => fetchCases(query, signal),
    // Paging and filtering keep the previous rows on screen instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
}

export function useCase(caseId: string | undefined) {
  return useQuery({
    queryKey: caseKeys.detail(caseId ?? ''),
    queryFn: ({ signal }) => fetchCase(caseId as string, signal),
    enabled: Boolean(caseId),
  });
}

export function useCaseIdentity(caseId: string, revealed: boolean) {
  return useQuery({
    queryKey: caseKeys.identity(caseId),
    queryFn: ({ signal }) => fetchIdentity(caseId, signal),
    enabled: revealed,
    // Names are kept in memory only while shown; hiding or leaving the page drops them.
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
}

export function useRegisterCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RegisterCaseRequest) => registerCase(request),
    onSuccess: (created) => {
      queryClient.setQueryData(caseKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
    },
  });
}

/**
 * Asks whether the person may already be registered, once there is a name and an age to compare.
 * The name travels in the request body only; the answer is dropped as soon as nobody shows it.
 */
export function useDuplicateCheck(request: DuplicateCheckRequest | null) {
  return useQuery({
    queryKey: ['cases', 'duplicate-check', request],
    queryFn: ({ signal }) => checkDuplicates(request as DuplicateCheckRequest, signal),
    enabled: request !== null,
    gcTime: 0,
    staleTime: 60_000,
    retry: false,
  });
}

export function useUpdateCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateCaseRequest) => updateCase(caseId, request),
    onSuccess: (detail) => refreshAfterCaseChange(queryClient, caseId, detail),
  });
}

export function useUpdateIdentity(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateIdentityRequest) => updateIdentity(caseId, request),
    onSuccess: (identity) => {
      // The answer is the identity as now stored: shown at once, without a second (audited) read.
      queryClient.setQueryData(caseKeys.identity(caseId), identity);
      return refreshAfterCaseChange(queryClient, caseId);
    },
  });
}

export function useAssignCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AssignCaseRequest) => assignCase(caseId, request),
    onSuccess: (detail) => refreshAfterCaseChange(queryClient, caseId, detail),
  });
}

export function useRequestClosure(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ClosureRequest) => requestClosure(caseId, request),
    onSuccess: (detail) => refreshAfterCaseChange(queryClient, caseId, detail),
  });
}

export function useDecideClosure(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: DecisionRequest) => decideClosure(caseId, request),
    onSuccess: (detail) => refreshAfterCaseChange(queryClient, caseId, detail),
  });
}

export function useReopenCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReopenRequest) => reopenCase(caseId, request),
    onSuccess: (detail) => refreshAfterCaseChange(queryClient, caseId, detail),
  });
}

export function useCaseHistory(caseId: string, page: RecordedOrderPage) {
  return useQuery({
    queryKey: caseKeys.historyPage(caseId, page),
    queryFn: ({ signal }) => fetchHistory(caseId, page, HISTORY_PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
}
