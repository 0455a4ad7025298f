import type accessLogEn from './en.json';

/** The shape of the access-log texts (English is the reference catalogue), for the typed `t`. */
export type AccessLogNamespaces = { accessLog: typeof accessLogEn };

/**
 * The texts of the access log and the audit page, in their own i18next namespace, fetched in every
 * language (English too) only when one of those screens is opened (app/i18n/i18n.ts). The case tab's
 * and the navigation's labels live in the main catalogue, since they show before either is opened.
 */
export const ACCESS_LOG_CATALOGUES = {
  en: () => import('./en.json'),
  fr: () => import('./fr.json'),
  ar: () => import('./ar.json'),
};
