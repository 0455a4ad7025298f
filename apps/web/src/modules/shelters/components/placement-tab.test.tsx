import type { Placement, PlacementList } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { todayIso } from '../../../app/forms/schema-validation';
import { fakeApi } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { PlacementTab } from './placement-tab';

const CASE = openCase();
const PLACEMENTS = `/cases/${CASE.id}/placements`;
const CURRENT: Placement = {
  id: '00000000-0000-4000-8000-0000000000c1',
  shelter: { id: '00000000-0000-4000-8000-0000000000b1', name: 'Harbour House', kind: 'women', area: 'Riverside' },
  bed: { id: '00000000-0000-4000-8000-0000000000d1', label: '3', room: 'Blue room' },
  fromDate: '2026-01-05',
  toDate: null,
  plannedDischargeOn: null,
  exitReason: null,
  current: true,
  lengthOfStayDays: 30,
  kindOverride: null,
  placedBy: { id: USER_ID, displayName: 'Ada Caseworker' },
  createdAt: '2026-01-05T10:00:00.000Z',
  version: 4,
};
const EARLIER: Placement = {
  ...CURRENT,
  id: '00000000-0000-4000-8000-0000000000c0',
  shelter: { ...CURRENT.shelter, id: '00000000-0000-4000-8000-0000000000b0', name: 'Old Mill' },
  fromDate: '2025-11-01',
  toDate: '2026-01-05',
  bed: null,
  exitReason: 'moved',
  current: false,
  lengthOfStayDays: 65,
};
const NONE: PlacementList = { items: [], current: null, totalDaysInShelter: 0 };
const PLACED: PlacementList = { items: [CURRENT, EARLIER], current: CURRENT, totalDaysInShelter: 95 };

describe('PlacementTab', () => {
  it('offers to place a survivor who has no bed, in a dialog closed with Escape', async () => {
    const api = fakeApi()
      .on('GET', PLACEMENTS, { body: NONE })
      .on('GET', '/shelters', { body: { items: [] } });
    const { user } = await renderWithProviders(<PlacementTab detail={CASE} />);
    expect(await screen.findByText('Not placed in a shelter')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Discharge' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    const dialog = screen.getByRole('dialog', { name: 'Place in shelter' });
    expect(within(dialog).getByRole('combobox', { name: /^Shelter/ })).toBeInTheDocument();
    // No shelter yet: the caseworker is told who adds one instead of facing an empty list.
    expect(await within(dialog).findByText(/ask your supervisor/)).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', PLACEMENTS)).toHaveLength(0);
  });

  it('shows the current stay and the history, and offers move, plan and discharge', async () => {
    fakeApi().on('GET', PLACEMENTS, { body: PLACED });
    await renderWithProviders(<PlacementTab detail={CASE} />);
    const current = await screen.findByRole('region', { name: 'Current placement' });
    expect(current).toHaveTextContent(/Harbour House/);
    expect(current).toHaveTextContent(/Bed 3 · Blue room/);
    expect(screen.getByRole('table', { name: /All stays of this case/ })).toHaveTextContent(
      /Old Mill.*Moved to another shelter/,
    );
    expect(screen.getByText('95 nights in shelters in total')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Place in shelter' })).not.toBeInTheDocument();
    for (const name of ['Move to another shelter', 'Plan discharge', 'Discharge'])
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
  });

  it('asks before discharging, and Cancel leaves without sending', async () => {
    const api = fakeApi().on('GET', PLACEMENTS, { body: PLACED });
    const { user } = await renderWithProviders(<PlacementTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Discharge' }));
    const dialog = screen.getByRole('dialog', { name: 'Discharge' });
    expect(within(dialog).getByLabelText(/^Date of departure/)).toHaveValue(todayIso());
    await user.click(within(dialog).getByRole('combobox', { name: /^Why the placement ends/ }));
    await user.click(await screen.findByRole('option', { name: 'Reintegrated' }));
    await user.click(within(dialog).getByRole('button', { name: 'Discharge' }));
    expect(within(dialog).getByText('End this placement?')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Back' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', `${PLACEMENTS}/discharge`)).toHaveLength(0);
  });

  it('offers nothing to change on a case the user cannot edit', async () => {
    fakeApi().on('GET', PLACEMENTS, { body: PLACED });
    await renderWithProviders(<PlacementTab detail={openCase({ status: 'Closed' })} />);
    expect(await screen.findByRole('region', { name: 'Current placement' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Discharge' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Move to another shelter' })).not.toBeInTheDocument();
  });

  it('says when the placements could not be loaded', async () => {
    fakeApi().on('GET', PLACEMENTS, { status: 500, body: {} });
    await renderWithProviders(<PlacementTab detail={CASE} />);
    expect(await screen.findByText('The placements could not be loaded.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Place in shelter' })).not.toBeInTheDocument();
  });
});
