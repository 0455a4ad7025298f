import type { BestInterests, ChildRecord } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { todayIso } from '../../../app/forms/schema-validation';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { ChildTab } from './child-tab';

const CASE = openCase({ childBasis: 'registeredAge' });
const CHILD = `/cases/${CASE.id}/child`;
const person = { id: '00000000-0000-4000-8000-000000000009', displayName: 'Cora Caseworker' };
const DETERMINATION: BestInterests = {
  id: '00000000-0000-4000-8000-0000000000b1',
  kind: 'determination',
  completedOn: '2026-11-10',
  summary: 'Return to her mother is in her best interests',
  status: 'pendingApproval',
  recordedBy: person,
  recordedAt: '2026-11-10T10:00:00.000Z',
  decision: null,
};
const record = (overrides: Partial<ChildRecord> = {}): ChildRecord => ({
  caseId: CASE.id,
  child: true,
  basis: 'registeredAge',
  determinationApproved: false,
  guardians: [],
  ageAssessments: [],
  views: [],
  bestInterests: [],
  ...overrides,
});

describe('ChildTab', () => {
  it('says why it is a child case and that a return is held without an approved determination', async () => {
    fakeApi().on('GET', CHILD, { body: record() });
    await renderWithProviders(<ChildTab detail={CASE} />);
    expect(await screen.findByText('Under 18 by the age given at registration')).toBeInTheDocument();
    expect(screen.getByText(/^No approved determination/)).toBeInTheDocument();
    expect(screen.getByText('No guardian appointed yet.')).toBeInTheDocument();
  });

  it('appoints a guardian as entered, and shows the server refusing a field next to it', async () => {
    const api = fakeApi()
      .on('GET', CHILD, { body: record() })
      .on('POST', `${CHILD}/guardians`, fieldProblem([{ field: 'name', message: 'Required' }]));
    const { user } = await renderWithProviders(<ChildTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Appoint a guardian' }));
    const dialog = screen.getByRole('dialog', { name: 'Appoint a guardian' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(api.sent('POST', `${CHILD}/guardians`)).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/^Guardian's name/), 'Gianna Tutelari');
    await user.type(within(dialog).getByLabelText(/^Organisation or office/), 'Guardianship Office');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.sent('POST', `${CHILD}/guardians`).map((request) => request.body)).toEqual([
        { name: 'Gianna Tutelari', organisation: 'Guardianship Office', appointedOn: todayIso() },
      ]),
    );
    await waitFor(() => expect(within(dialog).getByLabelText(/^Guardian's name/)).toHaveAccessibleDescription(/./));
  });

  it('lets a supervisor approve a determination waiting for approval, with a reason', async () => {
    const api = fakeApi()
      .on('GET', CHILD, { body: record({ bestInterests: [DETERMINATION] }) })
      .on('POST', `${CHILD}/best-interests/${DETERMINATION.id}/decision`, {
        status: 201,
        body: { ...DETERMINATION, status: 'approved' },
      });
    const { user } = await renderWithProviders(<ChildTab detail={CASE} />, { role: 'supervisor' });
    expect(await screen.findByText('Waiting for approval')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = screen.getByRole('dialog', { name: 'Decide on the determination' });
    await user.type(within(dialog).getByLabelText(/^Reason/), 'Panel agreed with the assessment');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(
        api.sent('POST', `${CHILD}/best-interests/${DETERMINATION.id}/decision`).map((request) => request.body),
      ).toEqual([{ decision: 'approve', reason: 'Panel agreed with the assessment' }]),
    );
  });

  it('offers a caseworker no decision', async () => {
    fakeApi().on('GET', CHILD, { body: record({ bestInterests: [DETERMINATION] }) });
    await renderWithProviders(<ChildTab detail={CASE} />);
    expect(await screen.findByText('Waiting for approval')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });
});
