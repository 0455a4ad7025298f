import type statisticsEn from './en.json';

/** The shape of the statistics texts (English is the reference catalogue), for the typed `t`. */
export type StatisticsNamespaces = { statistics: typeof statisticsEn };

/**
 * The statistics texts, in their own i18next namespace, fetched in every language (English too) only when a
 * screen that uses them is opened (app/i18n/i18n.ts): most people never see them, so they stay out of the
 * first download.
 */
export const STATISTICS_CATALOGUES = {
  en: () => import('./en.json'),
  fr: () => import('./fr.json'),
  ar: () => import('./ar.json'),
};
