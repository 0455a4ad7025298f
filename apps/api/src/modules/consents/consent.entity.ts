import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { ChildAssent, ConsentMethod, ConsentPurpose, LanguageCode } from '@haven/contracts';
import { OrganisationEntity } from '../../core/organisations/organisation.entity.js';
import { UserEntity } from '../../core/users/user.entity.js';

/** A survivor's consent for one purpose (and, for a referral, one named recipient), until withdrawn. */
@Entity({ schema: 'app', name: 'consent' })
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  purpose!: ConsentPurpose;

  /** Set for a referral consent only (a CHECK constraint holds the database to it). */
  @Column({ name: 'recipient_organisation_id', type: 'uuid', nullable: true })
  recipientOrganisationId!: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true })
  @JoinColumn({ name: 'recipient_organisation_id' })
  recipientOrganisation?: Relation<OrganisationEntity> | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'given_on', type: 'date' })
  givenOn!: string;

  @Column('text')
  method!: ConsentMethod;

  @Column({ name: 'interpreter_used', type: 'boolean' })
  interpreterUsed!: boolean;

  /** Set only when an interpreter was used. */
  @Column({ name: 'interpreter_language', type: 'text', nullable: true })
  interpreterLanguage!: LanguageCode | null;

  /** The interpreter's name, sealed under the case key; cleared by erasure. */
  @Column({ name: 'sealed_interpreter_name', type: 'bytea', nullable: true })
  sealedInterpreterName!: Buffer | null;

  /** For a child case, the child's assent beside the guardian's consent; null otherwise. A refused assent allows no sharing. */
  @Column({ name: 'child_assent', type: 'text', nullable: true })
  childAssent!: ChildAssent | null;

  /** With the assent: whether the purpose was explained to the child in words suited to her age. */
  @Column({ name: 'assent_explained_for_age', type: 'boolean', nullable: true })
  assentExplainedForAge!: boolean | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by' })
  recorder?: Relation<UserEntity>;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** YYYY-MM-DD; null while the consent stands. */
  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn!: string | null;

  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true })
  withdrawnBy!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'withdrawn_by' })
  withdrawer?: Relation<UserEntity> | null;
}
