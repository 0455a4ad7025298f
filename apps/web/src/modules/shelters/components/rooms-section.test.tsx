import type { RoomList } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { FormDialog } from '../../../app/forms/form-dialog';
import { fakeApi, fieldProblem, problem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { BedForm, RoomForm, RoomsSection } from './rooms-section';

const SHELTER_ID = '00000000-0000-4000-8000-0000000000b1';
const ROOMS_PATH = `/shelters/${SHELTER_ID}/rooms`;
const ROOMS: RoomList = {
  items: [
    {
      id: '00000000-0000-4000-8000-0000000000e1',
      name: 'Blue room',
      sex: 'female',
      ageGroup: 'adult',
      beds: [
        { id: '00000000-0000-4000-8000-0000000000d1', label: '1', accessible: true, active: true, occupied: true },
        { id: '00000000-0000-4000-8000-0000000000d2', label: '2', accessible: false, active: true, occupied: false },
        { id: '00000000-0000-4000-8000-0000000000d3', label: '3', accessible: false, active: false, occupied: false },
      ],
    },
  ],
};

function renderRoomForm(onDone = jest.fn()) {
  return renderWithProviders(
    <FormDialog opened onClose={onDone} title="Add a room">
      <RoomForm shelterId={SHELTER_ID} onDone={onDone} />
    </FormDialog>,
    { role: 'supervisor' },
  );
}

describe('RoomsSection', () => {
  it('lists each room’s beds as free, taken or out of use, never by whom, and offers no changes to a caseworker', async () => {
    fakeApi().on('GET', ROOMS_PATH, { body: ROOMS });
    await renderWithProviders(<RoomsSection shelterId={SHELTER_ID} mayManage={false} />);
    const section = await screen.findByRole('region', { name: 'Rooms and beds' });
    await within(section).findByText('Blue room');
    expect(within(section).getByText('women')).toBeInTheDocument();
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(['1takenYes', '2freeNo', '3out of useNo']);
    expect(within(section).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets a supervisor take a free bed out of use, but offers no such button for a taken bed', async () => {
    const api = fakeApi()
      .on('GET', ROOMS_PATH, { body: ROOMS })
      .on('PATCH', `/shelters/${SHELTER_ID}/beds/${ROOMS.items[0]!.beds[1]!.id}`, { body: ROOMS });
    const { user } = await renderWithProviders(<RoomsSection shelterId={SHELTER_ID} mayManage />, {
      role: 'supervisor',
    });
    await screen.findByText('Blue room');
    expect(screen.queryByRole('button', { name: 'Take bed 1 out of use' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Take bed 2 out of use' }));
    await waitFor(() =>
      expect(api.sent('PATCH', `/shelters/${SHELTER_ID}/beds/${ROOMS.items[0]!.beds[1]!.id}`)).toHaveLength(1),
    );
    expect(api.sent('PATCH', `/shelters/${SHELTER_ID}/beds/${ROOMS.items[0]!.beds[1]!.id}`)[0]!.body).toEqual({
      active: false,
    });
  });

  it('says why the server refused a bed change', async () => {
    fakeApi()
      .on('GET', ROOMS_PATH, { body: ROOMS })
      .on(
        'PATCH',
        `/shelters/${SHELTER_ID}/beds/${ROOMS.items[0]!.beds[1]!.id}`,
        problem(409, { detail: 'A shelter keeps at least one bed; close the shelter instead.' }),
      );
    const { user } = await renderWithProviders(<RoomsSection shelterId={SHELTER_ID} mayManage />, {
      role: 'supervisor',
    });
    await user.click(await screen.findByRole('button', { name: 'Take bed 2 out of use' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
  });
});

describe('RoomForm', () => {
  it('names its fields, says what is missing, and sends nothing', async () => {
    const api = fakeApi();
    const { user } = await renderRoomForm();
    const name = screen.getByRole('textbox', { name: /^Room name/ });
    expect(name).toBeRequired();
    expect(screen.getByRole('combobox', { name: /^Serves/ })).toBeRequired();
    expect(screen.getByRole('combobox', { name: /^Age group/ })).toBeRequired();
    await user.click(screen.getByRole('button', { name: 'Add room' }));
    expect(name).toHaveAccessibleDescription(/Required/);
    expect(name).toHaveFocus();
    expect(screen.getByRole('combobox', { name: /^Serves/ })).toHaveAccessibleDescription(
      'Choose whom the room serves',
    );
    expect(screen.getByRole('combobox', { name: /^Age group/ })).toHaveAccessibleDescription('Choose the age group');
    expect(api.sent('POST', ROOMS_PATH)).toHaveLength(0);
  });

  it('refuses more accessible beds than beds, then adds the room with exactly what was entered', async () => {
    const api = fakeApi().on('POST', ROOMS_PATH, { status: 201, body: ROOMS });
    const onDone = jest.fn();
    const { user } = await renderRoomForm(onDone);
    await user.type(screen.getByRole('textbox', { name: /^Room name/ }), 'Garden room');
    await user.click(screen.getByRole('combobox', { name: /^Serves/ }));
    await user.click(await screen.findByRole('option', { name: 'Men and boys' }));
    await user.click(screen.getByRole('combobox', { name: /^Age group/ }));
    await user.click(await screen.findByRole('option', { name: 'Adults' }));
    await user.type(screen.getByRole('textbox', { name: /^Number of beds/ }), '2');
    const accessible = screen.getByRole('textbox', { name: /^Of which accessible/ });
    await user.clear(accessible);
    await user.type(accessible, '3');
    await user.click(screen.getByRole('button', { name: 'Add room' }));
    expect(accessible).toHaveAccessibleDescription(/Cannot be more than the beds/);
    expect(api.sent('POST', ROOMS_PATH)).toHaveLength(0);
    await user.clear(accessible);
    await user.type(accessible, '1');
    await user.click(screen.getByRole('button', { name: 'Add room' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', ROOMS_PATH).map((request) => request.body)).toEqual([
      { name: 'Garden room', sex: 'male', ageGroup: 'adult', beds: 2, accessibleBeds: 1 },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi().on('POST', ROOMS_PATH, fieldProblem([{ field: 'name', message: 'Required' }]));
    const { user } = await renderRoomForm();
    await user.type(screen.getByRole('textbox', { name: /^Room name/ }), 'Loft');
    await user.click(screen.getByRole('combobox', { name: /^Serves/ }));
    await user.click(await screen.findByRole('option', { name: 'Anyone' }));
    await user.click(screen.getByRole('combobox', { name: /^Age group/ }));
    await user.click(await screen.findByRole('option', { name: 'Any age' }));
    await user.type(screen.getByRole('textbox', { name: /^Number of beds/ }), '1');
    await user.click(screen.getByRole('button', { name: 'Add room' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^Room name/ })).toHaveAccessibleDescription(/Required/),
    );
  });
});

describe('BedForm', () => {
  it('asks for a label, then adds the bed to the room', async () => {
    const bedsPath = `/shelters/${SHELTER_ID}/rooms/${ROOMS.items[0]!.id}/beds`;
    const api = fakeApi().on('POST', bedsPath, { status: 201, body: ROOMS });
    const onDone = jest.fn();
    const { user } = await renderWithProviders(
      <FormDialog opened onClose={onDone} title="Add a bed">
        <BedForm shelterId={SHELTER_ID} room={ROOMS.items[0]!} onDone={onDone} />
      </FormDialog>,
      { role: 'supervisor' },
    );
    await user.click(screen.getByRole('button', { name: 'Add bed' }));
    expect(screen.getByRole('textbox', { name: /^Bed label/ })).toHaveAccessibleDescription(/Required/);
    expect(api.sent('POST', bedsPath)).toHaveLength(0);
    await user.type(screen.getByRole('textbox', { name: /^Bed label/ }), '4A');
    await user.click(screen.getByRole('checkbox', { name: 'Accessible bed' }));
    await user.click(screen.getByRole('button', { name: 'Add bed' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', bedsPath).map((request) => request.body)).toEqual([{ label: '4A', accessible: true }]);
  });
});
