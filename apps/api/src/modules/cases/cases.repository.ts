import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Like, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Scope } from '@haven/access';
import type { CaseStatus } from '@haven/contracts';
import { CaseKeyEntity } from './case-key.entity.js';
import { CaseEntity } from './case.entity.js';
import { SurvivorIdentityEntity } from './survivor-identity.entity.js';

export interface CaseListFilter {
  status?: CaseStatus;
  /** A reference or the start of one. */
  referencePrefix?: string;
}

/**
 * Every query that returns cases takes the caller's scope (from libs/access) and puts
 * it in the WHERE clause: rows outside it are never read (DESIGN.md §5.1).
 */
@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findInScope(id: string, scope: Scope): Promise<CaseEntity | null> {
    if (scope.length === 0) return null;
    return this.dataSource.getRepository(CaseEntity).findOne({
      where: scope.map((allowed) => ({ ...allowed, id })),
      relations: { assignee: true, organisation: true },
    });
  }

  async list(scope: Scope, filter: CaseListFilter, page: number, pageSize: number): Promise<[CaseEntity[], number]> {
    if (scope.length === 0) return [[], 0];
    const narrowing: FindOptionsWhere<CaseEntity> = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.referencePrefix ? { reference: Like(`${escapeLike(filter.referencePrefix)}%`) } : {}),
    };
    return this.dataSource.getRepository(CaseEntity).findAndCount({
      where: scope.map((allowed) => ({ ...allowed, ...narrowing })),
      relations: { assignee: true },
      order: { registeredAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  referenceExists(reference: string, manager: EntityManager): Promise<boolean> {
    return manager.getRepository(CaseEntity).existsBy({ reference });
  }

  async insertCase(manager: EntityManager, values: Omit<CaseEntity, 'id' | 'version' | 'assignee' | 'organisation'>): Promise<string> {
    const result = await manager.getRepository(CaseEntity).insert(values);
    return result.identifiers[0]!.id as string;
  }

  async insertKey(manager: EntityManager, caseId: string, wrappedKey: Buffer): Promise<void> {
    await manager.getRepository(CaseKeyEntity).insert({ caseId, wrappedKey, createdAt: new Date() });
  }

  async insertIdentity(manager: EntityManager, caseId: string, sealedPayload: Buffer): Promise<void> {
    const now = new Date();
    await manager.getRepository(SurvivorIdentityEntity).insert({ caseId, sealedPayload, createdAt: now, updatedAt: now });
  }

  findKey(caseId: string): Promise<CaseKeyEntity | null> {
    return this.dataSource.getRepository(CaseKeyEntity).findOneBy({ caseId });
  }

  findIdentity(caseId: string): Promise<SurvivorIdentityEntity | null> {
    return this.dataSource.getRepository(SurvivorIdentityEntity).findOneBy({ caseId });
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
