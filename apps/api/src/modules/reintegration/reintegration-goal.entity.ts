import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GoalStatus, ReintegrationDimension } from '@haven/contracts';

/** One goal of a case's reintegration plan, in one dimension. Goal and assistance are sealed under the case key. */
@Entity({ schema: 'app', name: 'reintegration_goal' })
export class ReintegrationGoalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  dimension!: ReintegrationDimension;

  @Column({ name: 'sealed_goal', type: 'bytea' })
  sealedGoal!: Buffer;

  @Column({ name: 'sealed_assistance', type: 'bytea' })
  sealedAssistance!: Buffer;

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
