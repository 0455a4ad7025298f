import { Controller } from '@nestjs/common';
import {
  addReintegrationGoalRequestSchema,
  followUpVisitSchema,
  recordVisitRequestSchema,
  reintegrationGoalSchema,
  reintegrationPlanSchema,
  scheduleVisitsRequestSchema,
  scheduleVisitsResponseSchema,
  updateReintegrationGoalRequestSchema,
  type AddReintegrationGoalCommand,
  type FollowUpVisit,
  type RecordVisitRequest,
  type ReintegrationGoal,
  type ReintegrationPlan,
  type ScheduleVisitsCommand,
  type ScheduleVisitsResponse,
  type UpdateReintegrationGoalRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { ReintegrationService } from './reintegration.service.js';

@Controller('cases/:id/reintegration')
export class ReintegrationController {
  constructor(private readonly reintegration: ReintegrationService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'The reintegration plan: goals by dimension, follow-up visits and the score trend',
    response: reintegrationPlanSchema,
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<ReintegrationPlan> {
    return this.reintegration.get(caller, caseId);
  }

  @Route({
    method: 'POST',
    path: 'goals',
    permission: ['update', 'Case'],
    summary: 'Add a goal in one dimension, with the assistance given',
    body: addReintegrationGoalRequestSchema,
    response: reintegrationGoalSchema,
  })
  addGoal(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: AddReintegrationGoalCommand,
  ): Promise<ReintegrationGoal> {
    return this.reintegration.addGoal(caller, caseId, body);
  }

  @Route({
    method: 'PATCH',
    path: 'goals/:goalId',
    permission: ['update', 'Case'],
    summary: 'Change a goal (409 if the version is stale)',
    body: updateReintegrationGoalRequestSchema,
    response: reintegrationGoalSchema,
  })
  updateGoal(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('goalId') goalId: string,
    @Body() body: UpdateReintegrationGoalRequest,
  ): Promise<ReintegrationGoal> {
    return this.reintegration.updateGoal(caller, caseId, goalId, body);
  }

  @Route({
    method: 'POST',
    path: 'schedule',
    permission: ['update', 'Case'],
    summary:
      'Schedule follow-up visits (default 3, 6 and 12 months after the reference date), each with a task for the assignee',
    body: scheduleVisitsRequestSchema,
    response: scheduleVisitsResponseSchema,
  })
  schedule(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: ScheduleVisitsCommand,
  ): Promise<ScheduleVisitsResponse> {
    return this.reintegration.schedule(caller, caseId, body);
  }

  @Route({
    method: 'PATCH',
    path: 'visits/:visitId',
    permission: ['update', 'Case'],
    summary:
      'Record a visit with a sustainability score per dimension; its task is marked done (409 if the version is stale)',
    body: recordVisitRequestSchema,
    response: followUpVisitSchema,
  })
  recordVisit(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('visitId') visitId: string,
    @Body() body: RecordVisitRequest,
  ): Promise<FollowUpVisit> {
    return this.reintegration.recordVisit(caller, caseId, visitId, body);
  }
}
