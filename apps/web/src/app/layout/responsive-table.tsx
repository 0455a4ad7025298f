import { Table, type TableProps } from '@mantine/core';
import { useLayoutEffect, useRef } from 'react';

/**
 * How wide the table's own space must be before it is shown as a grid; narrower, each row becomes a card of
 * "label: value" lines. A table of many columns needs a wider space than a table of three. `never`: a cross-table
 * (periods by groups) whose meaning is its grid, which scrolls within its own box instead.
 */
export type StackBelow = 'sm' | 'md' | 'lg' | 'never';

export interface ResponsiveTableProps extends TableProps {
  stackBelow?: StackBelow;
  /** Marks the wrapper for tests and journeys (`getByTestId`). */
  testId?: string;
}

/**
 * Every list of Haven is one of these: a Mantine table that stays a table where there is room and becomes stacked
 * cards in a narrow space (a phone, a narrow panel), so no list makes the page wider than the screen.
 *
 * The screen writes an ordinary table (Table.Thead, Table.Tr, Table.Th, Table.Td). Each cell's label comes from
 * its column header: a header's `data-label` when it has one (an empty one shows no label, e.g. for actions), its
 * text otherwise. The labels are kept in step with the rows as they change, so sorting, paging or a row's own
 * state never leaves a card unlabelled. The cells also carry their table roles: a stylesheet that shows a row as a
 * block takes away the table semantics a screen reader relies on, explicit roles give them back.
 */
export function ResponsiveTable({ stackBelow = 'md', testId, children, ...props }: ResponsiveTableProps) {
  const tableRef = useRef<HTMLTableElement>(null);

  useLayoutEffect(() => {
    const table = tableRef.current;
    if (!table) return;
    const label = () => labelCells(table);
    label();
    const observer = new MutationObserver(label);
    // Rows and cells coming and going, and header texts changing (a language switch, a sort direction).
    observer.observe(table, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);

  return (
    <div className={`responsive-table responsive-table--${stackBelow}`} data-testid={testId}>
      <Table ref={tableRef} role="table" {...props}>
        {children}
      </Table>
    </div>
  );
}

/** The label of each column, in order, a header spanning several columns giving its label to each. */
function columnLabels(table: HTMLTableElement): (string | null)[] {
  const headerRows = table.tHead?.rows;
  const headerRow = headerRows?.[headerRows.length - 1];
  if (!headerRow) return [];
  const labels: (string | null)[] = [];
  for (const cell of Array.from(headerRow.cells)) {
    const explicit = cell.getAttribute('data-label');
    const text = explicit ?? (cell.textContent ?? '').trim();
    for (let span = 0; span < Math.max(1, cell.colSpan); span++) labels.push(text === '' ? null : text);
  }
  return labels;
}

function setAttribute(element: Element, name: string, value: string | null): void {
  // Writing only what changed keeps the observer from being woken by its own work.
  if (value === null) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function labelCells(table: HTMLTableElement): void {
  const labels = columnLabels(table);
  for (const section of [table.tHead, ...Array.from(table.tBodies), table.tFoot]) {
    if (!section) continue;
    setAttribute(section, 'role', 'rowgroup');
    for (const row of Array.from(section.rows)) {
      setAttribute(row, 'role', 'row');
      let column = 0;
      for (const cell of Array.from(row.cells)) {
        const header = cell.tagName === 'TH';
        const scope = cell.getAttribute('scope');
        setAttribute(
          cell,
          'role',
          section === table.tHead || scope === 'col' ? 'columnheader' : header ? 'rowheader' : 'cell',
        );
        if (section !== table.tHead) setAttribute(cell, 'data-label', labels[column] ?? null);
        column += Math.max(1, cell.colSpan);
      }
    }
  }
}
