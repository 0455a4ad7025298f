import { Injectable } from '@nestjs/common';
import type { MyWork } from '@haven/contracts';
import type { Caller } from '../../core/auth/caller.js';
import { CasesService } from '../cases/cases.service.js';
import { SupportPlansService } from '../support-plans/support-plans.service.js';
import { TasksService } from '../tasks/tasks.service.js';

/**
 * The caseworker's morning round on one screen: open cases, overdue tasks, tasks due
 * this week, and — for supervisors — plans and closures waiting for a decision.
 */
@Injectable()
export class MyWorkService {
  constructor(
    private readonly cases: CasesService,
    private readonly tasks: TasksService,
    private readonly plans: SupportPlansService,
  ) {}

  async forCaller(caller: Caller): Promise<MyWork> {
    const [counts, overdueTasks, tasksDueThisWeek, plans, closures] = await Promise.all([
      this.cases.countOpen(caller),
      this.tasks.forAssignee(caller, { overdue: true }),
      this.tasks.forAssignee(caller, { dueWithinDays: 7 }),
      this.plans.pendingApprovals(caller),
      this.cases.pendingClosures(caller),
    ]);
    return {
      cases: counts,
      overdueTasks,
      tasksDueThisWeek,
      approvals: [
        ...plans.map((plan) => ({
          kind: 'plan' as const,
          caseId: plan.caseId,
          caseReference: plan.caseReference,
          requestedAt: new Date(plan.submittedAt).toISOString(),
          requestedBy: { id: plan.submittedById, displayName: plan.submittedByName },
        })),
        ...closures.map((closure) => ({
          kind: 'closure' as const,
          caseId: closure.id,
          caseReference: closure.reference,
          requestedAt: closure.closureRequestedAt!.toISOString(),
          requestedBy: { id: closure.closureRequestedBy!, displayName: closure.closureRequester?.displayName ?? '' },
        })),
      ].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)),
    };
  }
}
