import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn, type Relation } from 'typeorm';
import type { CaseStatus, ExploitationType, Gender, RiskLevel } from '@haven/contracts';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** The case: pseudonymous. Names and other identity live in SurvivorIdentityEntity, encrypted. */
@Entity({ schema: 'app', name: 'case' })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  reference!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: Relation<UserEntity> | null;

  @Column('text')
  status!: CaseStatus;

  @Column({ name: 'risk_level', type: 'text' })
  riskLevel!: RiskLevel;

  @Column('text')
  sex!: Gender;

  @Column({ type: 'char', length: 2 })
  nationality!: string;

  @Column({ name: 'age_at_registration', type: 'integer', nullable: true })
  ageAtRegistration!: number | null;

  @Column({ name: 'exploitation_types', type: 'text', array: true })
  exploitationTypes!: ExploitationType[];

  @Column({ name: 'registered_by', type: 'uuid' })
  registeredBy!: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
