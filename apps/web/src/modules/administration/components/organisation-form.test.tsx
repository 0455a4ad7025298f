import type { Organisation } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { FormDialog } from '../../../app/forms/form-dialog';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { OrganisationForm } from './organisation-form';

const SHELTER = {
  id: '00000000-0000-4000-8000-0000000000cc',
  name: 'Harbour Shelter',
  kind: 'shelter',
  htcdsOrgType: 'ngo',
  active: true,
  country: null,
  area: 'Porto',
  contactPoint: null,
  services: [],
  languages: ['pt'],
  eligibleSexes: [],
  eligibleAgeMin: null,
  eligibleAgeMax: null,
  acceptingReferrals: true,
  openingHours: null,
  settings: { teamMode: false, teams: [], retentionMonths: null, listsShowNames: true },
} as unknown as Organisation;

function renderForm(organisation?: Organisation, onDone = jest.fn()) {
  return renderWithProviders(
    <FormDialog opened onClose={onDone} title="Organisation">
      <OrganisationForm organisation={organisation} onDone={onDone} />
    </FormDialog>,
    { role: 'admin', organisationKind: 'system' },
  );
}

describe('OrganisationForm', () => {
  it('names its fields', async () => {
    fakeApi();
    await renderForm();
    for (const name of [/^Name/, /^Area or city/]) expect(screen.getByRole('textbox', { name })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /^Kind/ })).toBeRequired();
    expect(screen.getByRole('textbox', { name: /^Youngest age served/ })).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: /referrals/i })).toBeChecked();
  });

  it('asks for a name and a kind before creating anything', async () => {
    const api = fakeApi();
    const { user } = await renderForm();
    await user.click(screen.getByRole('button', { name: 'Create organisation' }));
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveAccessibleDescription('At least 2 characters');
    expect(screen.getByRole('combobox', { name: /^Kind/ })).toHaveAccessibleDescription('Choose an option');
    expect(api.sent('POST', '/organisations')).toHaveLength(0);
  });

  it('creates the organisation with what was entered', async () => {
    const api = fakeApi().on('POST', '/organisations', { status: 201, body: SHELTER });
    const onDone = jest.fn();
    const { user } = await renderForm(undefined, onDone);
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Skills Centre');
    await user.click(screen.getByRole('combobox', { name: /^Kind/ }));
    await user.click(await screen.findByRole('option', { name: 'Training provider' }));
    await user.type(screen.getByRole('textbox', { name: /^Area or city/ }), 'Braga');
    await user.type(screen.getByRole('textbox', { name: /^Youngest age served/ }), '18');
    await user.click(screen.getByRole('button', { name: 'Create organisation' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', '/organisations')[0].body).toEqual({
      name: 'Skills Centre',
      kind: 'training',
      country: null,
      area: 'Braga',
      contactPoint: null,
      services: [],
      languages: [],
      eligibleSexes: [],
      eligibleAgeMin: 18,
      eligibleAgeMax: null,
      acceptingReferrals: true,
      openingHours: null,
    });
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi().on(
      'PATCH',
      `/organisations/${SHELTER.id}`,
      fieldProblem([{ field: 'eligibleAgeMin', message: 'The youngest age must not be above the oldest' }]),
    );
    const onDone = jest.fn();
    const { user } = await renderForm(SHELTER, onDone);
    expect(screen.getByRole('combobox', { name: /^Kind/ })).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: /^Youngest age served/ }), '30');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^Youngest age served/ })).toHaveAccessibleDescription(
        'The youngest age must not be above the oldest',
      ),
    );
    expect(onDone).not.toHaveBeenCalled();
  });

  it('is saved with Enter and closed with Escape', async () => {
    const api = fakeApi().on('PATCH', `/organisations/${SHELTER.id}`, { body: SHELTER });
    const onDone = jest.fn();
    const { user } = await renderForm(SHELTER, onDone);
    await user.type(screen.getByRole('textbox', { name: /^Area or city/ }), ' north{Enter}');
    await waitFor(() => expect(api.sent('PATCH', `/organisations/${SHELTER.id}`)).toHaveLength(1));
    expect(api.sent('PATCH', `/organisations/${SHELTER.id}`)[0].body).toMatchObject({
      name: 'Harbour Shelter',
      area: 'Porto north',
    });
    onDone.mockClear();
    await user.keyboard('{Escape}');
    expect(onDone).toHaveBeenCalled();
  });
});
