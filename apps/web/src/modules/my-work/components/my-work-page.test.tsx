import type { MyWork, Task } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, problem } from '../../../testing/fake-api';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { MyWorkPage } from './my-work-page';

const CASE_A = '00000000-0000-4000-8000-00000000000a';
const CASE_B = '00000000-0000-4000-8000-00000000000b';

function task(id: number, overrides: Partial<Task> = {}): Task {
  return {
    id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    caseId: CASE_A,
    caseReference: 'HV-AAAA-AAAA',
    title: `Task ${id}`,
    dueOn: '2026-12-09',
    overdue: false,
    almostOverdue: false,
    status: 'open',
    assignee: { id: USER_ID, displayName: 'Ada Caseworker' },
    createdAt: '2026-12-01T09:00:00.000Z',
    caseName: null,
    version: 1,
    ...overrides,
  };
}

function work(overrides: Partial<MyWork> = {}): MyWork {
  return {
    cases: { active: 4, highRisk: 1 },
    overdueTasks: [task(1, { title: 'Call the clinic', overdue: true, dueOn: '2026-12-01' })],
    tasksDueThisWeek: [task(2, { title: 'Ring today', almostOverdue: true }), task(3, { title: 'Ring on Friday' })],
    referralAnswers: {
      seenUpTo: '2026-12-06T18:00:00.000Z',
      items: [
        {
          id: '00000000-0000-4000-8000-0000000000f2',
          kind: 'referral.declined',
          caseId: CASE_B,
          caseReference: 'HV-BBBB-BBBB',
          caseName: null,
          answeredAt: '2026-12-07T07:30:00.000Z',
        },
        {
          id: '00000000-0000-4000-8000-0000000000f1',
          kind: 'referral.accepted',
          caseId: CASE_A,
          caseReference: 'HV-AAAA-AAAA',
          caseName: null,
          answeredAt: '2026-12-06T22:10:00.000Z',
        },
      ],
    },
    followUpsDue: [
      {
        id: '00000000-0000-4000-8000-0000000000e1',
        caseId: CASE_B,
        caseReference: 'HV-BBBB-BBBB',
        caseName: null,
        monthsAfter: 3,
        dueOn: '2026-12-05',
        overdue: true,
        almostOverdue: false,
      },
    ],
    legalDeadlines: [
      {
        caseId: CASE_A,
        caseReference: 'HV-AAAA-AAAA',
        kind: 'reflectionPeriodEnds',
        dueOn: '2026-12-20',
        overdue: false,
      },
      { caseId: CASE_B, caseReference: 'HV-BBBB-BBBB', kind: 'permitExpires', dueOn: '2026-12-01', overdue: true },
    ],
    approvals: [],
    transfersToDecide: null,
    ...overrides,
  };
}

const count = (name: RegExp) => within(screen.getByRole('region', { name: 'Summary' })).getByRole('link', { name });

describe('MyWorkPage', () => {
  it('links every count to the list it counts, and marks what is almost overdue', async () => {
    fakeApi().on('GET', '/my-work', { body: work() });
    await renderWithProviders(<MyWorkPage />);
    expect(await screen.findByRole('heading', { name: 'Overdue tasks', level: 2 })).toBeInTheDocument();
    expect(count(/^Active cases\s*4\b/)).toHaveAttribute('href', '/cases?status=Active');
    expect(count(/^Overdue tasks\s*1\b/)).toHaveAttribute('href', '/?show=overdue');
    expect(count(/^Due today\s*1\b/)).toHaveAttribute('href', '/?show=dueToday');
    expect(count(/^Tasks due this week\s*2\b/)).toHaveAttribute('href', '/?show=due');
    expect(count(/^Referrals answered\s*2\b/)).toHaveAttribute('href', '/?show=answers');
    expect(count(/^Follow-up visits due\s*1\b/)).toHaveAttribute('href', '/?show=followUps');
    // A caseworker decides no approvals or transfers: no such counts.
    expect(screen.queryByRole('link', { name: /Transfers to decide/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Waiting for your decision/ })).not.toBeInTheDocument();
    const due = screen.getByRole('region', { name: 'Due this week' });
    const today = within(due).getByText('Ring today').closest('li')!;
    expect(within(today).getByText('Due today')).toBeInTheDocument();
    const friday = within(due).getByText('Ring on Friday').closest('li')!;
    expect(within(friday).queryByText('Due today')).not.toBeInTheDocument();
    const visits = screen.getByRole('region', { name: 'Follow-up visits due this week' });
    expect(within(visits).getByRole('link', { name: 'HV-BBBB-BBBB' })).toHaveAttribute(
      'href',
      `/cases/${CASE_B}?tab=reintegration`,
    );
    expect(within(visits).getByText('Late')).toBeInTheDocument();
    expect(count(/^Reflection periods and permits ending\s*2\b/)).toHaveAttribute('href', '/?show=legal');
  });

  it('lists reflection periods ending and permits expiring, each a link to the case’s legal status', async () => {
    fakeApi().on('GET', '/my-work', { body: work() });
    await renderWithProviders(<MyWorkPage />, { route: '/?show=legal', path: '/' });
    const list = await screen.findByRole('region', { name: 'Reflection periods and permits ending' });
    const reflection = within(list).getByRole('link', { name: 'HV-AAAA-AAAA' });
    expect(reflection).toHaveAttribute('href', `/cases/${CASE_A}?tab=legal-status`);
    expect(within(reflection.closest('li')!).getByText(/Reflection period ends/)).toBeInTheDocument();
    const permit = within(list).getByRole('link', { name: 'HV-BBBB-BBBB' }).closest('li')!;
    expect(within(permit).getByText(/Residence permit expires/)).toBeInTheDocument();
    expect(within(permit).getByText('Passed')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Overdue tasks' })).not.toBeInTheDocument();
  });

  it('narrows the page to the list a count links to, with a way back to everything', async () => {
    fakeApi().on('GET', '/my-work', { body: work() });
    await renderWithProviders(<MyWorkPage />, { route: '/?show=dueToday', path: '/' });
    const list = await screen.findByRole('region', { name: 'Due today (overdue within 24 hours)' });
    expect(within(list).getByText('Ring today')).toBeInTheDocument();
    expect(within(list).queryByText('Ring on Friday')).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Overdue tasks' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Referrals answered since you last looked' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Show all my work' })).toHaveAttribute('href', '/');
  });

  it('lists the answers since she last looked and records that she has seen them, up to the newest shown', async () => {
    const api = fakeApi()
      .on('GET', '/my-work', { body: work() })
      .on('POST', '/my-work/referral-answers/seen', { status: 204 })
      .on('GET', '/notifications', { body: { items: [], unread: 0 } });
    const { user } = await renderWithProviders(<MyWorkPage />, { route: '/?show=answers', path: '/' });
    const answers = await screen.findByRole('region', { name: 'Referrals answered since you last looked' });
    const rows = within(answers).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('DeclinedHV-BBBB-BBBB'),
      expect.stringContaining('AcceptedHV-AAAA-AAAA'),
    ]);
    expect(within(rows[0]!).getByRole('link', { name: 'HV-BBBB-BBBB' })).toHaveAttribute(
      'href',
      `/cases/${CASE_B}?tab=referrals`,
    );
    expect(within(answers).getByText(/^Answers since you last looked/)).toBeInTheDocument();

    api.on('GET', '/my-work', { body: work({ referralAnswers: { seenUpTo: '2026-12-07T07:30:00.000Z', items: [] } }) });
    await user.click(within(answers).getByRole('button', { name: 'I have seen these' }));
    await waitFor(() => expect(api.sent('POST', '/my-work/referral-answers/seen')).toHaveLength(1));
    expect(api.sent('POST', '/my-work/referral-answers/seen')[0]!.body).toEqual({ upTo: '2026-12-07T07:30:00.000Z' });
    expect(await within(answers).findByText('No new answers from partners.')).toBeInTheDocument();
  });

  it('says so when recording that she has seen them fails, and keeps the answers', async () => {
    fakeApi().on('GET', '/my-work', { body: work() }).on('POST', '/my-work/referral-answers/seen', problem(500));
    const { user } = await renderWithProviders(<MyWorkPage />, { route: '/?show=answers', path: '/' });
    const answers = await screen.findByRole('region', { name: 'Referrals answered since you last looked' });
    await user.click(within(answers).getByRole('button', { name: 'I have seen these' }));
    expect(
      await within(answers).findByText('Could not record that you have seen them. Try again.'),
    ).toBeInTheDocument();
    expect(within(answers).getAllByRole('listitem')).toHaveLength(2);
  });

  it('shows a supervisor the approvals and the transfers waiting, each count a link', async () => {
    fakeApi().on('GET', '/my-work', { body: work({ transfersToDecide: 2 }) });
    await renderWithProviders(<MyWorkPage />, { role: 'supervisor' });
    await screen.findByRole('heading', { name: 'Overdue tasks', level: 2 });
    expect(count(/^Transfers to decide\s*2\b/)).toHaveAttribute('href', '/transfers/incoming');
    expect(count(/^Waiting for your decision\s*0\b/)).toHaveAttribute('href', '/?show=approvals');
  });

  it('shows the survivor’s name beside the reference on task, answer, visit and approval rows when the API gives one', async () => {
    const answers = work().referralAnswers;
    fakeApi().on('GET', '/my-work', {
      body: work({
        referralAnswers: { ...answers, items: [answers.items[0]!, { ...answers.items[1]!, caseName: 'Hana' }] },
        overdueTasks: [task(1, { title: 'Call the clinic', overdue: true, caseName: 'Mimi' })],
        tasksDueThisWeek: [task(2, { title: 'Ring on Friday', caseId: CASE_B, caseReference: 'HV-BBBB-BBBB' })],
        approvals: [
          {
            kind: 'closure',
            caseId: CASE_B,
            caseReference: 'HV-BBBB-BBBB',
            caseName: 'Selam',
            requestedAt: '2026-12-06T09:00:00.000Z',
            requestedBy: { id: USER_ID, displayName: 'Ada Caseworker' },
          },
        ],
      }),
    });
    await renderWithProviders(<MyWorkPage />, { role: 'supervisor' });
    const overdue = await screen.findByRole('region', { name: 'Overdue tasks' });
    expect(within(overdue).getByText('Mimi')).toBeInTheDocument();
    // A row the API names no one on shows the reference alone.
    const week = screen.getByRole('region', { name: 'Due this week' });
    expect(week.querySelector('.shown-name')).toBeNull();
    const approvals = screen.getByRole('table');
    expect(within(approvals).getByRole('rowheader')).toHaveTextContent('HV-BBBB-BBBBSelam');
    // The answer on the named case carries the name; the other answer, the reference alone.
    const [declined, accepted] = within(
      screen.getByRole('region', { name: 'Referrals answered since you last looked' }),
    ).getAllByRole('listitem');
    expect(accepted).toHaveTextContent(/HV-AAAA-AAAA\s*Hana/);
    expect(declined!.querySelector('.shown-name')).toBeNull();
  });

  it('reads in Arabic', async () => {
    fakeApi().on('GET', '/my-work', { body: work() });
    await renderWithProviders(<MyWorkPage />, { language: 'ar' });
    expect(await screen.findByRole('link', { name: /^مستحقة اليوم\s*1\b/ })).toHaveAttribute('href', '/?show=dueToday');
  });
});
