import type { UserSummary } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { FormDialog } from '../../../app/forms/form-dialog';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
import { EditUserDialogBody } from './edit-user-dialog';

const BEA: UserSummary = {
  id: '00000000-0000-4000-8000-0000000000bb',
  email: 'bea@example.org',
  displayName: 'Bea Novak',
  role: 'caseworker',
  active: true,
  state: 'active',
  team: 'North',
  twoFactorEnrolled: true,
  lastSignInAt: null,
  organisation: { id: ORGANISATION_ID, name: 'Harbour Shelter' },
};

function renderEdit({ self = false, onClose = jest.fn() } = {}) {
  return renderWithProviders(
    <FormDialog opened onClose={onClose} title="Edit account">
      <EditUserDialogBody
        user={BEA}
        mode="admin"
        self={self}
        teams={['North', 'South']}
        kind="shelter"
        onClose={onClose}
      />
    </FormDialog>,
    { role: 'admin', organisationKind: 'system' },
  );
}

describe('EditUserDialogBody', () => {
  it('names its fields, filled with the account as it is', async () => {
    fakeApi();
    await renderEdit();
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveValue('Bea Novak');
    expect(screen.getByRole('combobox', { name: /^Role/ })).toHaveValue('Caseworker');
    expect(screen.getByRole('combobox', { name: /^Team/ })).toHaveValue('North');
  });

  it('refuses an empty name and sends nothing', async () => {
    const api = fakeApi();
    const { user } = await renderEdit();
    await user.clear(screen.getByRole('textbox', { name: /^Name/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveAccessibleDescription('At least 2 characters');
    expect(api.sent('PATCH', `/users/${BEA.id}`)).toHaveLength(0);
  });

  it('sends only what changed, then closes', async () => {
    const api = fakeApi().on('PATCH', `/users/${BEA.id}`, { body: { ...BEA, team: 'South' } });
    const onClose = jest.fn();
    const { user } = await renderEdit({ onClose });
    await user.click(screen.getByRole('combobox', { name: /^Team/ }));
    await user.click(await screen.findByRole('option', { name: 'South' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.sent('PATCH', `/users/${BEA.id}`).map((request) => request.body)).toEqual([{ team: 'South' }]);
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi().on('PATCH', `/users/${BEA.id}`, fieldProblem([{ field: 'role', message: 'Not allowed for your role' }]));
    const onClose = jest.fn();
    const { user } = await renderEdit({ onClose });
    await user.click(screen.getByRole('combobox', { name: /^Role/ }));
    await user.click(await screen.findByRole('option', { name: 'Supervisor' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /^Role/ })).toHaveAccessibleDescription('Not allowed for you'),
    );
    expect(onClose).not.toHaveBeenCalled();
  });

  it('never offers to change one’s own role', async () => {
    fakeApi();
    await renderEdit({ self: true });
    expect(screen.getByRole('combobox', { name: /^Role/ })).toBeDisabled();
    expect(screen.getByRole('combobox', { name: /^Role/ })).toHaveAccessibleDescription(
      'Nobody can change their own role.',
    );
  });

  it('is saved with Enter and closed with Escape', async () => {
    const api = fakeApi().on('PATCH', `/users/${BEA.id}`, { body: { ...BEA, displayName: 'Bea Novak-Ilic' } });
    const onClose = jest.fn();
    const { user } = await renderEdit({ onClose });
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), '-Ilic{Enter}');
    await waitFor(() =>
      expect(api.sent('PATCH', `/users/${BEA.id}`).map((request) => request.body)).toEqual([
        { displayName: 'Bea Novak-Ilic' },
      ]),
    );
    onClose.mockClear();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
