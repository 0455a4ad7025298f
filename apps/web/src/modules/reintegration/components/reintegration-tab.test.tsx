import type { FollowUpVisit, ReintegrationGoal, ReintegrationPlan } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { todayIso } from '../../../app/forms/schema-validation';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { ReintegrationTab } from './reintegration-tab';

const CASE = openCase();
const PLAN_PATH = `/cases/${CASE.id}/reintegration`;
const GOALS = `${PLAN_PATH}/goals`;
const SCHEDULE = `${PLAN_PATH}/schedule`;
const BAKERY: ReintegrationGoal = {
  id: '00000000-0000-4000-8000-0000000000a1',
  dimension: 'economic',
  goal: 'Open a small bakery',
  assistance: 'Start-up grant',
  status: 'planned',
  createdAt: '2026-01-10T09:00:00.000Z',
  updatedAt: '2026-01-10T09:00:00.000Z',
  version: 2,
};
const THREE_MONTHS: FollowUpVisit = {
  id: '00000000-0000-4000-8000-0000000000c3',
  monthsAfter: 3,
  dueOn: '2026-04-10',
  overdue: false,
  taskId: null,
  visitedOn: null,
  economicScore: null,
  socialScore: null,
  psychosocialScore: null,
  notes: null,
  recordedBy: null,
  version: 1,
};
const VISIT = `${PLAN_PATH}/visits/${THREE_MONTHS.id}`;
const EMPTY: ReintegrationPlan = { goals: { economic: [], social: [], psychosocial: [] }, visits: [], scoreTrend: [] };
const PLAN: ReintegrationPlan = { ...EMPTY, goals: { ...EMPTY.goals, economic: [BAKERY] }, visits: [THREE_MONTHS] };

function renderTab(plan: ReintegrationPlan = PLAN) {
  const api = fakeApi().on('GET', PLAN_PATH, { body: plan });
  return { api, rendered: renderWithProviders(<ReintegrationTab detail={CASE} />) };
}

const goalInput = () => screen.getByRole('textbox', { name: /^Goal/ });

describe('ReintegrationTab: goals', () => {
  it('adds a goal to the dimension chosen, asking for the goal first', async () => {
    const held = heldReply({ status: 201, body: BAKERY });
    const { api, rendered } = renderTab(EMPTY);
    api.on('POST', GOALS, held.answer);
    const { user } = await rendered;
    await user.click(await screen.findByRole('button', { name: 'Add Social goal' }));
    const dialog = screen.getByRole('dialog', { name: 'Add goal' });
    expect(within(dialog).getByRole('combobox', { name: 'Dimension' })).toHaveValue('Social');
    expect(goalInput()).toBeRequired();
    expect(goalInput()).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Save goal' }));
    expect(goalInput()).toHaveAccessibleDescription('Required');
    expect(api.sent('POST', GOALS)).toHaveLength(0);

    await user.type(goalInput(), 'Rent a room near her sister');
    await user.click(within(dialog).getByRole('button', { name: 'Save goal' }));
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Save goal' })).toBeDisabled());
    held.release();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', GOALS).map((request) => request.body)).toEqual([
      { dimension: 'social', goal: 'Rent a room near her sister', assistance: '', status: 'planned' },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    const { api, rendered } = renderTab(EMPTY);
    api.on('POST', GOALS, fieldProblem([{ field: 'assistance', message: 'At most 4000 characters' }]));
    const { user } = await rendered;
    await user.click(await screen.findByRole('button', { name: 'Add Economic goal' }));
    await user.type(goalInput(), 'Open a small bakery');
    await user.click(screen.getByRole('button', { name: 'Save goal' }));
    const assistance = screen.getByRole('textbox', { name: /^Assistance given or planned/ });
    await waitFor(() => expect(assistance).toHaveAccessibleDescription(/At most 4000 characters/));
    expect(assistance).toHaveFocus();
  });

  it('edits a goal with its version; after a conflict Reload takes the new version', async () => {
    const { api, rendered } = renderTab();
    const goalPath = `${GOALS}/${BAKERY.id}`;
    api.on('PATCH', goalPath, problem(409, { currentVersion: 3 }));
    const { user } = await rendered;
    await user.click(await screen.findByRole('button', { name: 'Edit goal: Open a small bakery' }));
    expect(goalInput()).toHaveValue('Open a small bakery');
    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'In progress' }));
    await user.click(screen.getByRole('button', { name: 'Save goal' }));
    expect(await screen.findByText('Someone else changed this')).toBeInTheDocument();

    api.on('GET', PLAN_PATH, {
      body: { ...PLAN, goals: { ...PLAN.goals, economic: [{ ...BAKERY, version: 3 }] } },
    });
    api.on('PATCH', goalPath, { body: { ...BAKERY, status: 'inProgress', version: 4 } });
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.queryByText('Someone else changed this')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Save goal' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('PATCH', goalPath).map((request) => request.body)).toEqual([
      {
        version: 2,
        dimension: 'economic',
        goal: 'Open a small bakery',
        assistance: 'Start-up grant',
        status: 'inProgress',
      },
      {
        version: 3,
        dimension: 'economic',
        goal: 'Open a small bakery',
        assistance: 'Start-up grant',
        status: 'inProgress',
      },
    ]);
  });

  it('is closed with Cancel or Escape, sending nothing; a closed case offers no changes', async () => {
    const { api, rendered } = renderTab();
    const { user } = await rendered;
    await user.click(await screen.findByRole('button', { name: 'Edit goal: Open a small bakery' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Add Economic goal' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
  });

  it('offers no changes on a closed case', async () => {
    fakeApi().on('GET', PLAN_PATH, { body: PLAN });
    await renderWithProviders(<ReintegrationTab detail={openCase({ status: 'Closed' })} />);
    expect(await screen.findByText('Open a small bakery')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Edit goal/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Record visit/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Schedule visits' })).not.toBeInTheDocument();
  });
});

describe('ReintegrationTab: scheduling visits', () => {
  async function openSchedule() {
    const { api, rendered } = renderTab(EMPTY);
    const { user } = await rendered;
    await user.click(await screen.findByRole('button', { name: 'Schedule visits' }));
    return { api, user };
  }
  const months = () => screen.getByRole('textbox', { name: /^Months after/ });

  it('proposes 3, 6 and 12 months from today, and sends them', async () => {
    const { api, user } = await openSchedule();
    api.on('POST', SCHEDULE, { status: 201, body: { items: [THREE_MONTHS] } });
    expect(screen.getByLabelText(/^Day of return or discharge/)).toHaveValue(todayIso());
    expect(months()).toHaveValue('3, 6, 12');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Schedule visits' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', SCHEDULE).map((request) => request.body)).toEqual([
      { referenceDate: todayIso(), monthsAfter: [3, 6, 12] },
    ]);
  });

  it('says what is wrong with the months, and sends nothing', async () => {
    const { api, user } = await openSchedule();
    await user.clear(months());
    await user.type(months(), '3, 6, 6');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Schedule visits' }));
    expect(months()).toHaveAccessibleDescription(/^Each month once/);
    await user.clear(months());
    await user.type(months(), '3, 2.5');
    expect(months()).toHaveAccessibleDescription(/^Whole months only/);
    await user.clear(months());
    await user.type(months(), '0');
    expect(months()).toHaveAccessibleDescription(/^At least 1 month/);
    expect(api.sent('POST', SCHEDULE)).toHaveLength(0);
  });

  it('shows the server refusing the date next to it', async () => {
    const { api, user } = await openSchedule();
    api.on(
      'POST',
      SCHEDULE,
      fieldProblem([{ field: 'referenceDate', message: 'Use a date between 1900-01-01 and 2999-12-31' }]),
    );
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Schedule visits' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Day of return or discharge/)).toHaveAccessibleDescription(/1900.*2999/),
    );
  });
});

describe('ReintegrationTab: recording a visit', () => {
  async function openVisit() {
    const { api, rendered } = renderTab();
    const { user } = await rendered;
    await user.click(await screen.findByRole('button', { name: 'Record visit (3 months)' }));
    return { api, user, dialog: screen.getByRole('dialog', { name: 'Record the 3-month visit' }) };
  }
  const scoreGroup = (name: string) => screen.getByRole('radiogroup', { name });

  it('asks for each of the three scores, and sends nothing without them', async () => {
    const { api, user, dialog } = await openVisit();
    expect(screen.getByLabelText(/^Visited on/)).toHaveValue(todayIso());
    expect(screen.getByLabelText(/^Visited on/)).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Save visit' }));
    expect(within(dialog).getAllByText('Score from 1 to 5')).toHaveLength(3);
    expect(api.sent('PATCH', VISIT)).toHaveLength(0);
  });

  it('records the visit with the three scores and the version', async () => {
    const { api, user, dialog } = await openVisit();
    api.on('PATCH', VISIT, { body: { ...THREE_MONTHS, visitedOn: todayIso(), version: 2 } });
    await user.click(within(scoreGroup('Economic score')).getByRole('radio', { name: '4' }));
    await user.click(within(scoreGroup('Social score')).getByRole('radio', { name: '3' }));
    await user.click(within(scoreGroup('Psychosocial score')).getByRole('radio', { name: '5' }));
    await user.type(screen.getByRole('textbox', { name: /^Notes/ }), 'Bakery open three days a week');
    await user.click(within(dialog).getByRole('button', { name: 'Save visit' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('PATCH', VISIT).map((request) => request.body)).toEqual([
      {
        version: 1,
        visitedOn: todayIso(),
        economicScore: 4,
        socialScore: 3,
        psychosocialScore: 5,
        notes: 'Bakery open three days a week',
      },
    ]);
  });

  it('refuses a visit in the future', async () => {
    const { api, user, dialog } = await openVisit();
    const date = screen.getByLabelText(/^Visited on/);
    await user.clear(date);
    await user.type(date, '2999-01-01');
    await user.click(within(scoreGroup('Economic score')).getByRole('radio', { name: '4' }));
    await user.click(within(scoreGroup('Social score')).getByRole('radio', { name: '3' }));
    await user.click(within(scoreGroup('Psychosocial score')).getByRole('radio', { name: '5' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save visit' }));
    expect(date).toHaveAccessibleDescription('Cannot be in the future');
    expect(date).toHaveFocus();
    expect(api.sent('PATCH', VISIT)).toHaveLength(0);
  });

  it('is closed with Escape, recording nothing', async () => {
    const { api, user } = await openVisit();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('PATCH', VISIT)).toHaveLength(0);
  });
});
