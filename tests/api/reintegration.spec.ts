import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { reintegrationPlanSchema, scheduleVisitsResponseSchema } from '@haven/contracts';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const today = () => new Date().toISOString().slice(0, 10);
/** The same day some months later or earlier, or the month's last day when that day does not exist. */
const monthsFrom = (day: string, months: number) => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(date, lastDay))).toISOString().slice(0, 10);
};

interface Visit {
  id: string;
  monthsAfter: number;
  dueOn: string;
  overdue: boolean;
  taskId: string;
  version: number;
}

describe('reintegration plan and follow-up visits', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let partner: HttpSession;
  let manager: HttpSession;
  let admin: HttpSession;

  const rows = (sql: string, params: unknown[]) => queryDatabase(harness.database.url, sql, params);

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, colleague, supervisor, otherSupervisor, partner, manager, admin] = await Promise.all(
      (['caseworker', 'colleague', 'supervisor', 'otherSupervisor', 'partner', 'manager', 'admin'] as const).map(
        (person) => harness.signInAs(person),
      ),
    );
  });
  afterAll(() => harness.close());

  it('starts empty, with the three dimensions', async () => {
    const created = await newCase(caseworker);
    const plan = await caseworker.get(`/api/cases/${created.id}/reintegration`);
    expect(plan.status).toBe(200);
    expect(plan.body).toEqual({ goals: { economic: [], social: [], psychosocial: [] }, visits: [], scoreTrend: [] });
  });

  it('keeps goals by dimension with the assistance given, sealed at rest, with versioned changes', async () => {
    const created = await newCase(caseworker);
    const added = await caseworker.post(`/api/cases/${created.id}/reintegration/goals`, {
      dimension: 'economic',
      goal: 'Open a tailoring stall Goaltext',
      assistance: 'Start-up kit and Assistancetext coaching',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      dimension: 'economic',
      status: 'planned',
      goal: 'Open a tailoring stall Goaltext',
      version: 1,
    });
    await caseworker.post(`/api/cases/${created.id}/reintegration/goals`, {
      dimension: 'social',
      goal: 'Replacement identity documents',
    });
    await caseworker.post(`/api/cases/${created.id}/reintegration/goals`, {
      dimension: 'psychosocial',
      goal: 'Family mediation',
      status: 'inProgress',
    });

    const updated = await caseworker.patch(`/api/cases/${created.id}/reintegration/goals/${added.body.id}`, {
      version: 1,
      status: 'achieved',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      status: 'achieved',
      version: 2,
      assistance: 'Start-up kit and Assistancetext coaching',
    });
    const stale = await caseworker.patch(`/api/cases/${created.id}/reintegration/goals/${added.body.id}`, {
      version: 1,
      goal: 'Late',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);

    const plan = (await caseworker.get(`/api/cases/${created.id}/reintegration`)).body;
    expect(plan.goals.economic).toEqual([expect.objectContaining({ id: added.body.id, status: 'achieved' })]);
    expect(plan.goals.social).toEqual([
      expect.objectContaining({ goal: 'Replacement identity documents', assistance: '' }),
    ]);
    expect(plan.goals.psychosocial).toEqual([expect.objectContaining({ status: 'inProgress' })]);

    const raw = JSON.stringify([
      await rows('SELECT * FROM app.reintegration_goal WHERE case_id = $1', [created.id]),
      await rows('SELECT * FROM app.case_change WHERE case_id = $1', [created.id]),
    ]);
    expect(raw).toContain('economic');
    expect(raw).not.toMatch(/Goaltext|Assistancetext|Replacement identity|Family mediation/);
    expect(
      await rows("SELECT 1 FROM audit.event WHERE action = 'reintegration.goal.updated' AND subject_id = $1", [
        created.id,
      ]),
    ).toHaveLength(1);
  });

  it('schedules visits at 3, 6 and 12 months with a task each for the assignee; overdue visits appear in "my work"', async () => {
    const created = await newCase(caseworker);
    const referenceDate = monthsFrom(today(), -7);
    const scheduled = await supervisor.post(`/api/cases/${created.id}/reintegration/schedule`, { referenceDate });
    expect(scheduled.status).toBe(201);
    expect(scheduleVisitsResponseSchema.safeParse(scheduled.body).error).toBeUndefined();
    const visits = scheduled.body.items as Visit[];
    expect(visits.map((visit) => [visit.monthsAfter, visit.dueOn, visit.overdue])).toEqual([
      [3, monthsFrom(referenceDate, 3), true],
      [6, monthsFrom(referenceDate, 6), true],
      [12, monthsFrom(referenceDate, 12), false],
    ]);

    // The tasks belong to the case's assignee (not to the supervisor who scheduled them).
    const tasks = (await caseworker.get(`/api/cases/${created.id}/tasks`)).body.items as {
      id: string;
      title: string;
      dueOn: string;
      status: string;
      assignee: { id: string };
    }[];
    expect(tasks.map((task) => [task.title, task.dueOn, task.status, task.assignee.id])).toEqual([
      ['Follow-up visit at 3 months', monthsFrom(referenceDate, 3), 'open', harness.people.caseworker.id],
      ['Follow-up visit at 6 months', monthsFrom(referenceDate, 6), 'open', harness.people.caseworker.id],
      ['Follow-up visit at 12 months', monthsFrom(referenceDate, 12), 'open', harness.people.caseworker.id],
    ]);
    expect(visits.map((visit) => visit.taskId)).toEqual(tasks.map((task) => task.id));
    const myWork = (await caseworker.get('/api/my-work')).body as {
      overdueTasks: { caseReference: string; title: string }[];
    };
    expect(
      myWork.overdueTasks.filter((task) => task.caseReference === created.reference).map((task) => task.title),
    ).toEqual(['Follow-up visit at 3 months', 'Follow-up visit at 6 months']);
    expect(JSON.stringify(await rows('SELECT * FROM app.task WHERE case_id = $1', [created.id]))).not.toContain(
      'Follow-up visit',
    );

    // The same months again are refused, and nothing is written.
    const again = await caseworker.post(`/api/cases/${created.id}/reintegration/schedule`, {
      referenceDate,
      monthsAfter: [12, 24],
    });
    expect(again.status).toBe(409);
    expect(await rows('SELECT 1 FROM app.follow_up_visit WHERE case_id = $1', [created.id])).toHaveLength(3);
    expect(await rows('SELECT 1 FROM app.task WHERE case_id = $1', [created.id])).toHaveLength(3);
    const more = await caseworker.post(`/api/cases/${created.id}/reintegration/schedule`, {
      referenceDate,
      monthsAfter: [24],
    });
    expect(more.status).toBe(201);
    expect(more.body.items).toEqual([
      expect.objectContaining({ monthsAfter: 24, dueOn: monthsFrom(referenceDate, 24) }),
    ]);
  });

  it('records a visit with scores per dimension, marks its task done, and shows the score trend', async () => {
    const created = await newCase(caseworker);
    const referenceDate = monthsFrom(today(), -7);
    const visits = (
      await caseworker.post(`/api/cases/${created.id}/reintegration/schedule`, { referenceDate, monthsAfter: [3, 6] })
    ).body.items as Visit[];
    const [first, second] = visits as [Visit, Visit];

    const recorded = await caseworker.patch(`/api/cases/${created.id}/reintegration/visits/${first.id}`, {
      version: first.version,
      visitedOn: monthsFrom(referenceDate, 3),
      economicScore: 2,
      socialScore: 3,
      psychosocialScore: 4,
      notes: 'Stall opened; Visitnotes about family',
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({
      visitedOn: monthsFrom(referenceDate, 3),
      overdue: false,
      economicScore: 2,
      notes: 'Stall opened; Visitnotes about family',
      recordedBy: { id: harness.people.caseworker.id },
      version: 2,
    });
    await caseworker.patch(`/api/cases/${created.id}/reintegration/visits/${second.id}`, {
      version: 1,
      visitedOn: today(),
      economicScore: 4,
      socialScore: 4,
      psychosocialScore: 5,
    });

    const tasks = (await caseworker.get(`/api/cases/${created.id}/tasks`)).body.items as {
      id: string;
      status: string;
    }[];
    expect(tasks.map((task) => task.status)).toEqual(['done', 'done']);
    const myWork = (await caseworker.get('/api/my-work')).body as { overdueTasks: { caseReference: string }[] };
    expect(myWork.overdueTasks.map((task) => task.caseReference)).not.toContain(created.reference);

    const plan = (await caseworker.get(`/api/cases/${created.id}/reintegration`)).body;
    expect(reintegrationPlanSchema.safeParse(plan).error).toBeUndefined();
    expect(plan.scoreTrend).toEqual([
      {
        visitId: first.id,
        monthsAfter: 3,
        visitedOn: monthsFrom(referenceDate, 3),
        economic: 2,
        social: 3,
        psychosocial: 4,
        average: 3,
      },
      { visitId: second.id, monthsAfter: 6, visitedOn: today(), economic: 4, social: 4, psychosocial: 5, average: 4.3 },
    ]);
    expect(
      JSON.stringify(await rows('SELECT * FROM app.follow_up_visit WHERE case_id = $1', [created.id])),
    ).not.toContain('Visitnotes');

    // A stale correction is refused with the current version; a correct one keeps the task done.
    const stale = await caseworker.patch(`/api/cases/${created.id}/reintegration/visits/${first.id}`, {
      version: 1,
      visitedOn: today(),
      economicScore: 1,
      socialScore: 1,
      psychosocialScore: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    const history = await rows(
      "SELECT section, action FROM app.case_change WHERE case_id = $1 AND section IN ('reintegration', 'task') ORDER BY id",
      [created.id],
    );
    expect(history).toEqual(
      expect.arrayContaining([
        { section: 'reintegration', action: 'visit.recorded' },
        { section: 'task', action: 'updated' },
      ]),
    );
    expect(
      await rows("SELECT 1 FROM audit.event WHERE action = 'visit.recorded' AND subject_id = $1", [created.id]),
    ).toHaveLength(2);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const created = await newCase(caseworker);
    const visit = (
      (
        await caseworker.post(`/api/cases/${created.id}/reintegration/schedule`, {
          referenceDate: today(),
          monthsAfter: [3],
        })
      ).body.items as Visit[]
    )[0]!;
    const before = JSON.stringify([
      await rows('SELECT * FROM app.follow_up_visit WHERE case_id = $1', [created.id]),
      await rows('SELECT * FROM app.task WHERE case_id = $1', [created.id]),
    ]);
    const bad = await caseworker.patch(`/api/cases/${created.id}/reintegration/visits/${visit.id}`, {
      version: 1,
      visitedOn: '2999-01-01',
      economicScore: 6,
      socialScore: 0,
      psychosocialScore: 2.5,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'economicScore',
      'psychosocialScore',
      'socialScore',
      'visitedOn',
    ]);
    for (const body of [
      { referenceDate: 'soon' },
      { referenceDate: '0000-01-01' },
      { referenceDate: today(), monthsAfter: [] },
      { referenceDate: today(), monthsAfter: [3, 3] },
      { referenceDate: today(), monthsAfter: [0] },
    ]) {
      const response = await caseworker.post(`/api/cases/${created.id}/reintegration/schedule`, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    for (const body of [
      { dimension: 'spiritual', goal: 'x' },
      { dimension: 'social', goal: '' },
      { dimension: 'social', goal: 'x', extra: 1 },
    ]) {
      const response = await caseworker.post(`/api/cases/${created.id}/reintegration/goals`, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect(
      JSON.stringify([
        await rows('SELECT * FROM app.follow_up_visit WHERE case_id = $1', [created.id]),
        await rows('SELECT * FROM app.task WHERE case_id = $1', [created.id]),
      ]),
    ).toBe(before);
    expect(await rows('SELECT 1 FROM app.reintegration_goal WHERE case_id = $1', [created.id])).toHaveLength(0);
    expect(
      (
        await caseworker.patch(`/api/cases/${created.id}/reintegration/visits/00000000-0000-4000-8000-000000000000`, {
          version: 1,
          visitedOn: today(),
          economicScore: 3,
          socialScore: 3,
          psychosocialScore: 3,
        })
      ).status,
    ).toBe(404);
  });

  it('answers 404 outside the case’s scope', async () => {
    const created = await newCase(caseworker);
    const goal = (
      await caseworker.post(`/api/cases/${created.id}/reintegration/goals`, { dimension: 'social', goal: 'Housing' })
    ).body;
    const visit = (
      (await caseworker.post(`/api/cases/${created.id}/reintegration/schedule`, { referenceDate: today() })).body
        .items as Visit[]
    )[0]!;
    for (const outsider of [colleague, otherSupervisor, partner, manager, admin]) {
      expect((await outsider.get(`/api/cases/${created.id}/reintegration`)).status).toBe(404);
      expect(
        (await outsider.post(`/api/cases/${created.id}/reintegration/goals`, { dimension: 'social', goal: 'x' }))
          .status,
      ).toBe(404);
      expect(
        (
          await outsider.patch(`/api/cases/${created.id}/reintegration/goals/${goal.id}`, {
            version: 1,
            status: 'achieved',
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await outsider.post(`/api/cases/${created.id}/reintegration/schedule`, {
            referenceDate: today(),
            monthsAfter: [24],
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await outsider.patch(`/api/cases/${created.id}/reintegration/visits/${visit.id}`, {
            version: 1,
            visitedOn: today(),
            economicScore: 3,
            socialScore: 3,
            psychosocialScore: 3,
          })
        ).status,
      ).toBe(404);
    }
    const otherCase = await newCase(otherSupervisor);
    expect(
      (
        await otherSupervisor.patch(`/api/cases/${otherCase.id}/reintegration/goals/${goal.id}`, {
          version: 1,
          status: 'achieved',
        })
      ).status,
    ).toBe(404);
    expect((await supervisor.get(`/api/cases/${created.id}/reintegration`)).status).toBe(200);
  });
});
