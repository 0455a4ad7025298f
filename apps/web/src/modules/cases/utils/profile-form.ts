import {
  updateCaseRequestSchema,
  type CaseDetail,
  type ControlMethod,
  type ExploitationType,
  type Gender,
  type LabourIndustry,
  type RecruitmentMethod,
  type RelationshipToTrafficker,
  type StatusDecisionBody,
  type TraffickingStatus,
  type UpdateCaseRequest,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';
import type { FieldLayout } from '../../../app/i18n/validation-messages';

/** What the profile inputs hold: nulls and empty strings until something is chosen. */
export type ProfileFormValues = {
  sex: Gender | null;
  nationality: string | null;
  sensitive: boolean;
  traffickingStatus: TraffickingStatus | null;
  statusDecidedBy: StatusDecisionBody | null;
  exploitationTypes: ExploitationType[];
  forcedLabourIndustry: LabourIndustry | null;
  controlMethods: ControlMethod[];
  recruitmentMethods: RecruitmentMethod[];
  relationshipToTrafficker: RelationshipToTrafficker | null;
  ageWhenTrafficked: number | string;
  recruitmentCountries: string[];
  transitCountries: string[];
  exploitationCountries: string[];
};

export const PROFILE_FORM_FIELDS = [
  'sex',
  'nationality',
  'sensitive',
  'traffickingStatus',
  'statusDecidedBy',
  'exploitationTypes',
  'forcedLabourIndustry',
  'controlMethods',
  'recruitmentMethods',
  'relationshipToTrafficker',
  'ageWhenTrafficked',
  'recruitmentCountries',
  'transitCountries',
  'exploitationCountries',
] as const satisfies readonly (keyof ProfileFormValues)[];

export const PROFILE_LAYOUT: FieldLayout = {
  choiceFields: [
    'sex',
    'nationality',
    'traffickingStatus',
    'statusDecidedBy',
    'forcedLabourIndustry',
    'relationshipToTrafficker',
  ],
  wholeFields: [
    'exploitationTypes',
    'controlMethods',
    'recruitmentMethods',
    'recruitmentCountries',
    'transitCountries',
    'exploitationCountries',
  ],
};

export function profileFormValues(detail: CaseDetail): ProfileFormValues {
  const profile = detail.profile;
  return {
    sex: detail.sex,
    nationality: detail.nationality,
    sensitive: detail.sensitive,
    traffickingStatus: profile.traffickingStatus ?? null,
    statusDecidedBy: profile.statusDecidedBy ?? null,
    exploitationTypes: profile.exploitationTypes ?? detail.exploitationTypes ?? [],
    forcedLabourIndustry: profile.forcedLabourIndustry ?? null,
    controlMethods: profile.controlMethods ?? [],
    recruitmentMethods: profile.recruitmentMethods ?? [],
    relationshipToTrafficker: profile.relationshipToTrafficker ?? null,
    ageWhenTrafficked: profile.ageWhenTrafficked ?? '',
    recruitmentCountries: profile.recruitmentCountries ?? [],
    transitCountries: profile.transitCountries ?? [],
    exploitationCountries: profile.exploitationCountries ?? [],
  };
}

const LIST_FIELDS: readonly string[] = PROFILE_LAYOUT.wholeFields ?? [];

/**
 * The request for what the user changed, compared with what the form started from, so a field someone else
 * changed meanwhile is not put back to its old value. Empty single choices are left out (the API has no
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
