import { describe, expect, it } from '@jest/globals';
import {
  birthDate,
  calendarDate,
  calendarMonth,
  earliestBirthDate,
  identifierText,
  longText,
  nameText,
  pastDate,
  shortText,
} from './text.js';

const messagesOf = (result: { error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('text building blocks', () => {
  it('trims and stores names in NFC, so a decomposed spelling equals the composed one', () => {
    expect(nameText(100).parse('  Jose\u0301 ')).toBe('Jos\u00e9');
    expect(nameText(100).parse('Jos\u00e9')).toBe('Jos\u00e9');
    expect(longText(100).parse('Cafe\u0301 visit')).toBe('Caf\u00e9 visit');
  });

  it('refuses the NUL character and every other control character in one-line text, with the code point', () => {
    for (const [text, code] of [
      ['A\u0000B', 'U+0000'],
      ['A\u0007B', 'U+0007'],
      ['A\tB', 'U+0009'],
      ['A\nB', 'U+000A'],
      ['A\u001bB', 'U+001B'],
      ['A\u007fB', 'U+007F'],
      ['A\u0085B', 'U+0085'],
      ['A\u009bB', 'U+009B'],
      ['A\u2028B', 'U+2028'],
    ] as const) {
      for (const schema of [shortText(50), nameText(50), identifierText(50)])
        expect(messagesOf(schema.safeParse(text))).toEqual([`Remove the control character ${code}`]);
    }
  });

  it('keeps tab and new lines in long text, one way, and refuses the other controls', () => {
    expect(longText(100).parse('First line\r\nsecond\tline\rthird')).toBe('First line\nsecond\tline\nthird');
    expect(messagesOf(longText(100).safeParse('A\u0000B'))).toEqual(['Remove the control character U+0000']);
    expect(messagesOf(longText(100).safeParse('A\u0090B'))).toEqual(['Remove the control character U+0090']);
  });

  it('refuses unpaired surrogates and noncharacters in every kind of text', () => {
    for (const schema of [shortText(50), nameText(50), identifierText(50), longText(50)]) {
      expect(messagesOf(schema.safeParse('A\ud800B'))).toEqual(['Contains a broken character (an unpaired surrogate)']);
      expect(messagesOf(schema.safeParse('A\udfffB'))).toEqual(['Contains a broken character (an unpaired surrogate)']);
      expect(messagesOf(schema.safeParse('A\ufffeB'))).toEqual(['Remove the noncharacter U+FFFE']);
      expect(messagesOf(schema.safeParse('A\ufdd0B'))).toEqual(['Remove the noncharacter U+FDD0']);
      expect(messagesOf(schema.safeParse('A\u{10ffff}B'))).toEqual(['Remove the noncharacter U+10FFFF']);
      // A character outside the basic plane is a well-formed pair, not a broken one.
      expect(schema.safeParse('Rose \u{1F339}').success).toBe(true);
    }
  });

  it('refuses direction embeddings, overrides and isolates in names, identifiers and one-line text', () => {
    for (const control of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      const code = `U+${control.codePointAt(0)!.toString(16).toUpperCase()}`;
      for (const schema of [shortText(50), nameText(50), identifierText(50)]) {
        expect(messagesOf(schema.safeParse(`Amira ${control}nosnhoJ`))).toEqual([
          `Remove the text-direction control ${code}`,
        ]);
      }
      // Free text keeps them (mixed Arabic and Latin writing); the web app shows it isolated.
      expect(longText(50).safeParse(`Amira ${control}nosnhoJ`).success).toBe(true);
    }
  });

  it('refuses invisible characters that make equal-looking names differ, but keeps the joiners scripts need', () => {
    expect(messagesOf(nameText(50).safeParse('Ami\u200bra'))).toEqual(['Remove the invisible character U+200B']);
    expect(messagesOf(nameText(50).safeParse('Ami\u00adra'))).toEqual(['Remove the invisible character U+00AD']);
    expect(messagesOf(nameText(50).safeParse('Amira\u200f'))).toEqual(['Remove the invisible character U+200F']);
    expect(nameText(50).parse('\u0641\u0631\u0632\u0627\u0646\u0647\u200c\u0627\u06cc')).toContain('\u200c');
    expect(messagesOf(identifierText(50).safeParse('AB\u200c123'))).toEqual(['Remove the invisible character U+200C']);
    // Direction marks are fine in a one-line title of mixed writing.
    expect(shortText(50).safeParse('\u0645\u0643\u062a\u0628 \u200eNorth').success).toBe(true);
  });

  it('counts the limit after trimming', () => {
    expect(shortText(3).safeParse('  abc  ').success).toBe(true);
    expect(messagesOf(shortText(3).safeParse('abcd'))).toEqual(['At most 3 characters']);
  });
});

describe('date building blocks', () => {
  it('refuses dates PostgreSQL refuses or nobody means', () => {
    for (const value of ['0000-01-01', '1899-12-31', '3000-01-01', '10000-01-01', '2026-02-30', '2026-1-1'])
      expect(calendarDate().safeParse(value).success).toBe(false);
    for (const value of ['1900-01-01', '2024-02-29', '2999-12-31'])
      expect(calendarDate().safeParse(value).success).toBe(true);
    expect(messagesOf(calendarDate().safeParse('0000-01-01'))).toEqual([
      'Use a date between 1900-01-01 and 2999-12-31',
    ]);
  });

  it('refuses a date in the future where it has to have happened', () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(messagesOf(pastDate().safeParse(tomorrow))).toEqual(['Cannot be in the future']);
  });

  it('refuses a date of birth more than 120 years ago, as the age check of the case table does', () => {
    expect(earliestBirthDate('2026-12-07')).toBe('1906-12-07');
    expect(messagesOf(birthDate().safeParse('1890-01-01'))).toEqual(['Cannot be more than 120 years ago']);
    expect(birthDate().safeParse(earliestBirthDate()).success).toBe(true);
  });

  it('bounds months like dates', () => {
    expect(calendarMonth().safeParse('0000-01').success).toBe(false);
    expect(calendarMonth().safeParse('2026-13').success).toBe(false);
    expect(calendarMonth().safeParse('2026-12').success).toBe(true);
  });
});
