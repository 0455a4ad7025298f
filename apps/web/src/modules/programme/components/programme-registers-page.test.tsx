import type { RegisterList } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { fakeApi, fieldProblem, problem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { ProgrammeRegistersPage } from './programme-registers-page';

const CAMPAIGN_ID = '00000000-0000-4000-8000-0000000000c1';
const CAMPAIGNS: RegisterList = {
  items: [
    {
      id: CAMPAIGN_ID,
      register: 'campaigns',
      fields: {
        title: 'Safe journeys on the radio',
        startsOn: '2026-01-01',
        endsOn: '2026-02-01',
        reach: [
          { sex: 'female', ageBand: '18to24', people: 1200 },
          { sex: 'male', ageBand: '18to24', people: 800 },
        ],
      },
      recordedBy: 'Sam Supervisor',
      recordedAt: '2026-02-02T10:00:00.000Z',
      version: 1,
    },
  ],
  page: 1,
  pageSize: 25,
  total: 1,
  totalIsLowerBound: false,
  nextCursor: null,
  previousCursor: null,
};
const EMPTY: RegisterList = { ...CAMPAIGNS, items: [], total: 0 };
const CAMPAIGN_FIELDS = {
  title: 'Safe journeys on the radio',
  startsOn: '2026-01-01',
  endsOn: '2026-02-01',
  country: 'NE',
  area: 'Agadez',
  channel: 'radio',
  targetGroup: 'potentialMigrants',
  method: 'audienceEstimate',
  source: 'Broadcaster survey',
  reach: [
    { sex: 'female', ageBand: '18to24', people: 1200 },
    { sex: 'male', ageBand: '18to24', people: 800 },
  ],
};
const FULL_CAMPAIGNS: RegisterList = { ...CAMPAIGNS, items: [{ ...CAMPAIGNS.items[0]!, fields: CAMPAIGN_FIELDS }] };
const INSTITUTION_ID = '00000000-0000-4000-8000-0000000000d1';
const INSTITUTIONS: RegisterList = {
  ...EMPTY,
  items: [
    {
      id: INSTITUTION_ID,
      register: 'institutions',
      fields: {
        name: 'Ministry of Labour',
        sector: 'nationalPublic',
        organisationType: 'CentralGovernmentOrganisation',
        country: 'NE',
      },
      recordedBy: 'Sam Supervisor',
      recordedAt: '2026-02-02T10:00:00.000Z',
      version: 1,
    },
  ],
  total: 1,
};

/**
 * Puts text in an input at once: every keystroke re-checks and re-renders the whole form, which jsdom makes
 * slow; what is checked here is what the form does with the text, not the typing.
 */
async function fill(user: UserEvent, input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
}

/** Picks an option of a select of the dialog (the options open in a layer of their own). */
async function choose(user: UserEvent, dialog: HTMLElement, label: RegExp, option: string) {
  await user.click(within(dialog).getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('ProgrammeRegistersPage', () => {
  it('lists a register with what each record counts, and removes a record only when confirmed', async () => {
    const api = fakeApi()
      .on('GET', '/programme/campaigns', { body: CAMPAIGNS })
      .on('DELETE', `/programme/campaigns/${CAMPAIGN_ID}`, { status: 204 });
    const { user } = await renderWithProviders(<ProgrammeRegistersPage />, { role: 'supervisor' });
    const row = (await screen.findByText('Safe journeys on the radio')).closest('tr')!;
    expect(within(row).getByText('2,000 people reached')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Remove Safe journeys on the radio' }));
    expect(api.sent('DELETE', `/programme/campaigns/${CAMPAIGN_ID}`)).toHaveLength(0);
    await user.click(within(row).getByRole('button', { name: 'Remove' }));
    expect(api.sent('DELETE', `/programme/campaigns/${CAMPAIGN_ID}`)).toHaveLength(1);
  });

  it('checks a spreadsheet first, lists its problems by line and column, and imports only a clean file', async () => {
    const api = fakeApi()
      .on('GET', '/programme/campaigns', { body: EMPTY })
      .on('POST', '/programme/campaigns/import', {
        body: {
          dryRun: true,
          rows: 2,
          written: 0,
          problems: [{ row: 3, field: 'endsOn', message: 'Cannot be before the start' }],
          unknownColumns: ['colour'],
        },
      });
    const { user } = await renderWithProviders(<ProgrammeRegistersPage />, { role: 'supervisor' });
    expect(await screen.findByText(/Nothing is recorded in this register yet/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import a spreadsheet' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import into Information campaigns' });
    await user.type(within(dialog).getByRole('textbox', { name: 'File contents' }), 'title,startsOn');
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(await within(dialog).findByText(/1 problem in 2 rows/)).toBeInTheDocument();
    expect(within(dialog).getByText('Columns that are not read: colour')).toBeInTheDocument();
    const problemRow = within(dialog).getByText('Cannot be before the start').closest('tr')!;
    expect(within(problemRow).getByText('3')).toBeInTheDocument();
    expect(within(problemRow).getByText('endsOn')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(api.sent('POST', '/programme/campaigns/import')[0]?.body).toEqual({ csv: 'title,startsOn', dryRun: true });
  });

  it('adds an institution through its form, with every field the contract asks for', async () => {
    const api = fakeApi()
      .on('GET', '/programme/campaigns', { body: EMPTY })
      .on('GET', '/programme/institutions', { body: EMPTY })
      .on('POST', '/programme/institutions', { status: 201, body: INSTITUTIONS.items[0] });
    const { user } = await renderWithProviders(<ProgrammeRegistersPage />, { role: 'supervisor' });
    await user.click(await screen.findByRole('tab', { name: 'Institutions' }));
    const add = await screen.findByRole('button', { name: 'Add an institution' });
    await user.click(add);
    const dialog = await screen.findByRole('dialog', { name: 'Add an institution' });
    // The focus moves into the form, on its first input.
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: /^Name/ })).toHaveFocus());
    await fill(user, within(dialog).getByRole('textbox', { name: /^Name/ }), 'Ministry of Labour');
    await choose(user, dialog, /^Sector/, 'National public institution');
    await choose(user, dialog, /^Kind of organisation/, 'Central government');
    await fill(user, within(dialog).getByRole('combobox', { name: /^Country/ }), 'Niger');
    await user.click(await screen.findByRole('option', { name: 'Niger' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(api.sent('POST', '/programme/institutions')).toHaveLength(1));
    expect(api.sent('POST', '/programme/institutions')[0]?.body).toEqual({
      fields: {
        name: 'Ministry of Labour',
        sector: 'nationalPublic',
        organisationType: 'CentralGovernmentOrganisation',
        country: 'NE',
      },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // And back to where the user was.
    await waitFor(() => expect(add).toHaveFocus());
  });

  it('names participants per institution of the register, and shows what the API refuses by its field', async () => {
    const api = fakeApi()
      .on('GET', '/programme/campaigns', { body: EMPTY })
      .on('GET', '/programme/capacity-events', { body: EMPTY })
      .on('GET', '/programme/institutions', { body: INSTITUTIONS })
      .on(
        'POST',
        '/programme/capacity-events',
        fieldProblem([
          { field: 'fields.participants.0.institutionId', message: 'Not an institution of your register' },
        ]),
      );
    const { user } = await renderWithProviders(<ProgrammeRegistersPage />, { role: 'supervisor' });
    await user.click(await screen.findByRole('tab', { name: 'Capacity building' }));
    await user.click(await screen.findByRole('button', { name: 'Add an event' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an event' });
    await fill(user, within(dialog).getByRole('textbox', { name: /^Topic/ }), 'Identifying victims at the border');
    await fill(user, within(dialog).getByLabelText(/^Starts on/), '2026-05-04');
    await fill(user, within(dialog).getByLabelText(/^Ends on/), '2026-05-03');
    // The form checks as the API does: the end may not precede the start.
    expect(await within(dialog).findByText('Cannot be before the start')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText(/^Ends on/));
    await fill(user, within(dialog).getByLabelText(/^Ends on/), '2026-05-05');
    await fill(user, within(dialog).getByRole('combobox', { name: /^Country/ }), 'Niger');
    await user.click(await screen.findByRole('option', { name: 'Niger' }));
    await fill(user, within(dialog).getByRole('textbox', { name: /^Area/ }), 'Niamey');
    await choose(user, dialog, /^Format/, 'In person');
    await waitFor(() => expect(within(dialog).getByRole('combobox', { name: /^Institution 1/ })).toBeEnabled());
    await choose(user, dialog, /^Institution 1/, 'Ministry of Labour');
    await user.type(within(dialog).getByRole('textbox', { name: 'Women' }), '7');
    await user.type(within(dialog).getByRole('textbox', { name: 'Men' }), '5');
    await user.click(within(dialog).getByRole('button', { name: 'Add an institution that took part' }));
    expect(within(dialog).getByRole('combobox', { name: /^Institution 2/ })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Remove institution 2' }));
    expect(within(dialog).queryByRole('combobox', { name: /^Institution 2/ })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(api.sent('POST', '/programme/capacity-events')).toHaveLength(1));
    expect(api.sent('POST', '/programme/capacity-events')[0]?.body).toEqual({
      fields: {
        topic: 'Identifying victims at the border',
        startsOn: '2026-05-04',
        endsOn: '2026-05-05',
        country: 'NE',
        area: 'Niamey',
        format: 'inPerson',
        participants: [{ institutionId: INSTITUTION_ID, women: 7, men: 5 }],
      },
    });
    const institution = within(dialog).getByRole('combobox', { name: /^Institution 1/ });
    await waitFor(() => expect(institution).toHaveAccessibleDescription('Not an institution of your register'));
    expect(institution).toHaveFocus();
  });

  it('changes a campaign from the version read, and after a conflict reloads the other change and saves from it', async () => {
    const api = fakeApi()
      .on('GET', '/programme/campaigns', { body: FULL_CAMPAIGNS })
      .on('PATCH', `/programme/campaigns/${CAMPAIGN_ID}`, (request) =>
        (request.body as { version: number }).version === 1
          ? problem(409, { detail: 'Someone changed this record first: reload it and try again.', currentVersion: 2 })
          : { body: { ...FULL_CAMPAIGNS.items[0], version: 3 } },
      )
      .on('GET', `/programme/campaigns/${CAMPAIGN_ID}`, {
        body: { ...FULL_CAMPAIGNS.items[0], fields: { ...CAMPAIGN_FIELDS, area: 'Zinder' }, version: 2 },
      });
    const { user } = await renderWithProviders(<ProgrammeRegistersPage />, { role: 'supervisor' });
    await user.click(await screen.findByRole('button', { name: 'Edit Safe journeys on the radio' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Safe journeys on the radio' });
    const women = within(dialog).getByRole('textbox', { name: 'Women and girls, 18 to 24' });
    expect(women).toHaveValue('1200');
    await user.clear(women);
    await user.type(women, '1500');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Someone else changed this')).toBeInTheDocument();
    expect(api.sent('PATCH', `/programme/campaigns/${CAMPAIGN_ID}`)[0]?.body).toMatchObject({
      version: 1,
      fields: {
        reach: [
          { sex: 'female', ageBand: '18to24', people: 1500 },
          { sex: 'male', ageBand: '18to24', people: 800 },
        ],
      },
    });
    await user.click(within(dialog).getByRole('button', { name: 'Reload' }));
    // The other person's change comes in; what was typed here stays.
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: /^Area/ })).toHaveValue('Zinder'));
    expect(women).toHaveValue('1500');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.sent('PATCH', `/programme/campaigns/${CAMPAIGN_ID}`)).toHaveLength(2));
    expect(api.sent('PATCH', `/programme/campaigns/${CAMPAIGN_ID}`)[1]?.body).toMatchObject({
      version: 2,
      fields: { area: 'Zinder', reach: [{ people: 1500 }, { people: 800 }] },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows a count the contract refuses on its cell of the grid, and a grid with no one counted', async () => {
    const api = fakeApi().on('GET', '/programme/campaigns', { body: FULL_CAMPAIGNS });
    const { user } = await renderWithProviders(<ProgrammeRegistersPage />, { role: 'supervisor' });
    await user.click(await screen.findByRole('button', { name: 'Edit Safe journeys on the radio' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Safe journeys on the radio' });
    const men = within(dialog).getByRole('textbox', { name: 'Men and boys, 18 to 24' });
    await user.clear(men);
    await user.type(men, '100000001');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(men).toHaveAccessibleDescription('At most 100,000,000'));
    expect(men).toHaveFocus();
    // No one counted at all: said on the grid, the focus on its first cell.
    await user.clear(men);
    await user.clear(within(dialog).getByRole('textbox', { name: 'Women and girls, 18 to 24' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Give the people reached in at least one group')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Women and girls, Under 18' })).toHaveFocus();
    expect(api.sent('PATCH', `/programme/campaigns/${CAMPAIGN_ID}`)).toHaveLength(0);
  });

  it('keeps an institution an event names, saying why, and gives the focus back', async () => {
    const api = fakeApi()
      .on('GET', '/programme/campaigns', { body: EMPTY })
      .on('GET', '/programme/institutions', { body: INSTITUTIONS })
      .on(
        'DELETE',
        `/programme/institutions/${INSTITUTION_ID}`,
        problem(409, {
          detail: 'This institution took part in a capacity-building event: remove it from the event first.',
        }),
      );
    const { user } = await renderWithProviders(<ProgrammeRegistersPage />, { role: 'supervisor', language: 'fr' });
    await user.click(await screen.findByRole('tab', { name: 'Institutions' }));
    const row = (await screen.findByText('Ministry of Labour')).closest('tr')!;
    const remove = within(row).getByRole('button', { name: 'Supprimer Ministry of Labour' });
    await user.click(remove);
    const confirm = within(row).getByRole('button', { name: 'Supprimer' });
    expect(confirm).toHaveFocus();
    await user.click(within(row).getByRole('button', { name: 'Garder' }));
    expect(api.sent('DELETE', `/programme/institutions/${INSTITUTION_ID}`)).toHaveLength(0);
    expect(within(row).getByRole('button', { name: 'Supprimer Ministry of Labour' })).toHaveFocus();
    await user.click(within(row).getByRole('button', { name: 'Supprimer Ministry of Labour' }));
    await user.click(within(row).getByRole('button', { name: 'Supprimer' }));
    await waitFor(() => expect(api.sent('DELETE', `/programme/institutions/${INSTITUTION_ID}`)).toHaveLength(1));
    expect(
      await within(row).findByText(
        'Cette institution a participé à une activité de renforcement des capacités : retirez-la d’abord de l’activité.',
      ),
    ).toBeInTheDocument();
    expect(api.sent('DELETE', `/programme/institutions/${INSTITUTION_ID}`)).toHaveLength(1);
    expect(within(row).getByText('Ministry of Labour')).toBeInTheDocument();
  });

  it('says why a register cannot be loaded', async () => {
    fakeApi().on('GET', '/programme/campaigns', problem(500));
    await renderWithProviders(<ProgrammeRegistersPage />, { role: 'supervisor' });
    expect(await screen.findByText('The register could not be loaded.')).toBeInTheDocument();
  });

  it('shows the register in Arabic with its plural forms', async () => {
    fakeApi().on('GET', '/programme/campaigns', { body: CAMPAIGNS });
    await renderWithProviders(<ProgrammeRegistersPage />, { role: 'supervisor', language: 'ar' });
    expect(await screen.findByRole('tab', { name: 'حملات التوعية' })).toBeInTheDocument();
    expect(await screen.findByText(/تم الوصول إلى/)).toBeInTheDocument();
  });
});
