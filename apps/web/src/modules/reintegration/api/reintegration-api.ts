import type {
  AddReintegrationGoalRequest,
  FollowUpVisit,
  RecordVisitRequest,
  ReintegrationGoal,
  ReintegrationPlan,
  ScheduleVisitsRequest,
  ScheduleVisitsResponse,
  UpdateReintegrationGoalRequest,
} from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchPlan(caseId: string, signal?: AbortSignal): Promise<ReintegrationPlan> {
  return typedApi('get', '/cases/{id}/reintegration', { params: { id: caseId }, signal });
}

export function addGoal(caseId: string, request: AddReintegrationGoalRequest): Promise<ReintegrationGoal> {
  return typedApi('post', '/cases/{id}/reintegration/goals', { params: { id: caseId }, body: request });
}

export function updateGoal(
  caseId: string,
  goalId: string,
  request: UpdateReintegrationGoalRequest,
): Promise<ReintegrationGoal> {
  return typedApi('patch', '/cases/{id}/reintegration/goals/{goalId}', {
    params: { id: caseId, goalId },
    body: request,
  });
}

export function scheduleVisits(caseId: string, request: ScheduleVisitsRequest): Promise<ScheduleVisitsResponse> {
  return typedApi('post', '/cases/{id}/reintegration/schedule', { params: { id: caseId }, body: request });
}

export function recordVisit(caseId: string, visitId: string, request: RecordVisitRequest): Promise<FollowUpVisit> {
  return typedApi('patch', '/cases/{id}/reintegration/visits/{visitId}', {
    params: { id: caseId, visitId },
    body: request,
  });
}
