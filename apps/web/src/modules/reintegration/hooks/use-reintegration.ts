import type {
  AddReintegrationGoalRequest,
  RecordVisitRequest,
  ScheduleVisitsRequest,
  UpdateReintegrationGoalRequest,
} from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import { addGoal, fetchPlan, recordVisit, scheduleVisits, updateGoal } from '../api/reintegration-api';

export const reintegrationKeys = { forCase: (caseId: string) => ['reintegration', caseId] as const };

export function useReintegrationPlan(caseId: string) {
  return useQuery({ queryKey: reintegrationKeys.forCase(caseId), queryFn: ({ signal }) => fetchPlan(caseId, signal) });
}

/** Every change reloads the plan (goals, visits, trend) and the case parts derived from it (history, my work's visit tasks). */
function useCaseMutation<Args>(caseId: string, mutationFn: (args: Args) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: reintegrationKeys.forCase(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}

export function useAddGoal(caseId: string) {
  return useCaseMutation(caseId, (request: AddReintegrationGoalRequest) => addGoal(caseId, request));
}

export function useUpdateGoal(caseId: string) {
  return useCaseMutation(caseId, ({ goalId, request }: { goalId: string; request: UpdateReintegrationGoalRequest }) =>
    updateGoal(caseId, goalId, request),
  );
}

export function useScheduleVisits(caseId: string) {
  return useCaseMutation(caseId, (request: ScheduleVisitsRequest) => scheduleVisits(caseId, request));
}

export function useRecordVisit(caseId: string) {
  return useCaseMutation(caseId, ({ visitId, request }: { visitId: string; request: RecordVisitRequest }) =>
    recordVisit(caseId, visitId, request),
  );
}
