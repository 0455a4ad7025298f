import type { InboxItem } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { InboxPage } from './inbox-page';

const LINE: InboxItem = {
  id: '00000000-0000-4000-8000-0000000000e1',
  code: 'R-0000-00E1',
  from: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Harbour House Shelter' },
  services: ['medical'],
  urgency: 'routine',
  status: 'sent',
  sentAt: '2026-12-07T09:15:00.000Z',
  sex: 'Feminine',
  ageBand: '18to24',
  version: 1,
};
// The same sender, service, urgency and day: only the code, the time and what the lens shares tell them apart.
const LINES: InboxItem[] = [
  LINE,
  {
    ...LINE,
    id: '00000000-0000-4000-8000-0000000000e2',
    code: 'R-0000-00E2',
    sentAt: '2026-12-07T11:40:00.000Z',
    ageBand: '35to49',
  },
  { ...LINE, id: '00000000-0000-4000-8000-0000000000e3', code: 'R-0000-00E3', sex: null, ageBand: null },
];

describe('InboxPage', () => {
  it('tells lines that look alike apart: a short code, the time received, and the sex and age band the lens shares', async () => {
    fakeApi().on('GET', '/referrals/inbox', {
      body: { items: LINES, total: 3, page: 1, pageSize: 25, counts: { sent: 3, accepted: 0, completed: 0 } },
    });
    await renderWithProviders(<InboxPage />, { organisationKind: 'partner', role: 'partner' });
    const table = await screen.findByRole('table', { name: /Referrals addressed to your organisation/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'R-0000-00E1',
      'R-0000-00E2',
      'R-0000-00E3',
    ]);
    expect(rows[0]).toHaveTextContent('Female, 18–24');
    expect(rows[1]).toHaveTextContent('Female, 35–49');
    expect(rows[2]).toHaveTextContent('Not shared');
    // The time of day, not only the date.
    expect(rows[0].textContent).not.toEqual(rows[1].textContent?.replace('35–49', '18–24').replace('00E2', '00E1'));
    expect(
      within(rows[1]).getByRole('link', { name: /^Open referral R-0000-00E2 from Harbour House Shelter received/ }),
    ).toHaveAttribute('href', `/referrals/${LINES[1].id}`);
  });

  it('counts opening the inbox as use, and its refresh of the page on screen not (an unattended inbox times out)', async () => {
    const api = fakeApi().on('GET', '/referrals/inbox', {
      body: { items: LINES, total: 3, page: 1, pageSize: 25, counts: { sent: 3, accepted: 0, completed: 0 } },
    });
    const { queryClient } = await renderWithProviders(<InboxPage />, { organisationKind: 'partner', role: 'partner' });
    await screen.findByRole('table', { name: /Referrals addressed to your organisation/ });
    await queryClient.refetchQueries({ queryKey: ['partner-inbox', 'list'] });
    const [opened, refreshed] = api.sent('GET', '/referrals/inbox');
    expect(opened!.headers['x-haven-background']).toBeUndefined();
    expect(refreshed!.headers['x-haven-background']).toBe('true');
  });
});
