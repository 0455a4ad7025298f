import type { ShelterSummary } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { FormDialog } from '../../../app/forms/form-dialog';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { useShelters } from '../hooks/use-shelters';
import { ShelterForm } from './shelter-form';

const HARBOUR: ShelterSummary = {
  id: '00000000-0000-4000-8000-0000000000b1',
  name: 'Harbour House',
  kind: 'women',
  area: 'Riverside',
  capacity: 10,
  occupied: 4,
  active: true,
  version: 3,
};
const SHELTER = `/shelters/${HARBOUR.id}`;
const shelterApi = () => fakeApi().on('GET', '/shelters', { body: { items: [HARBOUR] } });

const nameInput = () => screen.getByRole('textbox', { name: /^Name/ });
const bedsInput = () => screen.getByRole('textbox', { name: /^Beds/ });
const addressInput = () => screen.getByRole('textbox', { name: /^Exact address/ });

/** The shelter page the form opens from, which reads the list of shelters (the form reloads it after a conflict). */
function ShelterPageStandIn({ children }: { children: ReactNode }) {
  useShelters();
  return <>{children}</>;
}

function renderForm(shelter?: ShelterSummary, onDone = jest.fn()) {
  return renderWithProviders(
    <ShelterPageStandIn>
      <FormDialog opened onClose={onDone} title={shelter ? 'Edit shelter' : 'New shelter'}>
        <ShelterForm shelter={shelter} onDone={onDone} />
      </FormDialog>
    </ShelterPageStandIn>,
    { role: 'supervisor', route: '/shelters', path: '/shelters' },
  );
}

async function fillIn(user: Awaited<ReturnType<typeof renderForm>>['user']) {
  await user.type(nameInput(), 'Harbour House');
  await user.click(screen.getByRole('combobox', { name: /^Who it is for/ }));
  await user.click(await screen.findByRole('option', { name: 'Women' }));
  await user.type(bedsInput(), '10');
  await user.type(screen.getByRole('textbox', { name: /^Area/ }), 'Riverside');
  await user.type(addressInput(), '1 Quay Street');
}

describe('ShelterForm: a new shelter', () => {
  it('names its fields and says why the area is coarse and the address sealed', async () => {
    shelterApi();
    await renderForm();
    for (const input of [nameInput(), bedsInput(), addressInput(), screen.getByRole('textbox', { name: /^Area/ })])
      expect(input).toBeRequired();
    expect(screen.getByRole('combobox', { name: /^Who it is for/ })).toBeRequired();
    expect(screen.getByRole('textbox', { name: /^Area/ })).toHaveAccessibleDescription(/never the street/);
    expect(addressInput()).toHaveAccessibleDescription(/Kept sealed/);
    expect(screen.queryByRole('checkbox', { name: 'Takes new placements' })).not.toBeInTheDocument();
  });

  it('says what is missing, moves to it, and sends nothing', async () => {
    const api = shelterApi();
    const { user } = await renderForm();
    await user.click(screen.getByRole('button', { name: 'Save shelter' }));
    expect(nameInput()).toHaveAccessibleDescription('Required');
    expect(nameInput()).toHaveFocus();
    expect(screen.getByRole('combobox', { name: /^Who it is for/ })).toHaveAccessibleDescription('Choose an option');
    expect(bedsInput()).toHaveAccessibleDescription('Give the number of beds');
    expect(api.sent('POST', '/shelters')).toHaveLength(0);
  });

  it('creates the shelter, Save disabled while it is on its way, and opens it', async () => {
    const held = heldReply({ status: 201, body: { ...HARBOUR, occupied: 0, address: '1 Quay Street' } });
    const api = shelterApi().on('POST', '/shelters', held.answer);
    const onDone = jest.fn();
    const { user } = await renderForm(undefined, onDone);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save shelter' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save shelter' })).toBeDisabled());
    held.release();
    expect(await screen.findByTestId('navigated-to')).toHaveTextContent(SHELTER);
    expect(onDone).toHaveBeenCalled();
    expect(api.sent('POST', '/shelters').map((request) => request.body)).toEqual([
      { name: 'Harbour House', kind: 'women', area: 'Riverside', capacity: 10, address: '1 Quay Street' },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    shelterApi().on('POST', '/shelters', fieldProblem([{ field: 'area', message: 'At most 120 characters' }]));
    const { user } = await renderForm();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save shelter' }));
    const area = screen.getByRole('textbox', { name: /^Area/ });
    await waitFor(() => expect(area).toHaveAccessibleDescription(/At most 120 characters/));
    expect(area).toHaveFocus();
  });

  it('is left with Cancel, sending nothing', async () => {
    const api = shelterApi();
    const onDone = jest.fn();
    const { user } = await renderForm(undefined, onDone);
    await user.type(nameInput(), 'Harbour House');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDone).toHaveBeenCalled();
    expect(api.sent('POST', '/shelters')).toHaveLength(0);
  });
});

describe('ShelterForm: editing a shelter', () => {
  it('never shows the sealed address, and sends only what changed with the version', async () => {
    const api = shelterApi().on('PATCH', SHELTER, { body: { ...HARBOUR, capacity: 12, version: 4 } });
    const onDone = jest.fn();
    const { user } = await renderForm(HARBOUR, onDone);
    expect(nameInput()).toHaveValue('Harbour House');
    expect(addressInput()).toHaveValue('');
    expect(addressInput()).not.toBeRequired();
    await user.clear(bedsInput());
    await user.type(bedsInput(), '12');
    await user.click(screen.getByRole('checkbox', { name: 'Takes new placements' }));
    await user.click(screen.getByRole('button', { name: 'Save shelter' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('PATCH', SHELTER).map((request) => request.body)).toEqual([
      { version: 3, capacity: 12, active: false },
    ]);
  });

  it('says someone else changed the shelter; Reload takes the new version and keeps the change', async () => {
    const api = shelterApi()
      .on('PATCH', SHELTER, problem(409, { currentVersion: 5 }))
      .on('GET', '/shelters', { body: { items: [{ ...HARBOUR, name: 'Harbour Home', version: 5 }] } });
    const { user } = await renderForm(HARBOUR);
    await user.clear(bedsInput());
    await user.type(bedsInput(), '12');
    await user.click(screen.getByRole('button', { name: 'Save shelter' }));
    expect(await screen.findByText('Someone else changed this')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(nameInput()).toHaveValue('Harbour Home'));
    expect(bedsInput()).toHaveValue('12');
    api.on('PATCH', SHELTER, { body: { ...HARBOUR, capacity: 12, version: 6 } });
    await user.click(screen.getByRole('button', { name: 'Save shelter' }));
    await waitFor(() => expect(api.sent('PATCH', SHELTER)).toHaveLength(2));
    expect(api.sent('PATCH', SHELTER)[1].body).toEqual({ version: 5, capacity: 12 });
  });
});
