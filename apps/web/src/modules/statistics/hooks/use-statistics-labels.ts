import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPeriod } from '../utils/periods';

type Lookup = (key: string, options?: Record<string, unknown>) => string;

/** Where the main catalogue already names a code (case statuses, sexes, exploitation and service types). */
const SHARED_LISTS: Record<string, string> = {
  status: 'enums.status',
  sex: 'enums.gender',
  exploitationType: 'enums.exploitation',
  assistanceType: 'enums.serviceType',
};

/**
 * Words for the codes the API publishes (dimension values, periods), in the reader's language. A code no list
 * knows is shown as published rather than hidden, so a new value never makes a figure disappear.
 */
export function useStatisticsLabels() {
  const { t, i18n } = useTranslation('statistics');
  const { t: tMain } = useTranslation();
  const language = i18n.language;
  // Dynamic keys (codes from the API) are looked up untyped; a missing one falls back to the code itself.
  const lookup = t as unknown as Lookup;
  const lookupMain = tMain as unknown as Lookup;

  const countries = useMemo(() => {
    try {
      return new Intl.DisplayNames([language], { type: 'region' });
    } catch {
      return null;
    }
  }, [language]);

  const value = useCallback(
    (dimension: string, code: string | null): string => {
      if (code === null) return lookup('table.all');
      // i18next reads dots as nesting; score bands such as "1-1.9" are stored with an underscore.
      const key = code.replace(/\./g, '_');
      const shared = SHARED_LISTS[dimension];
      if (shared && i18n.exists(`${shared}.${key}`)) return lookupMain(`${shared}.${key}`);
      if (dimension === 'nationality' && /^[A-Z]{2}$/.test(code)) return countries?.of(code) ?? code;
      if (dimension === 'region' && i18n.exists(`statistics:regions.${key}`)) return lookup(`regions.${key}`);
      return lookup(`values.${key}`, { defaultValue: code });
    },
    [countries, i18n, lookup, lookupMain],
  );

  const period = useCallback(
    (code: string) => formatPeriod(code, language, (year, quarter) => t('period.quarter', { year, quarter })),
    [language, t],
  );

  return { value, period };
}
