import { describe, expect, it, jest } from '@jest/globals';
import { Table } from '@mantine/core';
import { screen } from '@testing-library/react';
import { renderWithProviders } from '../../testing/render';
import { SortableHeader, type SortDirection } from './sortable-header';

function header(
  direction: SortDirection | null,
  onSort: (direction: SortDirection) => void,
  firstDirection?: SortDirection,
) {
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <SortableHeader direction={direction} firstDirection={firstDirection} onSort={onSort}>
            Registered
          </SortableHeader>
        </Table.Tr>
      </Table.Thead>
    </Table>
  );
}

describe('SortableHeader', () => {
  it('says how the list is sorted with aria-sort, and in words on its button', async () => {
    await renderWithProviders(header('desc', () => undefined));
    expect(screen.getByRole('columnheader')).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByRole('button', { name: 'Registered sorted descending' })).toBeInTheDocument();
  });

  it('starts an unsorted column in its first direction and reverses a sorted one, with the mouse or the keyboard', async () => {
    const onSort = jest.fn<(direction: SortDirection) => void>();
    const { user, unmount } = await renderWithProviders(header(null, onSort, 'desc'));
    expect(screen.getByRole('columnheader')).toHaveAttribute('aria-sort', 'none');
    await user.click(screen.getByRole('button', { name: 'Registered' }));
    expect(onSort).toHaveBeenLastCalledWith('desc');

    unmount();
    const sorted = await renderWithProviders(header('asc', onSort));
    await sorted.user.tab();
    expect(screen.getByRole('button', { name: 'Registered sorted ascending' })).toHaveFocus();
    await sorted.user.keyboard('{Enter}');
    expect(onSort).toHaveBeenLastCalledWith('desc');
    await sorted.user.keyboard(' ');
    expect(onSort).toHaveBeenCalledTimes(3);
  });

  it('speaks the user’s language', async () => {
    await renderWithProviders(
      header('asc', () => undefined),
      { language: 'fr' },
    );
    expect(screen.getByRole('button', { name: 'Registered tri croissant' })).toBeInTheDocument();
  });
});
