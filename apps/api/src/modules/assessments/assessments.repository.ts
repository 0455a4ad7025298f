import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AssessmentType } from '@haven/contracts';
import { AssessmentEntity } from './assessment.entity.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

export type NewAssessment = Pick<AssessmentEntity, 'caseId' | 'type' | 'findings' | 'sealedNotes' | 'assessedBy'>;

/** Assessments of one case. Callers check the case is in scope first (CaseAccess.findForAction). */
@Injectable()
export class AssessmentsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Anonymisation (retention, erasure): keeps the coded findings; drops the assessor's notes. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(`UPDATE app.assessment SET sealed_notes = NULL WHERE case_id = $1`, [caseId]);
  }

  private repository() {
    return this.transactions.manager.getRepository(AssessmentEntity);
  }

  /** Newest first; every assessment is kept. */
  listForCase(caseId: string, type?: AssessmentType): Promise<AssessmentEntity[]> {
    return this.repository().find({
      where: { caseId, ...(type ? { type } : {}) },
      relations: { assessor: true },
      order: { assessedAt: 'DESC', id: 'DESC' },
    });
  }

  findInCase(caseId: string, id: string): Promise<AssessmentEntity | null> {
    return this.repository().findOne({ where: { id, caseId }, relations: { assessor: true } });
  }

  latest(caseId: string, type: AssessmentType): Promise<AssessmentEntity | null> {
    return this.repository().findOne({ where: { caseId, type }, order: { assessedAt: 'DESC', id: 'DESC' } });
  }

  async insert(values: NewAssessment): Promise<string> {
    const result = await this.repository().insert({ ...values, assessedAt: new Date() });
    return result.identifiers[0]!.id as string;
  }
}
