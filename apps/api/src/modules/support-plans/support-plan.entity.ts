import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { PlanStatus } from '@haven/contracts';
import { UserEntity } from '../../core/users/user.entity.js';

/** A case's support plan: its goals and its approval state. */
@Entity({ schema: 'app', name: 'support_plan' })
export class SupportPlanEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  status!: PlanStatus;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedById!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'submitted_by' })
  submittedBy?: Relation<UserEntity> | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'decided_by' })
  decidedBy?: Relation<UserEntity> | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'sealed_decision_comment', type: 'bytea', nullable: true })
  sealedDecisionComment!: Buffer | null;

  @Column('integer')
  version!: number;
}
