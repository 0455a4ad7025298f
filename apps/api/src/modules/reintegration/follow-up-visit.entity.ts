import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '../../core/users/user.entity.js';

/** A follow-up visit due some months after return or discharge, with a sustainability score (1–5) per dimension once made. */
@Entity({ schema: 'app', name: 'follow_up_visit' })
export class FollowUpVisitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'months_after', type: 'integer' })
  monthsAfter!: number;

  /** YYYY-MM-DD. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  /** The task that puts the visit in the assignee's "my work". */
  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @Column({ name: 'visited_on', type: 'date', nullable: true })
  visitedOn!: string | null;

  @Column({ name: 'economic_score', type: 'smallint', nullable: true })
  economicScore!: number | null;

  @Column({ name: 'social_score', type: 'smallint', nullable: true })
  socialScore!: number | null;

  @Column({ name: 'psychosocial_score', type: 'smallint', nullable: true })
  psychosocialScore!: number | null;

  /** Sealed under the case key. */
  @Column({ name: 'sealed_notes', type: 'bytea', nullable: true })
  sealedNotes!: Buffer | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedById!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'recorded_by' })
  recordedBy?: Relation<UserEntity> | null;

  @Column('integer')
  version!: number;
}
