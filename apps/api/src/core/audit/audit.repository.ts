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
    // Plain statements: the lock is held from the first to the commit, so every
    // millisecond here is one that every other writer waits.
    const write = async (tx: EntityManager) => {
      // The lock first, then the newest hash in a statement of its own: that statement's
      // snapshot is taken after the lock, so it sees the event of whoever held it last.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
      const [last] = (await tx.query('SELECT hash FROM audit.event ORDER BY id DESC LIMIT 1')) as { hash: Buffer }[];
      const previousHash = last?.hash ?? GENESIS_HASH;
      const event = { ...fields, occurredAt: new Date() };
      await tx.query(
        `INSERT INTO audit.event (occurred_at, actor_user_id, actor_organisation_id, action, category, subject_type, subject_id, subject_organisation_id, outcome, address, reason, previous_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          event.occurredAt,
          event.actorUserId,
          event.actorOrganisationId,
          event.action,
          event.category,
          event.subjectType,
          event.subjectId,
          event.subjectOrganisationId,
          event.outcome,
          event.address,
          event.reason,
          previousHash,
          chainHash(previousHash, event),
        ],
      );
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
