import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

describe('my work', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
  });
  afterAll(() => harness.close());

  it('shows a caseworker her open cases, overdue tasks and tasks due this week; a supervisor the approvals waiting', async () => {
    const caseworker = await harness.signInAs('caseworker');
    const supervisor = await harness.signInAs('supervisor');
    const first = (await caseworker.post('/api/cases', registration({ riskLevel: 'critical' }))).body;
    const second = (await caseworker.post('/api/cases', registration({ riskLevel: 'low' }))).body;
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const late = await caseworker.post(`/api/cases/${first.id}/tasks`, { title: 'Call the clinic', dueOn: soon });
    const later = await caseworker.post(`/api/cases/${second.id}/tasks`, {
      title: 'Visit in a month',
      dueOn: '2099-01-01',
    });
    expect([late.status, later.status]).toEqual([201, 201]);
    // Make the first task overdue.
    await queryDatabase(harness.database.url, 'UPDATE app.task SET due_on = current_date - 3 WHERE id = $1', [
      late.body.id,
    ]);
    await caseworker.post(`/api/cases/${second.id}/tasks`, { title: 'Due this week', dueOn: soon });

    await caseworker.post(`/api/cases/${first.id}/plan/goals`, { type: 'Health', objective: 'Check-ups' });
    await caseworker.post(`/api/cases/${first.id}/plan/submit`, { version: 1 });
    await caseworker.post(`/api/cases/${second.id}/closure`, { version: second.version, reason: 'goalsAchieved' });

    const mine = await caseworker.get('/api/my-work');
    expect(mine.status).toBe(200);
    expect(mine.body.cases).toEqual({ active: 2, highRisk: 1 });
    expect(
      mine.body.overdueTasks.map((task: { title: string; caseReference: string; overdue: boolean }) => [
        task.title,
        task.caseReference,
        task.overdue,
      ]),
    ).toEqual([['Call the clinic', first.reference, true]]);
    expect(mine.body.tasksDueThisWeek.map((task: { title: string }) => task.title)).toEqual(['Due this week']);
    expect(mine.body.approvals).toEqual([]);

    const theirs = await supervisor.get('/api/my-work');
    expect(
      theirs.body.approvals.map((approval: { kind: string; caseReference: string }) => [
        approval.kind,
        approval.caseReference,
      ]),
    ).toEqual([
      ['plan', first.reference],
      ['closure', second.reference],
    ]);
    expect(theirs.body.overdueTasks).toEqual([]);

    const other = await harness.signInAs('otherSupervisor');
    expect((await other.get('/api/my-work')).body).toMatchObject({ cases: { active: 0, highRisk: 0 }, approvals: [] });
    expect((await (await harness.signInAs('manager')).get('/api/my-work')).status).toBe(403);
  });
});
