import type { AddGoalRequest, DecisionRequest, Goal, SupportPlan, UpdateGoalRequest } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const path = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/plan`;

/** A case without a plan yet answers an empty draft at version 0. */
export function fetchPlan(caseId: string, signal?: AbortSignal): Promise<SupportPlan> {
  return apiRequest<SupportPlan>(path(caseId), { signal });
}

export function addGoal(caseId: string, request: AddGoalRequest): Promise<Goal> {
  return apiRequest<Goal>(`${path(caseId)}/goals`, { method: 'POST', body: request });
}

export function updateGoal(caseId: string, goalId: string, request: UpdateGoalRequest): Promise<Goal> {
  return apiRequest<Goal>(`${path(caseId)}/goals/${encodeURIComponent(goalId)}`, { method: 'PATCH', body: request });
}

export function submitPlan(caseId: string, version: number): Promise<SupportPlan> {
  return apiRequest<SupportPlan>(`${path(caseId)}/submit`, { method: 'POST', body: { version } });
}

export function decidePlan(caseId: string, request: DecisionRequest): Promise<SupportPlan> {
  return apiRequest<SupportPlan>(`${path(caseId)}/decision`, { method: 'POST', body: request });
}
