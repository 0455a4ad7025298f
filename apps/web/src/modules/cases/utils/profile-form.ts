import {
  updateCaseRequestSchema,
  type CaseDetail,
  type CaseProfileField,
  type UpdateCaseRequest,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';
import type { FieldLayout } from '../../../app/i18n/validation-messages';
import { holdsList, isChoice, isTraffickingField, PROFILE_FIELDS, type ProfileField } from './profile-fields';

/** What an input holds for a value of the contract: a choice is null and a number '' until something is given. */
type FormValueOf<T> = T extends readonly unknown[]
  ? T
  : T extends boolean
    ? boolean
    : T extends number
      ? number | string
      : T | null;

/** What the profile inputs hold, one per field of CASE_PROFILE_FIELDS. */
export type ProfileFormValues = { [F in CaseProfileField]-?: FormValueOf<NonNullable<UpdateCaseRequest[F]>> };

export const PROFILE_FORM_FIELDS: readonly CaseProfileField[] = PROFILE_FIELDS.map((field) => field.name);

export const PROFILE_LAYOUT: FieldLayout = {
  choiceFields: PROFILE_FIELDS.filter(isChoice).map((field) => field.name),
  wholeFields: PROFILE_FIELDS.filter(holdsList).map((field) => field.name),
};

/** What an input holds while nothing is recorded. */
function emptyValue(field: ProfileField): unknown {
  if (holdsList(field)) return [];
  if (field.kind === 'boolean') return false;
  if (isChoice(field)) return null;
  return '';
}

/** The field's recorded value: the person's on the case itself, the trafficking situation's in its profile. */
export function recordedValue(detail: CaseDetail, name: CaseProfileField): unknown {
  const holder: Record<string, unknown> = isTraffickingField(name) ? detail.profile : detail;
  return holder[name];
}

export function profileFormValues(detail: CaseDetail): ProfileFormValues {
  return Object.fromEntries(
    PROFILE_FIELDS.map((field) => [field.name, recordedValue(detail, field.name) ?? emptyValue(field)]),
  ) as ProfileFormValues;
}

const LIST_FIELDS: readonly string[] = PROFILE_LAYOUT.wholeFields ?? [];

/**
 * The request for what the user changed, compared with what the form started from, so a field someone else
 * changed meanwhile is not put back to its old value. Empty single values are left out (the API has no
 * "unset"). Lists are always sent whole: the contract's partial schema fills an absent list with [], so
 * leaving one out would empty it.
 */
export function toProfileRequest(
  values: ProfileFormValues,
  initial: ProfileFormValues,
  version: number,
): Record<string, unknown> {
  const request: Record<string, unknown> = { version };
  for (const field of PROFILE_FORM_FIELDS) {
    const value = values[field];
    if (LIST_FIELDS.includes(field)) {
      request[field] = value;
      continue;
    }
    if (JSON.stringify(value) === JSON.stringify(initial[field])) continue;
    if (value === null || value === '') continue;
    request[field] = value;
  }
  return request;
}

export function validateProfileForm(
  values: ProfileFormValues,
  initial: ProfileFormValues,
  version: number,
  t: TFunction,
): SchemaResult<UpdateCaseRequest> {
  return validateWithSchema(updateCaseRequestSchema, toProfileRequest(values, initial, version), t, PROFILE_LAYOUT);
}
