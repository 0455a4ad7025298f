import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type {
  AnonymisationKind,
  CaseStage,
  CaseStatus,
  ClosureReason,
  ExploitationType,
  Gender,
  RiskLevel,
  TraffickingProfile,
} from '@haven/contracts';
import { OrganisationEntity } from '../../core/organisations/organisation.entity.js';
import { UserEntity } from '../../core/users/user.entity.js';

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

  @Column('text')
  stage!: CaseStage;

  @Column({ name: 'risk_level', type: 'text' })
  riskLevel!: RiskLevel;

  /** Hidden from the team list: only the assignee and supervisors see it. */
  @Column('boolean')
  sensitive!: boolean;

  /** The assignee's team at assignment, for team mode. */
  @Column({ type: 'text', nullable: true })
  team!: string | null;

  /** The trafficking profile without exploitation types (kept in their own column for statistics). Coded values only. */
  @Column({ type: 'jsonb' })
  profile!: Partial<Omit<TraffickingProfile, 'exploitationTypes'>>;

  @Column({ name: 'closure_reason', type: 'text', nullable: true })
  closureReason!: ClosureReason | null;

  @Column({ name: 'closure_requested_by', type: 'uuid', nullable: true })
  closureRequestedBy!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'closure_requested_by' })
  closureRequester?: Relation<UserEntity> | null;

  @Column({ name: 'closure_requested_at', type: 'timestamptz', nullable: true })
  closureRequestedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** For a case received through a transfer: the sender's case (which stays with the sender, closed). */
  @Column({ name: 'transferred_from_case_id', type: 'uuid', nullable: true })
  transferredFromCaseId!: string | null;

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

  /** When the case was anonymised (retention or erasure): from then on it is read-only and holds no identity or free text. */
  @Column({ name: 'anonymised_at', type: 'timestamptz', nullable: true })
  anonymisedAt!: Date | null;

  @Column({ name: 'anonymisation_kind', type: 'text', nullable: true })
  anonymisationKind!: AnonymisationKind | null;

  /** Optimistic concurrency: every update names the version it was based on (see CasesRepository.updateIfVersion). */
  @Column('integer')
  version!: number;
}
