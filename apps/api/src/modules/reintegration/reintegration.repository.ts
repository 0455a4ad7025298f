import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FollowUpVisitEntity } from './follow-up-visit.entity.js';
import { ReintegrationGoalEntity } from './reintegration-goal.entity.js';
import type { Scope } from '@haven/access';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { scopeCondition, SqlParameters } from '../../core/database/scope-sql.js';

/** The columns of app."case" a Case rule may put conditions on. */
const CASE_SCOPE_COLUMNS: Record<string, string> = {
  organisationId: 'c.organisation_id',
  assigneeId: 'c.assignee_id',
  team: 'c.team',
  sensitive: 'c.sensitive',
};

export interface DueVisitRow {
  id: string;
  caseId: string;
  caseReference: string;
  monthsAfter: number;
  dueOn: string;
}

export type NewGoal = Pick<
  ReintegrationGoalEntity,
  'caseId' | 'dimension' | 'sealedGoal' | 'sealedAssistance' | 'status' | 'createdBy'
>;
export type GoalChanges = Partial<
  Pick<ReintegrationGoalEntity, 'dimension' | 'sealedGoal' | 'sealedAssistance' | 'status'>
>;
export type VisitChanges = Partial<
  Pick<
    FollowUpVisitEntity,
    'visitedOn' | 'economicScore' | 'socialScore' | 'psychosocialScore' | 'sealedNotes' | 'recordedById'
  >
>;

/** Reintegration goals and follow-up visits of one case. Callers check the case is in scope first (CaseAccess). */
@Injectable()
export class ReintegrationRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Anonymisation (retention, erasure): keeps dimensions, statuses and scores; drops goals, assistance and visit notes. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app.reintegration_goal SET sealed_goal = NULL, sealed_assistance = NULL WHERE case_id = $1`,
      [caseId],
    );
    await this.transactions.manager.query(`UPDATE app.follow_up_visit SET sealed_notes = NULL WHERE case_id = $1`, [
      caseId,
    ]);
  }

  // ── Goals ────────────────────────────────────────────────────────────────

  goals(caseId: string): Promise<ReintegrationGoalEntity[]> {
    return this.dataSource
      .getRepository(ReintegrationGoalEntity)
      .find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findGoal(caseId: string, id: string): Promise<ReintegrationGoalEntity | null> {
    return this.transactions.manager.getRepository(ReintegrationGoalEntity).findOneBy({ caseId, id });
  }

  async insertGoal(values: NewGoal): Promise<string> {
    const now = new Date();
    const result = await this.transactions.manager
      .getRepository(ReintegrationGoalEntity)
      .insert({ ...values, createdAt: now, updatedAt: now, version: 1 });
    return result.identifiers[0]!.id as string;
  }

  async updateGoalIfVersion(id: string, version: number, changes: GoalChanges): Promise<boolean> {
    const result = await this.transactions.manager
      .getRepository(ReintegrationGoalEntity)
      .update({ id, version }, { ...changes, updatedAt: new Date(), version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }

  // ── Visits ───────────────────────────────────────────────────────────────

  /**
   * Visits not yet made, due on or before `dueBy`, on the open cases assigned to `assigneeId` that `scope`
   * lets the caller read, soonest first. Reads the case row for its assignee, status and reference only.
   */
  visitsDueFor(assigneeId: string, scope: Scope, dueBy: string, limit: number): Promise<DueVisitRow[]> {
    const parameters = new SqlParameters(assigneeId, dueBy, limit);
    return this.dataSource.query(
      `SELECT v.id, v.case_id AS "caseId", c.reference AS "caseReference", v.months_after AS "monthsAfter",
              to_char(v.due_on, 'YYYY-MM-DD') AS "dueOn"
         FROM app.follow_up_visit v
         JOIN app."case" c ON c.id = v.case_id
        WHERE c.assignee_id = $1 AND c.status IN ('Active', 'FollowUp') AND c.anonymised_at IS NULL
          AND v.visited_on IS NULL AND v.due_on <= $2::date
          AND ${scopeCondition(scope, CASE_SCOPE_COLUMNS, parameters)}
        ORDER BY v.due_on, v.months_after, v.id
        LIMIT $3`,
      parameters.values,
    );
  }

  visits(caseId: string): Promise<FollowUpVisitEntity[]> {
    return this.transactions.manager
      .getRepository(FollowUpVisitEntity)
      .find({ where: { caseId }, relations: { recordedBy: true }, order: { dueOn: 'ASC', monthsAfter: 'ASC' } });
  }

  findVisit(caseId: string, id: string): Promise<FollowUpVisitEntity | null> {
    return this.transactions.manager
      .getRepository(FollowUpVisitEntity)
      .findOne({ where: { caseId, id }, relations: { recordedBy: true } });
  }

  /** Serialises scheduling on one case until the transaction ends, so a schedule is never written twice. */
  async lockSchedule(caseId: string): Promise<void> {
    await this.transactions.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `follow-up-schedule:${caseId}`,
    ]);
  }

  async insertVisit(values: Pick<FollowUpVisitEntity, 'caseId' | 'monthsAfter' | 'dueOn' | 'taskId'>): Promise<string> {
    const result = await this.transactions.manager.getRepository(FollowUpVisitEntity).insert({
      ...values,
      visitedOn: null,
      economicScore: null,
      socialScore: null,
      psychosocialScore: null,
      sealedNotes: null,
      recordedById: null,
      version: 1,
    });
    return result.identifiers[0]!.id as string;
  }

  async updateVisitIfVersion(id: string, version: number, changes: VisitChanges): Promise<boolean> {
    const result = await this.transactions.manager
      .getRepository(FollowUpVisitEntity)
      .update({ id, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }
}
