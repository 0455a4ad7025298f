import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { ErasureChannel, ErasureReason } from '@haven/contracts';
import { OrganisationEntity } from '../../core/organisations/organisation.entity.js';

/**
 * A survivor's erasure, recorded by another organisation that held a copy of her case (a
 * transfer chain), waiting for a supervisor of the organisation holding `caseId` to confirm
 * it. Codes, ids and dates only.
 */
@Entity({ schema: 'app', name: 'case_erasure_request' })
export class CaseErasureRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The copy to erase. */
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The requesting organisation's case, erased when the request was made. */
  @Column({ name: 'requested_from_case_id', type: 'uuid' })
  requestedFromCaseId!: string;

  @Column({ name: 'requesting_organisation_id', type: 'uuid' })
  requestingOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'requesting_organisation_id' })
  requestingOrganisation?: Relation<OrganisationEntity>;

  @Column('text')
  reason!: ErasureReason;

  @Column('text')
  channel!: ErasureChannel;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy!: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;
}
