import type { AddGoalRequest, DecisionRequest, Goal, SupportPlan, UpdateGoalRequest } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

/** A case without a plan yet answers an empty draft at version 0. */
export function fetchPlan(caseId: string, signal?: AbortSignal): Promise<SupportPlan> {
  return typedApi('get', '/cases/{id}/plan', { params: { id: caseId }, signal });
}

export function addGoal(caseId: string, request: AddGoalRequest): Promise<Goal> {
  return typedApi('post', '/cases/{id}/plan/goals', { params: { id: caseId }, body: request });
}

export function updateGoal(caseId: string, goalId: string, request: UpdateGoalRequest): Promise<Goal> {
  return typedApi('patch', '/cases/{id}/plan/goals/{goalId}', { params: { id: caseId, goalId }, body: request });
}

export function submitPlan(caseId: string, version: number): Promise<SupportPlan> {
  return typedApi('post', '/cases/{id}/plan/submit', { params: { id: caseId }, body: { version } });
}

export function decidePlan(caseId: string, request: DecisionRequest): Promise<SupportPlan> {
  return typedApi('post', '/cases/{id}/plan/decision', { params: { id: caseId }, body: request });
}
