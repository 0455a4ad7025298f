import type { i18n as I18n } from 'i18next';
import accessLogEn from './en.json';

/**
 * The texts of the access log and the audit page, in their own i18next namespace. English is built in (it is
 * the fallback, like the main catalogue); French and Arabic are fetched with the main catalogue of that language.
 */
export const ACCESS_LOG_NAMESPACES_EN = { accessLog: accessLogEn };

/** The labels the case page's tabs and the navigation look up in the main namespace. */
export interface AccessLogTranslationAdditions {
  cases: { tabs: { 'access-log': string } };
  nav: { audit: string };
}

function additionsFrom(catalogue: typeof accessLogEn): AccessLogTranslationAdditions {
  return { cases: { tabs: { 'access-log': catalogue.caseTab } }, nav: { audit: catalogue.nav } };
}

export const ACCESS_LOG_ADDITIONS_EN = additionsFrom(accessLogEn);

const LOADERS: Record<'fr' | 'ar', () => Promise<{ default: typeof accessLogEn }>> = {
  fr: () => import('./fr.json'),
  ar: () => import('./ar.json'),
};

/** Adds the French or Arabic texts once; English is already in. */
export async function loadAccessLogCatalogues(i18n: I18n, language: string): Promise<void> {
  if ((language !== 'fr' && language !== 'ar') || i18n.hasResourceBundle(language, 'accessLog')) return;
  const { default: catalogue } = await LOADERS[language]();
  i18n.addResourceBundle(language, 'accessLog', catalogue);
  i18n.addResourceBundle(language, 'translation', additionsFrom(catalogue), true, false);
}
