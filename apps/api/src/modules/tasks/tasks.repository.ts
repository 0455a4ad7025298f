import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import type { Scope } from '@haven/access';
import { TaskEntity } from './task.entity.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

export type NewTask = Pick<TaskEntity, 'caseId' | 'sealedTitle' | 'dueOn' | 'assigneeId' | 'createdBy'>;
export type TaskChanges = Partial<Pick<TaskEntity, 'sealedTitle' | 'dueOn' | 'assigneeId' | 'status' | 'completedAt'>>;

/** Which of an assignee's open tasks: due before a day, or due within a range of days (inclusive). */
export type DueWindow = { before: string } | { from: string; to: string };

/** A task with the reference of its case, for lists that span cases. */
export interface TaskWithCase {
  task: TaskEntity;
  caseReference: string;
}

/** The case columns a scope may name (the `Case` subject fields of libs/access), as properties of the case entity. */
const CASE_SCOPE_FIELDS = new Set(['organisationId', 'assigneeId', 'team', 'sensitive']);
const OPEN_CASE_STATUSES = ['Active', 'FollowUp'];
const MAX_ASSIGNED = 200;

/** Tasks of one case, and one person's open tasks across the cases in their scope. */
@Injectable()
export class TasksRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Anonymisation (retention, erasure): titles are free text; open tasks of an anonymised case are cancelled so they leave everyone's work list. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app.task SET sealed_title = NULL, status = CASE WHEN status = 'open' THEN 'cancelled' ELSE status END WHERE case_id = $1`,
      [caseId],
    );
  }

  private repository() {
    return this.transactions.manager.getRepository(TaskEntity);
  }

  /** Open tasks first, then by due date. Callers check the case is in scope first. */
  listForCase(caseId: string): Promise<TaskEntity[]> {
    return this.repository()
      .createQueryBuilder('task')
      .leftJoinAndSelect('task.assignee', 'assignee')
      .where('task.caseId = :caseId', { caseId })
      .orderBy(`CASE WHEN task.status = 'open' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('task.dueOn', 'ASC')
      .addOrderBy('task.createdAt', 'ASC')
      .getMany();
  }

  findInCase(caseId: string, id: string): Promise<TaskEntity | null> {
    return this.repository().findOne({ where: { id, caseId }, relations: { assignee: true } });
  }

  /**
   * Open tasks assigned to a person on open cases inside `scope` (the person's read scope
   * on cases), soonest due first. The scope is part of the WHERE clause: a task on a
   * case the person can no longer read is never returned.
   */
  async openForAssignee(assigneeId: string, scope: Scope, due: DueWindow): Promise<TaskWithCase[]> {
    if (scope.length === 0) return [];
    const query = this.repository()
      .createQueryBuilder('task')
      .innerJoin('CaseEntity', 'c', 'c.id = task.caseId')
      .leftJoinAndSelect('task.assignee', 'assignee')
      .addSelect('c.reference', 'case_reference')
      .where('task.assigneeId = :assigneeId', { assigneeId })
      .andWhere(`task.status = 'open'`)
      .andWhere('c.status IN (:...openStatuses)', { openStatuses: OPEN_CASE_STATUSES })
      .andWhere(
        new Brackets((anyOf) => {
          scope.forEach((allowed, index) => {
            anyOf.orWhere(
              new Brackets((allOf) => {
                allOf.where('TRUE');
                Object.entries(allowed).forEach(([field, value], position) => {
                  if (!CASE_SCOPE_FIELDS.has(field)) throw new Error(`Unknown case scope field: ${field}`);
                  allOf.andWhere(`c.${field} = :scope_${index}_${position}`, { [`scope_${index}_${position}`]: value });
                });
              }),
            );
          });
        }),
      );
    if ('before' in due) query.andWhere('task.dueOn < :before', { before: due.before });
    else query.andWhere('task.dueOn BETWEEN :from AND :to', { from: due.from, to: due.to });
    const { entities, raw } = await query
      .orderBy('task.dueOn', 'ASC')
      .addOrderBy('task.createdAt', 'ASC')
      .limit(MAX_ASSIGNED)
      .getRawAndEntities<{ task_id: string; case_reference: string }>();
    const references = new Map(raw.map((row) => [row.task_id, row.case_reference]));
    return entities.map((task) => ({ task, caseReference: references.get(task.id) ?? '' }));
  }

  async insert(values: NewTask): Promise<string> {
    const result = await this.repository().insert({
      ...values,
      status: 'open',
      createdAt: new Date(),
      completedAt: null,
      version: 1,
    });
    return result.identifiers[0]!.id as string;
  }

  /** Marks the task done if it is still open; answers whether it was. */
  async completeIfOpen(caseId: string, taskId: string): Promise<boolean> {
    const result = await this.repository().update(
      { id: taskId, caseId, status: 'open' },
      { status: 'done', completedAt: () => 'now()', version: () => 'version + 1' },
    );
    return (result.affected ?? 0) === 1;
  }

  /** Applies changes only if the task is still at `version`, and moves it to the next version. Answers false when someone else changed it first. */
  async updateIfVersion(id: string, version: number, changes: TaskChanges): Promise<boolean> {
    const result = await this.repository().update({ id, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }
}
