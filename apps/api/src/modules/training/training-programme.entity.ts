import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { OrganisationEntity } from '../../core/organisations/organisation.entity.js';

/** A vocational training programme, set up by one organisation (the owner) and run by a provider, often a partner. */
@Entity({ schema: 'app', name: 'training_programme' })
export class TrainingProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'owner_organisation_id', type: 'uuid' })
  ownerOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'owner_organisation_id' })
  ownerOrganisation?: Relation<OrganisationEntity>;

  @Column({ name: 'provider_organisation_id', type: 'uuid' })
  providerOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'provider_organisation_id' })
  providerOrganisation?: Relation<OrganisationEntity>;

  /** The trade or skill taught. */
  @Column('text')
  trade!: string;

  @Column('text')
  place!: string;

  /** YYYY-MM-DD. */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column('integer')
  seats!: number;

  /** ISO 639 code. */
  @Column('text')
  language!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('integer')
  version!: number;
}
