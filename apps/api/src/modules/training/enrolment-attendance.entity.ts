import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttendanceStatus } from '@haven/contracts';

/** One session of an enrolment, by date: one row per enrolment and day (a second record for the day replaces it). */
@Entity({ schema: 'app', name: 'enrolment_attendance' })
export class EnrolmentAttendanceEntity {
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId!: string;

  @PrimaryColumn({ name: 'session_on', type: 'date' })
  sessionOn!: string;

  /** The programme, for the provider's row-level policy (as on the enrolment). */
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  status!: AttendanceStatus;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
