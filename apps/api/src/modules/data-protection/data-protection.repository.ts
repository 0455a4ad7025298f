import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseErasureEntity } from './case-erasure.entity.js';
import { RetentionRunEntity } from './retention-run.entity.js';

@Injectable()
export class DataProtectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertErasure(manager: EntityManager, erasure: Omit<CaseErasureEntity, 'recorder'>): Promise<void> {
    await manager.getRepository(CaseErasureEntity).insert(erasure);
  }

  findErasure(caseId: string): Promise<CaseErasureEntity | null> {
    return this.dataSource.getRepository(CaseErasureEntity).findOne({ where: { caseId }, relations: { recorder: true } });
  }

  async insertRun(run: Omit<RetentionRunEntity, 'id'>): Promise<RetentionRunEntity> {
    const repository = this.dataSource.getRepository(RetentionRunEntity);
    return repository.save(repository.create(run));
  }

  latestRuns(limit: number): Promise<RetentionRunEntity[]> {
    return this.dataSource.getRepository(RetentionRunEntity).find({ order: { startedAt: 'DESC' }, take: limit });
  }
}
