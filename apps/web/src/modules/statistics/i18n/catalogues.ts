import type { i18n as I18n } from 'i18next';
import statisticsEn from './en.json';

/**
 * The statistics texts, in their own i18next namespace. English is built in (it is the fallback, like the main
 * catalogue); French and Arabic are fetched with the main catalogue of that language.
 */
export const STATISTICS_NAMESPACES_EN = { statistics: statisticsEn };

const LOADERS: Record<'fr' | 'ar', () => Promise<{ default: typeof statisticsEn }>> = {
  fr: () => import('./fr.json'),
  ar: () => import('./ar.json'),
};

/** Adds the French or Arabic statistics texts once; English is already in. */
export async function loadStatisticsCatalogues(i18n: I18n, language: string): Promise<void> {
  if ((language !== 'fr' && language !== 'ar') || i18n.hasResourceBundle(language, 'statistics')) return;
  const { default: catalogue } = await LOADERS[language]();
  i18n.addResourceBundle(language, 'statistics', catalogue);
}
