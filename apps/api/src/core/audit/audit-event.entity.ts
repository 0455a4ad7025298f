import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditCategory = 'case' | 'system';
export type AuditOutcome = 'success' | 'failure' | 'denied';

/** One row of the append-only, hash-chained audit log. Ids and codes only. */
@Entity({ schema: 'audit', name: 'event' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_organisation_id', type: 'uuid', nullable: true })
  actorOrganisationId!: string | null;

  @Column('text')
  action!: string;

  @Column('text')
  category!: AuditCategory;

  @Column({ name: 'subject_type', type: 'text', nullable: true })
  subjectType!: string | null;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId!: string | null;

  @Column({ name: 'subject_organisation_id', type: 'uuid', nullable: true })
  subjectOrganisationId!: string | null;

  @Column('text')
  outcome!: AuditOutcome;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /** A reason code (never free text), when the event records one. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'previous_hash', type: 'bytea' })
  previousHash!: Buffer;

  @Column({ type: 'bytea' })
  hash!: Buffer;
}
