import { recordConsentRequestSchema, type Consent, type ConsentMethod, type ConsentPurpose, type RecordConsentRequest } from '@haven/contracts';
import type { TFunction } from 'i18next';
import { todayIso, validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';

export type ConsentFormValues = {
  purpose: ConsentPurpose | null;
  recipientOrganisationId: string | null;
  givenOn: string;
  method: ConsentMethod | null;
  interpreterUsed: boolean;
};

export const CONSENT_FORM_FIELDS = ['purpose', 'recipientOrganisationId', 'givenOn', 'method', 'interpreterUsed'] as const;
export const CONSENT_LAYOUT = { choiceFields: ['purpose', 'recipientOrganisationId', 'method'] };

export function emptyConsentForm(): ConsentFormValues {
  return { purpose: null, recipientOrganisationId: null, givenOn: todayIso(), method: null, interpreterUsed: false };
}

export function toConsentRequest(values: ConsentFormValues): Record<string, unknown> {
  return {
    purpose: values.purpose ?? undefined,
    // Only a referral names a recipient; a choice left over from switching purpose is not sent.
    recipientOrganisationId: values.purpose === 'referral' ? (values.recipientOrganisationId ?? undefined) : undefined,
    givenOn: values.givenOn,
    method: values.method ?? undefined,
    interpreterUsed: values.interpreterUsed,
  };
}

export function validateConsentForm(values: ConsentFormValues, t: TFunction): SchemaResult<RecordConsentRequest> {
  return validateWithSchema(recordConsentRequestSchema, toConsentRequest(values), t, CONSENT_LAYOUT);
}

/**
 * Partner organisations this case already has a referral consent for. There is no organisation directory
 * for caseworkers yet, so these are the only recipients the form can offer by name.
 */
export function knownRecipients(consents: readonly Consent[]): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const consent of consents) {
    if (consent.recipientOrganisation) seen.set(consent.recipientOrganisation.id, consent.recipientOrganisation.name);
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}
