import type { CaseDetail } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { ProfileTab } from './profile-tab';

const CASE = openCase({
  sex: 'Feminine',
  nationality: 'NG',
  ageAtRegistration: 24,
  sensitive: false,
  exploitationTypes: ['SexualExploitation'],
  profile: {
    traffickingStatus: 'PossibleVictimOfTrafficking',
    incomingReferralSource: 'Hotline',
    exploitationTypes: ['SexualExploitation'],
    controlMethods: ['DebtBondage', 'FalsePromises'],
    recruitmentMethods: [],
    relationshipToTrafficker: 'Acquainted',
    ageWhenTrafficked: 17,
    recruitmentCountries: ['NG'],
    transitCountries: ['NE', 'LY'],
    exploitationCountries: [],
  },
} as Partial<CaseDetail>);
const CASE_PATH = `/cases/${CASE.id}`;

/** The label/value pairs of one part of the read-only profile, in the order shown. */
function factsOf(part: string): [string, string][] {
  const region = screen.getByRole('region', { name: part });
  const terms = within(region).getAllByRole('term');
  const values = within(region).getAllByRole('definition');
  return terms.map((term, index) => [term.textContent ?? '', values[index]?.textContent ?? '']);
}

async function openForm() {
  const rendered = await renderWithProviders(<ProfileTab detail={CASE} />);
  await rendered.user.click(screen.getByRole('button', { name: 'Edit profile' }));
  return rendered;
}

describe('ProfileTab: reading', () => {
  it('shows every field with its label, in the contract’s order, in words', async () => {
    await renderWithProviders(<ProfileTab detail={CASE} />);
    expect(factsOf('Person')).toEqual([
      ['Sex', 'Female'],
      ['Nationality', 'Nigeria'],
      ['Age at registration', '24'],
      ['Sensitive case', 'No'],
    ]);
    expect(factsOf('Trafficking situation')).toEqual([
      ['How she came to us', 'Hotline'],
      ['Date she came to us', 'Not recorded yet'],
      ['Forms of exploitation', 'Sexual exploitation'],
      ['Sector of forced labour', 'Not recorded yet'],
      ['Means of control', 'Debt bondage, False promises'],
      ['Recruitment methods', 'Not recorded yet'],
      ['Relationship to the trafficker', 'Someone known'],
      ['Age when trafficked', '17'],
      ['Countries of recruitment', 'Nigeria'],
      ['Countries of transit', 'Niger, Libya'],
      ['Countries of exploitation', 'Not recorded yet'],
    ]);
  });
});

describe('ProfileTab: editing', () => {
  it('starts from the recorded values, with the input each field calls for', async () => {
    const api = fakeApi();
    await openForm();
    const form = screen.getByRole('form', { name: 'Edit profile' });
    expect(within(form).getByRole('combobox', { name: 'Sex' })).toHaveValue('Female');
    expect(within(form).getByRole('combobox', { name: 'Nationality' })).toHaveValue('Nigeria');
    expect(within(form).getByRole('checkbox', { name: /^Sensitive case/ })).not.toBeChecked();
    expect(within(form).getByRole('combobox', { name: 'How she came to us' })).toHaveValue('Hotline');
    // The trafficking status is set by a formal decision (identification), never by editing the profile.
    expect(within(form).queryByRole('combobox', { name: 'Trafficking status' })).toBeNull();
    expect(within(form).getByRole('textbox', { name: 'Age when trafficked' })).toHaveValue('17');
    // The sector of forced labour is asked only when the exploitation is labour.
    expect(within(form).queryByRole('combobox', { name: 'Sector of forced labour' })).toBeNull();
    expect(within(form).getByText('Countries only, never towns or addresses.')).toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });

  it('sends the fields that changed, every list whole, and the version it started from', async () => {
    const api = fakeApi().on('PATCH', CASE_PATH, { body: CASE });
    const { user } = await openForm();
    await user.click(screen.getByRole('combobox', { name: 'How she came to us' }));
    await user.click(await screen.findByRole('option', { name: 'Labour inspection' }));
    const age = screen.getByRole('textbox', { name: 'Age when trafficked' });
    await user.clear(age);
    await user.type(age, '16');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(api.sent('PATCH', CASE_PATH)).toHaveLength(1));
    expect(api.sent('PATCH', CASE_PATH)[0]!.body).toEqual({
      version: 7,
      incomingReferralSource: 'LabourInspection',
      ageWhenTrafficked: 16,
      exploitationTypes: ['SexualExploitation'],
      controlMethods: ['DebtBondage', 'FalsePromises'],
      recruitmentMethods: [],
      recruitmentCountries: ['NG'],
      transitCountries: ['NE', 'LY'],
      exploitationCountries: [],
    });
    expect(await screen.findByText('The profile was saved.')).toBeInTheDocument();
  });

  it('shows the server refusing a field next to that field, a list item on the list', async () => {
    fakeApi().on(
      'PATCH',
      CASE_PATH,
      fieldProblem([
        { field: 'transitCountries.1', message: 'Choose a country from the list' },
        { field: 'ageWhenTrafficked', message: 'At most 120' },
      ]),
    );
    const { user } = await openForm();
    const age = screen.getByRole('textbox', { name: 'Age when trafficked' });
    await user.clear(age);
    await user.type(age, '16');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Countries of transit' })).toHaveAccessibleDescription(
        'Choose a country from the list',
      ),
    );
    expect(screen.getByRole('textbox', { name: 'Age when trafficked' })).toHaveAccessibleDescription('At most 120');
    expect(screen.getByRole('form', { name: 'Edit profile' })).toBeInTheDocument();
  });
});
