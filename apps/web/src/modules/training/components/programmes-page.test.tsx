import type { ProgrammeSummary } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
import { ProgrammesPage } from './programmes-page';

const BAKING = {
  id: '00000000-0000-4000-8000-0000000000b1',
  ownerOrganisation: { id: ORGANISATION_ID, name: 'Harbour Shelter' },
  providerOrganisation: { id: '00000000-0000-4000-8000-0000000000aa', name: 'Skills Centre' },
  trade: 'Baking',
  place: 'Braga',
  startsOn: '2099-01-10',
  endsOn: '2099-03-10',
  seats: 12,
  seatsTaken: 4,
  waiting: 0,
  language: 'pt',
  version: 1,
} as unknown as ProgrammeSummary;
const TAILORING = { ...BAKING, id: '00000000-0000-4000-8000-0000000000b2', trade: 'Tailoring' };

describe('ProgrammesPage', () => {
  it('sorts by trade from its header and pages by the cursors the API gives', async () => {
    const api = fakeApi().on('GET', '/training-programmes', (request) => ({
      body: {
        items: request.query.get('cursor') ? [TAILORING] : [BAKING],
        total: 2,
        totalIsLowerBound: false,
        page: 1,
        pageSize: 25,
        nextCursor: request.query.get('cursor') ? null : 'after-b1',
        previousCursor: request.query.get('cursor') ? 'before-b2' : null,
      },
    }));
    const { user } = await renderWithProviders(<ProgrammesPage />, { role: 'supervisor' });
    await screen.findByRole('table', { name: 'Training programmes' });
    const trade = () => screen.getByRole('columnheader', { name: /^Trade/ });
    expect(trade()).toHaveAttribute('aria-sort', 'ascending');
    const last = () => api.sent('GET', '/training-programmes').at(-1)!.query;
    expect([last().get('sort'), last().get('order')]).toEqual(['trade', 'asc']);

    const pages = screen.getByRole('navigation', { name: 'Pages of training programmes' });
    await user.click(within(pages).getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('link', { name: 'Tailoring' })).toBeInTheDocument();
    expect(last().get('cursor')).toBe('after-b1');

    // A new order starts again from the first page.
    await user.click(within(trade()).getByRole('button'));
    await waitFor(() => expect(trade()).toHaveAttribute('aria-sort', 'descending'));
    await waitFor(() => expect(last().get('order')).toBe('desc'));
    expect(last().get('cursor')).toBeNull();
  });
});
