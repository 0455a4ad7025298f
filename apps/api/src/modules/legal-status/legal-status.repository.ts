import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LegalDeadlineKind, LegalStatusField } from '@haven/contracts';
import type { Scope } from '@haven/access';
import { DataSource } from 'typeorm';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { scopeCondition, SqlParameters } from '../../core/database/scope-sql.js';
import { LegalStatusEntity } from './legal-status.entity.js';

/** The columns of app."case" a Case rule may put conditions on. */
const CASE_SCOPE_COLUMNS: Record<string, string> = {
  organisationId: 'c.organisation_id',
  assigneeId: 'c.assignee_id',
  team: 'c.team',
  sensitive: 'c.sensitive',
};

export interface LegalDeadlineRow {
  caseId: string;
  caseReference: string;
  kind: LegalDeadlineKind;
  dueOn: string;
}

@Injectable()
export class LegalStatusRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  find(caseId: string): Promise<LegalStatusEntity | null> {
    return this.transactions.manager.getRepository(LegalStatusEntity).findOne({ where: { caseId } });
  }

  /** Locks the case's row until the transaction ends (nothing to lock before the first write: the insert is then the guard). */
  findForUpdate(caseId: string): Promise<LegalStatusEntity | null> {
    return this.transactions.manager
      .getRepository(LegalStatusEntity)
      .findOne({ where: { caseId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The first record; false if another was written meanwhile (its author got there first: a conflict). */
  async insertFirst(
    caseId: string,
    values: Record<LegalStatusField, string | null>,
    updatedById: string,
  ): Promise<boolean> {
    const result = (await this.transactions.manager.query(
      `INSERT INTO app.legal_status (case_id, migration_status, reflection_starts_on, reflection_ends_on,
                                     permit_applied_on, permit_decision, permit_expires_on, version, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)
       ON CONFLICT (case_id) DO NOTHING
       RETURNING case_id`,
      [
        caseId,
        values.migrationStatus,
        values.reflectionStartsOn,
        values.reflectionEndsOn,
        values.permitAppliedOn,
        values.permitDecision,
        values.permitExpiresOn,
        updatedById,
      ],
    )) as unknown[];
    return result.length === 1;
  }

  async update(caseId: string, values: Partial<LegalStatusEntity>, updatedById: string): Promise<void> {
    await this.transactions.manager
      .getRepository(LegalStatusEntity)
      .update({ caseId }, { ...values, updatedById, updatedAt: new Date(), version: () => 'version + 1' });
  }

  /**
   * The reflection periods ending and permits expiring by `noticeBy` on the open cases assigned to
   * `assigneeId` in the scope: a period's end until a permit is applied for, a permit's expiry until
   * a new date replaces it.
   */
  deadlinesFor(assigneeId: string, scope: Scope, noticeBy: string, limit: number): Promise<LegalDeadlineRow[]> {
    const parameters = new SqlParameters(assigneeId, noticeBy, limit);
    // Written once, used by both halves: the same placeholders.
    const inScope = scopeCondition(scope, CASE_SCOPE_COLUMNS, parameters);
    return this.dataSource.query(
      `SELECT d."caseId", d."caseReference", d.kind, to_char(d."dueOn", 'YYYY-MM-DD') AS "dueOn"
         FROM (
           SELECT c.id AS "caseId", c.reference AS "caseReference", 'reflectionPeriodEnds' AS kind,
                  l.reflection_ends_on AS "dueOn"
             FROM app.legal_status l JOIN app."case" c ON c.id = l.case_id
            WHERE c.assignee_id = $1 AND c.status IN ('Active', 'FollowUp') AND c.anonymised_at IS NULL
              AND l.reflection_ends_on <= $2::date AND l.permit_applied_on IS NULL
              AND ${inScope}
           UNION ALL
           SELECT c.id, c.reference, 'permitExpires', l.permit_expires_on
             FROM app.legal_status l JOIN app."case" c ON c.id = l.case_id
            WHERE c.assignee_id = $1 AND c.status IN ('Active', 'FollowUp') AND c.anonymised_at IS NULL
              AND l.permit_expires_on <= $2::date
              AND ${inScope}
         ) d
        ORDER BY d."dueOn", d."caseReference", d.kind
        LIMIT $3`,
      parameters.values,
    );
  }
}
