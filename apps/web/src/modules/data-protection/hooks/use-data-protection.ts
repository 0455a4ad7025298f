import type { DataProtectionStatus, ErasureRequest } from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseKeys, refreshAfterCaseChange } from '../../cases';
import {
  confirmErasureRequest,
  downloadAccessExport,
  fetchDataProtection,
  fetchRetentionRuns,
  fetchRetentionSettings,
  recordErasure,
  saveRetention,
} from '../api/data-protection-api';

export const dataProtectionKeys = {
  forCase: (caseId: string) => ['data-protection', caseId] as const,
  retention: ['data-protection', 'retention'] as const,
  runs: ['data-protection', 'runs'] as const,
};

export function useDataProtection(caseId: string) {
  return useQuery({
    queryKey: dataProtectionKeys.forCase(caseId),
    queryFn: ({ signal }) => fetchDataProtection(caseId, signal),
  });
}

/** After an erasure every part of the case changes: everything cached about it is dropped and reloaded. */
function useErasureMutation<Request>(caseId: string, erase: (request: Request) => Promise<DataProtectionStatus>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: erase,
    onSuccess: async (status) => {
      queryClient.setQueryData(dataProtectionKeys.forCase(caseId), status);
      queryClient.removeQueries({ queryKey: caseKeys.identity(caseId) });
      await Promise.all([
        refreshAfterCaseChange(queryClient, caseId),
        queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(caseId) }),
      ]);
    },
  });
}

export function useRecordErasure(caseId: string) {
  return useErasureMutation(caseId, (request: ErasureRequest) => recordErasure(caseId, request));
}

/** Confirms another organisation's erasure request for this copy. */
export function useConfirmErasureRequest(caseId: string) {
  return useErasureMutation(caseId, (confirmReference: string) => confirmErasureRequest(caseId, { confirmReference }));
}

/** Downloads the export through a temporary link; nothing of it is kept in the page afterwards. */
export function useAccessExport(caseId: string) {
  return useMutation({
    mutationFn: async (password: string) => {
      const { blob, fileName } = await downloadAccessExport(caseId, password);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName ?? 'haven-access-export.zip';
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked on the next tick: the browser has started the download by then.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    },
  });
}

export function useRetentionSettings() {
  return useQuery({ queryKey: dataProtectionKeys.retention, queryFn: ({ signal }) => fetchRetentionSettings(signal) });
}

export function useSaveRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ organisationId, retentionMonths }: { organisationId: string; retentionMonths: number | null }) =>
      saveRetention(organisationId, retentionMonths),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dataProtectionKeys.retention }),
  });
}

export function useRetentionRuns() {
  return useQuery({ queryKey: dataProtectionKeys.runs, queryFn: ({ signal }) => fetchRetentionRuns(signal) });
}
