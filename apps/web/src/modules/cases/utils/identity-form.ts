import {
  LANGUAGE_CODES,
  updateIdentityRequestSchema,
  type LanguageCode,
  type DocumentKind,
  type DocumentState,
  type SurvivorIdentity,
  type UpdateIdentityRequest,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { blankToUndefined, validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';
import type { FieldLayout } from '../../../app/i18n/validation-messages';

export type DocumentValues = {
  kind: DocumentKind | null;
  number: string;
  issuingCountry: string | null;
  state: DocumentState | null;
};

export type IdentityFormValues = {
  givenName: string;
  familyName: string;
  aliases: string[];
  dateOfBirth: string;
  estimatedAge: number | string;
  languages: string[];
  contact: { phone: string; email: string; address: string };
  documents: DocumentValues[];
};

export const IDENTITY_FORM_FIELDS = [
  'givenName',
  'familyName',
  'aliases',
  'dateOfBirth',
  'estimatedAge',
  'languages',
  'contact',
  'documents',
] as const;

export const IDENTITY_LAYOUT: FieldLayout = {
  choiceFields: ['kind', 'state', 'issuingCountry'],
  wholeFields: ['aliases', 'languages'],
};

export const emptyDocument: DocumentValues = { kind: null, number: '', issuingCountry: null, state: null };

export function identityFormValues(identity: SurvivorIdentity): IdentityFormValues {
  return {
    givenName: identity.givenName,
    familyName: identity.familyName,
    aliases: identity.aliases,
    dateOfBirth: identity.dateOfBirth ?? '',
    estimatedAge: identity.estimatedAge ?? '',
    languages: identity.languages,
    contact: {
      phone: identity.contact.phone ?? '',
      email: identity.contact.email ?? '',
      address: identity.contact.address ?? '',
    },
    documents: identity.documents.map((document) => ({
      kind: document.kind,
      number: document.number ?? '',
      issuingCountry: document.issuingCountry ?? null,
      state: document.state,
    })),
  };
}

/**
 * The whole identity as the form holds it. Everything is sent, not only what changed: the contract's partial
 * schema fills absent lists and texts with empty values, so leaving a field out would erase it. A birth date
 * or age once recorded cannot be emptied (the API has no "unset"), so empty inputs are simply left out.
 */
export function toIdentityRequest(values: IdentityFormValues, version: number): Record<string, unknown> {
  const request: Record<string, unknown> = {
    version,
    givenName: values.givenName,
    familyName: values.familyName,
    aliases: values.aliases,
    languages: values.languages,
    contact: {
      phone: blankToUndefined(values.contact.phone?.replace(/[\s-]/g, '')),
      email: blankToUndefined(values.contact.email),
      address: blankToUndefined(values.contact.address),
    },
    documents: values.documents.map((document) => ({
      kind: document.kind ?? undefined,
      number: blankToUndefined(document.number),
      issuingCountry: document.issuingCountry ?? undefined,
      state: document.state ?? undefined,
    })),
  };
  if (values.dateOfBirth) request.dateOfBirth = values.dateOfBirth;
  if (typeof values.estimatedAge === 'number') request.estimatedAge = values.estimatedAge;
  return request;
}

export function validateIdentityForm(
  values: IdentityFormValues,
  version: number,
  t: TFunction,
): SchemaResult<UpdateIdentityRequest> {
  return validateWithSchema(updateIdentityRequestSchema, toIdentityRequest(values, version), t, IDENTITY_LAYOUT);
}

const languageNames = new Map<string, Intl.DisplayNames>();

/** The languages of the list (LANGUAGE_CODES) as choices, named in the reader's language and in its alphabetical order. */
export function languageOptions(language: string): { value: LanguageCode; label: string }[] {
  return LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code, language) })).sort((a, b) =>
    a.label.localeCompare(b.label, language),
  );
}

/** Languages are stored as ISO 639 codes; the browser names them in the reader's language. */
export function languageName(code: string, language: string): string {
  let names = languageNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language, 'en'], { type: 'language' });
    languageNames.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
