import type { i18n as I18n } from 'i18next';
import administrationEn from './en.json';

/**
 * The texts of administration (organisations, staff, invitations, activation) in their own i18next namespace.
 * English is built in (it is the fallback); French and Arabic are fetched with the main catalogue of that language.
 */
export const ADMINISTRATION_NAMESPACES_EN = { administration: administrationEn };

const LOADERS: Record<'fr' | 'ar', () => Promise<{ default: typeof administrationEn }>> = {
  fr: () => import('./fr.json'),
  ar: () => import('./ar.json'),
};

/** Adds the French or Arabic texts once; English is already in. */
export async function loadAdministrationCatalogues(i18n: I18n, language: string): Promise<void> {
  if ((language !== 'fr' && language !== 'ar') || i18n.hasResourceBundle(language, 'administration')) return;
  const { default: catalogue } = await LOADERS[language]();
  i18n.addResourceBundle(language, 'administration', catalogue);
}
