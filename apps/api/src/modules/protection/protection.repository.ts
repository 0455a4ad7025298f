import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ProtectionReviewEntity } from './protection-review.entity.js';
import { CaseAnonymisationHooks } from '../cases/case-anonymisation.js';

@Injectable()
export class ProtectionRepository implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly anonymisation: CaseAnonymisationHooks,
  ) {}

  onModuleInit(): void {
    this.anonymisation.register('protection', (manager, caseId) => this.clearCaseText(manager, caseId));
  }

  /** Anonymisation (retention, erasure): keeps the screening outcomes; drops the written reasons. */
  async clearCaseText(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query(`UPDATE app.protection_review SET sealed_reason = NULL WHERE case_id = $1`, [caseId]);
  }

  listForCase(caseId: string): Promise<ProtectionReviewEntity[]> {
    return this.dataSource.getRepository(ProtectionReviewEntity).find({ where: { caseId }, relations: { decidedBy: true }, order: { decidedAt: 'DESC' } });
  }

  async latest(caseId: string): Promise<ProtectionReviewEntity | null> {
    return (await this.dataSource.getRepository(ProtectionReviewEntity).find({ where: { caseId }, order: { decidedAt: 'DESC' }, take: 1 }))[0] ?? null;
  }

  async insert(manager: EntityManager, values: Pick<ProtectionReviewEntity, 'caseId' | 'decision' | 'sealedReason' | 'decidedById'>): Promise<string> {
    const result = await manager.getRepository(ProtectionReviewEntity).insert({ ...values, decidedAt: new Date() });
    return result.identifiers[0]!.id as string;
  }
}
