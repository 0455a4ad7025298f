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
import { apiRequest } from '../../../app/api-client';

const path = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/reintegration`;

export function fetchPlan(caseId: string, signal?: AbortSignal): Promise<ReintegrationPlan> {
  return apiRequest<ReintegrationPlan>(path(caseId), { signal });
}

export function addGoal(caseId: string, request: AddReintegrationGoalRequest): Promise<ReintegrationGoal> {
  return apiRequest<ReintegrationGoal>(`${path(caseId)}/goals`, { method: 'POST', body: request });
}

export function updateGoal(
  caseId: string,
  goalId: string,
  request: UpdateReintegrationGoalRequest,
): Promise<ReintegrationGoal> {
  return apiRequest<ReintegrationGoal>(`${path(caseId)}/goals/${encodeURIComponent(goalId)}`, {
    method: 'PATCH',
    body: request,
  });
}

export function scheduleVisits(caseId: string, request: ScheduleVisitsRequest): Promise<ScheduleVisitsResponse> {
  return apiRequest<ScheduleVisitsResponse>(`${path(caseId)}/schedule`, { method: 'POST', body: request });
}

export function recordVisit(caseId: string, visitId: string, request: RecordVisitRequest): Promise<FollowUpVisit> {
  return apiRequest<FollowUpVisit>(`${path(caseId)}/visits/${encodeURIComponent(visitId)}`, {
    method: 'PATCH',
    body: request,
  });
}
