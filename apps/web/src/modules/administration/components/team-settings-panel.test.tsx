import type { OrganisationSettings } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
import { TeamSettingsPanel } from './team-settings-panel';

const SETTINGS = `/organisations/${ORGANISATION_ID}/settings`;
const CURRENT: OrganisationSettings = { teamMode: true, teams: ['North'], retentionMonths: 60, listsShowNames: false };
const teamMode = () => screen.getByRole('switch', { name: /^Team mode/ });
const listsShowNames = () => screen.getByRole('switch', { name: /^Show survivors' names in lists/ });
const teams = () => screen.getByRole('combobox', { name: /^Teams/ });
const retention = () => screen.getByRole('textbox', { name: /^Keep closed cases for \(months\)/ });
const save = () => screen.getByRole('button', { name: 'Save' });

async function renderPanel(api = fakeApi().on('GET', SETTINGS, { body: CURRENT })) {
  const rendered = await renderWithProviders(<TeamSettingsPanel organisationId={ORGANISATION_ID} />, {
    role: 'supervisor',
  });
  await screen.findByRole('switch', { name: /^Team mode/ });
  return { ...rendered, api };
}

describe('TeamSettingsPanel', () => {
  it('starts from the saved settings, every input named and described', async () => {
    await renderPanel();
    expect(screen.getByRole('heading', { name: 'Settings of your organisation' })).toBeInTheDocument();
    expect(teamMode()).toBeChecked();
    expect(teamMode()).toHaveAccessibleDescription(/Caseworkers also see and update/);
    expect(listsShowNames()).not.toBeChecked();
    expect(screen.getByText('North')).toBeInTheDocument();
    expect(teams()).toHaveAccessibleDescription(/Type a team name and press Enter/);
    expect(retention()).toHaveValue('60');
    expect(retention()).toHaveAccessibleDescription(/At least 6 months/);
  });

  it('sends the whole of what was set, is busy meanwhile, and says it was saved', async () => {
    const held = heldReply({ body: { ...CURRENT, teams: ['North', 'South'], teamMode: false } });
    const { user, api } = await renderPanel(fakeApi().on('GET', SETTINGS, { body: CURRENT }));
    api.on('PATCH', SETTINGS, held.answer);
    await user.click(teamMode());
    await user.click(listsShowNames());
    await user.type(teams(), 'South{Enter}');
    await user.clear(retention());
    await user.click(save());
    await waitFor(() => expect(save()).toBeDisabled());
    held.release();
    expect(await screen.findByText('The settings were saved.')).toBeInTheDocument();
    expect(api.sent('PATCH', SETTINGS).map((request) => request.body)).toEqual([
      { teamMode: false, teams: ['North', 'South'], listsShowNames: true, retentionMonths: null },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    const { user, api } = await renderPanel();
    api.on(
      'PATCH',
      SETTINGS,
      fieldProblem([
        { field: 'teams.1', message: 'Each team once' },
        { field: 'retentionMonths', message: 'Whole months' },
      ]),
    );
    await user.type(teams(), 'south{Enter}');
    await user.click(save());
    await waitFor(() => expect(retention()).toHaveAccessibleDescription(/Whole months only/));
    expect(teams()).toHaveAccessibleDescription(/Each team once/);
    expect(screen.getByText('Some fields need attention. Check the messages next to them.')).toBeInTheDocument();
  });

  it('says when saving failed for another reason, keeping the input', async () => {
    const { user, api } = await renderPanel();
    api.on('PATCH', SETTINGS, problem(403));
    await user.click(teamMode());
    await user.click(save());
    expect(await screen.findByText('Your role does not allow this.')).toBeInTheDocument();
    expect(teamMode()).not.toBeChecked();
  });

  it('says when the settings cannot be loaded, and loads them again on request', async () => {
    const api = fakeApi().on('GET', SETTINGS, problem(500));
    const { user } = await renderWithProviders(<TeamSettingsPanel organisationId={ORGANISATION_ID} />, {
      role: 'supervisor',
    });
    expect(await screen.findByText('That did not work. Try again.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    api.on('GET', SETTINGS, { body: CURRENT });
    await user.click(screen.getByRole('button', { name: /Try again|Retry/ }));
    expect(await screen.findByRole('switch', { name: /^Team mode/ })).toBeChecked();
  });
});
