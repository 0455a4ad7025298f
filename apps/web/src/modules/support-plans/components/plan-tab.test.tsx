import type { Goal, SupportPlan } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { PlanTab } from './plan-tab';

const CASE = openCase();
const PLAN = `/cases/${CASE.id}/plan`;
const GOALS = `${PLAN}/goals`;
const ADA = { id: USER_ID, displayName: 'Ada Caseworker' };
const HOUSING: Goal = {
  id: '00000000-0000-4000-8000-0000000000c1',
  type: 'SocialCare',
  objective: 'Find a safe flat',
  actions: 'Call the housing office',
  plannedEndOn: '2099-06-30',
  actualEndOn: null,
  status: 'inProgress',
  version: 3,
};
const COURSE: Goal = {
  ...HOUSING,
  id: '00000000-0000-4000-8000-0000000000c2',
  type: 'Education',
  objective: 'Start a language course',
  actions: '',
  plannedEndOn: null,
  status: 'planned',
  version: 1,
};
const DRAFT: SupportPlan = {
  status: 'draft',
  goals: [HOUSING, COURSE],
  submittedAt: null,
  submittedBy: null,
  decidedAt: null,
  decidedBy: null,
  decisionComment: null,
  version: 4,
};
const WAITING: SupportPlan = {
  ...DRAFT,
  status: 'submitted',
  submittedAt: '2026-03-01T10:00:00.000Z',
  submittedBy: ADA,
};
const EMPTY: SupportPlan = { ...DRAFT, goals: [], version: 0 };

const dialog = (name: string) => screen.getByRole('dialog', { name });
const goalType = () => within(dialog('Add goal')).getByRole('combobox', { name: /^Area of support/ });
const objective = (name = 'Add goal') => within(dialog(name)).getByRole('textbox', { name: /^Objective/ });

async function renderPlan(plan: SupportPlan, role: 'caseworker' | 'supervisor' = 'caseworker') {
  const api = fakeApi().on('GET', PLAN, { body: plan });
  const rendered = await renderWithProviders(<PlanTab detail={CASE} />, { role });
  await screen.findByRole('heading', { name: 'Support plan' });
  return { ...rendered, api };
}

describe('PlanTab: the plan', () => {
  it('starts empty, saying what to do, with nothing to send yet', async () => {
    await renderPlan(EMPTY);
    expect(screen.getByText('No goals yet')).toBeInTheDocument();
    expect(screen.getByText(/Agree the goals with the survivor/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add goal' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send for approval' })).not.toBeInTheDocument();
  });

  it('lists each goal as an article named by its objective, each Edit button described by it', async () => {
    await renderPlan(DRAFT);
    const housing = screen.getByRole('article', { name: 'Find a safe flat' });
    expect(housing).toHaveTextContent('Social care');
    expect(housing).toHaveTextContent('In progress');
    expect(housing).toHaveTextContent('Call the housing office');
    expect(within(housing).getByRole('button', { name: 'Edit' })).toHaveAccessibleDescription('Find a safe flat');
    expect(screen.getByRole('article', { name: 'Start a language course' })).toBeInTheDocument();
  });

  it('sends the plan for approval with its version, and says so', async () => {
    const { user, api } = await renderPlan(DRAFT);
    api.on('POST', `${PLAN}/submit`, { body: WAITING });
    await user.click(screen.getByRole('button', { name: 'Send for approval' }));
    expect(await screen.findByText('The plan was sent for approval.')).toBeInTheDocument();
    expect(api.sent('POST', `${PLAN}/submit`).map((request) => request.body)).toEqual([{ version: 4 }]);
  });

  it('says when someone changed the plan first, and reloads it on request', async () => {
    const { user, api } = await renderPlan(DRAFT);
    api.on('POST', `${PLAN}/submit`, problem(409, { currentVersion: 5 }));
    await user.click(screen.getByRole('button', { name: 'Send for approval' }));
    expect(await screen.findByText('Someone else changed this')).toBeInTheDocument();
    api.on('GET', PLAN, { body: { ...DRAFT, version: 5 } });
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.queryByText('Someone else changed this')).not.toBeInTheDocument());
    expect(api.sent('GET', PLAN).length).toBeGreaterThan(1);
  });

  it('freezes the goals while the plan waits for a supervisor', async () => {
    await renderPlan(WAITING);
    expect(screen.getByRole('status')).toHaveTextContent(
      /Sent for approval by Ada Caseworker on .*\. Goals cannot change until a supervisor decides\./,
    );
    expect(screen.queryByRole('button', { name: 'Add goal' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send for approval' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve plan' })).not.toBeInTheDocument();
  });

  it('shows why a returned plan came back', async () => {
    await renderPlan({
      ...DRAFT,
      status: 'returned',
      decidedAt: '2026-03-02T10:00:00.000Z',
      decidedBy: { id: '00000000-0000-4000-8000-0000000000a9', displayName: 'Sam Supervisor' },
      decisionComment: 'Add a health goal',
    });
    expect(screen.getByText('Returned for changes')).toBeInTheDocument();
    expect(screen.getByText(/Returned by Sam Supervisor on/)).toBeInTheDocument();
    expect(screen.getByText('Add a health goal')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send for approval' })).toBeInTheDocument();
  });

  it('says when the plan cannot be loaded', async () => {
    fakeApi().on('GET', PLAN, problem(500));
    await renderWithProviders(<PlanTab detail={CASE} />);
    expect(await screen.findByText('The support plan could not be loaded.')).toBeInTheDocument();
  });
});

describe('PlanTab: a supervisor’s decision', () => {
  it('says what approving does, and approves with the plan’s version', async () => {
    const { user, api } = await renderPlan(WAITING, 'supervisor');
    api.on('POST', `${PLAN}/decision`, { body: { ...WAITING, status: 'approved' } });
    await user.click(screen.getByRole('button', { name: 'Approve plan' }));
    expect(dialog('Approve plan')).toHaveTextContent('You approve the plan with its 2 goals.');
    expect(api.sent('POST', `${PLAN}/decision`)).toHaveLength(0);
    await user.click(within(dialog('Approve plan')).getByRole('button', { name: 'Approve plan' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('The plan was approved.')).toBeInTheDocument();
    expect(api.sent('POST', `${PLAN}/decision`).map((request) => request.body)).toEqual([
      { version: 4, decision: 'approve' },
    ]);
  });

  it('returns the plan only with what needs to change, and Escape closes without sending', async () => {
    const { user, api } = await renderPlan(WAITING, 'supervisor');
    api.on('POST', `${PLAN}/decision`, { body: { ...WAITING, status: 'returned' } });
    await user.click(screen.getByRole('button', { name: 'Return plan' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Return plan' }));
    const reason = within(dialog('Return plan')).getByRole('textbox', { name: /^What needs to change/ });
    expect(reason).toBeRequired();
    await user.click(within(dialog('Return plan')).getByRole('button', { name: 'Return plan' }));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(api.sent('POST', `${PLAN}/decision`)).toHaveLength(0);
    await user.type(reason, 'Add a health goal');
    await user.click(within(dialog('Return plan')).getByRole('button', { name: 'Return plan' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', `${PLAN}/decision`).map((request) => request.body)).toEqual([
      { version: 4, decision: 'reject', comment: 'Add a health goal' },
    ]);
  });
});

describe('PlanTab: adding and editing goals', () => {
  it('names the goal’s fields, says what is missing, moves to it, and sends nothing', async () => {
    const { user, api } = await renderPlan(EMPTY);
    await user.click(screen.getByRole('button', { name: 'Add goal' }));
    expect(goalType()).toBeRequired();
    expect(objective()).toBeRequired();
    expect(objective()).toHaveAccessibleDescription('What the survivor wants to achieve, in a sentence.');
    expect(within(dialog('Add goal')).getByLabelText(/^Planned end/)).toHaveAttribute('type', 'date');
    await user.click(within(dialog('Add goal')).getByRole('button', { name: 'Add goal' }));
    expect(goalType()).toHaveAccessibleDescription('Choose an option');
    expect(goalType()).toHaveFocus();
    expect(objective()).toHaveAccessibleDescription(/^Required/);
    expect(api.sent('POST', GOALS)).toHaveLength(0);
  });

  it('adds the goal as entered, is busy meanwhile, then closes and says so', async () => {
    const { user, api } = await renderPlan(EMPTY);
    const held = heldReply({ status: 201, body: HOUSING });
    api.on('POST', GOALS, held.answer);
    await user.click(screen.getByRole('button', { name: 'Add goal' }));
    await user.click(goalType());
    await user.click(await screen.findByRole('option', { name: 'Social care' }));
    await user.type(objective(), 'Find a safe flat');
    await user.type(within(dialog('Add goal')).getByLabelText(/^Planned end/), '2099-06-30');
    const submit = within(dialog('Add goal')).getByRole('button', { name: 'Add goal' });
    await user.click(submit);
    await waitFor(() => expect(submit).toBeDisabled());
    held.release();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('The goal was added.')).toBeInTheDocument();
    expect(api.sent('POST', GOALS).map((request) => request.body)).toEqual([
      { type: 'SocialCare', objective: 'Find a safe flat', actions: '', plannedEndOn: '2099-06-30', status: 'planned' },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    const { user, api } = await renderPlan(EMPTY);
    api.on('POST', GOALS, fieldProblem([{ field: 'plannedEndOn', message: 'Use a date between 1900 and 2999' }]));
    await user.click(screen.getByRole('button', { name: 'Add goal' }));
    await user.click(goalType());
    await user.click(await screen.findByRole('option', { name: 'Education' }));
    await user.type(objective(), 'Start a language course');
    await user.click(within(dialog('Add goal')).getByRole('button', { name: 'Add goal' }));
    const plannedEnd = within(dialog('Add goal')).getByLabelText(/^Planned end/);
    await waitFor(() => expect(plannedEnd).toHaveAccessibleDescription('Use a date between 1900 and 2999'));
    expect(plannedEnd).toHaveFocus();
  });

  it('edits a goal on its version, warning that an approved plan goes back to draft; Cancel sends nothing', async () => {
    const approved = { ...DRAFT, status: 'approved' as const };
    const { user, api } = await renderPlan(approved);
    api.on('PATCH', `${GOALS}/${HOUSING.id}`, { body: { ...HOUSING, status: 'achieved', version: 4 } });
    const housing = screen.getByRole('article', { name: 'Find a safe flat' });
    await user.click(within(housing).getByRole('button', { name: 'Edit' }));
    expect(within(dialog('Edit goal')).getByRole('status')).toHaveTextContent(
      'The plan is approved. Changing a goal sends it back to draft, to be approved again.',
    );
    expect(objective('Edit goal')).toHaveValue('Find a safe flat');
    await user.click(within(dialog('Edit goal')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('PATCH', `${GOALS}/${HOUSING.id}`)).toHaveLength(0);

    await user.click(within(housing).getByRole('button', { name: 'Edit' }));
    await user.click(within(dialog('Edit goal')).getByRole('combobox', { name: /^Progress/ }));
    await user.click(await screen.findByRole('option', { name: 'Achieved' }));
    await user.type(within(dialog('Edit goal')).getByLabelText(/^Actual end/), '2026-03-05');
    await user.click(within(dialog('Edit goal')).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('The goal was saved.')).toBeInTheDocument();
    expect(api.sent('PATCH', `${GOALS}/${HOUSING.id}`).map((request) => request.body)).toEqual([
      {
        version: 3,
        type: 'SocialCare',
        objective: 'Find a safe flat',
        actions: 'Call the housing office',
        plannedEndOn: '2099-06-30',
        actualEndOn: '2026-03-05',
        status: 'achieved',
      },
    ]);
  });

  it('after someone else’s change to the goal, saves again on the version reloaded', async () => {
    const { user, api } = await renderPlan(DRAFT);
    api.on('PATCH', `${GOALS}/${HOUSING.id}`, problem(409, { currentVersion: 5 }));
    await user.click(
      within(screen.getByRole('article', { name: 'Find a safe flat' })).getByRole('button', { name: 'Edit' }),
    );
    await user.type(objective('Edit goal'), ' near work');
    await user.click(within(dialog('Edit goal')).getByRole('button', { name: 'Save' }));
    expect(await within(dialog('Edit goal')).findByText('Someone else changed this')).toBeInTheDocument();

    api
      .on('GET', PLAN, { body: { ...DRAFT, goals: [{ ...HOUSING, version: 5 }, COURSE] } })
      .on('PATCH', `${GOALS}/${HOUSING.id}`, { body: { ...HOUSING, version: 6 } });
    await user.click(within(dialog('Edit goal')).getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(within(dialog('Edit goal')).queryByText('Someone else changed this')).not.toBeInTheDocument(),
    );
    expect(objective('Edit goal')).toHaveValue('Find a safe flat near work');
    await user.click(within(dialog('Edit goal')).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(
      api.sent('PATCH', `${GOALS}/${HOUSING.id}`).map((request) => (request.body as { version: number }).version),
    ).toEqual([3, 5]);
  });
});
