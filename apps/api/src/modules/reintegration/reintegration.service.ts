import { Injectable } from '@nestjs/common';
import { scopeOf } from '@haven/access';
import type {
  MyWork,
  AddReintegrationGoalCommand,
  FollowUpVisit,
  RecordVisitRequest,
  ReintegrationGoal,
  ReintegrationPlan,
  ScheduleVisitsCommand,
  ScheduleVisitsResponse,
  UpdateReintegrationGoalRequest,
} from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { ConflictError, NotFoundError } from '../../core/errors/problem.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import {
  ASSISTANCE_TEXT,
  GOAL_TEXT,
  VISIT_NOTES,
  toFollowUpVisit,
  toReintegrationGoal,
  toReintegrationPlan,
} from './reintegration.mapper.js';
import { ReintegrationRepository, type GoalChanges, type VisitChanges } from './reintegration.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

type CaseChangeList = Parameters<CaseHistory['recordChanges']>[2];

/** The most follow-up visits my work lists at once. */
const MAX_VISITS_DUE = 100;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The same day `months` later; the last day of the month when that day does not exist (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return isoDay(new Date(Date.UTC(year, month - 1 + months, Math.min(date, lastDay))));
}

export function visitTaskTitle(monthsAfter: number): string {
  return `Follow-up visit at ${monthsAfter} month${monthsAfter === 1 ? '' : 's'}`;
}

/**
 * A case's reintegration plan along the economic, social and psychosocial dimensions,
 * with goals and the assistance given (sealed), and follow-up visits on a schedule. Each
 * scheduled visit has a task for the case's assignee, so due and overdue visits appear in
 * "my work"; recording the visit marks its task done.
 */
@Injectable()
export class ReintegrationService {
  constructor(
    private readonly reintegration: ReintegrationRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly vault: CaseVault,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  /**
   * Follow-up visits for "my work": not yet made, on the caller's open cases, due within `days` from today
   * (UTC days, as due dates are) or late. Due today means overdue within 24 hours (`almostOverdue`).
   */
  async visitsDueFor(caller: Caller, days: number): Promise<Omit<MyWork['followUpsDue'][number], 'caseName'>[]> {
    const today = isoDay(new Date());
    const dueBy = isoDay(new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000));
    const rows = await this.reintegration.visitsDueFor(
      caller.actor.id,
      scopeOf(caller.ability, 'read', 'Case'),
      dueBy,
      MAX_VISITS_DUE,
    );
    return rows.map((row) => ({
      ...row,
      overdue: row.dueOn < today,
      almostOverdue: row.dueOn === today,
    }));
  }

  async get(caller: Caller, caseId: string): Promise<ReintegrationPlan> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    const [goals, visits] = await Promise.all([this.reintegration.goals(caseId), this.reintegration.visits(caseId)]);
    const sealer =
      goals.length || visits.some((visit) => visit.sealedNotes) ? await this.vault.sealerFor(caseId) : undefined;
    return toReintegrationPlan(goals, visits, sealer, isoDay(new Date()));
  }

  async addGoal(caller: Caller, caseId: string, request: AddReintegrationGoalCommand): Promise<ReintegrationGoal> {
    const goalId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const sealer = await this.vault.sealerFor(caseId);
      const id = await this.reintegration.insertGoal({
        caseId,
        dimension: request.dimension,
        sealedGoal: sealer.seal(GOAL_TEXT, request.goal),
        sealedAssistance: sealer.seal(ASSISTANCE_TEXT, request.assistance),
        status: request.status,
        createdBy: caller.actor.id,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'reintegration', action: 'goal.added', field: 'dimension', newValue: request.dimension },
      ]);
      await this.audit.record(caller, {
        action: 'reintegration.goal.added',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return id;
    });
    return this.readGoal(caseId, goalId);
  }

  async updateGoal(
    caller: Caller,
    caseId: string,
    goalId: string,
    request: UpdateReintegrationGoalRequest,
  ): Promise<ReintegrationGoal> {
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const goal = await this.reintegration.findGoal(caseId, goalId);
      if (!goal) throw new NotFoundError();
      if (goal.version !== request.version) throw staleGoal(goal.version);
      const sealer = await this.vault.sealerFor(caseId);
      const columns: GoalChanges = {};
      const changes: CaseChangeList = [];
      if (request.dimension !== undefined && request.dimension !== goal.dimension) {
        columns.dimension = request.dimension;
        changes.push({
          section: 'reintegration',
          action: 'goal.updated',
          field: 'dimension',
          oldValue: goal.dimension,
          newValue: request.dimension,
        });
      }
      if (request.status !== undefined && request.status !== goal.status) {
        columns.status = request.status;
        changes.push({
          section: 'reintegration',
          action: 'goal.updated',
          field: 'status',
          oldValue: goal.status,
          newValue: request.status,
        });
      }
      // Free text: the history names the field, never its value.
      if (request.goal !== undefined && request.goal !== sealer.open(GOAL_TEXT, goal.sealedGoal)) {
        columns.sealedGoal = sealer.seal(GOAL_TEXT, request.goal);
        changes.push({ section: 'reintegration', action: 'goal.updated', field: 'goal' });
      }
      if (
        request.assistance !== undefined &&
        request.assistance !== sealer.open(ASSISTANCE_TEXT, goal.sealedAssistance)
      ) {
        columns.sealedAssistance = sealer.seal(ASSISTANCE_TEXT, request.assistance);
        changes.push({ section: 'reintegration', action: 'goal.updated', field: 'assistance' });
      }
      if (changes.length === 0) return;
      if (!(await this.reintegration.updateGoalIfVersion(goalId, request.version, columns)))
        throw staleGoal(goal.version);
      await this.caseHistory.recordChanges(caller, caseId, changes);
      await this.audit.record(caller, {
        action: 'reintegration.goal.updated',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    });
    return this.readGoal(caseId, goalId);
  }

  /**
   * Schedules visits `monthsAfter` months after the reference date (return or discharge),
   * each with an open task for the case's assignee due the same day. A month already
   * scheduled on the case is refused, and nothing is written.
   */
  async schedule(caller: Caller, caseId: string, request: ScheduleVisitsCommand): Promise<ScheduleVisitsResponse> {
    const visitIds = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      await this.reintegration.lockSchedule(caseId);
      const scheduled = new Set((await this.reintegration.visits(caseId)).map((visit) => visit.monthsAfter));
      const repeated = request.monthsAfter.filter((months) => scheduled.has(months));
      if (repeated.length)
        throw new ConflictError(`A visit at ${repeated.join(', ')} months is already scheduled for this case.`);
      const sealer = await this.vault.sealerFor(caseId);
      const assigneeId = found.assigneeId ?? caller.actor.id;
      const ids: string[] = [];
      const changes: CaseChangeList = [];
      for (const monthsAfter of [...request.monthsAfter].sort((a, b) => a - b)) {
        const dueOn = addMonths(request.referenceDate, monthsAfter);
        const taskId = await this.tasks.openInTransaction(
          { caseId, title: visitTaskTitle(monthsAfter), dueOn, assigneeId, createdBy: caller.actor.id },
          sealer,
        );
        ids.push(await this.reintegration.insertVisit({ caseId, monthsAfter, dueOn, taskId }));
        changes.push(
          { section: 'reintegration', action: 'visit.scheduled', field: 'monthsAfter', newValue: String(monthsAfter) },
          { section: 'task', action: 'added', field: 'dueOn', newValue: dueOn },
        );
      }
      await this.caseHistory.recordChanges(caller, caseId, changes);
      await this.audit.record(caller, {
        action: 'visit.scheduled',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return ids;
    });
    const today = isoDay(new Date());
    const visits = await this.reintegration.visits(caseId);
    return {
      items: visits
        .filter((visit) => visitIds.includes(visit.id))
        .map((visit) => toFollowUpVisit(visit, undefined, today)),
    };
  }

  /** Records (or corrects) a visit with its scores; its task is marked done. */
  async recordVisit(
    caller: Caller,
    caseId: string,
    visitId: string,
    request: RecordVisitRequest,
  ): Promise<FollowUpVisit> {
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const visit = await this.reintegration.findVisit(caseId, visitId);
      if (!visit) throw new NotFoundError();
      if (visit.version !== request.version) throw staleVisit(visit.version);
      const columns: VisitChanges = {
        visitedOn: request.visitedOn,
        economicScore: request.economicScore,
        socialScore: request.socialScore,
        psychosocialScore: request.psychosocialScore,
        recordedById: caller.actor.id,
      };
      if (request.notes !== undefined)
        columns.sealedNotes = request.notes
          ? (await this.vault.sealerFor(caseId)).seal(VISIT_NOTES, request.notes)
          : null;
      if (!(await this.reintegration.updateVisitIfVersion(visitId, request.version, columns)))
        throw staleVisit(visit.version);
      const changes: CaseChangeList = [
        {
          section: 'reintegration',
          action: visit.visitedOn ? 'visit.corrected' : 'visit.recorded',
          field: 'visitedOn',
          oldValue: visit.visitedOn,
          newValue: request.visitedOn,
        },
      ];
      if (visit.taskId && (await this.tasks.completeIfOpen(caseId, visit.taskId))) {
        changes.push({ section: 'task', action: 'updated', field: 'status', oldValue: 'open', newValue: 'done' });
      }
      await this.caseHistory.recordChanges(caller, caseId, changes);
      await this.audit.record(caller, {
        action: 'visit.recorded',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    });
    const visit = (await this.reintegration.findVisit(caseId, visitId))!;
    return toFollowUpVisit(
      visit,
      visit.sealedNotes ? await this.vault.sealerFor(caseId) : undefined,
      isoDay(new Date()),
    );
  }

  private async readGoal(caseId: string, goalId: string): Promise<ReintegrationGoal> {
    const goal = await this.reintegration.findGoal(caseId, goalId);
    if (!goal) throw new NotFoundError();
    return toReintegrationGoal(goal, await this.vault.sealerFor(caseId));
  }
}

function staleGoal(currentVersion: number): ConflictError {
  return new ConflictError('Someone else changed this goal since you opened it. Reload to see their changes.', {
    currentVersion,
  });
}

function staleVisit(currentVersion: number): ConflictError {
  return new ConflictError('Someone else changed this visit since you opened it. Reload to see their changes.', {
    currentVersion,
  });
}
