import type { IndicatorAnswers, IndicatorDimension, LanguageCode, ScreeningProposal } from '@haven/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '../../core/users/user.entity.js';

/** A screening for indicators of trafficking: coded answers, and what they proposed when recorded. */
@Entity({ schema: 'app', name: 'identification_screening' })
export class IdentificationScreeningEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'screened_on', type: 'date' })
  screenedOn!: string;

  @Column('text')
  language!: LanguageCode;

  @Column({ name: 'interpreter_used', type: 'boolean' })
  interpreterUsed!: boolean;

  /** The interpreter's name, sealed under the case key; cleared by anonymisation. */
  @Column({ name: 'sealed_interpreter_name', type: 'bytea', nullable: true })
  sealedInterpreterName!: Buffer | null;

  @Column('jsonb')
  answers!: IndicatorAnswers;

  /** As proposed when recorded: a later change of the rule does not rewrite what the screener was shown. */
  @Column('text')
  proposal!: ScreeningProposal;

  @Column({ name: 'positive_dimensions', type: 'text', array: true })
  positiveDimensions!: IndicatorDimension[];

  @Column({ name: 'screened_by', type: 'uuid' })
  screenedById!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'screened_by' })
  screenedBy?: Relation<UserEntity>;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
