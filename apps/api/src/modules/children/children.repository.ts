import { Injectable } from '@nestjs/common';
import type {
  AgeAssessmentMethod,
  BestInterestsDecision,
  BestInterestsKind,
  BestInterestsStatus,
} from '@haven/contracts';
import { TransactionHost } from '../../core/database/transaction-host.js';

interface Recorded {
  id: string;
  recordedById: string;
  recordedByName: string;
  recordedAt: Date;
}
export interface GuardianRow extends Recorded {
  appointedOn: string;
  sealedName: Buffer;
  sealedOrganisation: Buffer;
  endedOn: string | null;
}
export interface AgeAssessmentRow extends Recorded {
  assessedOn: string;
  method: AgeAssessmentMethod;
  assessedAge: number;
  sealedAssessedBy: Buffer;
  disputed: boolean;
}
export interface ChildViewsRow extends Recorded {
  expressedOn: string;
  sealedViews: Buffer;
}
export interface BestInterestsRow extends Recorded {
  kind: BestInterestsKind;
  completedOn: string;
  sealedSummary: Buffer;
  status: BestInterestsStatus;
  decision: BestInterestsDecision | null;
  sealedDecisionReason: Buffer | null;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
}

/** The coded facts a case's childhood and its best-interests safeguard are decided on. */
export interface ChildSafeguardFactsRow {
  ageAtRegistration: number | null;
  registeredAt: Date;
  assessedOn: string | null;
  assessedAge: number | null;
  disputed: boolean | null;
  determinationApproved: boolean;
}

const RECORDED = `t.id, t.recorded_by AS "recordedById", u.display_name AS "recordedByName", t.recorded_at AS "recordedAt"`;
const RECORDER = `JOIN app."user" u ON u.id = t.recorded_by`;

/**
 * Guardians, age assessments, the child's views and best-interests records of a case. Callers
 * check the case is in scope first (CaseAccess); row-level security holds them to the case's
 * organisation as well. Dates are read as text (YYYY-MM-DD).
 */
@Injectable()
export class ChildrenRepository {
  constructor(private readonly transactions: TransactionHost) {}

  private query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.transactions.manager.query(sql, parameters) as Promise<T[]>;
  }

  /**
   * Through `app.child_safeguard_facts` (migration 1764496000000): the receiving organisation
   * of a return may not read these tables, but its steps are checked against them. Null for a
   * case outside the caller's reach.
   */
  async safeguardFacts(caseId: string): Promise<ChildSafeguardFactsRow | null> {
    const [row] = await this.query<ChildSafeguardFactsRow>(
      `SELECT age_at_registration AS "ageAtRegistration", registered_at AS "registeredAt",
              to_char(assessed_on, 'YYYY-MM-DD') AS "assessedOn", assessed_age AS "assessedAge", disputed,
              determination_approved AS "determinationApproved"
         FROM app.child_safeguard_facts($1)`,
      [caseId],
    );
    return row ?? null;
  }

  guardians(caseId: string): Promise<GuardianRow[]> {
    return this.query(
      `SELECT ${RECORDED}, to_char(t.appointed_on, 'YYYY-MM-DD') AS "appointedOn", t.sealed_name AS "sealedName",
              t.sealed_organisation AS "sealedOrganisation", to_char(t.ended_on, 'YYYY-MM-DD') AS "endedOn"
         FROM app.child_guardian t ${RECORDER} WHERE t.case_id = $1 ORDER BY t.appointed_on DESC, t.recorded_at DESC`,
      [caseId],
    );
  }

  ageAssessments(caseId: string): Promise<AgeAssessmentRow[]> {
    return this.query(
      `SELECT ${RECORDED}, to_char(t.assessed_on, 'YYYY-MM-DD') AS "assessedOn", t.method, t.assessed_age AS "assessedAge",
              t.sealed_assessed_by AS "sealedAssessedBy", t.disputed
         FROM app.age_assessment t ${RECORDER} WHERE t.case_id = $1 ORDER BY t.assessed_on DESC, t.recorded_at DESC`,
      [caseId],
    );
  }

  views(caseId: string): Promise<ChildViewsRow[]> {
    return this.query(
      `SELECT ${RECORDED}, to_char(t.expressed_on, 'YYYY-MM-DD') AS "expressedOn", t.sealed_views AS "sealedViews"
         FROM app.child_views t ${RECORDER} WHERE t.case_id = $1 ORDER BY t.expressed_on DESC, t.recorded_at DESC`,
      [caseId],
    );
  }

  bestInterests(caseId: string, id?: string): Promise<BestInterestsRow[]> {
    return this.query(
      `SELECT ${RECORDED}, t.kind, to_char(t.completed_on, 'YYYY-MM-DD') AS "completedOn", t.sealed_summary AS "sealedSummary",
              t.status, t.decision, t.sealed_decision_reason AS "sealedDecisionReason", t.decided_by AS "decidedById",
              d.display_name AS "decidedByName", t.decided_at AS "decidedAt"
         FROM app.best_interests t ${RECORDER} LEFT JOIN app."user" d ON d.id = t.decided_by
        WHERE t.case_id = $1 AND ($2::uuid IS NULL OR t.id = $2::uuid)
        ORDER BY t.completed_on DESC, t.recorded_at DESC`,
      [caseId, id ?? null],
    );
  }

  /** Ends the standing guardianship the day the next guardian is appointed. */
  async appointGuardian(values: {
    caseId: string;
    appointedOn: string;
    sealedName: Buffer;
    sealedOrganisation: Buffer;
    recordedBy: string;
  }): Promise<string> {
    await this.query(`UPDATE app.child_guardian SET ended_on = $2 WHERE case_id = $1 AND ended_on IS NULL`, [
      values.caseId,
      values.appointedOn,
    ]);
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO app.child_guardian (case_id, appointed_on, sealed_name, sealed_organisation, recorded_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [values.caseId, values.appointedOn, values.sealedName, values.sealedOrganisation, values.recordedBy],
    );
    return row!.id;
  }

  async insertAgeAssessment(values: {
    caseId: string;
    assessedOn: string;
    method: AgeAssessmentMethod;
    assessedAge: number;
    sealedAssessedBy: Buffer;
    disputed: boolean;
    recordedBy: string;
  }): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO app.age_assessment (case_id, assessed_on, method, assessed_age, sealed_assessed_by, disputed, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        values.caseId,
        values.assessedOn,
        values.method,
        values.assessedAge,
        values.sealedAssessedBy,
        values.disputed,
        values.recordedBy,
      ],
    );
    return row!.id;
  }

  async insertViews(values: {
    caseId: string;
    expressedOn: string;
    sealedViews: Buffer;
    recordedBy: string;
  }): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO app.child_views (case_id, expressed_on, sealed_views, recorded_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [values.caseId, values.expressedOn, values.sealedViews, values.recordedBy],
    );
    return row!.id;
  }

  async insertBestInterests(values: {
    caseId: string;
    kind: BestInterestsKind;
    completedOn: string;
    sealedSummary: Buffer;
    recordedBy: string;
  }): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO app.best_interests (case_id, kind, completed_on, sealed_summary, status, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        values.caseId,
        values.kind,
        values.completedOn,
        values.sealedSummary,
        values.kind === 'determination' ? 'pendingApproval' : 'recorded',
        values.recordedBy,
      ],
    );
    return row!.id;
  }

  /** The determination, locked until the transaction ends, so two decisions on it cannot both apply. */
  async lockDetermination(
    caseId: string,
    id: string,
  ): Promise<{ status: BestInterestsStatus; kind: BestInterestsKind; recordedBy: string } | null> {
    const [row] = await this.query<{ status: BestInterestsStatus; kind: BestInterestsKind; recordedBy: string }>(
      `SELECT status, kind, recorded_by AS "recordedBy" FROM app.best_interests WHERE case_id = $1 AND id = $2 FOR UPDATE`,
      [caseId, id],
    );
    return row ?? null;
  }

  async decide(values: {
    id: string;
    status: BestInterestsStatus;
    decision: BestInterestsDecision;
    sealedReason: Buffer;
    decidedBy: string;
  }): Promise<void> {
    await this.query(
      `UPDATE app.best_interests SET status = $2, decision = $3, sealed_decision_reason = $4, decided_by = $5, decided_at = now()
        WHERE id = $1`,
      [values.id, values.status, values.decision, values.sealedReason, values.decidedBy],
    );
  }

  /** Anonymisation (retention, erasure): every record goes, since each holds sealed names or words. */
  async deleteForCase(caseId: string): Promise<void> {
    for (const table of ['child_guardian', 'age_assessment', 'child_views', 'best_interests'])
      await this.query(`DELETE FROM app.${table} WHERE case_id = $1`, [caseId]);
  }
}
