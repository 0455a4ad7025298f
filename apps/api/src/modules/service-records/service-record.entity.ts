import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { ServiceOutcome, ServiceType } from '@haven/contracts';
import { OrganisationEntity } from '../../core/organisations/organisation.entity.js';
import { UserEntity } from '../../core/users/user.entity.js';

/** Assistance actually given to the survivor; feeds the indicator reports (type, date, outcome are coded). */
@Entity({ schema: 'app', name: 'service_record' })
export class ServiceRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  type!: ServiceType;

  /** YYYY-MM-DD. */
  @Column({ name: 'delivered_on', type: 'date' })
  deliveredOn!: string;

  @Column({ name: 'provider_organisation_id', type: 'uuid', nullable: true })
  providerOrganisationId!: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true })
  @JoinColumn({ name: 'provider_organisation_id' })
  providerOrganisation?: Relation<OrganisationEntity> | null;

  @Column('text')
  outcome!: ServiceOutcome;

  /** Notes about the service, sealed under the case key. */
  @Column({ name: 'sealed_notes', type: 'bytea', nullable: true })
  sealedNotes!: Buffer | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by' })
  recorder?: Relation<UserEntity>;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** Set when a partner recorded this service through a referral. */
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;
}
