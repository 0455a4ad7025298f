import {
  sendReferralRequestSchema,
  type LensSection,
  type SendReferralRequest,
  type ServiceType,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { blankToUndefined, validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';

export type Urgency = SendReferralRequest['urgency'] & string;

export interface ReferralFormValues extends Record<string, unknown> {
  toOrganisationId: string | null;
  services: ServiceType[];
  urgency: Urgency;
  message: string;
  lens: LensSection[];
  forReturn: boolean;
  /** A supervisor sends without recorded consent only after ticking this and writing why. */
  override: boolean;
  consentOverrideReason: string;
}

export const REFERRAL_FORM_FIELDS = [
  'toOrganisationId',
  'services',
  'urgency',
  'message',
  'lens',
  'forReturn',
  'consentOverrideReason',
] as const;
export const REFERRAL_LAYOUT = { choiceFields: ['toOrganisationId', 'urgency'], wholeFields: ['services', 'lens'] };

/** Starts with the least that is useful: the basic profile, which never names her. */
export function emptyReferralForm(): ReferralFormValues {
  return {
    toOrganisationId: null,
    services: [],
    urgency: 'routine',
    message: '',
    lens: ['basicProfile'],
    forReturn: false,
    override: false,
    consentOverrideReason: '',
  };
}

export function validateReferralForm(values: ReferralFormValues, t: TFunction): SchemaResult<SendReferralRequest> {
  const result = validateWithSchema(
    sendReferralRequestSchema,
    {
      toOrganisationId: values.toOrganisationId ?? undefined,
      services: values.services,
      urgency: values.urgency,
      message: blankToUndefined(values.message),
      lens: values.lens,
      forReturn: values.forReturn,
      consentOverrideReason: values.override ? values.consentOverrideReason.trim() : undefined,
    },
    t,
    REFERRAL_LAYOUT,
  );
  // The schema cannot tell "no reason" from "no override": a ticked override needs its reason.
  if (values.override && !values.consentOverrideReason.trim()) {
    const errors = result.ok ? {} : result.errors;
    return { ok: false, errors: { ...errors, consentOverrideReason: t('validation.required') } };
  }
  return result;
}
