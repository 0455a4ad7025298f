import { Injectable } from '@nestjs/common';
import type { MyWork } from '@haven/contracts';
import type { Caller } from '../../core/auth/caller.js';
import { CasesService } from '../cases/cases.service.js';
import { CaseNames } from '../cases/kernel/case-names.service.js';
import { DataProtectionService } from '../data-protection/data-protection.service.js';
import { SupportPlansService } from '../support-plans/support-plans.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ReintegrationService } from '../reintegration/reintegration.service.js';
import { TransfersService } from '../transfers/transfers.service.js';
import { LegalStatusService } from '../legal-status/legal-status.service.js';

/** "Due this week": from today to seven days ahead. */
const WEEK_DAYS = 7;

/**
 * The caseworker's morning round on one screen: open cases, overdue tasks, tasks due
 * this week, the answers partners gave to her referrals since she last looked, follow-up
 * visits due this week, reflection periods ending and residence permits expiring, and — for supervisors — plans, closures, other organisations'
 * erasure requests and transfers waiting for a decision.
 */
@Injectable()
export class MyWorkService {
  constructor(
    private readonly cases: CasesService,
    private readonly names: CaseNames,
    private readonly tasks: TasksService,
    private readonly plans: SupportPlansService,
    private readonly dataProtection: DataProtectionService,
    private readonly notifications: NotificationsService,
    private readonly reintegration: ReintegrationService,
    private readonly transfers: TransfersService,
    private readonly legalStatus: LegalStatusService,
  ) {}

  async forCaller(caller: Caller): Promise<MyWork> {
    const [counts, overdueTasks, tasksDueThisWeek, plans, closures, erasures] = await Promise.all([
      this.cases.countOpen(caller),
      this.tasks.forAssignee(caller, { overdue: true }),
      this.tasks.forAssignee(caller, { dueWithinDays: WEEK_DAYS }),
      this.plans.pendingApprovals(caller),
      this.cases.pendingClosures(caller),
      this.dataProtection.waitingRequests(caller),
    ]);
    const [referralAnswers, followUpsDue, transfersToDecide, legalDeadlines] = await Promise.all([
      this.notifications.referralAnswers(caller),
      this.reintegration.visitsDueFor(caller, WEEK_DAYS),
      this.transfers.waitingForDecision(caller),
      this.legalStatus.deadlinesFor(caller),
    ]);
    const approvals = [
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
      ...erasures.map((erasure) => ({
        kind: 'erasure' as const,
        caseId: erasure.caseId,
        caseReference: erasure.caseReference,
        requestedAt: new Date(erasure.requestedAt).toISOString(),
        requestedBy: { id: erasure.requestedById, displayName: erasure.requestedByName },
      })),
    ].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
    // The survivor's name on each row, under the case list's one rule (CaseNames), each name shown audited.
    const names = await this.names.shownAndAudited(caller, [
      ...overdueTasks.map((task) => task.caseId),
      ...tasksDueThisWeek.map((task) => task.caseId),
      ...referralAnswers.items.map((answer) => answer.caseId),
      ...followUpsDue.map((visit) => visit.caseId),
      ...approvals.map((approval) => approval.caseId),
    ]);
    const named = <T extends { caseId: string }>(row: T) => ({ ...row, caseName: names.get(row.caseId) ?? null });
    return {
      cases: counts,
      overdueTasks: overdueTasks.map(named),
      tasksDueThisWeek: tasksDueThisWeek.map(named),
      referralAnswers: { ...referralAnswers, items: referralAnswers.items.map(named) },
      followUpsDue: followUpsDue.map(named),
      legalDeadlines,
      transfersToDecide,
      approvals: approvals.map(named),
    };
  }

  /** She has looked at her referrals' answers up to `upTo`: they leave my work and the bell together. */
  markReferralAnswersSeen(caller: Caller, upTo: string): Promise<void> {
    return this.notifications.markReferralAnswersSeen(caller, new Date(upTo));
  }
}
