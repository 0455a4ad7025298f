import {
  createProgrammeRequestSchema,
  updateEnrolmentRequestSchema,
  updateProgrammeRequestSchema,
  type CreateProgrammeRequest,
  type DropoutReason,
  type EnrolmentStatus,
  type ProgrammeEnrolment,
  type ProgrammeSummary,
  type TrainingOutcome,
  type UpdateEnrolmentRequest,
  type UpdateProgrammeRequest,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';

export type ProgrammeFormValues = {
  providerOrganisationId: string | null;
  trade: string;
  place: string;
  startsOn: string;
  endsOn: string;
  seats: number | string;
  /** A code of the list (LANGUAGE_CODES), or none chosen yet. */
  language: string | null;
};
// In the order the form shows them: the first wrong one gets the focus.
export const PROGRAMME_FORM_FIELDS = [
  'trade',
  'providerOrganisationId',
  'place',
  'startsOn',
  'endsOn',
  'seats',
  'language',
] as const;
export const PROGRAMME_LAYOUT = { choiceFields: ['providerOrganisationId', 'language'], ownMessages: true };

export function programmeFormValues(programme?: ProgrammeSummary): ProgrammeFormValues {
  if (!programme)
    return { providerOrganisationId: null, trade: '', place: '', startsOn: '', endsOn: '', seats: '', language: null };
  return {
    providerOrganisationId: programme.providerOrganisation.id,
    trade: programme.trade,
    place: programme.place,
    startsOn: programme.startsOn,
    endsOn: programme.endsOn,
    seats: programme.seats,
    language: programme.language,
  };
}

const numberOf = (value: number | string) => (value === '' ? undefined : Number(value));

export function validateCreateProgramme(
  values: ProgrammeFormValues,
  t: TFunction,
): SchemaResult<CreateProgrammeRequest> {
  return validateWithSchema(
    createProgrammeRequestSchema,
    {
      ...values,
      providerOrganisationId: values.providerOrganisationId ?? undefined,
      language: values.language ?? undefined,
      seats: numberOf(values.seats),
    },
    t,
    PROGRAMME_LAYOUT,
  );
}

/** Only the changed fields, so an edit never puts back what someone else changed meanwhile. */
export function validateUpdateProgramme(
  values: ProgrammeFormValues,
  programme: ProgrammeSummary,
  version: number,
  t: TFunction,
): SchemaResult<UpdateProgrammeRequest> {
  const changed = <K extends 'trade' | 'place' | 'startsOn' | 'endsOn' | 'language'>(key: K) =>
    values[key] !== programme[key] ? values[key] : undefined;
  const seats = numberOf(values.seats);
  return validateWithSchema(
    updateProgrammeRequestSchema,
    {
      version,
      trade: changed('trade'),
      place: changed('place'),
      startsOn: changed('startsOn'),
      endsOn: changed('endsOn'),
      language: changed('language') ?? undefined,
      seats: seats !== programme.seats ? (seats ?? Number.NaN) : undefined,
    },
    t,
    PROGRAMME_LAYOUT,
  );
}

export type EnrolmentFormValues = {
  status: EnrolmentStatus;
  sessionsAttended: number | string;
  sessionsTotal: number | string;
  certificateObtained: boolean;
  dropoutReason: DropoutReason | null;
  outcome: TrainingOutcome | null;
  /** The day of completion (YYYY-MM-DD), asked for when completing; empty until then. */
  completedOn: string;
};
export const ENROLMENT_FORM_FIELDS = [
  'status',
  'completedOn',
  'sessionsAttended',
  'sessionsTotal',
  'certificateObtained',
  'dropoutReason',
  'outcome',
] as const;
export const ENROLMENT_LAYOUT = { choiceFields: ['status', 'dropoutReason', 'outcome'], ownMessages: true };

export function enrolmentFormValues(enrolment: ProgrammeEnrolment): EnrolmentFormValues {
  return {
    status: enrolment.status,
    sessionsAttended: enrolment.sessionsAttended,
    sessionsTotal: enrolment.sessionsTotal ?? '',
    certificateObtained: enrolment.certificateObtained,
    dropoutReason: enrolment.dropoutReason,
    outcome: enrolment.outcome,
    completedOn: enrolment.completedAt ? enrolment.completedAt.slice(0, 10) : '',
  };
}

/** The status changes the API allows from each status (waiting list → enrolled → attending → completed). */
export const NEXT_STATUSES: Record<EnrolmentStatus, readonly EnrolmentStatus[]> = {
  waitingList: ['enrolled', 'droppedOut'],
  enrolled: ['attending', 'completed', 'droppedOut'],
  attending: ['completed', 'droppedOut'],
  completed: [],
  droppedOut: [],
};
/** What a provider partner may record; everything else belongs to the programme's own organisation. */
export const PROVIDER_STATUSES: readonly EnrolmentStatus[] = ['attending', 'completed'];

/** Only what changed is sent: a provider sending an unchanged outcome would be refused for a field it may not touch. */
export function validateEnrolment(
  values: EnrolmentFormValues,
  enrolment: ProgrammeEnrolment,
  version: number,
  t: TFunction,
  programmeStartsOn: string,
): SchemaResult<UpdateEnrolmentRequest> {
  const attended = numberOf(values.sessionsAttended);
  const total = numberOf(values.sessionsTotal);
  const statusChanged = values.status !== enrolment.status;
  const completedOn =
    values.status === 'completed' && values.completedOn !== (enrolment.completedAt?.slice(0, 10) ?? '')
      ? values.completedOn || undefined
      : undefined;
  // The API's rule, said before sending: a completion is not dated before the programme starts.
  if (completedOn && completedOn < programmeStartsOn)
    return { ok: false, errors: { completedOn: 'Not before the programme starts' } };
  return validateWithSchema(
    updateEnrolmentRequestSchema,
    {
      version,
      status: statusChanged ? values.status : undefined,
      dropoutReason: statusChanged && values.status === 'droppedOut' ? (values.dropoutReason ?? undefined) : undefined,
      sessionsAttended: attended !== enrolment.sessionsAttended ? attended : undefined,
      sessionsTotal: total !== (enrolment.sessionsTotal ?? undefined) ? total : undefined,
      certificateObtained:
        values.certificateObtained !== enrolment.certificateObtained ? values.certificateObtained : undefined,
      outcome: values.outcome !== enrolment.outcome ? (values.outcome ?? undefined) : undefined,
      completedOn,
    },
    t,
    ENROLMENT_LAYOUT,
  );
}
