import type { CaseListItem } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, problem } from '../../../testing/fake-api';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { CaseListPage } from './case-list-page';

const onRoute = { route: '/cases', path: '/cases' };
const BEN = { id: '00000000-0000-4000-8000-0000000000a2', displayName: 'Ben Caseworker', active: true };

function row(index: number): CaseListItem {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    reference: `HV-CASE-${String(index).padStart(4, '0')}`,
    status: 'Active',
    stage: 'assistance',
    riskLevel: 'high',
    sensitive: false,
    sex: 'Feminine',
    nationality: 'NG',
    ageAtRegistration: 24,
    assignee: { id: USER_ID, displayName: 'Ada Caseworker' },
    registeredAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    shownName: null,
  };
}
const ROWS = [row(1), row(2), row(3)];
const page = {
  items: ROWS,
  total: 3,
  totalIsLowerBound: false,
  page: 1,
  pageSize: 25,
  nextCursor: null,
  previousCursor: null,
};
const users = { body: { items: [BEN], total: 1, page: 1, pageSize: 100 } };

describe('CaseListPage: reassigning several cases', () => {
  it('lets a supervisor tick cases by keyboard, confirm the colleague in a dialog, and says what changed', async () => {
    const api = fakeApi()
      .on('GET', '/cases', { body: page })
      .on('GET', '/users', users)
      .on('POST', '/cases/reassignment', {
        body: { reassigned: [{ id: ROWS[0]!.id, reference: ROWS[0]!.reference, version: 2 }], unchanged: 1 },
      });
    const { user } = await renderWithProviders(<CaseListPage />, { ...onRoute, role: 'supervisor' });
    const first = await screen.findByRole('checkbox', { name: 'Select case HV-CASE-0001' });
    // The keyboard alone: Tab reaches the checkbox, Space ticks it.
    first.focus();
    await user.keyboard(' ');
    expect(first).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Select case HV-CASE-0003' }));
    const bar = screen.getByRole('region', { name: 'Chosen cases' });
    expect(bar).toHaveTextContent('2 cases chosen');
    await user.click(within(bar).getByRole('button', { name: 'Reassign 2 cases…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Reassign 2 cases' });
    const chosen = within(dialog).getByRole('list', { name: 'Cases to reassign' });
    expect(
      within(chosen)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['HV-CASE-0001 · Ada Caseworker', 'HV-CASE-0003 · Ada Caseworker']);
    // Nothing is sent without a colleague chosen.
    await user.click(within(dialog).getByRole('button', { name: 'Reassign 2 cases' }));
    expect(within(dialog).getByRole('combobox', { name: /^Reassign to/ })).toHaveAccessibleDescription(
      'Choose an option',
    );
    expect(api.sent('POST', '/cases/reassignment')).toHaveLength(0);
    await user.click(within(dialog).getByRole('combobox', { name: /^Reassign to/ }));
    await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: 'Ben Caseworker' }));
    await user.click(within(dialog).getByRole('button', { name: 'Reassign 2 cases to Ben Caseworker' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', '/cases/reassignment').map((request) => request.body)).toEqual([
      { caseIds: [ROWS[0]!.id, ROWS[2]!.id], assigneeId: BEN.id },
    ]);
    const said = screen.getByRole('status');
    expect(said).toHaveTextContent('1 case reassigned to Ben Caseworker. 1 was already assigned to Ben Caseworker.');
    expect(said).toHaveTextContent('HV-CASE-0001');
    expect(screen.getByRole('checkbox', { name: 'Select case HV-CASE-0001' })).not.toBeChecked();
    expect(screen.queryByRole('region', { name: 'Chosen cases' })).not.toBeInTheDocument();
  });

  it('ticks the whole page at once, and keeps the dialog open with the problem when the API refuses', async () => {
    fakeApi()
      .on('GET', '/cases', { body: page })
      .on('GET', '/users', users)
      .on('POST', '/cases/reassignment', problem(404));
    const { user } = await renderWithProviders(<CaseListPage />, { ...onRoute, role: 'supervisor' });
    await user.click(await screen.findByRole('checkbox', { name: 'Select every case on this page' }));
    expect(screen.getByRole('region', { name: 'Chosen cases' })).toHaveTextContent('3 cases chosen');
    await user.click(screen.getByRole('button', { name: 'Reassign 3 cases…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reassign 3 cases' });
    await user.click(within(dialog).getByRole('combobox', { name: /^Reassign to/ }));
    await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: 'Ben Caseworker' }));
    await user.click(within(dialog).getByRole('button', { name: 'Reassign 3 cases to Ben Caseworker' }));
    expect(await within(dialog).findByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Reassign 3 cases' })).toBeInTheDocument();
  });

  it('offers no checkboxes to a caseworker', async () => {
    fakeApi().on('GET', '/cases', { body: page });
    await renderWithProviders(<CaseListPage />, onRoute);
    await screen.findByRole('link', { name: 'HV-CASE-0001' });
    expect(screen.queryByRole('checkbox', { name: /^Select/ })).not.toBeInTheDocument();
  });
});
