/** The direction a language is written in (app/i18n/i18n.ts knows which is which). */
export type TextDirection = 'ltr' | 'rtl';

/**
 * Text typed by people (names, aliases, titles, notes, organisation and shelter names) is shown
 * isolated from what surrounds it, so that one value can never reorder its neighbours: an
 * Arabic alias cannot pull the digits of the next alias to its side, and a direction control
 * left open in a note ends where the note ends (Unicode bidirectional algorithm, UAX #9).
 *
 * In markup that is `<bdi>` (see `UserText`); where only a string fits (an interpolated
 * translation, a select option, an accessible name) it is the same isolate as characters:
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
 */
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms) and every direction control. */
const DIRECTIONAL =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const LETTER = /\p{L}/u;

/** The value as one isolated run, whatever it holds. */
export function isolated(text: string): string {
  return `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}`;
}

/**
 * Whether a value interpolated into a sentence of a page in `direction` must be isolated. In a
 * left-to-right page a value with neither right-to-left letters nor direction controls cannot
 * reorder anything, and is left as it is (so English sentences read, and are matched, as before);
 * in a right-to-left page every value with letters is isolated.
 */
export function needsIsolation(text: string, direction: TextDirection): boolean {
  return DIRECTIONAL.test(text) || (direction === 'rtl' && LETTER.test(text));
}

/** `isolated` where `needsIsolation`: what the translations do with every interpolated value. */
export function isolatedFor(direction: TextDirection): (text: string) => string {
  return (text) => (needsIsolation(text, direction) ? isolated(text) : text);
}
