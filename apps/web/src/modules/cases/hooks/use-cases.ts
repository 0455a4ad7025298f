import type { CaseListQuery, RegisterCaseRequest } from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchCase, fetchCases, fetchIdentity, registerCase } from '../api/cases-api';

export const caseKeys = {
  all: ['cases'] as const,
  list: (query: CaseListQuery) => ['cases', 'list', query] as const,
  detail: (caseId: string) => ['cases', 'detail', caseId] as const,
  identity: (caseId: string) => ['cases', 'identity', caseId] as const,
};

export function useCaseList(query: CaseListQuery) {
  return useQuery({
    queryKey: caseKeys.list(query),
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
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
  });
}
