import type { UserSummary } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
import { StaffPage } from './staff-page';

const BEA: UserSummary = {
  id: '00000000-0000-4000-8000-0000000000bb',
  email: 'bea@example.org',
  displayName: 'Bea Novak',
  role: 'caseworker',
  active: true,
  state: 'active',
  team: null,
  twoFactorEnrolled: true,
  lastSignInAt: null,
  organisation: { id: ORGANISATION_ID, name: 'Harbour Shelter' },
};
const DEACTIVATE = `/users/${BEA.id}/deactivate`;

function teamApi() {
  return fakeApi()
    .on('GET', '/users', { body: { items: [BEA], total: 1, page: 1, pageSize: 50 } })
    .on('GET', `/organisations/${ORGANISATION_ID}/settings`, {
      body: { teamMode: false, teams: [], retentionMonths: null, listsShowNames: true },
    });
}

async function askToDeactivate() {
  const rendered = await renderWithProviders(<StaffPage mode="team" />, { role: 'supervisor' });
  await rendered.user.click(await screen.findByRole('button', { name: /Actions.*Bea Novak/ }));
  await rendered.user.click(await screen.findByRole('menuitem', { name: 'Deactivate' }));
  return rendered;
}

describe('StaffPage: deactivating an account', () => {
  it('asks first, saying what happens, and deactivates only when confirmed', async () => {
    const api = teamApi().on('POST', DEACTIVATE, { status: 204 });
    const { user } = await askToDeactivate();
    const dialog = await screen.findByRole('dialog', { name: /Deactivate .*Bea Novak.*\?/ });
    expect(dialog).toHaveTextContent(/will be signed out everywhere at once/);
    expect(api.sent('POST', DEACTIVATE)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(api.sent('POST', DEACTIVATE)).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Deactivate/ })).not.toBeInTheDocument());
  });

  it('is cancelled with Escape, deactivating nothing', async () => {
    const api = teamApi();
    const { user } = await askToDeactivate();
    await screen.findByRole('dialog', { name: /Deactivate .*Bea Novak/ });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Deactivate/ })).not.toBeInTheDocument());
    expect(api.sent('POST', DEACTIVATE)).toHaveLength(0);
  });

  it('keeps the dialog open and says why when the API refuses', async () => {
    teamApi().on('POST', DEACTIVATE, {
      status: 409,
      body: {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'The last administrator cannot be deactivated',
      },
      headers: { 'content-type': 'application/problem+json' },
    });
    const { user } = await askToDeactivate();
    const dialog = await screen.findByRole('dialog', { name: /Deactivate .*Bea Novak/ });
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(await within(dialog).findByText('The last administrator cannot be deactivated')).toBeInTheDocument();
  });
});
