import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { AssessmentType, NeedArea, NeedLevel, ProtectionOutcome, RiskLevel } from '@haven/contracts';
import { UserEntity } from '../../core/users/user.entity.js';

/** The coded findings of an assessment, by type. Never free text. */
export interface RiskFindings {
  riskLevel: RiskLevel;
}
export interface NeedsFindings {
  needs: { area: NeedArea; level: NeedLevel }[];
}
export interface ProtectionFindings {
  fearOfReturn: boolean;
  asylumIntention: boolean;
  outcome: ProtectionOutcome;
}
export type AssessmentFindings = Partial<RiskFindings & NeedsFindings & ProtectionFindings>;

/** One assessment of a case; every one is kept, so the history of assessments can be read back. */
@Entity({ schema: 'app', name: 'assessment' })
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  type!: AssessmentType;

  @Column({ type: 'jsonb' })
  findings!: AssessmentFindings;

  /** The assessor's notes, sealed under the case key. */
  @Column({ name: 'sealed_notes', type: 'bytea', nullable: true })
  sealedNotes!: Buffer | null;

  @Column({ name: 'assessed_by', type: 'uuid' })
  assessedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'assessed_by' })
  assessor?: Relation<UserEntity>;

  @Column({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt!: Date;
}
