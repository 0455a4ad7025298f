import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { DropoutReason, EnrolmentStatus, TrainingOutcome } from '@haven/contracts';
import { TrainingProgrammeEntity } from './training-programme.entity.js';

/** A case's place in a programme: waiting, enrolled, attending, completed or dropped out. Coded values only. */
@Entity({ schema: 'app', name: 'enrolment' })
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => TrainingProgrammeEntity)
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<TrainingProgrammeEntity>;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  status!: EnrolmentStatus;

  @Column({ name: 'dropout_reason', type: 'text', nullable: true })
  dropoutReason!: DropoutReason | null;

  @Column({ name: 'sessions_attended', type: 'integer' })
  sessionsAttended!: number;

  @Column({ name: 'sessions_total', type: 'integer', nullable: true })
  sessionsTotal!: number | null;

  @Column({ name: 'certificate_obtained', type: 'boolean' })
  certificateObtained!: boolean;

  @Column({ type: 'text', nullable: true })
  outcome!: TrainingOutcome | null;

  @Column({ name: 'outcome_recorded_on', type: 'date', nullable: true })
  outcomeRecordedOn!: string | null;

  /** Set when put on the waiting list: the waiting list is served oldest first. */
  @Column({ name: 'waitlisted_at', type: 'timestamptz', nullable: true })
  waitlistedAt!: Date | null;

  @Column({ name: 'enrolled_at', type: 'timestamptz', nullable: true })
  enrolledAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('integer')
  version!: number;
}
