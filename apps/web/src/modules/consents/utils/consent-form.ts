import {
  RECIPIENT_CONSENT_PURPOSES,
  type ChildAssent,
  recordConsentRequestSchema,
  type Consent,
  type ConsentMethod,
  type ConsentPurpose,
  type DirectoryEntry,
  type LanguageCode,
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
  interpreterLanguage: LanguageCode | null;
  interpreterName: string;
  /** On a child case only: the child's assent beside the guardian's consent. */
  childAssent: { assent: ChildAssent | null; explainedForAge: boolean };
};

export const CONSENT_FORM_FIELDS = [
  'purpose',
  'recipientOrganisationId',
  'givenOn',
  'method',
  'interpreterUsed',
  'interpreterLanguage',
  'interpreterName',
  'childAssent.assent',
  'childAssent.explainedForAge',
] as const;
export const CONSENT_LAYOUT = {
  choiceFields: ['purpose', 'recipientOrganisationId', 'method', 'interpreterLanguage', 'assent'],
};

export function emptyConsentForm(): ConsentFormValues {
  return {
    purpose: null,
    recipientOrganisationId: null,
    givenOn: todayIso(),
    method: null,
    interpreterUsed: false,
    interpreterLanguage: null,
    interpreterName: '',
    childAssent: { assent: null, explainedForAge: false },
  };
}

/** `child`: the case is a child's, so the request carries her assent (the API refuses it otherwise, and requires it then). */
export function toConsentRequest(values: ConsentFormValues, child = false): Record<string, unknown> {
  return {
    purpose: values.purpose ?? undefined,
    // Only a referral or a transfer names a recipient; a choice left over from switching purpose is not sent.
    recipientOrganisationId: namesRecipient(values.purpose) ? (values.recipientOrganisationId ?? undefined) : undefined,
    givenOn: values.givenOn,
    method: values.method ?? undefined,
    interpreterUsed: values.interpreterUsed,
    // The language is asked for with an interpreter; the name is optional. Neither is sent without one.
    ...(values.interpreterUsed
      ? {
          interpreterLanguage: values.interpreterLanguage ?? '',
          interpreterName: values.interpreterName.trim() || undefined,
        }
      : {}),
    childAssent: child
      ? { assent: values.childAssent.assent ?? undefined, explainedForAge: values.childAssent.explainedForAge }
      : undefined,
  };
}

/** Whether a consent for this purpose names the organisation it covers (a referral's partner, a transfer's receiver). */
export function namesRecipient(purpose: ConsentPurpose | null): purpose is 'referral' | 'transfer' {
  return purpose !== null && RECIPIENT_CONSENT_PURPOSES.includes(purpose);
}

export function validateConsentForm(
  values: ConsentFormValues,
  t: TFunction,
  child = false,
): SchemaResult<RecordConsentRequest> {
  return validateWithSchema(recordConsentRequestSchema, toConsentRequest(values, child), t, CONSENT_LAYOUT);
}

/**
 * The organisations a referral or transfer consent can name: the directory for that purpose (when the user
 * may read it) and, so a recipient stays choosable even if the directory cannot be reached, those already
 * named in this case's consents for the same purpose. The user's own organisation is never a recipient.
 */
export function recipientOptions(
  directory: readonly DirectoryEntry[],
  consents: readonly Consent[],
  ownOrganisationId: string,
  purpose: ConsentPurpose | null = 'referral',
): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const entry of directory) seen.set(entry.id, entry.name);
  for (const consent of consents) {
    if (consent.recipientOrganisation && consent.purpose === purpose)
      seen.set(consent.recipientOrganisation.id, consent.recipientOrganisation.name);
  }
  seen.delete(ownOrganisationId);
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}
