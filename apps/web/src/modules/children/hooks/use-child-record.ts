import type { DecideBestInterestsRequest } from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import {
  appointGuardian,
  decideBestInterests,
  fetchChildRecord,
  recordAgeAssessment,
  recordBestInterests,
  recordViews,
} from '../api/children-api';

export const childKeys = { record: (caseId: string) => ['child', caseId] as const };

export function useChildRecord(caseId: string) {
  return useQuery({ queryKey: childKeys.record(caseId), queryFn: ({ signal }) => fetchChildRecord(caseId, signal) });
}

/** Every write refreshes the record and the case (its history, and an age assessment may change whether it is a child's). */
function useChildWrite<Request>(caseId: string, write: (caseId: string, request: Request) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: Request) => write(caseId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: childKeys.record(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}

export const useAppointGuardian = (caseId: string) => useChildWrite(caseId, appointGuardian);
export const useRecordAgeAssessment = (caseId: string) => useChildWrite(caseId, recordAgeAssessment);
export const useRecordViews = (caseId: string) => useChildWrite(caseId, recordViews);
export const useRecordBestInterests = (caseId: string) => useChildWrite(caseId, recordBestInterests);
export const useDecideBestInterests = (caseId: string, recordId: string) =>
  useChildWrite(caseId, (id, request: DecideBestInterestsRequest) => decideBestInterests(id, recordId, request));
