import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isolatedFor, type TextDirection } from '../text/isolation';
import { BUILT_IN_ENGLISH, cataloguesOf, isOnDemand, onDemandCatalogue } from './catalogues';

export const LANGUAGES = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'fr', label: 'Français', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export type { TextDirection };

const STORAGE_KEY = 'haven.language';

function isLanguage(value: string | null | undefined): value is LanguageCode {
  return LANGUAGES.some((language) => language.code === value);
}

export function directionOf(language: string): TextDirection {
  return LANGUAGES.find((entry) => entry.code === language)?.dir ?? 'ltr';
}

/** A stored choice wins; otherwise the browser's preference, so a francophone shelter starts in French. */
function initialLanguage(): LanguageCode {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be blocked (private mode, policy); the browser preference still applies.
  }
  for (const preferred of navigator.languages ?? [navigator.language]) {
    const base = preferred.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export function currentLanguage(): LanguageCode {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'en';
}

// Languages whose catalogues are in. Not asked of i18next: its loader of on-demand namespaces answers an empty
// bundle for every other namespace it is asked for, so a bundle may exist before its catalogue is loaded.
const cataloguesLoaded = new Set<LanguageCode>(['en']);

async function loadCatalogue(language: LanguageCode): Promise<void> {
  if (cataloguesLoaded.has(language)) return;
  const catalogues = await cataloguesOf(language);
  for (const [namespace, catalogue] of Object.entries(catalogues))
    i18next.addResourceBundle(language, namespace, catalogue, true, true);
  cataloguesLoaded.add(language);
}

export async function changeLanguage(language: LanguageCode): Promise<unknown> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted, but the switch still applies for this visit.
  }
  await loadCatalogue(language);
  return i18next.changeLanguage(language);
}

const language = initialLanguage();
applyToDocument(language);

/**
 * Namespaces fetched only when a screen asks for them (`useTranslation('statistics')` waits, under the
 * route's Suspense, until they are in), in the current language and in English, the fallback. Any other
 * namespace is built in or loaded with its language's catalogues, so the loader has nothing to add.
 */
const onDemandNamespaces: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, callback) {
    const load = isLanguage(language) && isOnDemand(namespace) ? onDemandCatalogue(language, namespace) : undefined;
    if (!load) {
      callback(null, {});
      return;
    }
    load().then(
      (catalogue) => callback(null, catalogue),
      (error: Error) => callback(error, null),
    );
  },
};

void i18next
  .use(onDemandNamespaces)
  .use(initReactI18next)
  .init({
    resources: { en: BUILT_IN_ENGLISH },
    // The other catalogues are added when loaded (see `languageReady` and `changeLanguage`).
    defaultNS: 'common',
    ns: ['common'],
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: LANGUAGES.map((entry) => entry.code),
    // React escapes output already, so the only "escaping" of an interpolated value is its isolation: a name or a
    // reason typed by a person is set off from the sentence around it, so it cannot reorder it (app/text/isolation.ts).
    interpolation: {
      escapeValue: true,
      escape: (value: string) => isolatedFor(directionOf(i18next.resolvedLanguage ?? i18next.language ?? 'en'))(value),
    },
    initAsync: false,
    returnNull: false,
  });

i18next.on('languageChanged', applyToDocument);

/**
 * Resolves once the starting language's catalogue is in. The app renders after it, so a French or Arabic
 * user never sees English first; if the catalogue cannot be fetched, English (the fallback) is shown.
 */
export const languageReady: Promise<void> = loadCatalogue(language)
  // Until its catalogue is in, i18next resolves a language to the English fallback; switching again once it is
  // loaded makes the resolved language (and with it the page direction and the language menu) the chosen one.
  .then(() => i18next.changeLanguage(language))
  .then(
    () => undefined,
    () => undefined,
  );

export { i18next as i18n };
