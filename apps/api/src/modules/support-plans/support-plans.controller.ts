import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  addGoalRequestSchema,
  decisionRequestSchema,
  goalSchema,
  submitPlanRequestSchema,
  supportPlanSchema,
  updateGoalRequestSchema,
  type AddGoalRequest,
  type DecisionRequest,
  type Goal,
  type SupportPlan,
  type UpdateGoalRequest,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { SupportPlansService } from './support-plans.service.js';

const uuid = new ParseUUIDPipe();

@Controller('cases/:id/plan')
export class SupportPlansController {
  constructor(private readonly plans: SupportPlansService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'The support plan with its goals and approval state', response: supportPlanSchema })
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string): Promise<SupportPlan> {
    return this.plans.get(caller, caseId);
  }

  @Post('goals')
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Add a goal (an approved plan goes back to draft)', body: addGoalRequestSchema, response: goalSchema, status: 201 })
  addGoal(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(addGoalRequestSchema)) body: AddGoalRequest): Promise<Goal> {
    return this.plans.addGoal(caller, caseId, body);
  }

  @Patch('goals/:goalId')
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Change a goal (409 if the version is stale)', body: updateGoalRequestSchema, response: goalSchema })
  updateGoal(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) caseId: string,
    @Param('goalId', uuid) goalId: string,
    @Body(new ZodPipe(updateGoalRequestSchema)) body: UpdateGoalRequest,
  ): Promise<Goal> {
    return this.plans.updateGoal(caller, caseId, goalId, body);
  }

  @Post('submit')
  @RequireAccess('update', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Submit the plan for a supervisor’s approval', body: submitPlanRequestSchema, response: supportPlanSchema, status: 200 })
  submit(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(submitPlanRequestSchema)) body: { version: number }): Promise<SupportPlan> {
    return this.plans.submit(caller, caseId, body.version);
  }

  @Post('decision')
  @RequireAccess('approve', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Approve the plan or return it with a comment (supervisors)', body: decisionRequestSchema, response: supportPlanSchema, status: 200 })
  decide(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(decisionRequestSchema)) body: DecisionRequest): Promise<SupportPlan> {
    return this.plans.decide(caller, caseId, body);
  }
}
