import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TrainingOutcome } from '@haven/contracts';

/** A dated follow-up after training: the employment outcome on that day, and an optional sealed note. */
@Entity({ schema: 'app', name: 'enrolment_follow_up' })
export class EnrolmentFollowUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'followed_up_on', type: 'date' })
  followedUpOn!: string;

  @Column('text')
  outcome!: TrainingOutcome;

  /** Sealed with the case's key (FOLLOW_UP_NOTE): free text about the survivor. */
  @Column({ name: 'sealed_note', type: 'bytea', nullable: true })
  sealedNote!: Buffer | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
