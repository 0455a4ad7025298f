import { Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface PagerProps {
  /** Number of pages; nothing is shown for one page. */
  total: number;
  value: number;
  onChange: (page: number) => void;
  /** Names the navigation landmark, e.g. "Pages of notes", when a screen has more than one list. */
  label: string;
}

/** Page links as a named navigation landmark, each control with a spoken label in the user's language. */
export function Pager({ total, value, onChange, label }: PagerProps) {
  const { t } = useTranslation();
  if (total <= 1) return null;
  return (
    <nav aria-label={label}>
      <Pagination
        total={total}
        value={value}
        onChange={onChange}
        getItemProps={(page) => ({ 'aria-label': t('pager.page', { page }) })}
        getControlProps={(control) => ({
          'aria-label': t(
            control === 'previous'
              ? 'pager.previousPage'
              : control === 'next'
                ? 'pager.nextPage'
                : control === 'first'
                  ? 'pager.firstPage'
                  : 'pager.lastPage',
          ),
        })}
      />
    </nav>
  );
}
