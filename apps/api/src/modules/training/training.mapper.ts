import type { AttendanceRecord, Enrolment, FollowUp, ProgrammeEnrolment, ProgrammeSummary } from '@haven/contracts';
import type { EnrolmentEntity } from './enrolment.entity.js';
import type { TrainingProgrammeEntity } from './training-programme.entity.js';
import type { EnrolmentRecords, SeatCounts } from './training.repository.js';

const organisation = (id: string, entity: { name: string } | undefined) => ({ id, name: entity?.name ?? '' });

export function toProgrammeSummary(entity: TrainingProgrammeEntity, counts: SeatCounts | undefined): ProgrammeSummary {
  return {
    id: entity.id,
    ownerOrganisation: organisation(entity.ownerOrganisationId, entity.ownerOrganisation),
    providerOrganisation: organisation(entity.providerOrganisationId, entity.providerOrganisation),
    trade: entity.trade,
    place: entity.place,
    startsOn: entity.startsOn,
    endsOn: entity.endsOn,
    seats: entity.seats,
    seatsTaken: counts?.seatsTaken ?? 0,
    waiting: counts?.waiting ?? 0,
    language: entity.language,
    version: entity.version,
  };
}

const NO_RECORDS: EnrolmentRecords = { attendance: [], followUps: [] };

function attendanceOf(records: EnrolmentRecords): AttendanceRecord[] {
  return records.attendance.map((row) => ({
    date: row.sessionOn,
    status: row.status,
    recordedAt: row.recordedAt.toISOString(),
  }));
}

/** The purpose a follow-up's note is sealed for (the case's key). */
export const FOLLOW_UP_NOTE = 'training-follow-up-note';

/** Opens a follow-up's sealed note, with the sealer of the enrolment's case. */
export type NoteOpener = (sealed: Buffer) => string;

function followUpsOf(records: EnrolmentRecords): FollowUp[] {
  return records.followUps.map((row) => ({
    id: row.id,
    followedUpOn: row.followedUpOn,
    outcome: row.outcome,
    note: row.sealedNote && records.openNote ? records.openNote(row.sealedNote) : null,
    recordedAt: row.recordedAt.toISOString(),
  }));
}

function enrolmentFields(entity: EnrolmentEntity, waitingPosition: number | null, records: EnrolmentRecords) {
  return {
    id: entity.id,
    status: entity.status,
    waitingPosition: entity.status === 'waitingList' ? waitingPosition : null,
    dropoutReason: entity.dropoutReason,
    sessionsAttended: entity.sessionsAttended,
    attendance: attendanceOf(records),
    sessionsTotal: entity.sessionsTotal,
    certificateObtained: entity.certificateObtained,
    outcome: entity.outcome,
    outcomeRecordedOn: entity.outcomeRecordedOn,
    waitlistedAt: entity.waitlistedAt?.toISOString() ?? null,
    enrolledAt: entity.enrolledAt?.toISOString() ?? null,
    completedAt: entity.completedAt?.toISOString() ?? null,
    version: entity.version,
  };
}

/**
 * An enrolment on the programme page. `withCaseId` only for the programme's own
 * organisation: a provider partner gets the reference and the enrolment fields, nothing else.
 */
export function toProgrammeEnrolment(
  entity: EnrolmentEntity,
  caseReference: string,
  waitingPosition: number | null,
  withCaseId: boolean,
  records: EnrolmentRecords = NO_RECORDS,
): ProgrammeEnrolment {
  return {
    ...(withCaseId ? { caseId: entity.caseId } : {}),
    caseReference,
    ...enrolmentFields(entity, waitingPosition, records),
    // The follow-ups' notes speak of the survivor: for the programme's own organisation, never the provider.
    ...(withCaseId ? { followUps: followUpsOf(records) } : {}),
  };
}

/** An enrolment from the case's side, with its programme (loaded with its provider). */
export function toEnrolment(
  entity: EnrolmentEntity,
  waitingPosition: number | null,
  records: EnrolmentRecords = NO_RECORDS,
): Enrolment {
  const programme = entity.programme!;
  return {
    ...enrolmentFields(entity, waitingPosition, records),
    followUps: followUpsOf(records),
    caseId: entity.caseId,
    programme: {
      id: programme.id,
      trade: programme.trade,
      place: programme.place,
      startsOn: programme.startsOn,
      endsOn: programme.endsOn,
      providerOrganisation: organisation(programme.providerOrganisationId, programme.providerOrganisation),
    },
  };
}
