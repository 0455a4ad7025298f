import type { InboxItem } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
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

  it('sorts by the time received from its header (aria-sort, keyboard) and pages by the cursors the API gives', async () => {
    const api = fakeApi().on('GET', '/referrals/inbox', (request) => ({
      body: {
        items: request.query.get('cursor') ? [LINES[2]] : LINES.slice(0, 2),
        total: 3,
        totalIsLowerBound: false,
        page: 1,
        pageSize: 25,
        nextCursor: request.query.get('cursor') ? null : 'after-e2',
        previousCursor: request.query.get('cursor') ? 'before-e3' : null,
        counts: { sent: 3, accepted: 0, completed: 0 },
      },
    }));
    const { user } = await renderWithProviders(<InboxPage />, { organisationKind: 'partner', role: 'partner' });
    await screen.findByRole('table', { name: /Referrals addressed to your organisation/ });
    const received = () => screen.getByRole('columnheader', { name: /^Received/ });
    expect(received()).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByText('Referrals in this view: 3')).toBeInTheDocument();

    const pages = screen.getByRole('navigation', { name: 'Pages of the inbox' });
    await user.click(within(pages).getByRole('button', { name: 'Next page' }));
    await screen.findByRole('link', { name: /^Open referral R-0000-00E3/ });
    const last = () => api.sent('GET', '/referrals/inbox').at(-1)!.query;
    expect(last().get('cursor')).toBe('after-e2');
    expect(last().get('sort')).toBe('sentAt');

    // Choosing the order from the keyboard starts again from the first page.
    within(received()).getByRole('button').focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(received()).toHaveAttribute('aria-sort', 'ascending'));
    await waitFor(() => expect(last().get('order')).toBe('asc'));
    expect(last().get('cursor')).toBeNull();
  });
});
