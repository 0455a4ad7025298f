import { describe, expect, it } from '@jest/globals';
import {
  STATISTICS_INDICATORS,
  STATISTICS_LANGUAGES,
  STATISTICS_TABLES,
  STATISTICS_TEXTS,
  fillStatisticsNote,
  statisticsLanguage,
  statisticsValueLabel,
} from '@haven/contracts';
import { TABLES } from './statistics-catalogue.js';

/** Age bands are numbers ("18-20"), the same in every language. */
const NUMERIC = /^\d+(-\d+)?$/;

describe('the words of the statistics (libs/contracts/src/statistics-texts.ts)', () => {
  it.each(STATISTICS_LANGUAGES)('names every table, indicator and dimension value in %s', (language) => {
    const texts = STATISTICS_TEXTS[language];
    const missing: string[] = [];
    for (const code of STATISTICS_TABLES) {
      if (!texts.tables[code]?.title || !texts.tables[code]?.description) missing.push(`table ${code}`);
    }
    for (const code of STATISTICS_INDICATORS) {
      if (!texts.indicators[code]?.title || !texts.indicators[code]?.definition) missing.push(`indicator ${code}`);
    }
    for (const table of TABLES)
      for (const { dimension, values } of table.dimensions)
        for (const code of values) {
          if (NUMERIC.test(code)) continue;
          // Countries are named by Intl.DisplayNames; every other code has its words in the catalogue.
          const named =
            dimension === 'nationality' && /^[A-Z]{2}$/.test(code)
              ? statisticsValueLabel(texts, language, dimension, code) !== code
              : Boolean(texts.values[dimension]?.[code] ?? texts.values.bands?.[code]);
          if (!named) missing.push(`${dimension} ${code}`);
        }
    expect(missing).toEqual([]);
  });

  it('writes French and Arabic, not English, in the descriptions and definitions', () => {
    for (const language of ['fr', 'ar'] as const) {
      for (const code of STATISTICS_TABLES)
        expect(STATISTICS_TEXTS[language].tables[code].description).not.toBe(
          STATISTICS_TEXTS.en.tables[code].description,
        );
      for (const code of STATISTICS_INDICATORS)
        expect(STATISTICS_TEXTS[language].indicators[code].definition).not.toBe(
          STATISTICS_TEXTS.en.indicators[code].definition,
        );
    }
    for (const code of STATISTICS_TABLES) expect(STATISTICS_TEXTS.ar.tables[code].description).not.toMatch(/[a-z]{3}/);
  });

  it('writes the notes of the files in every language, each sentence with the same values to put in as in English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const sentences = (language: (typeof STATISTICS_LANGUAGES)[number]) => {
      const { labels, granularities, withoutConsent, ...rest } = STATISTICS_TEXTS[language].notes;
      const prefixed = (prefix: string, texts: Readonly<Record<string, string>>) =>
        Object.fromEntries(Object.entries(texts).map(([key, text]) => [`${prefix}.${key}`, text]));
      return {
        ...prefixed('labels', labels),
        ...prefixed('granularities', granularities),
        ...prefixed('withoutConsent', withoutConsent),
        ...rest,
      } as Record<string, string>;
    };
    const english = sentences('en');
    for (const language of ['fr', 'ar'] as const) {
      const translated = sentences(language);
      expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(english)) {
        expect({ language, key, values: placeholders(translated[key]!) }).toEqual({
          language,
          key,
          values: placeholders(text),
        });
        if (key !== 'labels.description')
          expect({ language, key, text: translated[key] }).not.toEqual({ language, key, text });
      }
    }
    expect(fillStatisticsNote('{display}: fewer than {k} people, below {k}', { display: '<11', k: 11 })).toBe(
      '<11: fewer than 11 people, below 11',
    );
  });

  it('takes the language named, else the first of Accept-Language it speaks, else English', () => {
    expect(statisticsLanguage('fr', 'ar')).toBe('fr');
    expect(statisticsLanguage(undefined, 'de-DE, ar-EG;q=0.8, fr;q=0.5')).toBe('ar');
    expect(statisticsLanguage(undefined, 'de')).toBe('en');
    expect(statisticsLanguage(undefined, undefined)).toBe('en');
  });
});
