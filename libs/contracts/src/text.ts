import { z } from 'zod';

/**
 * The building blocks of every text and date a request carries. Each contract takes its fields
 * from here, so that what PostgreSQL refuses (a NUL character, year 0, an age over 120) and what
 * would mislead a reader (a direction override that shows "Johnson" for "nosnhoJ") is answered
 * 400 with the field and the reason, on every route, before anything is written.
 *
 * - `shortText`: one line (titles, places, areas, shelter names). No control characters, no
 *   direction embeddings/overrides/isolates, no noncharacters, no unpaired surrogates.
 * - `nameText`: a person's name or alias: as `shortText`, and no invisible formatting characters
 *   (zero-width space, soft hyphen, direction marks) that would make two equal-looking names
 *   differ, except the joiners (ZWJ, ZWNJ) that Persian and Indic spellings need.
 * - `identifierText`: a document number, a typed case reference, a search by reference: as
 *   `nameText`, without any invisible formatting character.
 * - `longText`: several lines (notes, messages, reasons). Tab and line feed are kept (a carriage
 *   return before a line feed is dropped); direction controls are kept too, for mixed Arabic and
 *   Latin writing, because the web app shows every such text isolated from its neighbours.
 *
 * All of them are trimmed and put in Unicode NFC, so that a composed and a decomposed spelling
 * are stored (and sealed, and hashed for the duplicate check) alike.
 */

/** C0 controls but tab and line feed, DEL and the C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MULTI_LINE_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
/** Every C0 and C1 control, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE_CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;
/** Bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
export const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
/** Unpaired UTF-16 surrogates: no character at all, and stored as U+FFFD if let through. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Invisible formatting characters (Unicode category Cf). */
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const JOINERS = new Set(['\u200C', '\u200D']);

const codePointOf = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Unicode noncharacters: U+FDD0–U+FDEF and the last two code points of every plane. */
function firstNoncharacter(text: string): string | undefined {
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return character;
  }
  return undefined;
}

export type TextKind = 'long' | 'short' | 'name' | 'identifier';

/**
 * Why a text may not be stored as this kind, or undefined when it may. The messages are
 * fixed sentences with the offending code point, which the web app matches to translations.
 */
export function textProblem(text: string, kind: TextKind): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'Contains a broken character (an unpaired surrogate)';
  const control = (kind === 'long' ? MULTI_LINE_CONTROLS : SINGLE_LINE_CONTROLS).exec(text);
  if (control) return `Remove the control character ${codePointOf(control[0])}`;
  const noncharacter = firstNoncharacter(text);
  if (noncharacter) return `Remove the noncharacter ${codePointOf(noncharacter)}`;
  if (kind === 'long') return undefined;
  const direction = DIRECTION_CONTROLS.exec(text);
  if (direction) return `Remove the text-direction control ${codePointOf(direction[0])}`;
  if (kind === 'short') return undefined;
  const invisible = [...text.matchAll(FORMAT_CHARACTERS)].find(
    (match) => kind === 'identifier' || !JOINERS.has(match[0]),
  );
  if (invisible) return `Remove the invisible character ${codePointOf(invisible[0])}`;
  return undefined;
}

function textOf(kind: TextKind, max: number) {
  const base = z.string();
  // A lone carriage return becomes a line feed too: every line break is stored one way.
  const lines = kind === 'long' ? base.overwrite((value) => value.replace(/\r\n?/g, '\n')) : base;
  return lines
    .trim()
    .superRefine((value, context) => {
      const problem = textProblem(value, kind);
      if (problem) context.addIssue({ code: 'custom', message: problem, input: value });
    })
    .normalize('NFC')
    .max(max, `At most ${max} characters`);
}

/** The longest e-mail address (RFC 5321's path limit, less its angle brackets). */
export const EMAIL_MAX_LENGTH = 254;
/** The longest name a member of staff is shown by. */
export const DISPLAY_NAME_MAX_LENGTH = 100;

/** One line of text, at most `max` characters (after trimming and NFC). Add `.min(1, 'Required')` where it must be given. */
export const shortText = (max: number) => textOf('short', max);
/** A person's name or alias. */
export const nameText = (max: number) => textOf('name', max);
/** A code people type or copy: document numbers, case references. */
export const identifierText = (max: number) => textOf('identifier', max);
/** Free text of several lines: notes, messages, reasons, comments. */
export const longText = (max: number) => textOf('long', max);

// ── Dates ─────────────────────────────────────────────────────────────────

/**
 * The range of calendar dates Haven accepts. PostgreSQL stores far more, but refuses year 0
 * (which the ISO format allows), and no date a person means lies outside these years.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2999-12-31';
/** The oldest age the case table accepts (`age_at_registration BETWEEN 0 AND 120`). */
export const OLDEST_AGE = 120;

/** Today as the contracts compare dates: YYYY-MM-DD in UTC. */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/** One reason per date: a date that is not one is not also out of range. */
const isoDate = () => z.iso.date({ message: 'Use a date as YYYY-MM-DD', abort: true });

/** A calendar date (YYYY-MM-DD) between 1900-01-01 and 2999-12-31. */
export const calendarDate = () =>
  isoDate().refine((value) => value >= EARLIEST_DATE && value <= LATEST_DATE, {
    message: `Use a date between ${EARLIEST_DATE} and ${LATEST_DATE}`,
    abort: true,
  });

/** A calendar date that has happened: today or before. */
export const pastDate = () =>
  calendarDate().refine((value) => value <= todayIso(), { message: 'Cannot be in the future', abort: true });

/** The earliest date of birth of someone alive today, as the age check of the case table counts. */
export function earliestBirthDate(today = todayIso()): string {
  return `${String(Number(today.slice(0, 4)) - OLDEST_AGE).padStart(4, '0')}${today.slice(4)}`;
}

/** A date of birth: not in the future, and not more than 120 years ago. */
export const birthDate = () =>
  isoDate()
    .refine((value) => value <= todayIso(), { message: 'Cannot be in the future', abort: true })
    .refine((value) => value >= earliestBirthDate(), {
      message: `Cannot be more than ${OLDEST_AGE} years ago`,
      abort: true,
    });

/** A month (YYYY-MM) within the same years as `calendarDate`. */
export const calendarMonth = () =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month as YYYY-MM')
    .refine(
      (value) => value >= EARLIEST_DATE.slice(0, 7) && value <= LATEST_DATE.slice(0, 7),
      `Use a month between ${EARLIEST_DATE.slice(0, 7)} and ${LATEST_DATE.slice(0, 7)}`,
    );
