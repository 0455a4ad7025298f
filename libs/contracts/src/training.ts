import { z } from 'zod';
import { versionSchema } from './cases.js';
import { keysetPageOf, keysetQuerySchema } from './common.js';
import { LANGUAGE_CODES } from './enums.js';
import { calendarDate, longText, pastDate, shortText } from './text.js';

/** waitingList → enrolled (a seat frees) → attending → completed; droppedOut from any open state. */
export const ENROLMENT_STATUSES = ['waitingList', 'enrolled', 'attending', 'completed', 'droppedOut'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** The statuses that hold one of the programme's seats. */
export const SEAT_HOLDING_STATUSES = [
  'enrolled',
  'attending',
  'completed',
] as const satisfies readonly EnrolmentStatus[];

/** Why someone left a programme: coded, so no free text about the survivor is stored with the enrolment. */
export const DROPOUT_REASONS = [
  'foundWork',
  'health',
  'familyReasons',
  'relocated',
  'lostContact',
  'notSuitable',
  'safetyConcern',
  'other',
] as const;
export type DropoutReason = (typeof DROPOUT_REASONS)[number];

/** The situation after training, recorded at follow-up; feeds the "people trained" indicators. */
export const TRAINING_OUTCOMES = ['employed', 'selfEmployed', 'furtherTraining', 'notWorking'] as const;
export type TrainingOutcome = (typeof TRAINING_OUTCOMES)[number];

/** One dated session of a programme, as recorded for one enrolment. */
export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** The longest note of a follow-up after training. */
export const FOLLOW_UP_NOTE_MAX_LENGTH = 1000;

/** The longest trade of a programme: the list's cursors carry one (apps/api keyset). */
export const TRADE_MAX_LENGTH = 120;
const organisation = z.object({ id: z.uuid(), name: z.string() });

// ── Programmes ─────────────────────────────────────────────────────────────
const programmeFields = {
  providerOrganisationId: z.uuid({ message: 'Choose the organisation that runs the programme' }),
  trade: shortText(TRADE_MAX_LENGTH).min(1, 'Required'),
  place: shortText(200).min(1, 'Required'),
  startsOn: calendarDate(),
  endsOn: calendarDate(),
  seats: z
    .number({ message: 'Give the number of seats' })
    .int('Whole seats')
    .min(1, 'At least 1 seat')
    .max(1000, 'At most 1000 seats'),
  /** Picked from the list (named in the reader's language by the browser), never typed. */
  // A refinement rather than an enum, so a wrong language does not stop the other checks (dates) from running.
  language: z
    .string({ message: 'Choose a language from the list' })
    .refine((code) => (LANGUAGE_CODES as readonly string[]).includes(code), 'Choose a language from the list'),
};

export const createProgrammeRequestSchema = z
  .object(programmeFields)
  .strict()
  .superRefine((value, ctx) => {
    if (value.endsOn < value.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'Cannot end before it starts' });
  });
export type CreateProgrammeRequest = z.infer<typeof createProgrammeRequestSchema>;

/** The provider cannot change once survivors are enrolled through it; dates are checked against each other on the server. */
export const updateProgrammeRequestSchema = z
  .object({
    version: versionSchema,
    trade: programmeFields.trade.optional(),
    place: programmeFields.place.optional(),
    startsOn: calendarDate().optional(),
    endsOn: calendarDate().optional(),
    seats: programmeFields.seats.optional(),
    language: programmeFields.language.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.startsOn && value.endsOn && value.endsOn < value.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'Cannot end before it starts' });
  });
export type UpdateProgrammeRequest = z.infer<typeof updateProgrammeRequestSchema>;

export const programmeSummarySchema = z.object({
  id: z.uuid(),
  ownerOrganisation: organisation,
  providerOrganisation: organisation,
  trade: z.string(),
  place: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  seats: z.number().int(),
  seatsTaken: z.number().int(),
  waiting: z.number().int(),
  language: z.string(),
  version: z.number().int(),
});
export type ProgrammeSummary = z.infer<typeof programmeSummarySchema>;
/** The programme list's sorts, each read in an index's order (migration 1764499400003): by trade by default. */
export const PROGRAMME_SORTS = ['trade', 'createdAt'] as const;
export type ProgrammeSort = (typeof PROGRAMME_SORTS)[number];
export const programmeListQuerySchema = keysetQuerySchema(PROGRAMME_SORTS, { sort: 'trade', order: 'asc' }).strict();
export type ProgrammeListQuery = z.infer<typeof programmeListQuerySchema>;
export const programmeListSchema = keysetPageOf(programmeSummarySchema);
export type ProgrammeList = z.infer<typeof programmeListSchema>;

/** A session's attendance: one record per enrolment and date. */
export const attendanceRecordSchema = z.object({
  date: z.string(),
  status: z.enum(ATTENDANCE_STATUSES),
  recordedAt: z.iso.datetime(),
});
export type AttendanceRecord = z.infer<typeof attendanceRecordSchema>;

/** A dated follow-up after training: the employment outcome on that day. */
export const followUpSchema = z.object({
  id: z.uuid(),
  followedUpOn: z.string(),
  outcome: z.enum(TRAINING_OUTCOMES),
  note: z.string().nullable(),
  recordedAt: z.iso.datetime(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** The enrolment fields everyone working on it may see. */
const enrolmentFields = {
  id: z.uuid(),
  status: z.enum(ENROLMENT_STATUSES),
  /** 1 for the first in line, while on the waiting list. */
  waitingPosition: z.number().int().nullable(),
  dropoutReason: z.enum(DROPOUT_REASONS).nullable(),
  /** Once any session is recorded by date, the number recorded present (else the count recorded before dated records). */
  sessionsAttended: z.number().int(),
  /** The dated sessions, oldest first. */
  attendance: z.array(attendanceRecordSchema),
  sessionsTotal: z.number().int().nullable(),
  certificateObtained: z.boolean(),
  /** The latest follow-up's outcome (or the one value recorded before dated follow-ups). */
  outcome: z.enum(TRAINING_OUTCOMES).nullable(),
  outcomeRecordedOn: z.string().nullable(),
  waitlistedAt: z.iso.datetime().nullable(),
  enrolledAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
};

/**
 * An enrolment on the programme page: the case by reference only. The case id is given
 * to the programme's own organisation; a provider partner sees the reference and the
 * enrolment fields, nothing else about the case.
 */
export const programmeEnrolmentSchema = z.object({
  caseId: z.uuid().optional(),
  caseReference: z.string(),
  ...enrolmentFields,
  /** The follow-ups, oldest first: for the programme's own organisation only (their notes speak of the survivor). */
  followUps: z.array(followUpSchema).optional(),
});
export type ProgrammeEnrolment = z.infer<typeof programmeEnrolmentSchema>;

export const programmeDetailSchema = programmeSummarySchema.extend({ enrolments: z.array(programmeEnrolmentSchema) });
export type ProgrammeDetail = z.infer<typeof programmeDetailSchema>;

// ── Enrolments ─────────────────────────────────────────────────────────────
export const enrolRequestSchema = z.object({ programmeId: z.uuid({ message: 'Choose a programme' }) }).strict();
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

/** An enrolment from the case's side. */
export const enrolmentSchema = z.object({
  ...enrolmentFields,
  followUps: z.array(followUpSchema),
  caseId: z.uuid(),
  programme: z.object({
    id: z.uuid(),
    trade: z.string(),
    place: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    providerOrganisation: organisation,
  }),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;
export const enrolmentListSchema = z.object({ items: z.array(enrolmentSchema) });
export type EnrolmentList = z.infer<typeof enrolmentListSchema>;

/**
 * Attendance, completion and certificate (also by the provider partner); status moves,
 * dropout and the outcome after training (the programme's own organisation).
 */
export const updateEnrolmentRequestSchema = z
  .object({
    version: versionSchema,
    status: z.enum(ENROLMENT_STATUSES).optional(),
    dropoutReason: z.enum(DROPOUT_REASONS).optional(),
    sessionsAttended: z.number().int('Whole sessions').min(0, 'Cannot be negative').max(10_000).optional(),
    sessionsTotal: z.number().int('Whole sessions').min(0, 'Cannot be negative').max(10_000).optional(),
    certificateObtained: z.boolean().optional(),
    /** The day the survivor completed the programme (with status completed; today when not given). Not before it starts. */
    completedOn: pastDate().optional(),
    outcome: z.enum(TRAINING_OUTCOMES).optional(),
    outcomeRecordedOn: pastDate().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.status === 'droppedOut' && !value.dropoutReason)
      ctx.addIssue({ code: 'custom', path: ['dropoutReason'], message: 'Choose why they left' });
    if (value.dropoutReason && value.status !== 'droppedOut')
      ctx.addIssue({ code: 'custom', path: ['dropoutReason'], message: 'Only with status droppedOut' });
    if (
      value.sessionsAttended !== undefined &&
      value.sessionsTotal !== undefined &&
      value.sessionsAttended > value.sessionsTotal
    ) {
      ctx.addIssue({ code: 'custom', path: ['sessionsAttended'], message: 'Cannot exceed the total sessions' });
    }
    if (value.outcomeRecordedOn && !value.outcome)
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Choose the outcome' });
  });
export type UpdateEnrolmentRequest = z.infer<typeof updateEnrolmentRequestSchema>;

/**
 * A session's attendance, by the programme's organisation or its provider. One record per
 * enrolment and date: recording a date again replaces that day's record. Not in the future;
 * not before the programme starts (checked on the server).
 */
export const recordAttendanceRequestSchema = z
  .object({
    date: pastDate(),
    status: z.enum(ATTENDANCE_STATUSES, { message: 'Choose present, absent or excused' }),
  })
  .strict();
export type RecordAttendanceRequest = z.infer<typeof recordAttendanceRequestSchema>;

/**
 * A follow-up after training, by the programme's own organisation: the outcome on that day.
 * Not in the future; not before the programme starts (checked on the server). The latest
 * follow-up's outcome is the enrolment's outcome.
 */
export const addFollowUpRequestSchema = z
  .object({
    followedUpOn: pastDate(),
    outcome: z.enum(TRAINING_OUTCOMES, { message: 'Choose the outcome' }),
    note: longText(FOLLOW_UP_NOTE_MAX_LENGTH).optional(),
  })
  .strict();
export type AddFollowUpRequest = z.infer<typeof addFollowUpRequestSchema>;
