import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type LanguageCode } from './i18n';

export function LanguageSwitcher() {
  const { t } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('app.language')}
      size="sm"
      value={currentLanguage()}
      onChange={(event) => void changeLanguage(event.currentTarget.value as LanguageCode)}
    >
      {LANGUAGES.map((language) => (
        // Each name is written in its own language so people can find theirs whatever is shown now.
        <option key={language.code} value={language.code} lang={language.code}>
          {language.label}
        </option>
      ))}
    </NativeSelect>
  );
}
