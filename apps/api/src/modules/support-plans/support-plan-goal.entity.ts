import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GoalStatus, SupportPlanType } from '@haven/contracts';

/** One goal of a support plan (HTCDS support plan types). Objective and actions are sealed under the case key. */
@Entity({ schema: 'app', name: 'support_plan_goal' })
export class SupportPlanGoalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  type!: SupportPlanType;

  @Column({ name: 'sealed_objective', type: 'bytea' })
  sealedObjective!: Buffer;

  @Column({ name: 'sealed_actions', type: 'bytea' })
  sealedActions!: Buffer;

  @Column({ name: 'planned_end_on', type: 'date', nullable: true })
  plannedEndOn!: string | null;

  @Column({ name: 'actual_end_on', type: 'date', nullable: true })
  actualEndOn!: string | null;

  @Column('text')
  status!: GoalStatus;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('integer')
  version!: number;
}
