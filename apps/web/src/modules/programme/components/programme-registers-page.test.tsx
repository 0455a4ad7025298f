import type { RegisterList } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { fakeApi, problem } from '../../../testing/fake-api';
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
