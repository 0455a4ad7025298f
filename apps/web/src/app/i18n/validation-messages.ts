import type { TFunction } from 'i18next';

type ValidationKey =
  | 'required'
  | 'tooLong'
  | 'dateFormat'
  | 'wholeYears'
  | 'notNegative'
  | 'max120'
  | 'chooseCountry'
  | 'ageOrBirth'
  | 'notFuture'
  | 'email'
  | 'password'
  | 'chooseOption'
  | 'invalid'
  | 'maxAliases'
  | 'languageCode'
  | 'phoneFormat'
  | 'sayWhyReturned'
  | 'nameRecipient'
  | 'recipientOnlyReferral'
  | 'rateOneArea'
  | 'eachAreaOnce'
  | 'writeSomething'
  | 'notAllowed'
  | 'notAssignable'
  | 'brokenCharacter'
  | 'dateRange'
  | 'monthRange'
  | 'over120Years'
  | 'nameTeam'
  | 'maxTeams'
  | 'eachTeamOnce'
  | 'ageRange'
  | 'changeSomething'
  | 'fileEmpty'
  | 'fileTooLong'
  | 'wholeMonths'
  | 'chooseService'
  | 'chooseSection';

/**
 * The contract schemas carry English messages (the API answers with the same ones in 400 problems).
 * They are matched here to translated texts; an unknown message is shown as is rather than hidden.
 */
const CONTRACT_MESSAGES: Record<string, ValidationKey> = {
  Required: 'required',
  'At most 100 characters': 'tooLong',
  'Use a date as YYYY-MM-DD': 'dateFormat',
  'Whole years': 'wholeYears',
  'Cannot be negative': 'notNegative',
  'At most 120': 'max120',
  'Choose a country from the list': 'chooseCountry',
  'Give a date of birth or an estimated age': 'ageOrBirth',
  'Cannot be in the future': 'notFuture',
  'Enter a valid e-mail address': 'email',
  'Enter your password': 'password',
  'At most 10 aliases': 'maxAliases',
  'Use an ISO 639 code such as "en" or "tir"': 'languageCode',
  'Use international format, e.g. +39 followed by the number': 'phoneFormat',
  'Say why it is returned': 'sayWhyReturned',
  'Name the organisation the survivor agreed to be referred to': 'nameRecipient',
  'Only a referral consent names a recipient': 'recipientOnlyReferral',
  'Rate at least one area': 'rateOneArea',
  'Each area once': 'eachAreaOnce',
  'Write something': 'writeSomething',
  // A reason left empty (declining a referral): nothing more to say than that it is needed.
  'Say why': 'required',
  // What a referral asks for and what it shares: at least one of each.
  'Choose at least one service': 'chooseService',
  'Choose at least one section': 'chooseSection',
  // From the shared text and date blocks (libs/contracts/src/text.ts).
  'Contains a broken character (an unpaired surrogate)': 'brokenCharacter',
  'Use a date between 1900-01-01 and 2999-12-31': 'dateRange',
  'Use a month between 1900-01 and 2999-12': 'monthRange',
  'Cannot be more than 120 years ago': 'over120Years',
  // Organisation and staff administration (libs/contracts/src/administration.ts).
  'Name the team': 'nameTeam',
  'At most 50 teams': 'maxTeams',
  'Each team once': 'eachTeamOnce',
  'The youngest age must not be above the oldest': 'ageRange',
  'Change at least one field': 'changeSomething',
  'The file is empty': 'fileEmpty',
  'At most 90,000 characters: split the file': 'fileTooLong',
  // Retention periods (libs/contracts/src/data-protection.ts); their bounds come with the number below.
  'Whole months': 'wholeMonths',
  // Field errors only the API can know: who may do what, who may hold a case.
  'Not allowed for you': 'notAllowed',
  'Not allowed for your role': 'notAllowed',
  'Not a caseworker of this organisation': 'notAssignable',
  'Not a caseworker of your organisation': 'notAssignable',
};

// Length limits differ per field ("At most 300 characters", "At most 4000 characters"); one text takes the number.
const MAX_LENGTH = /^At most (\d+) characters$/;
// Reasons that must say enough: "Explain why in at least 10 characters", "Explain the decision in at least 10 …".
const MIN_LENGTH = /^(?:At least|Explain (?:why|the decision) in at least) (\d+) characters$/;
const MIN_MONTHS = /^At least (\d+) months$/;
const MAX_MONTHS = /^At most (\d+) months$/;
// Characters a text may not hold are named by their code point ("Remove the control character U+0000").
const CHARACTER_MESSAGES: [RegExp, 'controlCharacter' | 'directionControl' | 'invisibleCharacter' | 'noncharacter'][] =
  [
    [/^Remove the control character (U\+[0-9A-F]{4,6})$/, 'controlCharacter'],
    [/^Remove the text-direction control (U\+[0-9A-F]{4,6})$/, 'directionControl'],
    [/^Remove the invisible character (U\+[0-9A-F]{4,6})$/, 'invisibleCharacter'],
    [/^Remove the noncharacter (U\+[0-9A-F]{4,6})$/, 'noncharacter'],
  ];

export interface ValidationIssue {
  code: string;
  path: PropertyKey[];
  message: string;
}

export function translateValidationMessage(t: TFunction, message: string): string {
  return knownMessage(t, message) ?? message;
}

function knownMessage(t: TFunction, message: string): string | undefined {
  const key = CONTRACT_MESSAGES[message];
  if (key) return t(`validation.${key}`);
  const length = MAX_LENGTH.exec(message);
  if (length) return t('validation.maxLength', { max: Number(length[1]) });
  const shortest = MIN_LENGTH.exec(message);
  if (shortest) return t('validation.minLength', { min: Number(shortest[1]) });
  const fewestMonths = MIN_MONTHS.exec(message);
  if (fewestMonths) return t('validation.minMonths', { min: Number(fewestMonths[1]) });
  const mostMonths = MAX_MONTHS.exec(message);
  if (mostMonths) return t('validation.maxMonths', { max: Number(mostMonths[1]) });
  for (const [pattern, key] of CHARACTER_MESSAGES) {
    const character = pattern.exec(message);
    if (character) return t(`validation.${key}`, { code: character[1] });
  }
  return undefined;
}

/**
 * Turns schema issues into one translated message per top-level field. Issues without a contract message
 * (zod's own defaults, in English and technical) get a plain translated message chosen by their code.
 */
export function issuesToFieldErrors(
  t: TFunction,
  issues: readonly ValidationIssue[],
  choiceFields: readonly string[] = [],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (errors[field]) continue;
    const known = knownMessage(t, issue.message);
    if (known) {
      errors[field] = known;
    } else if (choiceFields.includes(field) && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
      errors[field] = t('validation.chooseOption');
    } else if (issue.code === 'invalid_type') {
      errors[field] = t('validation.required');
    } else if (issue.code === 'invalid_value') {
      errors[field] = t('validation.chooseOption');
    } else {
      errors[field] = t('validation.invalid');
    }
  }
  return errors;
}

/** How a form names its inputs: nested inputs by their dotted path, list inputs (tags, multi-selects) as a whole. */
export interface FieldLayout {
  /** Inputs that are single choices, where a wrong type means "nothing chosen"; a nested one by its last segment. */
  choiceFields?: readonly string[];
  /** Inputs holding a whole list (e.g. aliases as tags): an issue on one item is shown on the input. */
  wholeFields?: readonly string[];
  /**
   * The form translates the contract's own messages itself, from its feature's `messages` table
   * (translateFeatureMessages): they are kept as written instead of being replaced by a generic text.
   */
  ownMessages?: boolean;
}

// zod's own English texts, as opposed to the messages the contracts write: "Invalid input: expected string,
// received undefined", "Too small: expected number to be >=1", "Invalid UUID", "Unrecognized key: …".
const ZOD_DEFAULT = /^(Invalid|Too small|Too big|Unrecognized key)/;

/** The form path that shows an issue at `path` (from zod, or from the API's dotted `field`). */
export function formPathOf(path: readonly PropertyKey[] | string, layout: FieldLayout = {}): string {
  const segments = typeof path === 'string' ? path.split('.') : path.map(String);
  if (segments.length === 0) return '';
  if (layout.wholeFields?.includes(segments[0])) return segments[0];
  return segments.join('.');
}

/**
 * Like `issuesToFieldErrors`, for forms with nested inputs (contact.phone, documents.0.kind, needs.2.level):
 * one translated message per input, keyed by the path Mantine's form uses.
 */
export function issuesToFormErrors(
  t: TFunction,
  issues: readonly ValidationIssue[],
  layout: FieldLayout = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = formPathOf(issue.path, layout);
    if (errors[field]) continue;
    const known = knownMessage(t, issue.message);
    // A choice nested in a list (documents.0.kind) is named by its last segment.
    const choice = layout.choiceFields?.some((name) => field === name || field.endsWith(`.${name}`)) ?? false;
    if (known) errors[field] = known;
    else if (layout.ownMessages && !ZOD_DEFAULT.test(issue.message)) errors[field] = issue.message;
    else if (choice && (issue.code === 'invalid_type' || issue.code === 'invalid_value'))
      errors[field] = t('validation.chooseOption');
    else if (issue.code === 'invalid_type') errors[field] = t('validation.required');
    else if (issue.code === 'invalid_value') errors[field] = t('validation.chooseOption');
    else errors[field] = t('validation.invalid');
  }
  return errors;
}
