import type { Transfer } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
import { IncomingTransfersPage } from './incoming-transfers-page';

const PROPOSED = {
  id: '00000000-0000-4000-8000-0000000000f8',
  from: { id: '00000000-0000-4000-8000-0000000000b1', name: 'Harbour Shelter' },
  to: { id: ORGANISATION_ID, name: 'Return Office Lagos' },
  forReturn: true,
  suspension: null,
  status: 'proposed',
  proposedAt: '2026-02-01T09:00:00.000Z',
  decidedAt: null,
  caseId: null,
  receivedCaseId: null,
  version: 1,
} as unknown as Transfer;
const EARLIER = {
  ...PROPOSED,
  id: '00000000-0000-4000-8000-0000000000f9',
  from: { id: '00000000-0000-4000-8000-0000000000b2', name: 'Riverside Refuge' },
  proposedAt: '2026-01-20T09:00:00.000Z',
} as unknown as Transfer;

function page(items: Transfer[], cursors: { nextCursor?: string; previousCursor?: string } = {}) {
  return {
    body: {
      items,
      total: items.length,
      totalIsLowerBound: false,
      page: 1,
      pageSize: 25,
      nextCursor: cursors.nextCursor ?? null,
      previousCursor: cursors.previousCursor ?? null,
    },
  };
}

describe('IncomingTransfersPage', () => {
  it('lists the transfers proposed to a supervisor’s organisation, with the way to decide each', async () => {
    fakeApi().on('GET', '/transfers/incoming', page([PROPOSED]));
    await renderWithProviders(<IncomingTransfersPage />, { role: 'supervisor' });
    expect(screen.getByRole('heading', { level: 1, name: 'Incoming transfers' })).toBeInTheDocument();
    expect(screen.getByText(/Your organisation’s supervisors decide/)).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Transfers proposed to your organisation' });
    expect(within(table).getByRole('button', { name: 'Accept the transfer from Harbour Shelter' })).toBeInTheDocument();
  });

  it('sorts by the date proposed from its header and pages by the cursors the API gives', async () => {
    const api = fakeApi().on('GET', '/transfers/incoming', (request) =>
      request.query.get('cursor')
        ? page([EARLIER], { previousCursor: 'before-f9' })
        : page([PROPOSED], { nextCursor: 'after-f8' }),
    );
    const { user } = await renderWithProviders(<IncomingTransfersPage />, { role: 'supervisor' });
    await screen.findByRole('table', { name: 'Transfers proposed to your organisation' });
    const proposed = () => screen.getByRole('columnheader', { name: /^Proposed/ });
    expect(proposed()).toHaveAttribute('aria-sort', 'descending');

    const pages = screen.getByRole('navigation', { name: 'Pages of incoming transfers' });
    await user.click(within(pages).getByRole('button', { name: 'Next page' }));
    await screen.findByRole('button', { name: 'Accept the transfer from Riverside Refuge' });
    const last = () => api.sent('GET', '/transfers/incoming').at(-1)!.query;
    expect(last().get('cursor')).toBe('after-f8');
    expect(last().get('sort')).toBe('proposedAt');

    // A new order starts again from the first page.
    await user.click(within(proposed()).getByRole('button'));
    await waitFor(() => expect(proposed()).toHaveAttribute('aria-sort', 'ascending'));
    await waitFor(() => expect(last().get('order')).toBe('asc'));
    expect(last().get('cursor')).toBeNull();
  });

  it('tells a caseworker who decides, asking the API for nothing, rather than that the page does not exist', async () => {
    const api = fakeApi();
    await renderWithProviders(<IncomingTransfersPage />, { role: 'caseworker' });
    expect(screen.getByRole('heading', { level: 1, name: 'Incoming transfers' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      /accepted or rejected by its supervisors.*a supervisor can assign it to you/,
    );
    expect(screen.queryByText(/does not exist/i)).not.toBeInTheDocument();
    expect(api.requests.filter((request) => request.path.startsWith('/transfers'))).toEqual([]);
  });
});
