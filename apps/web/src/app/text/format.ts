import { COUNTRY_CODES } from '@haven/contracts';

const regionNames = new Map<string, Intl.DisplayNames>();

/** Country names come from the browser in the current language, so no list of names needs translating. */
export function countryName(code: string, language: string): string {
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language, 'en'], { type: 'region' });
    regionNames.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryOptions(language: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(language);
  return COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, language) })).sort((a, b) =>
    collator.compare(a.label, b.label),
  );
}

export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  // Plain dates (YYYY-MM-DD) are calendar days, not instants: format them in UTC so they never shift a day.
  const isPlainDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: isPlainDate ? 'UTC' : undefined }).format(
    date,
  );
}

export function formatDateTime(value: string, language: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * Several values on one line in the reader's language: "a, b, c" in English, "a, b et c" in French, "أ، وب، وج"
 * in Arabic — the separators come from the browser (`Intl.ListFormat`), so an Arabic line never carries a Latin
 * comma. The values are those of one list (services, languages, periods), not a sentence.
 */
export function formatList(items: readonly string[], language: string): string {
  let format = listFormats.get(language);
  if (!format) {
    format = new Intl.ListFormat([language, 'en'], { type: 'unit', style: 'short' });
    listFormats.set(language, format);
  }
  return format.format(items);
}

/**
 * Parts of one description on one line (a town and its country, a sex and an age band): not a list, so no "and",
 * but the comma of the reader's script — "،" in Arabic.
 */
export function formatParts(parts: readonly string[], language: string): string {
  return parts.join(language.split('-')[0] === 'ar' ? '\u060c ' : ', ');
}
