import type { i18n as I18n } from 'i18next';
import dataProtectionEn from './en.json';

/**
 * The texts of retention, erasure and access requests, in their own i18next namespace. English is built in
 * (it is the fallback); French and Arabic are fetched with the main catalogue of that language.
 */
export const DATA_PROTECTION_NAMESPACES_EN = { dataProtection: dataProtectionEn };

const LOADERS: Record<'fr' | 'ar', () => Promise<{ default: typeof dataProtectionEn }>> = {
  fr: () => import('./fr.json'),
  ar: () => import('./ar.json'),
};

/** Adds the French or Arabic texts once; English is already in. */
export async function loadDataProtectionCatalogues(i18n: I18n, language: string): Promise<void> {
  if ((language !== 'fr' && language !== 'ar') || i18n.hasResourceBundle(language, 'dataProtection')) return;
  const { default: catalogue } = await LOADERS[language]();
  i18n.addResourceBundle(language, 'dataProtection', catalogue);
}
