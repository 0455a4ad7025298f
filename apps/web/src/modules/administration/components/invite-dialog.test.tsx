import type { Organisation } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { FormDialog } from '../../../app/forms/form-dialog';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
import arabic from '../i18n/ar.json';
import { InviteDialogBody } from './invite-dialog';

const TRAINING_CENTRE: Organisation = {
  id: '00000000-0000-4000-8000-0000000000aa',
  name: 'Skills Centre',
  kind: 'training',
  htcdsOrgType: 'ngo',
  active: true,
  country: null,
  area: null,
  contactPoint: null,
  services: [],
  languages: [],
  eligibleSexes: [],
  eligibleAgeMin: null,
  eligibleAgeMax: null,
  acceptingReferrals: false,
  openingHours: null,
  settings: { teamMode: false, teams: [], retentionMonths: null, listsShowNames: true },
} as unknown as Organisation;

const INVITED = {
  user: {
    id: '00000000-0000-4000-8000-0000000000bb',
    displayName: 'Bea Novak',
    email: 'bea@example.org',
    role: 'caseworker',
  },
  activationLink: { url: 'https://haven.test/activate#one-time', expiresAt: '2030-01-01T00:00:00.000Z' },
};

function renderTeamInvite(onClose = jest.fn()) {
  return renderWithProviders(
    <FormDialog opened onClose={onClose} title="Invite a caseworker">
      <InviteDialogBody
        fixed={{ organisationId: ORGANISATION_ID, role: 'caseworker' }}
        teams={['North', 'South']}
        onClose={onClose}
      />
    </FormDialog>,
    { role: 'supervisor' },
  );
}

describe('InviteDialogBody', () => {
  it('names its fields', async () => {
    fakeApi();
    await renderTeamInvite();
    const dialog = screen.getByRole('dialog', { name: 'Invite a caseworker' });
    expect(within(dialog).getByRole('textbox', { name: /^Name/ })).toBeRequired();
    expect(within(dialog).getByRole('textbox', { name: /^E-mail address/ })).toBeRequired();
    expect(within(dialog).getByRole('combobox', { name: /^Team/ })).toBeInTheDocument();
  });

  it('says what is missing and sends nothing', async () => {
    const api = fakeApi();
    const { user } = await renderTeamInvite();
    await user.type(screen.getByRole('textbox', { name: /^E-mail address/ }), 'not an address');
    await user.click(screen.getByRole('button', { name: 'Invite and show the link' }));
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveAccessibleDescription('At least 2 characters');
    expect(screen.getByRole('textbox', { name: /^E-mail address/ })).toHaveAccessibleDescription(
      'Enter a valid e-mail address',
    );
    expect(api.sent('POST', '/users')).toHaveLength(0);
  });

  it('invites with the fixed organisation and role, then hands over the link once', async () => {
    const api = fakeApi().on('POST', '/users', { status: 201, body: INVITED });
    const { user } = await renderTeamInvite();
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Bea Novak');
    await user.type(screen.getByRole('textbox', { name: /^E-mail address/ }), 'bea@example.org');
    await user.click(screen.getByRole('combobox', { name: /^Team/ }));
    await user.click(await screen.findByRole('option', { name: 'South' }));
    await user.click(screen.getByRole('button', { name: 'Invite and show the link' }));

    expect(await screen.findByTestId('activation-link')).toHaveValue(INVITED.activationLink.url);
    expect(api.sent('POST', '/users').map((request) => request.body)).toEqual([
      {
        email: 'bea@example.org',
        displayName: 'Bea Novak',
        role: 'caseworker',
        organisationId: ORGANISATION_ID,
        team: 'South',
      },
    ]);
    expect(api.sent('POST', '/users')[0].headers['x-csrf-token']).toBe('csrf-test-token');
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi().on('POST', '/users', fieldProblem([{ field: 'email', message: 'Enter a valid e-mail address' }]));
    const { user } = await renderTeamInvite();
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Bea Novak');
    await user.type(screen.getByRole('textbox', { name: /^E-mail address/ }), 'bea@example.org');
    await user.click(screen.getByRole('button', { name: 'Invite and show the link' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^E-mail address/ })).toHaveAccessibleDescription(
        'Enter a valid e-mail address',
      ),
    );
    expect(screen.queryByTestId('activation-link')).not.toBeInTheDocument();
  });

  it('is sent with Enter and closed with Escape', async () => {
    const api = fakeApi().on('POST', '/users', { status: 201, body: INVITED });
    const onClose = jest.fn();
    const { user } = await renderTeamInvite(onClose);
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Bea Novak');
    await user.type(screen.getByRole('textbox', { name: /^E-mail address/ }), 'bea@example.org{Enter}');
    await screen.findByTestId('activation-link');
    expect(api.sent('POST', '/users')).toHaveLength(1);
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('reads right to left in Arabic', async () => {
    fakeApi();
    await renderWithProviders(
      <InviteDialogBody
        fixed={{ organisationId: ORGANISATION_ID, role: 'caseworker' }}
        teams={[]}
        onClose={jest.fn()}
      />,
      { language: 'ar' },
    );
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    expect(screen.getByRole('textbox', { name: new RegExp(`^${arabic.invite.email}`) })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: arabic.invite.submit })).toBeInTheDocument();
  });

  it('lets an administrator choose a role only among those the organisation can hold', async () => {
    const api = fakeApi().on('POST', '/users', { status: 201, body: INVITED });
    const onClose = jest.fn();
    const { user } = await renderWithProviders(
      <InviteDialogBody organisations={[TRAINING_CENTRE]} teams={[]} onClose={onClose} />,
      { role: 'admin', organisationKind: 'system' },
    );
    expect(screen.getByRole('combobox', { name: /^Role/ })).toBeDisabled();
    await user.click(screen.getByRole('combobox', { name: /^Organisation/ }));
    await user.click(await screen.findByRole('option', { name: 'Skills Centre' }));
    await user.click(screen.getByRole('combobox', { name: /^Role/ }));
    const offered = (await screen.findAllByRole('option')).map((option) => option.textContent);
    expect(offered).not.toContain('Administrator');
    await user.click(screen.getByRole('option', { name: offered[0]! }));
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Bea Novak');
    await user.type(screen.getByRole('textbox', { name: /^E-mail address/ }), 'bea@example.org');
    await user.click(screen.getByRole('button', { name: 'Invite and show the link' }));
    await screen.findByTestId('activation-link');
    expect(api.sent('POST', '/users')[0].body).toMatchObject({ organisationId: TRAINING_CENTRE.id });
  });
});
