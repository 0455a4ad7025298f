import type { StatusDecisionBody, TraffickingStatus } from '@haven/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { OrganisationEntity } from '../../core/organisations/organisation.entity.js';
import { UserEntity } from '../../core/users/user.entity.js';

/** A formal decision on the trafficking status, as recorded: who decided, when, and why (sealed). */
@Entity({ schema: 'app', name: 'trafficking_status_decision' })
export class StatusDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  status!: TraffickingStatus;

  @Column({ name: 'decided_by', type: 'text' })
  decidedBy!: StatusDecisionBody;

  @Column({ name: 'decided_on', type: 'date' })
  decidedOn!: string;

  /** Sealed under the case key; cleared by anonymisation. */
  @Column({ name: 'sealed_reason', type: 'bytea', nullable: true })
  sealedReason!: Buffer | null;

  @Column({ name: 'screening_id', type: 'uuid', nullable: true })
  screeningId!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedById!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by' })
  recordedBy?: Relation<UserEntity>;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** Set on a copy carried over by a transfer: the organisation whose case recorded it (no reason, no screening). */
  @Column({ name: 'carried_from_organisation_id', type: 'uuid', nullable: true })
  carriedFromOrganisationId!: string | null;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'carried_from_organisation_id' })
  carriedFromOrganisation?: Relation<OrganisationEntity> | null;
}
