import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type FindOptionsWhere } from 'typeorm';
import type { ConsentPurpose } from '@haven/contracts';
import { ConsentEntity } from './consent.entity.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

export type NewConsent = Pick<
  ConsentEntity,
  | 'caseId'
  | 'purpose'
  | 'recipientOrganisationId'
  | 'givenOn'
  | 'method'
  | 'interpreterUsed'
  | 'interpreterLanguage'
  | 'sealedInterpreterName'
  | 'childAssent'
  | 'assentExplainedForAge'
  | 'recordedBy'
>;

const WITH_PEOPLE = { recipientOrganisation: true, recorder: true, withdrawer: true } as const;

/** Consents of one case. Callers check the case is in scope first (CaseAccess.findForAction). */
@Injectable()
export class ConsentsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  private repository() {
    return this.transactions.manager.getRepository(ConsentEntity);
  }

  listForCase(caseId: string): Promise<ConsentEntity[]> {
    return this.repository().find({
      where: { caseId },
      relations: WITH_PEOPLE,
      order: { recordedAt: 'DESC', id: 'ASC' },
    });
  }

  findInCase(caseId: string, id: string): Promise<ConsentEntity | null> {
    return this.repository().findOne({ where: { id, caseId }, relations: WITH_PEOPLE });
  }

  /** Whether a consent that has not been withdrawn exists for the purpose (and recipient, when given). */
  existsActive(caseId: string, purpose: ConsentPurpose, recipientOrganisationId: string | null): Promise<boolean> {
    const where: FindOptionsWhere<ConsentEntity> = {
      caseId,
      purpose,
      withdrawnOn: IsNull(),
      ...(recipientOrganisationId ? { recipientOrganisationId } : {}),
    };
    return this.repository().existsBy(where);
  }

  /**
   * Whether a consent allows sharing for the purpose (and recipient, when given), by the one
   * definition `app.consent_allows_sharing` (migration 1764499100000): not withdrawn, not one the
   * child refused her assent to, and on a child case one with her assent recorded.
   */
  async existsAllowing(
    caseId: string,
    purpose: ConsentPurpose,
    recipientOrganisationId: string | null,
  ): Promise<boolean> {
    const [row] = (await this.transactions.manager.query(
      `SELECT EXISTS (SELECT 1 FROM app.consent c
                       WHERE c.case_id = $1 AND c.purpose = $2 AND ($3::uuid IS NULL OR c.recipient_organisation_id = $3)
                         AND app.consent_allows_sharing(c)) AS allows`,
      [caseId, purpose, recipientOrganisationId],
    )) as { allows: boolean }[];
    return row!.allows;
  }

  /** Serialises consent changes on one case until the transaction ends, so two recordings cannot both pass the duplicate check. */
  async lockCase(caseId: string): Promise<void> {
    await this.transactions.manager.query('SELECT 1 FROM app."case" WHERE id = $1 FOR UPDATE', [caseId]);
  }

  async insert(values: NewConsent): Promise<string> {
    const result = await this.repository().insert({
      ...values,
      recordedAt: new Date(),
      withdrawnOn: null,
      withdrawnBy: null,
    });
    return result.identifiers[0]!.id as string;
  }

  /** Withdraws a consent that still stands; answers false if it was already withdrawn. */
  async withdrawIfActive(id: string, withdrawnOn: string, withdrawnBy: string): Promise<boolean> {
    const result = await this.repository().update({ id, withdrawnOn: IsNull() }, { withdrawnOn, withdrawnBy });
    return (result.affected ?? 0) === 1;
  }

  /** Erasure: the interpreter's name goes; the coded consent (purpose, dates, language) stays. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.repository().update({ caseId }, { sealedInterpreterName: null });
  }
}
