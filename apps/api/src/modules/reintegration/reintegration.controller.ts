import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
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
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { ReintegrationService } from './reintegration.service.js';

const uuid = new ParseUUIDPipe();

@Controller('cases/:id/reintegration')
export class ReintegrationController {
  constructor(private readonly reintegration: ReintegrationService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'The reintegration plan: goals by dimension, follow-up visits and the score trend', response: reintegrationPlanSchema })
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string): Promise<ReintegrationPlan> {
    return this.reintegration.get(caller, caseId);
  }

  @Post('goals')
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Add a goal in one dimension, with the assistance given', body: addReintegrationGoalRequestSchema, response: reintegrationGoalSchema, status: 201 })
  addGoal(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(addReintegrationGoalRequestSchema)) body: AddReintegrationGoalCommand): Promise<ReintegrationGoal> {
    return this.reintegration.addGoal(caller, caseId, body);
  }

  @Patch('goals/:goalId')
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Change a goal (409 if the version is stale)', body: updateReintegrationGoalRequestSchema, response: reintegrationGoalSchema })
  updateGoal(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) caseId: string,
    @Param('goalId', uuid) goalId: string,
    @Body(new ZodPipe(updateReintegrationGoalRequestSchema)) body: UpdateReintegrationGoalRequest,
  ): Promise<ReintegrationGoal> {
    return this.reintegration.updateGoal(caller, caseId, goalId, body);
  }

  @Post('schedule')
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Schedule follow-up visits (default 3, 6 and 12 months after the reference date), each with a task for the assignee', body: scheduleVisitsRequestSchema, response: scheduleVisitsResponseSchema, status: 201 })
  schedule(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(scheduleVisitsRequestSchema)) body: ScheduleVisitsCommand): Promise<ScheduleVisitsResponse> {
    return this.reintegration.schedule(caller, caseId, body);
  }

  @Patch('visits/:visitId')
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Record a visit with a sustainability score per dimension; its task is marked done (409 if the version is stale)', body: recordVisitRequestSchema, response: followUpVisitSchema })
  recordVisit(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) caseId: string,
    @Param('visitId', uuid) visitId: string,
    @Body(new ZodPipe(recordVisitRequestSchema)) body: RecordVisitRequest,
  ): Promise<FollowUpVisit> {
    return this.reintegration.recordVisit(caller, caseId, visitId, body);
  }
}
