import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServiceRecordEntity } from './service-record.entity.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

export type NewServiceRecord = Pick<
  ServiceRecordEntity,
  'caseId' | 'type' | 'deliveredOn' | 'providerOrganisationId' | 'outcome' | 'sealedNotes' | 'recordedBy'
> & { referralId?: string | null };

const WITH_PEOPLE = { providerOrganisation: true, recorder: true } as const;

/** Services given on one case. Callers check the case is in scope first (CaseAccess.findForAction). */
@Injectable()
export class ServiceRecordsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Anonymisation (retention, erasure): keeps service types and dates (statistics count them); drops notes, including those partners recorded. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(`UPDATE app.service_record SET sealed_notes = NULL WHERE case_id = $1`, [
      caseId,
    ]);
  }

  private repository() {
    return this.transactions.manager.getRepository(ServiceRecordEntity);
  }

  /** Most recently delivered first. */
  listForCase(caseId: string): Promise<ServiceRecordEntity[]> {
    return this.repository().find({
      where: { caseId },
      relations: WITH_PEOPLE,
      order: { deliveredOn: 'DESC', recordedAt: 'DESC', id: 'DESC' },
    });
  }

  /** What a partner recorded through one referral. */
  listForReferral(referralId: string): Promise<ServiceRecordEntity[]> {
    return this.repository().find({
      where: { referralId },
      relations: WITH_PEOPLE,
      order: { deliveredOn: 'DESC', recordedAt: 'DESC', id: 'DESC' },
    });
  }

  findInCase(caseId: string, id: string): Promise<ServiceRecordEntity | null> {
    return this.repository().findOne({ where: { id, caseId }, relations: WITH_PEOPLE });
  }

  async insert(values: NewServiceRecord): Promise<string> {
    const result = await this.repository().insert({ ...values, recordedAt: new Date() });
    return result.identifiers[0]!.id as string;
  }
}
