import type { Transfer } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
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

describe('IncomingTransfersPage', () => {
  it('lists the transfers proposed to a supervisor’s organisation, with the way to decide each', async () => {
    fakeApi().on('GET', '/transfers/incoming', { body: { items: [PROPOSED] } });
    await renderWithProviders(<IncomingTransfersPage />, { role: 'supervisor' });
    expect(screen.getByRole('heading', { level: 1, name: 'Incoming transfers' })).toBeInTheDocument();
    expect(screen.getByText(/Your organisation’s supervisors decide/)).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Transfers proposed to your organisation' });
    expect(within(table).getByRole('button', { name: 'Accept the transfer from Harbour Shelter' })).toBeInTheDocument();
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
