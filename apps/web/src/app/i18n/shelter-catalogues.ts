import type { i18n as I18n } from 'i18next';
import reintegrationEn from '../../modules/reintegration/i18n/en.json';
import trainingEn from '../../modules/training/i18n/en.json';
import sheltersEn from '../../modules/shelters/i18n/en.json';

/**
 * The texts of shelters, training and reintegration, one i18next namespace per module. English is built in (it is the
 * fallback, like the main catalogue); French and Arabic are fetched with the main catalogue of that language.
 */
export const SHELTER_NAMESPACES_EN = { shelters: sheltersEn, training: trainingEn, reintegration: reintegrationEn };
type Namespace = keyof typeof SHELTER_NAMESPACES_EN;

/** The labels the case page's tabs and the navigation look up in the main namespace. */
export interface ShelterTranslationAdditions {
  cases: { tabs: { placement: string; training: string; reintegration: string } };
  nav: { shelters: string; training: string };
}

function additionsFrom(shelters: typeof sheltersEn, training: typeof trainingEn, reintegration: typeof reintegrationEn): ShelterTranslationAdditions {
  return {
    cases: { tabs: { placement: shelters.caseTab, training: training.caseTab, reintegration: reintegration.caseTab } },
    nav: { shelters: shelters.nav, training: training.nav },
  };
}

export const SHELTER_ADDITIONS_EN = additionsFrom(sheltersEn, trainingEn, reintegrationEn);

const LOADERS: Record<'fr' | 'ar', () => Promise<Record<Namespace, unknown>>> = {
  fr: async () => {
    const [shelters, training, reintegration] = await Promise.all([
      import('../../modules/shelters/i18n/fr.json'),
      import('../../modules/training/i18n/fr.json'),
      import('../../modules/reintegration/i18n/fr.json'),
    ]);
    return { shelters: shelters.default, training: training.default, reintegration: reintegration.default };
  },
  ar: async () => {
    const [shelters, training, reintegration] = await Promise.all([
      import('../../modules/shelters/i18n/ar.json'),
      import('../../modules/training/i18n/ar.json'),
      import('../../modules/reintegration/i18n/ar.json'),
    ]);
    return { shelters: shelters.default, training: training.default, reintegration: reintegration.default };
  },
};

/** Adds the French or Arabic texts of these modules once; English is already in. */
export async function loadShelterCatalogues(i18n: I18n, language: string): Promise<void> {
  if ((language !== 'fr' && language !== 'ar') || i18n.hasResourceBundle(language, 'shelters')) return;
  const catalogues = await LOADERS[language]();
  for (const [namespace, catalogue] of Object.entries(catalogues)) i18n.addResourceBundle(language, namespace, catalogue);
  const additions = additionsFrom(
    catalogues.shelters as typeof sheltersEn,
    catalogues.training as typeof trainingEn,
    catalogues.reintegration as typeof reintegrationEn,
  );
  i18n.addResourceBundle(language, 'translation', additions, true, false);
}
