import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

describe('support plan and its approval', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let caseId: string;

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor] = await Promise.all([harness.signInAs('caseworker'), harness.signInAs('supervisor')]);
    caseId = (await caseworker.post('/api/cases', registration())).body.id;
  });
  afterAll(() => harness.close());

  it('starts as an empty draft that cannot be submitted', async () => {
    const plan = await caseworker.get(`/api/cases/${caseId}/plan`);
    expect(plan.body).toMatchObject({ status: 'draft', goals: [], version: 0 });
    expect((await caseworker.post(`/api/cases/${caseId}/plan/submit`, { version: 1 })).status).toBe(409);
  });

  it('runs draft → submitted → returned with a comment → submitted → approved, and reopens on change', async () => {
    const goal = await caseworker.post(`/api/cases/${caseId}/plan/goals`, {
      type: 'Health',
      objective: 'Regular check-ups with Planobjective',
      plannedEndOn: '2027-03-01',
    });
    expect(goal.status).toBe(201);
    expect(goal.body).toMatchObject({
      type: 'Health',
      status: 'planned',
      objective: 'Regular check-ups with Planobjective',
      version: 1,
    });
    expect(
      (await caseworker.post(`/api/cases/${caseId}/plan/goals`, { type: 'Astrology', objective: '' })).status,
    ).toBe(400);

    let plan = (await caseworker.get(`/api/cases/${caseId}/plan`)).body;
    const submitted = await caseworker.post(`/api/cases/${caseId}/plan/submit`, { version: plan.version });
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: { id: harness.people.caseworker.id } });
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/plan/goals/${goal.body.id}`, { version: 1, status: 'inProgress' }))
        .status,
    ).toBe(409);
    expect(
      (
        await caseworker.post(`/api/cases/${caseId}/plan/decision`, {
          version: submitted.body.version,
          decision: 'approve',
        })
      ).status,
    ).toBe(404);

    const returned = await supervisor.post(`/api/cases/${caseId}/plan/decision`, {
      version: submitted.body.version,
      decision: 'reject',
      comment: 'Add a legal goal',
    });
    expect(returned.body).toMatchObject({
      status: 'returned',
      decisionComment: 'Add a legal goal',
      decidedBy: { id: harness.people.supervisor.id },
    });
    await caseworker.post(`/api/cases/${caseId}/plan/goals`, {
      type: 'Legal',
      objective: 'Residence permit application',
    });
    plan = (await caseworker.get(`/api/cases/${caseId}/plan`)).body;
    const resubmitted = await caseworker.post(`/api/cases/${caseId}/plan/submit`, { version: plan.version });
    const approved = await supervisor.post(`/api/cases/${caseId}/plan/decision`, {
      version: resubmitted.body.version,
      decision: 'approve',
    });
    expect(approved.body.status).toBe('approved');
    expect(
      (
        await supervisor.post(`/api/cases/${caseId}/plan/decision`, {
          version: approved.body.version,
          decision: 'approve',
        })
      ).status,
    ).toBe(409);

    const changed = await caseworker.patch(`/api/cases/${caseId}/plan/goals/${goal.body.id}`, {
      version: 1,
      status: 'inProgress',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'inProgress', version: 2 });
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/plan/goals/${goal.body.id}`, { version: 1, status: 'achieved' }))
        .status,
    ).toBe(409);
    expect((await caseworker.get(`/api/cases/${caseId}/plan`)).body.status).toBe('draft');
    const history = (await caseworker.get(`/api/cases/${caseId}/history`)).body.items as {
      section: string;
      action: string;
    }[];
    expect(history.filter((entry) => entry.section === 'plan').map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['goal.added', 'submitted', 'returned', 'approved', 'reopened', 'goal.updated']),
    );
  });

  it('stores objectives and decision comments sealed', async () => {
    const raw = JSON.stringify([
      await queryDatabase(harness.database.url, 'SELECT * FROM app.support_plan_goal'),
      await queryDatabase(harness.database.url, 'SELECT * FROM app.support_plan'),
    ]);
    expect(raw).toContain('Health');
    expect(raw).not.toMatch(/Planobjective|Residence permit|Add a legal goal/);
  });

  it('answers 404 for a case outside scope', async () => {
    const other = await harness.signInAs('otherSupervisor');
    expect((await other.get(`/api/cases/${caseId}/plan`)).status).toBe(404);
    expect((await other.post(`/api/cases/${caseId}/plan/goals`, { type: 'Health', objective: 'x' })).status).toBe(404);
    const partner = await harness.signInAs('partner');
    expect((await partner.get(`/api/cases/${caseId}/plan`)).status).toBe(404);
  });
});
