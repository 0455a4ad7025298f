import type { CaseDetail } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { CaseHeader } from './case-header';

const BEN = { id: '00000000-0000-4000-8000-0000000000a2', displayName: 'Ben Caseworker' };
const CASE = openCase({
  riskLevel: 'high',
  consent: { assistance: 'granted', statistics: 'none', research: 'none' },
  openTasks: 3,
  closure: null,
  registeredAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
} as Partial<CaseDetail>);
const WAITING = {
  ...CASE,
  closure: { reason: 'reintegrated', requestedAt: '2026-03-03T10:00:00.000Z', requestedBy: BEN },
} as CaseDetail;
const CLOSED = { ...CASE, status: 'Closed' } as CaseDetail;
const CASE_PATH = `/cases/${CASE.id}`;

const header = () => screen.getByRole('region', { name: CASE.reference });
const action = (name: string) => within(header()).getByRole('button', { name });

describe('CaseHeader', () => {
  it('names itself after the reference and links the consent and the open tasks to their tabs', async () => {
    fakeApi();
    await renderWithProviders(<CaseHeader detail={CASE} />);
    expect(within(header()).getByRole('heading', { level: 1, name: CASE.reference })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Granted' })).toHaveAttribute('href', `${CASE_PATH}?tab=consent`);
    expect(screen.getByRole('link', { name: '3' })).toHaveAttribute('href', `${CASE_PATH}?tab=tasks`);
  });

  it('offers a caseworker her own case’s changes and a closure request, not assignment', async () => {
    fakeApi();
    await renderWithProviders(<CaseHeader detail={CASE} />);
    expect(action('Change stage or status')).toBeInTheDocument();
    expect(action('Request closure')).toBeInTheDocument();
    expect(within(header()).queryByRole('button', { name: 'Assign' })).not.toBeInTheDocument();
    expect(within(header()).queryByRole('button', { name: 'Close case' })).not.toBeInTheDocument();
    expect(within(header()).queryByRole('button', { name: 'Reopen case' })).not.toBeInTheDocument();
  });

  it('asks for confirmation before closing: the dialog sends nothing until confirmed, and Escape closes it', async () => {
    const api = fakeApi();
    const { user } = await renderWithProviders(<CaseHeader detail={CASE} />, { role: 'supervisor' });
    await user.click(action('Close case'));
    const dialog = screen.getByRole('dialog', { name: 'Close case' });
    expect(within(dialog).getByText(/your request closes the case at once/)).toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requests).toHaveLength(0);
  });

  it('opens each dialog from its button, and Cancel closes it without sending', async () => {
    const api = fakeApi().on('GET', '/users', { body: { items: [], total: 0, page: 1, pageSize: 100 } });
    const { user } = await renderWithProviders(<CaseHeader detail={CASE} />, { role: 'supervisor' });
    for (const [button, title] of [
      ['Change stage or status', 'Change stage or status'],
      ['Assign', `Assign case ${CASE.reference}`],
      ['Close case', 'Close case'],
    ] as const) {
      await user.click(action(button));
      const dialog = screen.getByRole('dialog', { name: title });
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    }
    expect(api.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
  });

  it('shows a pending closure to the caseworker as waiting, with no second request', async () => {
    fakeApi();
    await renderWithProviders(<CaseHeader detail={WAITING} />);
    const pending = screen.getByRole('status');
    expect(pending).toHaveTextContent('Closure requested');
    expect(pending).toHaveTextContent(/Ben Caseworker asked on .* to close this case\. Reason: Reintegrated\./);
    expect(pending).toHaveTextContent('Waiting for a supervisor’s decision.');
    expect(within(header()).queryByRole('button', { name: 'Request closure' })).not.toBeInTheDocument();
    expect(within(header()).queryByRole('button', { name: 'Approve closure' })).not.toBeInTheDocument();
  });

  it('lets a supervisor approve a pending closure after saying what it does', async () => {
    const api = fakeApi().on('POST', `${CASE_PATH}/closure/decision`, { body: CLOSED });
    const { user } = await renderWithProviders(<CaseHeader detail={WAITING} />, { role: 'supervisor' });
    await user.click(within(screen.getByRole('status')).getByRole('button', { name: 'Approve closure' }));
    const dialog = screen.getByRole('dialog', { name: 'Approve closure' });
    expect(dialog).toHaveTextContent(`Case ${CASE.reference} will be closed (reason: Reintegrated).`);
    expect(api.requests).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Approve closure' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', `${CASE_PATH}/closure/decision`).map((request) => request.body)).toEqual([
      { version: CASE.version, decision: 'approve' },
    ]);
  });

  it('lets a supervisor reject a pending closure only with a reason', async () => {
    const api = fakeApi().on('POST', `${CASE_PATH}/closure/decision`, { body: CASE });
    const { user } = await renderWithProviders(<CaseHeader detail={WAITING} />, { role: 'supervisor' });
    await user.click(within(screen.getByRole('status')).getByRole('button', { name: 'Reject closure' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject closure' });
    const reason = within(dialog).getByRole('textbox', { name: /^Why the case stays open/ });
    expect(reason).toBeRequired();
    await user.click(within(dialog).getByRole('button', { name: 'Reject closure' }));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(api.sent('POST', `${CASE_PATH}/closure/decision`)).toHaveLength(0);
    await user.type(reason, 'The plan is not finished');
    await user.click(within(dialog).getByRole('button', { name: 'Reject closure' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', `${CASE_PATH}/closure/decision`).map((request) => request.body)).toEqual([
      { version: CASE.version, decision: 'reject', comment: 'The plan is not finished' },
    ]);
  });

  it('says a closed case is closed, offering only to reopen it to those who may', async () => {
    fakeApi();
    const { user } = await renderWithProviders(<CaseHeader detail={CLOSED} />, { role: 'supervisor' });
    expect(screen.getByRole('status')).toHaveTextContent('This case is closed. Reopen it to make changes.');
    expect(within(header()).queryByRole('button', { name: 'Change stage or status' })).not.toBeInTheDocument();
    expect(within(header()).queryByRole('button', { name: 'Close case' })).not.toBeInTheDocument();
    await user.click(action('Reopen case'));
    expect(screen.getByRole('dialog', { name: 'Reopen case' })).toBeInTheDocument();
  });

  it('never offers to reopen an erased case: its identity and notes are gone for good', async () => {
    fakeApi();
    const erased = { ...CLOSED, anonymisation: { at: '2026-03-04T10:00:00.000Z', kind: 'erasure' } } as CaseDetail;
    await renderWithProviders(<CaseHeader detail={erased} />, { role: 'supervisor' });
    expect(screen.getByRole('status')).toHaveTextContent(
      'This case has been anonymised. It can no longer be changed or reopened.',
    );
    expect(within(header()).queryByRole('button', { name: 'Reopen case' })).not.toBeInTheDocument();
  });

  it('shows the name the API gives beside the reference, and nothing when it gives none', async () => {
    fakeApi();
    const { unmount } = await renderWithProviders(
      <CaseHeader detail={{ ...CASE, shownName: 'Mimi', nameHidden: false }} />,
    );
    expect(within(header()).getByTestId('case-name')).toHaveTextContent('Mimi');
    unmount();
    await renderWithProviders(<CaseHeader detail={{ ...CASE, shownName: null, nameHidden: false }} />);
    expect(within(header()).queryByTestId('case-name')).not.toBeInTheDocument();
    expect(within(header()).queryByRole('button', { name: 'Show name' })).not.toBeInTheDocument();
  });

  it('keeps a sensitive case’s name masked until revealed, reading the identity only then, and drops it on hiding', async () => {
    const api = fakeApi().on('GET', `/cases/${CASE.id}/identity`, {
      body: { caseId: CASE.id, givenName: 'Concealia', familyName: 'Hidden', aliases: [], version: 7 },
    });
    const sensitive = { ...CASE, sensitive: true, shownName: null, nameHidden: true } as CaseDetail;
    const { user } = await renderWithProviders(<CaseHeader detail={sensitive} />);
    expect(within(header()).getByText('Name hidden (sensitive case)')).toBeInTheDocument();
    expect(api.requests.filter((request) => request.path.endsWith('/identity'))).toHaveLength(0);
    await user.click(action('Show name'));
    expect(await within(header()).findByTestId('case-name')).toHaveTextContent('Concealia');
    expect(api.requests.filter((request) => request.path.endsWith('/identity'))).toHaveLength(1);
    await user.click(action('Hide name'));
    expect(within(header()).queryByText('Concealia')).not.toBeInTheDocument();
    expect(action('Show name')).toBeInTheDocument();
  });
});
