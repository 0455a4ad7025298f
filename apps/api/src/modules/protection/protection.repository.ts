import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProtectionReviewEntity } from './protection-review.entity.js';
import type { SafeguardFacts } from './return-safeguards.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

interface SafeguardFactsRow {
  screened_at: Date | null;
  fear_of_return: boolean | null;
  asylum_intention: boolean | null;
  protection_outcome: string | null;
  reviewed_at: Date | null;
  review_decision: string | null;
}

@Injectable()
export class ProtectionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Anonymisation (retention, erasure): keeps the screening outcomes; drops the written reasons. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(`UPDATE app.protection_review SET sealed_reason = NULL WHERE case_id = $1`, [
      caseId,
    ]);
  }

  listForCase(caseId: string): Promise<ProtectionReviewEntity[]> {
    return this.dataSource
      .getRepository(ProtectionReviewEntity)
      .find({ where: { caseId }, relations: { decidedBy: true }, order: { decidedAt: 'DESC' } });
  }

  /**
   * The case's latest protection screening and review, coded, through
   * `app.return_safeguard_facts` (migration 1764470000000): the recipient of a return may
   * not read either table, but its steps must be checked against both. Nothing (as if
   * never screened) for a case outside the caller's reach.
   */
  async safeguardFacts(caseId: string): Promise<SafeguardFacts> {
    const [row] = (await this.transactions.manager.query(`SELECT * FROM app.return_safeguard_facts($1)`, [
      caseId,
    ])) as SafeguardFactsRow[];
    return {
      screening: row?.screened_at
        ? {
            at: row.screened_at,
            fearOfReturn: row.fear_of_return ?? false,
            asylumIntention: row.asylum_intention ?? false,
            outcome: (row.protection_outcome ?? 'pending') as NonNullable<SafeguardFacts['screening']>['outcome'],
          }
        : null,
      review: row?.reviewed_at
        ? { at: row.reviewed_at, decision: row.review_decision as NonNullable<SafeguardFacts['review']>['decision'] }
        : null,
    };
  }

  async insert(
    values: Pick<ProtectionReviewEntity, 'caseId' | 'decision' | 'sealedReason' | 'decidedById'>,
  ): Promise<string> {
    const result = await this.transactions.manager
      .getRepository(ProtectionReviewEntity)
      .insert({ ...values, decidedAt: new Date() });
    return result.identifiers[0]!.id as string;
  }
}
