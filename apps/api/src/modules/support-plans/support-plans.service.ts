import { Injectable } from '@nestjs/common';
import type { AddGoalCommand, DecisionRequest, Goal, SupportPlan, UpdateGoalRequest } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { ConflictError, NotFoundError } from '../../core/errors/problem.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import type { SupportPlanEntity } from './support-plan.entity.js';
import { ACTIONS, DECISION_COMMENT, OBJECTIVE, toGoal, toSupportPlan } from './support-plan.mapper.js';
import { SupportPlansRepository, type PendingPlan } from './support-plans.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

const STALE = 'Someone else changed this plan since you opened it. Reload to see their changes.';

/**
 * Support plan goals and the approval flow: draft → submitted → approved or returned
 * (with a comment). Goals cannot change while the plan waits for a decision; changing
 * a goal of an approved plan sends it back to draft, to be approved again.
 */
@Injectable()
export class SupportPlansService {
  constructor(
    private readonly plans: SupportPlansRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  async get(caller: Caller, caseId: string): Promise<SupportPlan> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    const [plan, goals] = await Promise.all([this.plans.findPlan(caseId), this.plans.goals(caseId)]);
    return toSupportPlan(plan, goals, await this.vault.sealerFor(caseId));
  }

  async addGoal(caller: Caller, caseId: string, goal: AddGoalCommand): Promise<Goal> {
    const sealer = await this.vault.sealerFor(caseId);
    const goalId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const plan = await this.plans.ensurePlan(caseId);
      await this.reopenForEditing(caller, plan);
      const id = await this.plans.insertGoal({
        caseId,
        type: goal.type,
        sealedObjective: sealer.seal(OBJECTIVE, goal.objective),
        sealedActions: sealer.seal(ACTIONS, goal.actions),
        plannedEndOn: goal.plannedEndOn ?? null,
        actualEndOn: goal.actualEndOn ?? null,
        status: goal.status,
        createdBy: caller.actor.id,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'plan', action: 'goal.added', field: 'type', newValue: goal.type },
      ]);
      await this.audit.record(caller, {
        action: 'goal.added',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return id;
    });
    return toGoal((await this.plans.findGoal(caseId, goalId))!, sealer);
  }

  async updateGoal(caller: Caller, caseId: string, goalId: string, request: UpdateGoalRequest): Promise<Goal> {
    const sealer = await this.vault.sealerFor(caseId);
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const goal = await this.plans.findGoal(caseId, goalId);
      if (!goal) throw new NotFoundError();
      await this.reopenForEditing(caller, (await this.plans.findPlan(caseId))!);
      const changes: Parameters<SupportPlansRepository['updateGoalIfVersion']>[2] = {
        ...(request.type !== undefined ? { type: request.type } : {}),
        ...(request.objective !== undefined ? { sealedObjective: sealer.seal(OBJECTIVE, request.objective) } : {}),
        ...(request.actions !== undefined ? { sealedActions: sealer.seal(ACTIONS, request.actions) } : {}),
        ...(request.plannedEndOn !== undefined ? { plannedEndOn: request.plannedEndOn } : {}),
        ...(request.actualEndOn !== undefined ? { actualEndOn: request.actualEndOn } : {}),
        ...(request.status !== undefined ? { status: request.status } : {}),
      };
      if (
        goal.version !== request.version ||
        !(await this.plans.updateGoalIfVersion(goalId, request.version, changes))
      ) {
        throw new ConflictError('Someone else changed this goal since you opened it. Reload to see their changes.', {
          currentVersion: goal.version,
        });
      }
      await this.caseHistory.recordChanges(caller, caseId, [
        ...(request.status && request.status !== goal.status
          ? [
              {
                section: 'plan',
                action: 'goal.updated',
                field: 'status',
                oldValue: goal.status,
                newValue: request.status,
              },
            ]
          : []),
        ...(request.objective !== undefined || request.actions !== undefined
          ? [{ section: 'plan', action: 'goal.updated', field: 'objective' }]
          : []),
      ]);
      await this.audit.record(caller, {
        action: 'goal.updated',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    });
    return toGoal((await this.plans.findGoal(caseId, goalId))!, sealer);
  }

  async submit(caller: Caller, caseId: string, version: number): Promise<SupportPlan> {
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const plan = await this.plans.findPlan(caseId);
      if (!plan || (await this.plans.goals(caseId)).length === 0)
        throw new ConflictError('Add at least one goal before submitting the plan.');
      if (plan.status === 'submitted' || plan.status === 'approved')
        throw new ConflictError(`The plan is already ${plan.status}.`);
      await this.moveVersioned(plan, version, {
        status: 'submitted',
        submittedById: caller.actor.id,
        submittedAt: new Date(),
        decidedById: null,
        decidedAt: null,
        sealedDecisionComment: null,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'plan', action: 'submitted', field: 'status', oldValue: plan.status, newValue: 'submitted' },
      ]);
      await this.audit.record(caller, {
        action: 'plan.submitted',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    });
    return this.get(caller, caseId);
  }

  /** A supervisor approves the submitted plan or returns it with a comment. */
  async decide(caller: Caller, caseId: string, request: DecisionRequest): Promise<SupportPlan> {
    const sealer = await this.vault.sealerFor(caseId);
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findForAction(caller, caseId, 'approve');
      const plan = await this.plans.findPlan(caseId);
      if (!plan || plan.status !== 'submitted')
        throw new ConflictError('No plan is waiting for a decision on this case.');
      const status = request.decision === 'approve' ? 'approved' : 'returned';
      await this.moveVersioned(plan, request.version, {
        status,
        decidedById: caller.actor.id,
        decidedAt: new Date(),
        sealedDecisionComment: request.comment ? sealer.seal(DECISION_COMMENT, request.comment) : null,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'plan', action: status, field: 'status', oldValue: 'submitted', newValue: status },
      ]);
      await this.audit.record(caller, {
        action: `plan.${status}`,
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    });
    return this.get(caller, caseId);
  }

  /** Plans waiting for the caller's decision (supervisors), for "my work". */
  async pendingApprovals(caller: Caller): Promise<PendingPlan[]> {
    if (!caller.ability.can('approve', 'Case')) return [];
    return this.plans.submittedIn(caller.actor.organisationId);
  }

  private async reopenForEditing(caller: Caller, plan: SupportPlanEntity): Promise<void> {
    if (plan.status === 'submitted')
      throw new ConflictError('The plan is waiting for approval; it cannot change until a supervisor decides.');
    if (plan.status === 'approved') {
      await this.moveVersioned(plan, plan.version, { status: 'draft' });
      await this.caseHistory.recordChanges(caller, plan.caseId, [
        { section: 'plan', action: 'reopened', field: 'status', oldValue: 'approved', newValue: 'draft' },
      ]);
    }
  }

  private async moveVersioned(
    plan: SupportPlanEntity,
    version: number,
    changes: Partial<SupportPlanEntity>,
  ): Promise<void> {
    if (plan.version !== version || !(await this.plans.updatePlanIfVersion(plan.caseId, version, changes))) {
      throw new ConflictError(STALE, { currentVersion: plan.version });
    }
  }
}
