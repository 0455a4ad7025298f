import {
  STATISTICS_LANGUAGES,
  STATISTICS_TEXTS,
  statisticsValueLabel,
  type StatisticsIndicatorCode,
  type StatisticsLanguage,
  type StatisticsTableCode,
} from '@haven/contracts';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPeriod } from '../utils/periods';

/**
 * Words for the codes the API publishes (tables, indicators, dimension values, periods), in the reader's language,
 * from the statistics catalogue the API writes its files with (libs/contracts/src/statistics-texts.ts): the screen
 * and the file say the same thing. A code no list knows is shown as published rather than hidden, so a new value
 * never makes a figure disappear.
 */
export function useStatisticsLabels() {
  const { t, i18n } = useTranslation('statistics');
  const language = i18n.language;
  const textLanguage: StatisticsLanguage =
    STATISTICS_LANGUAGES.find((known) => known === language.split('-')[0]) ?? 'en';
  const texts = STATISTICS_TEXTS[textLanguage];

  const value = useCallback(
    (dimension: string, code: string | null): string =>
      code === null ? t('table.all') : statisticsValueLabel(texts, language, dimension, code),
    [language, t, texts],
  );

  const period = useCallback(
    (code: string) => formatPeriod(code, language, (year, quarter) => t('period.quarter', { year, quarter })),
    [language, t],
  );

  return useMemo(
    () => ({
      value,
      period,
      /** The language the words are in, which downloads ask the API for. */
      language: textLanguage,
      table: (code: StatisticsTableCode) => texts.tables[code],
      indicator: (code: StatisticsIndicatorCode) => texts.indicators[code],
    }),
    [period, textLanguage, texts, value],
  );
}
