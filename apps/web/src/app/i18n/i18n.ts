import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './ar.json';
import en from './en.json';
import fr from './fr.json';

export const LANGUAGES = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'fr', label: 'Français', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export type TextDirection = 'ltr' | 'rtl';

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

export function changeLanguage(language: LanguageCode): Promise<unknown> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted, but the switch still applies for this visit.
  }
  return i18next.changeLanguage(language);
}

const language = initialLanguage();
applyToDocument(language);

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
  lng: language,
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map((entry) => entry.code),
  // React escapes output already; escaping twice would show entities like &amp; in the UI.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

i18next.on('languageChanged', applyToDocument);

export { i18next as i18n };
