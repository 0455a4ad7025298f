import { describe, expect, it } from '@jest/globals';
import { Table } from '@mantine/core';
import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { renderWithProviders } from '../../testing/render';
import { ResponsiveTable } from './responsive-table';

function Beds({ initial }: { initial: string[] }) {
  const [rooms, setRooms] = useState(initial);
  return (
    <>
      <button type="button" onClick={() => setRooms((current) => [...current, `Room ${current.length + 1}`])}>
        Add a room
      </button>
      <ResponsiveTable testId="beds">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Room</Table.Th>
            <Table.Th scope="col">Free beds</Table.Th>
            <Table.Th scope="col" data-label="">
              Actions
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rooms.map((room) => (
            <Table.Tr key={room}>
              <Table.Th scope="row">{room}</Table.Th>
              <Table.Td>2</Table.Td>
              <Table.Td>
                <button type="button">Open {room}</button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ResponsiveTable>
    </>
  );
}

describe('ResponsiveTable', () => {
  it('labels every cell from its column header and keeps the table roles a stacked card would lose', async () => {
    await renderWithProviders(<Beds initial={['Room 1']} />);
    const table = await screen.findByRole('table');
    const [header, row] = within(table).getAllByRole('row');
    expect(
      within(header)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Room', 'Free beds', 'Actions']);
    expect(within(row).getByRole('rowheader').textContent).toBe('Room 1');
    const cells = within(row).getAllByRole('cell');
    expect(cells[0].getAttribute('data-label')).toBe('Free beds');
    // A header with an empty label (the actions) gives its cells none.
    expect(cells[1].hasAttribute('data-label')).toBe(false);
    expect(screen.getByTestId('beds').className).toContain('responsive-table--md');
  });

  it('labels rows added after the first render', async () => {
    const { user } = await renderWithProviders(<Beds initial={['Room 1']} />);
    await user.click(await screen.findByRole('button', { name: 'Add a room' }));
    const added = (await screen.findByText('Room 2')).closest('tr');
    expect(added).not.toBeNull();
    await waitFor(() =>
      expect(within(added!).getByRole('cell', { name: '2' }).getAttribute('data-label')).toBe('Free beds'),
    );
    expect(added!.getAttribute('role')).toBe('row');
  });
});
