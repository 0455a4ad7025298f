import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { ReturnBlockCode } from '@haven/contracts';
import { OrganisationEntity } from '../../core/organisations/organisation.entity.js';

/** A proposal to hand a whole case to another organisation, decided by the receiver. */
@Entity({ schema: 'app', name: 'transfer' })
export class TransferEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'from_organisation_id', type: 'uuid' })
  fromOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'from_organisation_id' })
  fromOrganisation?: Relation<OrganisationEntity>;

  @Column({ name: 'to_organisation_id', type: 'uuid' })
  toOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'to_organisation_id' })
  toOrganisation?: Relation<OrganisationEntity>;

  @Column({ name: 'for_return', type: 'boolean' })
  forReturn!: boolean;

  /** Set while the return is held for a protection concern recorded after it was proposed (return safety). */
  @Column({ name: 'return_suspended_at', type: 'timestamptz', nullable: true })
  returnSuspendedAt!: Date | null;

  @Column({ name: 'return_suspension_reasons', type: 'text', array: true, nullable: true })
  returnSuspensionReasons!: ReturnBlockCode[] | null;

  @Column({ name: 'sealed_reason', type: 'bytea', nullable: true })
  sealedReason!: Buffer | null;

  @Column('text')
  status!: 'proposed' | 'accepted' | 'rejected' | 'cancelled';

  @Column({ name: 'proposed_by', type: 'uuid' })
  proposedBy!: string;

  @Column({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt!: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'sealed_decision_comment', type: 'bytea', nullable: true })
  sealedDecisionComment!: Buffer | null;

  @Column({ name: 'received_case_id', type: 'uuid', nullable: true })
  receivedCaseId!: string | null;

  @Column('integer')
  version!: number;
}
