import { describe, expect, it } from '@jest/globals';
import {
  STATISTICS_INDICATORS,
  STATISTICS_LANGUAGES,
  STATISTICS_TABLES,
  STATISTICS_TEXTS,
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

  it('takes the language named, else the first of Accept-Language it speaks, else English', () => {
    expect(statisticsLanguage('fr', 'ar')).toBe('fr');
    expect(statisticsLanguage(undefined, 'de-DE, ar-EG;q=0.8, fr;q=0.5')).toBe('ar');
    expect(statisticsLanguage(undefined, 'de')).toBe('en');
    expect(statisticsLanguage(undefined, undefined)).toBe('en');
  });
});
