import type administrationEn from './en.json';

/** The shape of the administration texts (English is the reference catalogue), for the typed `t`. */
export type AdministrationNamespaces = { administration: typeof administrationEn };

/**
 * The administration texts, in their own i18next namespace, fetched in every language (English too) only when a
 * screen that uses them is opened (app/i18n/i18n.ts): most people never see them, so they stay out of the
 * first download.
 */
export const ADMINISTRATION_CATALOGUES = {
  en: () => import('./en.json'),
  fr: () => import('./fr.json'),
  ar: () => import('./ar.json'),
};
