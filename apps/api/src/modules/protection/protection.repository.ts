import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ProtectionReviewEntity } from './protection-review.entity.js';

@Injectable()
export class ProtectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
