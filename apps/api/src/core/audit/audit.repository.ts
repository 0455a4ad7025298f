import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { canonicalEventJson, chainedFieldValues, type ChainedFields } from './audit-chain.js';
import { TransactionHost } from '../database/transaction-host.js';

@Injectable()
export class AuditRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /**
   * Appends an event to the chain. Pass the caller's transaction so the event commits (or
   * rolls back) with the change it records. The event is written as pending; a deferred
   * trigger links it to the chain as the transaction commits (migration 1764460000000),
   * so the chain's lock is held only while the database commits, never across a round
   * trip to the API. The canonical JSON is what its hash covers.
   */
  async append(fields: Omit<ChainedFields, 'occurredAt'>): Promise<void> {
    const event: ChainedFields = { ...fields, occurredAt: new Date() };
    await this.transactions.manager.query(
      `INSERT INTO audit.pending_event (occurred_at, actor_user_id, actor_organisation_id, action, category, subject_type, subject_id,
                                        subject_organisation_id, outcome, address, reason, canonical)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [...chainedFieldValues(event), event.reason ?? null, canonicalEventJson(event)],
    );
  }

  /** Several events in one statement (in their order), e.g. one per case a search found. */
  async appendAll(all: Omit<ChainedFields, 'occurredAt'>[]): Promise<void> {
    if (all.length === 0) return;
    const occurredAt = new Date();
    const values: unknown[] = [];
    const rows = all.map((fields) => {
      const event: ChainedFields = { ...fields, occurredAt };
      const row = [...chainedFieldValues(event), event.reason ?? null, canonicalEventJson(event)];
      const placeholders = row.map((_, index) => `$${values.length + index + 1}`);
      values.push(...row);
      return `(${placeholders.join(', ')})`;
    });
    await this.transactions.manager.query(
      `INSERT INTO audit.pending_event (occurred_at, actor_user_id, actor_organisation_id, action, category, subject_type, subject_id,
                                        subject_organisation_id, outcome, address, reason, canonical)
       VALUES ${rows.join(', ')}`,
      values,
    );
  }

  /** A page of the chain in id order, for verification. */
  pageAfter(afterId: string, size: number): Promise<AuditEventEntity[]> {
    return this.dataSource
      .getRepository(AuditEventEntity)
      .find({ where: { id: MoreThan(afterId) }, order: { id: 'ASC' }, take: size });
  }

  /** The events about one subject, newest first (for access logs). */
  forSubject(subjectType: string, subjectId: string, limit: number): Promise<AuditEventEntity[]> {
    return this.dataSource
      .getRepository(AuditEventEntity)
      .find({ where: { subjectType, subjectId }, order: { id: 'DESC' }, take: limit });
  }
}
