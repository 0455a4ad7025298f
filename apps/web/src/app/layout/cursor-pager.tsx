import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface CursorPagerProps {
  /** The API's cursors: null where there is no page in that direction. */
  previousCursor: string | null;
  nextCursor: string | null;
  onChange: (cursor: string) => void;
  /** Names the navigation landmark, e.g. "Pages", when a screen has more than one list. */
  label: string;
}

/**
 * Previous and next for a list paged by cursor (the API reads a page after or before a row,
 * never counting the rows before it): nothing is shown when the list fits on one page.
 */
export function CursorPager({ previousCursor, nextCursor, onChange, label }: CursorPagerProps) {
  const { t } = useTranslation();
  if (!previousCursor && !nextCursor) return null;
  return (
    <nav aria-label={label}>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          disabled={!previousCursor}
          aria-label={t('pager.cursorPreviousLabel')}
          onClick={() => previousCursor && onChange(previousCursor)}
        >
          {t('pager.cursorPrevious')}
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={!nextCursor}
          aria-label={t('pager.cursorNextLabel')}
          onClick={() => nextCursor && onChange(nextCursor)}
        >
          {t('pager.cursorNext')}
        </Button>
      </Group>
    </nav>
  );
}
