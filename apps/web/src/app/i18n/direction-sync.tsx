import { useDirection } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf } from './i18n';

/** Keeps Mantine's direction (used by menus, popovers, paddings) in step with the chosen language. */
export function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const language = i18n.resolvedLanguage ?? i18n.language;
  useEffect(() => {
    setDirection(directionOf(language));
  }, [language, setDirection]);
  return null;
}
