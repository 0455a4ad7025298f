import { Table, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type SortDirection = 'asc' | 'desc';

interface SortableHeaderProps {
  /** The column's name: the button's text and, in a list shown as cards, each cell's label. */
  children: string;
  /** Whether the list is sorted by this column now, and in which direction. */
  direction: SortDirection | null;
  /** The first direction when the column is chosen (dates read best newest first). */
  firstDirection?: SortDirection;
  onSort: (direction: SortDirection) => void;
}

/**
 * A column header that sorts the list: a real button (Tab, Enter and Space work), the
 * header's `aria-sort` saying how the list is sorted, and a spoken hint on the button.
 * Choosing the sorted column again reverses its direction.
 */
export function SortableHeader({ children, direction, firstDirection = 'asc', onSort }: SortableHeaderProps) {
  const { t } = useTranslation();
  const next = direction ? (direction === 'asc' ? 'desc' : 'asc') : firstDirection;
  return (
    <Table.Th
      scope="col"
      aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
      // The cards of a narrow list (ResponsiveTable) label cells with the column's name, not the arrow or the hint.
      data-label={children}
      p={0}
    >
      <UnstyledButton
        onClick={() => onSort(next)}
        px="sm"
        py="xs"
        w="100%"
        fw={700}
        fz="sm"
        style={{ display: 'flex', alignItems: 'center', gap: 4 }}
      >
        <span>{children}</span>
        <span aria-hidden>{direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}</span>
        {direction && <VisuallyHidden>{t(direction === 'asc' ? 'sort.ascending' : 'sort.descending')}</VisuallyHidden>}
      </UnstyledButton>
    </Table.Th>
  );
}
