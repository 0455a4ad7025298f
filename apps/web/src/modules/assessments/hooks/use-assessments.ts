import type { AssessmentType, RecordAssessmentRequest } from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import { fetchAssessments, recordAssessment } from '../api/assessments-api';

export const assessmentKeys = {
  forCase: (caseId: string) => ['assessments', caseId] as const,
  list: (caseId: string, type: AssessmentType | undefined) => ['assessments', caseId, type ?? 'all'] as const,
};

export function useAssessments(caseId: string, type: AssessmentType | undefined) {
  return useQuery({
    queryKey: assessmentKeys.list(caseId, type),
    queryFn: ({ signal }) => fetchAssessments(caseId, type, signal),
  });
}

export function useRecordAssessment(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RecordAssessmentRequest) => recordAssessment(caseId, request),
    // A risk assessment also moves the case's risk level, so the header is refreshed with the list.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: assessmentKeys.forCase(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}
