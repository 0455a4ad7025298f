import type { CaseDetail } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import {
  AssignDialog,
  ClosureDecisionDialog,
  ReopenDialog,
  RequestClosureDialog,
  StageStatusDialog,
} from './case-actions';

const CASE = {
  id: '00000000-0000-4000-8000-0000000000dd',
  reference: 'HV-7F3K-2Q9D',
  version: 7,
  stage: 'assistance',
  status: 'Active',
  assignee: { id: '00000000-0000-4000-8000-0000000000a1', displayName: 'Ada Caseworker' },
  closure: { reason: 'goalsAchieved' },
} as unknown as CaseDetail;
const CASE_PATH = `/cases/${CASE.id}`;
const BEN = { id: '00000000-0000-4000-8000-0000000000a2', displayName: 'Ben Caseworker', active: true };

describe('RequestClosureDialog', () => {
  it('says what closing does and names its fields before anything is sent', async () => {
    const api = fakeApi();
    await renderWithProviders(<RequestClosureDialog detail={CASE} opened onClose={jest.fn()} closesAtOnce />, {
      role: 'supervisor',
    });
    expect(screen.getByRole('dialog', { name: 'Close case' })).toBeInTheDocument();
    expect(screen.getByText(/your request closes the case at once/)).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /^Reason for closing/ })).toBeRequired();
    expect(screen.getByRole('textbox', { name: /^Comment \(optional\)/ })).toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });

  it('asks for a reason and sends nothing without one', async () => {
    const api = fakeApi();
    const { user } = await renderWithProviders(
      <RequestClosureDialog detail={CASE} opened onClose={jest.fn()} closesAtOnce={false} />,
    );
    await user.click(screen.getByRole('button', { name: 'Request closure' }));
    expect(screen.getByRole('combobox', { name: /^Reason for closing/ })).toHaveAccessibleDescription(
      'Choose an option',
    );
    expect(api.sent('POST', `${CASE_PATH}/closure`)).toHaveLength(0);
  });

  it('sends the reason, the comment and the version on screen', async () => {
    const api = fakeApi().on('POST', `${CASE_PATH}/closure`, { body: CASE });
    const onClose = jest.fn();
    const { user } = await renderWithProviders(
      <RequestClosureDialog detail={CASE} opened onClose={onClose} closesAtOnce={false} />,
    );
    await user.click(screen.getByRole('combobox', { name: /^Reason for closing/ }));
    await user.click(await screen.findByRole('option', { name: 'Reintegrated' }));
    await user.type(screen.getByRole('textbox', { name: /^Comment/ }), 'Back with her family');
    await user.click(screen.getByRole('button', { name: 'Request closure' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.sent('POST', `${CASE_PATH}/closure`).map((request) => request.body)).toEqual([
      { version: 7, reason: 'reintegrated', comment: 'Back with her family' },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi().on(
      'POST',
      `${CASE_PATH}/closure`,
      fieldProblem([{ field: 'comment', message: 'At most 2000 characters' }]),
    );
    const { user } = await renderWithProviders(
      <RequestClosureDialog detail={CASE} opened onClose={jest.fn()} closesAtOnce={false} />,
    );
    await user.click(screen.getByRole('combobox', { name: /^Reason for closing/ }));
    await user.click(await screen.findByRole('option', { name: 'Reintegrated' }));
    await user.type(screen.getByRole('textbox', { name: /^Comment/ }), 'Back with her family');
    await user.click(screen.getByRole('button', { name: 'Request closure' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^Comment/ })).toHaveAccessibleDescription(
        /At most 2,?000 characters/,
      ),
    );
  });

  it('is closed with Escape, sending nothing', async () => {
    const api = fakeApi();
    const onClose = jest.fn();
    const { user } = await renderWithProviders(
      <RequestClosureDialog detail={CASE} opened onClose={onClose} closesAtOnce />,
      { role: 'supervisor' },
    );
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
    expect(api.requests).toHaveLength(0);
  });
});

describe('ClosureDecisionDialog', () => {
  it('asks why before rejecting, then sends the decision', async () => {
    const api = fakeApi().on('POST', `${CASE_PATH}/closure/decision`, { body: CASE });
    const onClose = jest.fn();
    const { user } = await renderWithProviders(
      <ClosureDecisionDialog detail={CASE} opened onClose={onClose} decision="reject" />,
      { role: 'supervisor' },
    );
    const reason = screen.getByRole('textbox', { name: /^Why the case stays open/ });
    expect(reason).toBeRequired();
    await user.click(screen.getByRole('button', { name: 'Reject closure' }));
    expect(reason).toHaveAccessibleDescription('Give a reason');
    expect(api.sent('POST', `${CASE_PATH}/closure/decision`)).toHaveLength(0);
    await user.type(reason, 'The plan is not finished');
    await user.click(screen.getByRole('button', { name: 'Reject closure' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.sent('POST', `${CASE_PATH}/closure/decision`).map((request) => request.body)).toEqual([
      { version: 7, decision: 'reject', comment: 'The plan is not finished' },
    ]);
  });

  it('says which case closes, and why, before approving', async () => {
    fakeApi();
    await renderWithProviders(<ClosureDecisionDialog detail={CASE} opened onClose={jest.fn()} decision="approve" />, {
      role: 'supervisor',
    });
    expect(screen.getByText(/HV-7F3K-2Q9D.*will be closed \(reason:.*Goals of the plan achieved/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Comment \(optional\)/ })).not.toBeRequired();
  });
});

describe('ReopenDialog', () => {
  it('asks for a reason, sends it, and shows the server’s objection next to it', async () => {
    const api = fakeApi().on(
      'POST',
      `${CASE_PATH}/reopen`,
      fieldProblem([{ field: 'reason', message: 'Contains a broken character (an unpaired surrogate)' }]),
    );
    const onClose = jest.fn();
    const { user } = await renderWithProviders(<ReopenDialog detail={CASE} opened onClose={onClose} />, {
      role: 'supervisor',
    });
    const reason = screen.getByRole('textbox', { name: /^Reason for reopening/ });
    await user.click(screen.getByRole('button', { name: 'Reopen case' }));
    expect(reason).toHaveAccessibleDescription('Required');
    expect(api.sent('POST', `${CASE_PATH}/reopen`)).toHaveLength(0);
    await user.type(reason, 'She asked for help again');
    await user.click(screen.getByRole('button', { name: 'Reopen case' }));
    await waitFor(() =>
      expect(reason).toHaveAccessibleDescription('This text contains a broken character; type it again'),
    );
    expect(api.sent('POST', `${CASE_PATH}/reopen`).map((request) => request.body)).toEqual([
      { version: 7, reason: 'She asked for help again' },
    ]);
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('StageStatusDialog', () => {
  it('names both choices and sends only what changed', async () => {
    const api = fakeApi().on('PATCH', CASE_PATH, { body: CASE });
    const onClose = jest.fn();
    const { user } = await renderWithProviders(<StageStatusDialog detail={CASE} opened onClose={onClose} />);
    expect(screen.getByRole('radiogroup', { name: 'Stage' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Assistance' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Reintegration' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.sent('PATCH', CASE_PATH).map((request) => request.body)).toEqual([
      { version: 7, stage: 'reintegration' },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi().on('PATCH', CASE_PATH, fieldProblem([{ field: 'status', message: 'Not allowed for you' }]));
    const { user } = await renderWithProviders(<StageStatusDialog detail={CASE} opened onClose={jest.fn()} />);
    await user.click(
      within(screen.getByRole('radiogroup', { name: /^Status/ })).getByRole('radio', { name: 'Follow-up' }),
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Not allowed for you')).toBeInTheDocument();
  });
});

describe('AssignDialog', () => {
  it('offers the organisation’s caseworkers and assigns the one chosen', async () => {
    const api = fakeApi()
      .on('GET', '/users', { body: { items: [BEN], total: 1, page: 1, pageSize: 100 } })
      .on('POST', `${CASE_PATH}/assignee`, { body: { ...CASE, assignee: BEN } });
    const onClose = jest.fn();
    const { user } = await renderWithProviders(<AssignDialog detail={CASE} opened onClose={onClose} />, {
      role: 'supervisor',
    });
    expect(screen.getByRole('dialog', { name: /Assign case .*HV-7F3K-2Q9D/ })).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: /^Caseworker/ }));
    await user.click(await screen.findByRole('option', { name: 'Ben Caseworker' }));
    await user.click(screen.getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.sent('GET', '/users')[0].query.get('role')).toBe('caseworker');
    expect(api.sent('POST', `${CASE_PATH}/assignee`).map((request) => request.body)).toEqual([
      { version: 7, assigneeId: BEN.id },
    ]);
  });

  it('shows the server refusing the caseworker next to the field', async () => {
    fakeApi()
      .on('GET', '/users', { body: { items: [BEN], total: 1, page: 1, pageSize: 100 } })
      .on(
        'POST',
        `${CASE_PATH}/assignee`,
        fieldProblem([{ field: 'assigneeId', message: 'Not a caseworker of this organisation' }]),
      );
    const { user } = await renderWithProviders(<AssignDialog detail={CASE} opened onClose={jest.fn()} />, {
      role: 'supervisor',
    });
    await user.click(screen.getByRole('combobox', { name: /^Caseworker/ }));
    await user.click(await screen.findByRole('option', { name: 'Ben Caseworker' }));
    await user.click(screen.getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: /^Caseworker/ })).toHaveAccessibleDescription(/./));
  });
});
