import { Injectable } from '@nestjs/common';
import { scopeOf } from '@haven/access';
import type { AddTaskRequest, Task, UpdateTaskRequest } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../core/errors/problem.js';
import { CaseAnonymisedError } from '../cases/case-anonymisation.js';
import { CaseVault, type CaseSealer } from '../cases/kernel/case-vault.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { UsersService } from '../../core/users/users.service.js';
import type { TaskEntity } from './task.entity.js';
import { toTask } from './task.mapper.js';
import { TasksRepository, type DueWindow, type TaskChanges } from './tasks.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

const TITLE = 'task-title';

/** Which of the caller's open tasks: the overdue ones (or, with false, the ones not yet overdue), or those due from today to n days ahead. */
export type AssignedTasksFilter = { overdue: boolean } | { dueWithinDays: number };

type CaseChangeList = Parameters<CaseHistory['recordChanges']>[2];

/** A task another feature schedules on a case, its title in clear (the tasks feature seals it). */
export interface ScheduledTask {
  caseId: string;
  title: string;
  dueOn: string;
  assigneeId: string;
  createdBy: string;
}

/** Today as YYYY-MM-DD (UTC, like the date checks of the contracts). */
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

/** Tasks and follow-ups on a case: due date and assignee in clear, title sealed under the case key. */
@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly users: UsersService,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  async list(caller: Caller, caseId: string): Promise<{ items: Task[] }> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'read');
    const tasks = await this.tasks.listForCase(caseId);
    const sealer = tasks.length ? await this.vault.sealerFor(caseId) : undefined;
    const today = isoDay(new Date());
    return { items: tasks.map((task) => toTask(task, found.reference, sealer!.open(TITLE, task.sealedTitle), today)) };
  }

  async add(caller: Caller, caseId: string, request: AddTaskRequest): Promise<Task> {
    const taskId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const assignee = await this.assignable(request.assigneeId ?? caller.actor.id, found.organisationId);
      const sealedTitle = (await this.vault.sealerFor(caseId)).seal(TITLE, request.title);
      const id = await this.tasks.insert({
        caseId,
        sealedTitle,
        dueOn: request.dueOn,
        assigneeId: assignee.id,
        createdBy: caller.actor.id,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'task', action: 'added', field: 'dueOn', newValue: request.dueOn },
      ]);
      await this.audit.record(caller, {
        action: 'task.added',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return id;
    });
    return this.read(caller, caseId, taskId);
  }

  /**
   * An open task that another feature schedules inside its own transaction (reintegration's
   * follow-up visits), its title sealed like every task's. That feature has checked the case,
   * records the history and passes the case's sealer (it schedules several at once).
   */
  openInTransaction(task: ScheduledTask, sealer: CaseSealer): Promise<string> {
    const { title, ...columns } = task;
    return this.tasks.insert({ ...columns, sealedTitle: sealer.seal(TITLE, title) });
  }

  /** Marks a task done, in another feature's transaction, if it is still open; answers whether it was. */
  completeIfOpen(caseId: string, taskId: string): Promise<boolean> {
    return this.tasks.completeIfOpen(caseId, taskId);
  }

  async update(caller: Caller, caseId: string, taskId: string, request: UpdateTaskRequest): Promise<Task> {
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const task = await this.tasks.findInCase(caseId, taskId);
      if (!task) throw new NotFoundError();
      const { columns, changes } = await this.changesFor(task, request, found.organisationId, caseId);
      await this.applyVersioned(task, request.version, columns);
      if (changes.length === 0) return;
      await this.caseHistory.recordChanges(caller, caseId, changes);
      await this.audit.record(caller, {
        action: 'task.updated',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    });
    return this.read(caller, caseId, taskId);
  }

  /**
   * The caller's open tasks on open cases they can still read, soonest due first
   * (for "my work"). `overdue` means due before today.
   */
  async forAssignee(caller: Caller, filter: AssignedTasksFilter): Promise<Task[]> {
    const today = isoDay(new Date());
    const due: DueWindow =
      'dueWithinDays' in filter
        ? { from: today, to: addDays(today, Math.max(0, filter.dueWithinDays)) }
        : filter.overdue
          ? { before: today }
          : { from: today, to: '9999-12-31' };
    const found = await this.tasks.openForAssignee(caller.actor.id, scopeOf(caller.ability, 'read', 'Case'), due);
    const sealers = new Map<string, CaseSealer | null>();
    const result: Task[] = [];
    for (const { task, caseReference } of found) {
      if (!sealers.has(task.caseId)) sealers.set(task.caseId, await this.sealerOrNull(task.caseId));
      const sealer = sealers.get(task.caseId);
      // A case whose data has been erased has no readable titles left to show.
      if (sealer) result.push(toTask(task, caseReference, sealer.open(TITLE, task.sealedTitle), today));
    }
    return result;
  }

  // ── Internals ──────────────────────────────────────────────────────────────

  private async changesFor(
    task: TaskEntity,
    request: UpdateTaskRequest,
    organisationId: string,
    caseId: string,
  ): Promise<{ columns: TaskChanges; changes: CaseChangeList }> {
    const columns: TaskChanges = {};
    const changes: CaseChangeList = [];
    if (request.title !== undefined) {
      const sealer = await this.vault.sealerFor(caseId);
      if (sealer.open(TITLE, task.sealedTitle) !== request.title) {
        columns.sealedTitle = sealer.seal(TITLE, request.title);
        // The title is free text: the history names the field, never its value.
        changes.push({ section: 'task', action: 'updated', field: 'title' });
      }
    }
    if (request.dueOn !== undefined && request.dueOn !== task.dueOn) {
      columns.dueOn = request.dueOn;
      changes.push({
        section: 'task',
        action: 'updated',
        field: 'dueOn',
        oldValue: task.dueOn,
        newValue: request.dueOn,
      });
    }
    if (request.assigneeId !== undefined && request.assigneeId !== task.assigneeId) {
      const assignee = await this.assignable(request.assigneeId, organisationId);
      columns.assigneeId = assignee.id;
      changes.push({
        section: 'task',
        action: 'updated',
        field: 'assignee',
        oldValue: task.assignee?.displayName ?? null,
        newValue: assignee.displayName,
      });
    }
    if (request.status !== undefined && request.status !== task.status) {
      columns.status = request.status;
      columns.completedAt = request.status === 'done' ? new Date() : null;
      changes.push({
        section: 'task',
        action: 'updated',
        field: 'status',
        oldValue: task.status,
        newValue: request.status,
      });
    }
    return { columns, changes };
  }

  /** Writes only if the task is still at the version the caller saw; otherwise 409 with the current version. */
  private async applyVersioned(task: TaskEntity, version: number, columns: TaskChanges): Promise<void> {
    const stale = task.version !== version;
    if (stale || (Object.keys(columns).length > 0 && !(await this.tasks.updateIfVersion(task.id, version, columns)))) {
      throw new ConflictError('Someone else changed this task since you opened it. Reload to see their changes.', {
        currentVersion: task.version,
      });
    }
  }

  /** An active caseworker or supervisor of the case's organisation. */
  private async assignable(userId: string, organisationId: string): Promise<{ id: string; displayName: string }> {
    const assignee = await this.users.findAssignable(userId, organisationId);
    if (!assignee)
      throw new BadRequestError('Choose a caseworker or supervisor of the case’s organisation.', [
        { field: 'assigneeId', message: 'Not a caseworker of this organisation' },
      ]);
    return assignee;
  }

  private async read(caller: Caller, caseId: string, taskId: string): Promise<Task> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'read');
    const task = await this.tasks.findInCase(caseId, taskId);
    if (!task) throw new NotFoundError();
    return toTask(
      task,
      found.reference,
      (await this.vault.sealerFor(caseId)).open(TITLE, task.sealedTitle),
      isoDay(new Date()),
    );
  }

  private async sealerOrNull(caseId: string): Promise<CaseSealer | null> {
    try {
      return await this.vault.sealerFor(caseId);
    } catch (error) {
      // An anonymised case has no key any more, and no open tasks either: it is left out.
      if (error instanceof CaseAnonymisedError || error instanceof NotFoundError) return null;
      throw error;
    }
  }
}
