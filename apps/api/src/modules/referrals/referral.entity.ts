import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type {
  Gender,
  InboxAgeBand,
  LensSection,
  ReferralStatus,
  ReturnBlockCode,
  ServiceOutcome,
  ServiceType,
} from '@haven/contracts';
import { OrganisationEntity } from '../../core/organisations/organisation.entity.js';

/** A referral of a case to a partner for services, sharing only the sections of its lens. */
@Entity({ schema: 'app', name: 'referral' })
export class ReferralEntity {
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

  @Column({ type: 'text', array: true })
  services!: ServiceType[];

  @Column('text')
  urgency!: 'routine' | 'urgent' | 'emergency';

  @Column({ type: 'text', array: true })
  lens!: LensSection[];

  @Column({ name: 'for_return', type: 'boolean' })
  forReturn!: boolean;

  /** Set while the return is held for a protection concern recorded after it was proposed (return safety). */
  @Column({ name: 'return_suspended_at', type: 'timestamptz', nullable: true })
  returnSuspendedAt!: Date | null;

  @Column({ name: 'return_suspension_reasons', type: 'text', array: true, nullable: true })
  returnSuspensionReasons!: ReturnBlockCode[] | null;

  /** Her sex and age band when sent, kept only if the lens shares the basic profile: what tells inbox lines apart. */
  @Column({ name: 'shared_sex', type: 'text', nullable: true })
  sharedSex!: Gender | null;

  @Column({ name: 'shared_age_band', type: 'text', nullable: true })
  sharedAgeBand!: InboxAgeBand | null;

  @Column({ name: 'sealed_message', type: 'bytea', nullable: true })
  sealedMessage!: Buffer | null;

  @Column({ name: 'override_by', type: 'uuid', nullable: true })
  overrideBy!: string | null;

  @Column({ name: 'sealed_override_reason', type: 'bytea', nullable: true })
  sealedOverrideReason!: Buffer | null;

  @Column('text')
  status!: ReferralStatus;

  @Column({ name: 'sealed_response', type: 'bytea', nullable: true })
  sealedResponse!: Buffer | null;

  @Column({ type: 'text', nullable: true })
  outcome!: ServiceOutcome | null;

  @Column({ name: 'sent_by', type: 'uuid' })
  sentBy!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  @Column({ name: 'responded_by', type: 'uuid', nullable: true })
  respondedBy!: string | null;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column('integer')
  version!: number;
}
