import {
  recordConsentRequestSchema,
  type Consent,
  type ConsentMethod,
  type ConsentPurpose,
  type DirectoryEntry,
  type RecordConsentRequest,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { todayIso, validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';

export type ConsentFormValues = {
  purpose: ConsentPurpose | null;
  recipientOrganisationId: string | null;
  givenOn: string;
  method: ConsentMethod | null;
  interpreterUsed: boolean;
};

export const CONSENT_FORM_FIELDS = [
  'purpose',
  'recipientOrganisationId',
  'givenOn',
  'method',
  'interpreterUsed',
] as const;
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
 * The organisations a referral consent can name: the directory (when the user may read it) and, so a
 * recipient stays choosable even if the directory cannot be reached, those already named in this case's
 * consents. The user's own organisation is not a referral recipient.
 */
export function recipientOptions(
  directory: readonly DirectoryEntry[],
  consents: readonly Consent[],
  ownOrganisationId: string,
): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const entry of directory) seen.set(entry.id, entry.name);
  for (const consent of consents) {
    if (consent.recipientOrganisation) seen.set(consent.recipientOrganisation.id, consent.recipientOrganisation.name);
  }
  seen.delete(ownOrganisationId);
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}
