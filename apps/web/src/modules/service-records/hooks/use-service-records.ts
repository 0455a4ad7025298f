import type { RecordServiceRequest } from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import { fetchServices, recordService } from '../api/service-records-api';

export const serviceKeys = { list: (caseId: string) => ['services', caseId] as const };

export function useServiceRecords(caseId: string) {
  return useQuery({ queryKey: serviceKeys.list(caseId), queryFn: ({ signal }) => fetchServices(caseId, signal) });
}

export function useRecordService(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RecordServiceRequest) => recordService(caseId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: serviceKeys.list(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}
