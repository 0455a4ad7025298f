import type { AddGoalRequest, DecisionRequest, SupportPlan, UpdateGoalRequest } from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import { addGoal, decidePlan, fetchPlan, submitPlan, updateGoal } from '../api/support-plans-api';

export const planKeys = { plan: (caseId: string) => ['support-plan', caseId] as const };

export function useSupportPlan(caseId: string) {
  return useQuery({ queryKey: planKeys.plan(caseId), queryFn: ({ signal }) => fetchPlan(caseId, signal) });
}

function usePlanMutation<Input, Output>(caseId: string, run: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (result: Output) => {
      // Submitting and deciding answer the whole plan; goal changes may also move its status, so reload then.
      const isPlan = typeof result === 'object' && result !== null && 'goals' in result;
      if (isPlan) queryClient.setQueryData(planKeys.plan(caseId), result as unknown as SupportPlan);
      return Promise.all([
        isPlan ? Promise.resolve() : queryClient.invalidateQueries({ queryKey: planKeys.plan(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]);
    },
  });
}

export function useAddGoal(caseId: string) {
  return usePlanMutation(caseId, (request: AddGoalRequest) => addGoal(caseId, request));
}

export function useUpdateGoal(caseId: string) {
  return usePlanMutation(caseId, ({ goalId, request }: { goalId: string; request: UpdateGoalRequest }) =>
    updateGoal(caseId, goalId, request),
  );
}

export function useSubmitPlan(caseId: string) {
  return usePlanMutation(caseId, (version: number) => submitPlan(caseId, version));
}

export function useDecidePlan(caseId: string) {
  return usePlanMutation(caseId, (request: DecisionRequest) => decidePlan(caseId, request));
}
