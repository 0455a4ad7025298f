import {
  duplicateCheckRequestSchema,
  EXPLOITATION_TYPES,
  GENDERS,
  INCOMING_REFERRAL_SOURCES,
  RISK_LEVELS,
  registerCaseRequestSchema,
  type ExploitationType,
  type Gender,
  type IncomingReferralSource,
  type RegisterCaseRequest,
  type RiskLevel,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { issuesToFieldErrors } from '../../../app/i18n/validation-messages';

/** What the inputs hold: empty strings and nulls until the user picks something. */
export interface RegisterFormValues {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  estimatedAge: number | string;
  sex: Gender | null;
  nationality: string | null;
  /** Never preselected: the caseworker judges the risk at intake. */
  riskLevel: RiskLevel | null;
  exploitationTypes: ExploitationType[];
  /** How she came to the organisation, and when (both optional at intake). */
  incomingReferralSource: IncomingReferralSource | null;
  incomingReferralDate: string;
  sensitive: boolean;
}

export const REGISTER_FORM_FIELDS = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'estimatedAge',
  'sex',
  'nationality',
  'riskLevel',
  'exploitationTypes',
  'incomingReferralSource',
  'incomingReferralDate',
  'sensitive',
] as const satisfies readonly (keyof RegisterFormValues)[];

export const emptyRegisterForm: RegisterFormValues = {
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  estimatedAge: '',
  sex: null,
  nationality: null,
  riskLevel: null,
  exploitationTypes: [],
  incomingReferralSource: null,
  incomingReferralDate: '',
  sensitive: false,
};

const CHOICE_FIELDS = ['sex', 'nationality', 'riskLevel', 'exploitationTypes', 'incomingReferralSource'];

/** Maps the inputs to the contract's request shape; empty inputs become absent, as the schema expects. */
export function toRegisterRequest(values: RegisterFormValues): Record<string, unknown> {
  const request: Record<string, unknown> = {
    givenName: values.givenName,
    familyName: values.familyName,
    sex: values.sex ?? undefined,
    nationality: values.nationality ?? undefined,
    riskLevel: values.riskLevel ?? undefined,
    exploitationTypes: values.exploitationTypes,
    incomingReferralSource: values.incomingReferralSource ?? undefined,
    sensitive: values.sensitive,
  };
  if (values.incomingReferralDate) request.incomingReferralDate = values.incomingReferralDate;
  if (values.dateOfBirth) request.dateOfBirth = values.dateOfBirth;
  if (typeof values.estimatedAge === 'number') request.estimatedAge = values.estimatedAge;
  return request;
}

export type RegisterValidation =
  | { ok: true; request: RegisterCaseRequest }
  | { ok: false; errors: Record<string, string> };

/** Validates with the same contract schema the API uses, so the form and the server never disagree. */
export function validateRegisterForm(values: RegisterFormValues, t: TFunction): RegisterValidation {
  const request = toRegisterRequest(values);
  const parsed = registerCaseRequestSchema.safeParse(request);
  // The API still defaults an absent risk (for imports); the form asks for it, so no risk is ever guessed.
  if (parsed.success && values.riskLevel !== null) return { ok: true, request: parsed.data };
  const errors = parsed.success ? {} : issuesToFieldErrors(t, parsed.error.issues, CHOICE_FIELDS);
  if (values.riskLevel === null) errors.riskLevel = t('validation.chooseRisk');
  // The schema checks "birth date or age" only once every field is valid; saying it early saves a round.
  if (!values.dateOfBirth && typeof values.estimatedAge !== 'number' && !errors.estimatedAge) {
    errors.estimatedAge = t('validation.ageOrBirth');
  }
  return { ok: false, errors };
}

export const genderValues = GENDERS;
export const riskValues = RISK_LEVELS;
export const exploitationValues = EXPLOITATION_TYPES;
export const incomingReferralSourceValues = INCOMING_REFERRAL_SOURCES;

/**
 * The duplicate-check request for what is typed so far, as a string (so a pause in typing can be detected by
 * comparing it), or null while there is not yet a valid name and birth date or age to compare.
 */
export function duplicateCheckOf(values: RegisterFormValues): string | null {
  const parsed = duplicateCheckRequestSchema.safeParse({
    givenName: values.givenName,
    familyName: values.familyName,
    ...(values.dateOfBirth ? { dateOfBirth: values.dateOfBirth } : {}),
    ...(typeof values.estimatedAge === 'number' ? { estimatedAge: values.estimatedAge } : {}),
  });
  return parsed.success ? JSON.stringify(parsed.data) : null;
}
