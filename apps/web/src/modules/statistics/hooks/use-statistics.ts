import type { StatisticsTableCode } from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../app/api-client';
import {
  fetchIndicatorReport,
  fetchProgrammeResults,
  fetchProgrammeTargets,
  setProgrammeTarget,
  fetchStatisticsCatalogue,
  fetchStatisticsTable,
  type StatisticsFilters,
} from '../api/statistics-api';

export const statisticsKeys = {
  catalogue: ['statistics', 'catalogue'] as const,
  table: (table: StatisticsTableCode, filters: StatisticsFilters) => ['statistics', 'table', table, filters] as const,
  indicators: (filters: StatisticsFilters) => ['statistics', 'indicators', filters] as const,
  results: (filters: StatisticsFilters) => ['statistics', 'results', filters] as const,
  targets: ['statistics', 'targets'] as const,
};

/** A selection that is not published, or no release yet, is an answer, not a glitch: asking again gets the same answer. */
function retryUnlessRefused(failures: number, error: unknown): boolean {
  if (isApiError(error, 400, 403, 409, 422, 503)) return false;
  return failures < 2;
}

export function useStatisticsCatalogue() {
  return useQuery({
    queryKey: statisticsKeys.catalogue,
    queryFn: ({ signal }) => fetchStatisticsCatalogue(signal),
    staleTime: 5 * 60_000,
  });
}

export function useStatisticsTable(table: StatisticsTableCode, filters: StatisticsFilters) {
  return useQuery({
    queryKey: statisticsKeys.table(table, filters),
    queryFn: ({ signal }) => fetchStatisticsTable(table, filters, signal),
    placeholderData: keepPreviousData,
    retry: retryUnlessRefused,
    // A release changes at most nightly: a published table is not asked for again on focus or remount.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

export function useIndicatorReport(filters: StatisticsFilters) {
  return useQuery({
    queryKey: statisticsKeys.indicators(filters),
    queryFn: ({ signal }) => fetchIndicatorReport(filters, signal),
    placeholderData: keepPreviousData,
    retry: retryUnlessRefused,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

/** The programme's results: the targets change when a manager sets one, so the report is asked for again then. */
export function useProgrammeResults(filters: StatisticsFilters) {
  return useQuery({
    queryKey: statisticsKeys.results(filters),
    queryFn: ({ signal }) => fetchProgrammeResults(filters, signal),
    placeholderData: keepPreviousData,
    retry: retryUnlessRefused,
    refetchOnWindowFocus: false,
  });
}

export function useProgrammeTargets() {
  return useQuery({ queryKey: statisticsKeys.targets, queryFn: ({ signal }) => fetchProgrammeTargets(signal) });
}

export function useSetProgrammeTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setProgrammeTarget,
    onSuccess: async (targets) => {
      queryClient.setQueryData(statisticsKeys.targets, targets);
      await queryClient.invalidateQueries({ queryKey: ['statistics', 'results'] });
    },
  });
}
