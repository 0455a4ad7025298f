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
  | 'invalid';

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
};

export interface ValidationIssue {
  code: string;
  path: PropertyKey[];
  message: string;
}

export function translateValidationMessage(t: TFunction, message: string): string {
  const key = CONTRACT_MESSAGES[message];
  return key ? t(`validation.${key}`) : message;
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
    const known = CONTRACT_MESSAGES[issue.message];
    if (known) {
      errors[field] = t(`validation.${known}`);
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
