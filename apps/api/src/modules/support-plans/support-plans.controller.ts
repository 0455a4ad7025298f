import { Controller } from '@nestjs/common';
import {
  addGoalRequestSchema,
  decisionRequestSchema,
  goalSchema,
  submitPlanRequestSchema,
  supportPlanSchema,
  updateGoalRequestSchema,
  type AddGoalCommand,
  type DecisionRequest,
  type Goal,
  type SupportPlan,
  type UpdateGoalRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { SupportPlansService } from './support-plans.service.js';

@Controller('cases/:id/plan')
export class SupportPlansController {
  constructor(private readonly plans: SupportPlansService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'The support plan with its goals and approval state',
    response: supportPlanSchema,
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<SupportPlan> {
    return this.plans.get(caller, caseId);
  }

  @Route({
    method: 'POST',
    path: 'goals',
    permission: ['update', 'Case'],
    summary: 'Add a goal (an approved plan goes back to draft)',
    body: addGoalRequestSchema,
    response: goalSchema,
  })
  addGoal(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: AddGoalCommand,
  ): Promise<Goal> {
    return this.plans.addGoal(caller, caseId, body);
  }

  @Route({
    method: 'PATCH',
    path: 'goals/:goalId',
    permission: ['update', 'Case'],
    summary: 'Change a goal (409 if the version is stale)',
    body: updateGoalRequestSchema,
    response: goalSchema,
  })
  updateGoal(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('goalId') goalId: string,
    @Body() body: UpdateGoalRequest,
  ): Promise<Goal> {
    return this.plans.updateGoal(caller, caseId, goalId, body);
  }

  @Route({
    method: 'POST',
    path: 'submit',
    permission: ['update', 'Case'],
    summary: 'Submit the plan for a supervisor’s approval',
    body: submitPlanRequestSchema,
    response: supportPlanSchema,
    status: 200,
  })
  submit(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: { version: number },
  ): Promise<SupportPlan> {
    return this.plans.submit(caller, caseId, body.version);
  }

  @Route({
    method: 'POST',
    path: 'decision',
    permission: ['approve', 'Case'],
    summary: 'Approve the plan or return it with a comment (supervisors)',
    body: decisionRequestSchema,
    response: supportPlanSchema,
    status: 200,
  })
  decide(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: DecisionRequest,
  ): Promise<SupportPlan> {
    return this.plans.decide(caller, caseId, body);
  }
}
