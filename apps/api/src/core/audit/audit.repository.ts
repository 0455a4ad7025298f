import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { chainHash, GENESIS_HASH, type ChainedFields } from './audit-chain.js';

/** Any number that identifies the audit chain's lock; all writers take the same one. */
const AUDIT_CHAIN_LOCK = 7_150_001;

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an event to the chain. Writers are serialised by a transaction-level
   * advisory lock so each row links to the one before it; pass the caller's
   * transaction so the event commits (or rolls back) with the change it records.
   */
  async append(fields: Omit<ChainedFields, 'occurredAt'>, manager?: EntityManager): Promise<void> {
    const write = async (tx: EntityManager) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
      const last = await tx.getRepository(AuditEventEntity).find({ select: { hash: true }, order: { id: 'DESC' }, take: 1 });
      const previousHash = last[0]?.hash ?? GENESIS_HASH;
      const event = { ...fields, occurredAt: new Date() };
      await tx.getRepository(AuditEventEntity).insert({ ...event, previousHash, hash: chainHash(previousHash, event) });
    };
    if (manager) await write(manager);
    else await this.dataSource.transaction(write);
  }

  /** A page of the chain in id order, for verification. */
  pageAfter(afterId: string, size: number): Promise<AuditEventEntity[]> {
    return this.dataSource.getRepository(AuditEventEntity).find({ where: { id: MoreThan(afterId) }, order: { id: 'ASC' }, take: size });
  }

  /** The events about one subject, newest first (for access logs). */
  forSubject(subjectType: string, subjectId: string, limit: number): Promise<AuditEventEntity[]> {
    return this.dataSource.getRepository(AuditEventEntity).find({ where: { subjectType, subjectId }, order: { id: 'DESC' }, take: limit });
  }
}
