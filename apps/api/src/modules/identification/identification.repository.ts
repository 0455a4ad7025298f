import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { IdentificationScreeningEntity } from './identification-screening.entity.js';
import { StatusDecisionEntity } from './status-decision.entity.js';

type NewScreening = Omit<IdentificationScreeningEntity, 'id' | 'screenedBy' | 'recordedAt'>;
type NewDecision = Omit<
  StatusDecisionEntity,
  'id' | 'recordedBy' | 'recordedAt' | 'carriedFromOrganisationId' | 'carriedFromOrganisation'
>;

/** A decision of a case as the receiving organisation of its transfer may read it: coded columns only. */
export interface OfferedDecisionRow {
  status: StatusDecisionEntity['status'];
  decidedBy: StatusDecisionEntity['decidedBy'];
  decidedOn: string;
  recordedById: string;
  recordedAt: Date;
  /** The organisation whose case recorded it (the case's own, or the one it was carried from). */
  organisationId: string;
}

/** The order of a case's decisions by which the first is the current one. */
const CURRENT_FIRST = { decidedOn: 'DESC', recordedAt: 'DESC', id: 'DESC' } as const;

@Injectable()
export class IdentificationRepository {
  constructor(private readonly transactions: TransactionHost) {}

  screenings(caseId: string): Promise<IdentificationScreeningEntity[]> {
    return this.transactions.manager
      .getRepository(IdentificationScreeningEntity)
      .find({ where: { caseId }, relations: { screenedBy: true }, order: { recordedAt: 'DESC' } });
  }

  /** Latest decided first (ties: the later recorded first): the first is the one the case's status comes from. */
  decisions(caseId: string): Promise<StatusDecisionEntity[]> {
    return this.transactions.manager.getRepository(StatusDecisionEntity).find({
      where: { caseId },
      relations: { recordedBy: true, carriedFromOrganisation: true },
      order: CURRENT_FIRST,
    });
  }

  /**
   * The decision the case's trafficking status comes from: the one with the latest `decided_on`, of
   * those decided the same day the later recorded. Not the last inserted: a decision recorded today
   * may be an older one entered late, and must not undo a later one.
   */
  currentDecision(caseId: string): Promise<StatusDecisionEntity | null> {
    return this.transactions.manager
      .getRepository(StatusDecisionEntity)
      .findOne({ where: { caseId }, order: CURRENT_FIRST });
  }

  /** Holds the case row until the transaction ends, so decisions recorded at once set the status one after the other. */
  async lockCase(caseId: string): Promise<void> {
    await this.transactions.manager.query('SELECT 1 FROM app."case" WHERE id = $1 FOR UPDATE', [caseId]);
  }

  /**
   * Through `app.status_decisions_offered` (migration 1764499200000): the receiving organisation of a
   * proposed transfer may read none of the case's decisions, but carries them over when it accepts.
   */
  offeredDecisions(caseId: string): Promise<OfferedDecisionRow[]> {
    return this.transactions.manager.query(
      `SELECT status, decided_by AS "decidedBy", to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn",
              recorded_by AS "recordedById", recorded_at AS "recordedAt", organisation_id AS "organisationId"
         FROM app.status_decisions_offered($1)`,
      [caseId],
    ) as Promise<OfferedDecisionRow[]>;
  }

  /** Copies carried over to the receiving case, with their recording as it was (ties keep their order). */
  async insertCarried(caseId: string, rows: OfferedDecisionRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.transactions.manager.getRepository(StatusDecisionEntity).insert(
      rows.map((row) => ({
        caseId,
        status: row.status,
        decidedBy: row.decidedBy,
        decidedOn: row.decidedOn,
        sealedReason: null,
        screeningId: null,
        recordedById: row.recordedById,
        recordedAt: row.recordedAt,
        carriedFromOrganisationId: row.organisationId,
      })),
    );
  }

  async screeningExists(caseId: string, id: string): Promise<boolean> {
    return this.transactions.manager.getRepository(IdentificationScreeningEntity).exists({ where: { caseId, id } });
  }

  async insertScreening(values: NewScreening): Promise<string> {
    const result = await this.transactions.manager
      .getRepository(IdentificationScreeningEntity)
      .insert({ ...values, recordedAt: new Date() });
    return result.identifiers[0]!.id as string;
  }

  async insertDecision(values: NewDecision): Promise<string> {
    const result = await this.transactions.manager
      .getRepository(StatusDecisionEntity)
      .insert({ ...values, recordedAt: new Date() });
    return result.identifiers[0]!.id as string;
  }

  /** Anonymisation (retention, erasure): keeps the coded answers, proposals and decisions; drops the interpreter's name and the reasons. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app.identification_screening SET sealed_interpreter_name = NULL WHERE case_id = $1`,
      [caseId],
    );
    await this.transactions.manager.query(
      `UPDATE app.trafficking_status_decision SET sealed_reason = NULL WHERE case_id = $1`,
      [caseId],
    );
  }
}
