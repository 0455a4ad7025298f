import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defineAbilityFor } from '@haven/access';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import type { Caller } from '../../apps/api/src/core/auth/caller.js';
import { runAsOrganisation } from '../../apps/api/src/core/request-context/database-scope.js';
import { TasksService } from '../../apps/api/src/modules/tasks/tasks.service.js';
import { startTestApp, type TestApp, type TestPerson } from '../support/test-app.js';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const daysFromToday = (days: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

describe('tasks and follow-ups', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let colleagueCaseId: string;

  const addTask = async (caseId: string, body: Record<string, unknown>, session: HttpSession = caseworker) => {
    const response = await session.post(`/api/cases/${caseId}/tasks`, body);
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number; caseId: string };
  };
  const taskRows = (caseId: string) =>
    queryDatabase<{ n: number }>(harness.database.url, 'SELECT count(*)::int AS n FROM app.task WHERE case_id = $1', [
      caseId,
    ]);
  /** The service as a signed-in person would call it (for "my work"). */
  const callerFor = (person: TestPerson, role: 'caseworker' | 'supervisor'): Caller => {
    const actor = {
      id: harness.people[person].id,
      role,
      organisationId: harness.people[person].organisationId,
      team: null,
      email: harness.people[person].email,
      displayName: '',
      sessionId: 's',
      csrfToken: 'c',
    };
    return { actor, ability: defineAbilityFor(actor), address: '127.0.0.1' };
  };

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, colleague, supervisor, otherSupervisor] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('colleague'),
      harness.signInAs('supervisor'),
      harness.signInAs('otherSupervisor'),
    ]);
    colleagueCaseId = (await newCase(colleague)).id;
  });
  afterAll(() => harness.close());

  it('adds a task due on a day, assigned to the caller unless someone else is named', async () => {
    const caseId = (await newCase(caseworker)).id;
    const reference = (await caseworker.get(`/api/cases/${caseId}`)).body.reference;
    const own = await caseworker.post(`/api/cases/${caseId}/tasks`, {
      title: 'Book a medical check-up',
      dueOn: daysFromToday(3),
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      caseId,
      caseReference: reference,
      title: 'Book a medical check-up',
      dueOn: daysFromToday(3),
      overdue: false,
      status: 'open',
      assignee: { id: harness.people.caseworker.id, displayName: 'Test caseworker' },
      version: 1,
    });
    const forColleague = await caseworker.post(`/api/cases/${caseId}/tasks`, {
      title: 'Cover the Tuesday visit',
      dueOn: daysFromToday(1),
      assigneeId: harness.people.colleague.id,
    });
    expect(forColleague.status).toBe(201);
    expect(forColleague.body.assignee).toEqual({ id: harness.people.colleague.id, displayName: 'Test colleague' });
    const bySupervisor = await supervisor.post(`/api/cases/${caseId}/tasks`, {
      title: 'Review the plan',
      dueOn: daysFromToday(-2),
      assigneeId: harness.people.caseworker.id,
    });
    expect(bySupervisor.status).toBe(201);
    expect(bySupervisor.body.overdue).toBe(true);
    expect((await caseworker.get(`/api/cases/${caseId}`)).body.openTasks).toBe(3);
  });

  it('accepts only an active caseworker or supervisor of the case’s organisation as assignee', async () => {
    const caseId = (await newCase(caseworker)).id;
    for (const assigneeId of [
      harness.people.otherCaseworker.id,
      harness.people.partner.id,
      harness.people.admin.id,
      NO_SUCH_ID,
    ]) {
      const response = await caseworker.post(`/api/cases/${caseId}/tasks`, {
        title: 'Someone else',
        dueOn: daysFromToday(1),
        assigneeId,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['assigneeId']);
    }
    expect(await taskRows(caseId)).toEqual([{ n: 0 }]);
    const task = await addTask(caseId, { title: 'Mine', dueOn: daysFromToday(1) });
    const moved = await caseworker.patch(`/api/cases/${caseId}/tasks/${task.id}`, {
      version: 1,
      assigneeId: harness.people.otherCaseworker.id,
    });
    expect(moved.status).toBe(400);
    expect(moved.body.errors.map((error: { field: string }) => error.field)).toEqual(['assigneeId']);
  });

  it('lists a case’s tasks, open ones first by due date, with the overdue flag', async () => {
    const caseId = (await newCase(caseworker)).id;
    const later = await addTask(caseId, { title: 'Later', dueOn: daysFromToday(10) });
    const late = await addTask(caseId, { title: 'Late', dueOn: daysFromToday(-1) });
    const done = await addTask(caseId, { title: 'Done already', dueOn: daysFromToday(-5) });
    await caseworker.patch(`/api/cases/${caseId}/tasks/${done.id}`, { version: 1, status: 'done' });
    const list = await caseworker.get(`/api/cases/${caseId}/tasks`);
    expect(list.status).toBe(200);
    expect(
      list.body.items.map((item: { id: string; overdue: boolean; title: string }) => [item.title, item.overdue]),
    ).toEqual([
      ['Late', true],
      ['Later', false],
      ['Done already', false],
    ]);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([late.id, later.id, done.id]);
  });

  it('marks a task done (recording when), changes it from the current version, and answers 409 on a stale one', async () => {
    const caseId = (await newCase(caseworker)).id;
    const task = await addTask(caseId, { title: 'Call the embassy', dueOn: daysFromToday(2) });
    const done = await caseworker.patch(`/api/cases/${caseId}/tasks/${task.id}`, { version: 1, status: 'done' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', version: 2, overdue: false });
    const [row] = await queryDatabase<{ completed_at: Date | null }>(
      harness.database.url,
      'SELECT completed_at FROM app.task WHERE id = $1',
      [task.id],
    );
    expect(row!.completed_at).toBeInstanceOf(Date);
    expect((await caseworker.get(`/api/cases/${caseId}`)).body.openTasks).toBe(0);

    const stale = await caseworker.patch(`/api/cases/${caseId}/tasks/${task.id}`, { version: 1, status: 'open' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);

    const reopened = await caseworker.patch(`/api/cases/${caseId}/tasks/${task.id}`, {
      version: 2,
      status: 'open',
      title: 'Call the embassy again',
      dueOn: daysFromToday(4),
      assigneeId: harness.people.supervisor.id,
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({
      status: 'open',
      title: 'Call the embassy again',
      dueOn: daysFromToday(4),
      assignee: { id: harness.people.supervisor.id },
      version: 3,
    });
    const [after] = await queryDatabase<{ completed_at: Date | null }>(
      harness.database.url,
      'SELECT completed_at FROM app.task WHERE id = $1',
      [task.id],
    );
    expect(after!.completed_at).toBeNull();
  });

  it('stores the title sealed: the raw table holds no plaintext', async () => {
    const caseId = (await newCase(caseworker)).id;
    const task = await addTask(caseId, { title: 'Visit Thornbury family', dueOn: daysFromToday(1) });
    await caseworker.patch(`/api/cases/${caseId}/tasks/${task.id}`, {
      version: 1,
      title: 'Visit Thornbury family at noon',
    });
    const rows = await queryDatabase<{ sealed_title: Buffer }>(
      harness.database.url,
      'SELECT * FROM app.task WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sealed_title.includes(Buffer.from('Thornbury'))).toBe(false);
    expect(rows[0]!.sealed_title.toString('latin1')).not.toMatch(/Thornbury|Visit/i);
    expect(JSON.stringify(rows)).not.toContain('Thornbury');
  });

  it('answers bad input with 400 and field errors, and writes nothing', async () => {
    const caseId = (await newCase(caseworker)).id;
    for (const [body, field] of [
      [{ title: '', dueOn: daysFromToday(1) }, 'title'],
      [{ title: 'x'.repeat(301), dueOn: daysFromToday(1) }, 'title'],
      [{ title: 'Something' }, 'dueOn'],
      [{ title: 'Something', dueOn: 'next week' }, 'dueOn'],
      [{ title: 'Something', dueOn: daysFromToday(1), assigneeId: 'me' }, 'assigneeId'],
    ] as [Record<string, unknown>, string][]) {
      const response = await caseworker.post(`/api/cases/${caseId}/tasks`, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(
      (
        await caseworker.post(`/api/cases/${caseId}/tasks`, {
          title: 'Something',
          dueOn: daysFromToday(1),
          priority: 'high',
        })
      ).status,
    ).toBe(400);
    expect(await taskRows(caseId)).toEqual([{ n: 0 }]);

    const task = await addTask(caseId, { title: 'Original', dueOn: daysFromToday(1) });
    for (const [body, field] of [
      [{ status: 'done' }, 'version'],
      [{ version: 1, status: 'paused' }, 'status'],
      [{ version: 1, title: '' }, 'title'],
      [{ version: 1, dueOn: '2025-02-30' }, 'dueOn'],
    ] as [Record<string, unknown>, string][]) {
      const response = await caseworker.patch(`/api/cases/${caseId}/tasks/${task.id}`, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/tasks/not-a-uuid`, { version: 1, status: 'done' })).status,
    ).toBe(400);
    expect((await caseworker.get(`/api/cases/${caseId}/tasks`)).body.items).toEqual([
      expect.objectContaining({ title: 'Original', status: 'open', version: 1 }),
    ]);
  });

  it('answers 404 for a case outside the caller’s scope, and for a task of another case', async () => {
    const caseId = (await newCase(caseworker)).id;
    const own = await addTask(caseId, { title: 'Own', dueOn: daysFromToday(1) });
    const colleagues = await addTask(colleagueCaseId, { title: 'Colleague', dueOn: daysFromToday(1) }, colleague);
    const body = { title: 'Intruding', dueOn: daysFromToday(1) };
    expect((await caseworker.get(`/api/cases/${colleagueCaseId}/tasks`)).status).toBe(404);
    expect((await caseworker.post(`/api/cases/${colleagueCaseId}/tasks`, body)).status).toBe(404);
    expect(
      (await caseworker.patch(`/api/cases/${colleagueCaseId}/tasks/${colleagues.id}`, { version: 1, status: 'done' }))
        .status,
    ).toBe(404);
    expect((await otherSupervisor.get(`/api/cases/${caseId}/tasks`)).status).toBe(404);
    expect((await otherSupervisor.post(`/api/cases/${caseId}/tasks`, body)).status).toBe(404);
    expect(
      (await otherSupervisor.patch(`/api/cases/${caseId}/tasks/${own.id}`, { version: 1, status: 'done' })).status,
    ).toBe(404);
    for (const person of ['partner', 'manager', 'admin'] as const) {
      const session = await harness.signInAs(person);
      expect((await session.get(`/api/cases/${caseId}/tasks`)).status).toBe(404);
      expect((await session.post(`/api/cases/${caseId}/tasks`, body)).status).toBe(404);
      expect((await session.patch(`/api/cases/${caseId}/tasks/${own.id}`, { version: 1, status: 'done' })).status).toBe(
        404,
      );
    }
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/tasks/${colleagues.id}`, { version: 1, status: 'done' })).status,
    ).toBe(404);
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/tasks/${NO_SUCH_ID}`, { version: 1, status: 'done' })).status,
    ).toBe(404);
    expect(await taskRows(caseId)).toEqual([{ n: 1 }]);
    const statuses = await queryDatabase<{ status: string }>(
      harness.database.url,
      'SELECT status FROM app.task WHERE id = ANY($1)',
      [[own.id, colleagues.id]],
    );
    expect(statuses).toEqual([{ status: 'open' }, { status: 'open' }]);
  });

  it('records additions and changes in the case history and the audit log, never the title', async () => {
    const caseId = (await newCase(caseworker)).id;
    const task = await addTask(caseId, { title: 'Accompany to Larkspur court', dueOn: daysFromToday(5) });
    await caseworker.patch(`/api/cases/${caseId}/tasks/${task.id}`, {
      version: 1,
      title: 'Accompany to Larkspur court hearing',
      status: 'done',
    });
    const history = (await caseworker.get(`/api/cases/${caseId}/history`)).body.items as { section: string }[];
    expect(history.filter((entry) => entry.section === 'task')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'added', field: 'dueOn', to: daysFromToday(5) }),
        expect.objectContaining({ action: 'updated', field: 'title', from: null, to: null }),
        expect.objectContaining({ action: 'updated', field: 'status', from: 'open', to: 'done' }),
      ]),
    );
    expect(JSON.stringify(history)).not.toContain('Larkspur');
    const audit = await queryDatabase<{ action: string; actor_user_id: string }>(
      harness.database.url,
      "SELECT action, actor_user_id FROM audit.event WHERE subject_id = $1 AND action LIKE 'task.%' ORDER BY id",
      [caseId],
    );
    expect(audit).toEqual([
      { action: 'task.added', actor_user_id: harness.people.caseworker.id },
      { action: 'task.updated', actor_user_id: harness.people.caseworker.id },
    ]);
  });

  it('keeps a closed case read-only: adding and changing answer 409, reading still works', async () => {
    const caseId = (await newCase(caseworker)).id;
    const task = await addTask(caseId, { title: 'Before closure', dueOn: daysFromToday(1) });
    const version = (await supervisor.get(`/api/cases/${caseId}`)).body.version;
    expect(
      (await supervisor.post(`/api/cases/${caseId}/closure`, { version, reason: 'goalsAchieved' })).body.status,
    ).toBe('Closed');
    expect(
      (await caseworker.post(`/api/cases/${caseId}/tasks`, { title: 'After closure', dueOn: daysFromToday(1) })).status,
    ).toBe(409);
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/tasks/${task.id}`, { version: 1, status: 'done' })).status,
    ).toBe(409);
    expect((await caseworker.get(`/api/cases/${caseId}/tasks`)).body.items).toEqual([
      expect.objectContaining({ title: 'Before closure', status: 'open' }),
    ]);
  });

  it('gives a caseworker their overdue and upcoming open tasks across the cases they can still read', async () => {
    const first = (await newCase(caseworker)).id;
    const second = (await newCase(caseworker)).id;
    const closing = (await newCase(caseworker)).id;
    const overdue = await addTask(first, { title: 'Overdue visit', dueOn: daysFromToday(-3) });
    const dueToday = await addTask(second, { title: 'Due today', dueOn: daysFromToday(0) });
    const thisWeek = await addTask(first, { title: 'This week', dueOn: daysFromToday(6) });
    const nextMonth = await addTask(second, { title: 'Next month', dueOn: daysFromToday(30) });
    const finished = await addTask(first, { title: 'Finished late', dueOn: daysFromToday(-10) });
    await caseworker.patch(`/api/cases/${first}/tasks/${finished.id}`, { version: 1, status: 'done' });
    const someoneElses = await addTask(first, {
      title: 'For the colleague',
      dueOn: daysFromToday(-1),
      assigneeId: harness.people.colleague.id,
    });
    // Assigned to the caseworker on a case they cannot read: it does not reach them.
    const unreadable = await addTask(
      colleagueCaseId,
      { title: 'Not for their eyes', dueOn: daysFromToday(-1), assigneeId: harness.people.caseworker.id },
      supervisor,
    );
    // Tasks of a closed case cannot be worked on any more.
    const onClosed = await addTask(closing, { title: 'On a closed case', dueOn: daysFromToday(-1) });
    const version = (await supervisor.get(`/api/cases/${closing}`)).body.version;
    await supervisor.post(`/api/cases/${closing}/closure`, { version, reason: 'goalsAchieved' });

    const tasks = harness.app.get(TasksService);
    // Called as a request would be: inside the caller's organisation (row-level security).
    const forAssignee = (caller: Caller, filter: Parameters<TasksService['forAssignee']>[1]) =>
      runAsOrganisation(caller.actor.organisationId, () => tasks.forAssignee(caller, filter), caller.actor.id);
    const me = callerFor('caseworker', 'caseworker');
    const ids = (list: { id: string }[]) => list.map((task) => task.id);
    const mine = (list: { id: string; caseId: string }[]) =>
      ids(list.filter((task) => [first, second, closing, colleagueCaseId].includes(task.caseId)));

    const overdueTasks = await forAssignee(me, { overdue: true });
    expect(mine(overdueTasks)).toEqual([overdue.id]);
    expect(
      overdueTasks.every(
        (task) => task.overdue && task.status === 'open' && task.assignee.id === harness.people.caseworker.id,
      ),
    ).toBe(true);
    expect(overdueTasks.find((task) => task.id === overdue.id)).toMatchObject({
      title: 'Overdue visit',
      caseId: first,
      caseReference: expect.stringMatching(/^HV-/),
    });

    expect(mine(await forAssignee(me, { dueWithinDays: 7 }))).toEqual([dueToday.id, thisWeek.id]);
    expect(mine(await forAssignee(me, { overdue: false }))).toEqual([dueToday.id, thisWeek.id, nextMonth.id]);

    for (const hidden of [finished.id, someoneElses.id, unreadable.id, onClosed.id]) {
      expect(ids(await forAssignee(me, { overdue: true }))).not.toContain(hidden);
    }
    // The supervisor reads every case of the organisation, so a task assigned to them anywhere in it reaches them.
    const supervisorTask = await addTask(
      colleagueCaseId,
      { title: 'Supervisor follow-up', dueOn: daysFromToday(-1), assigneeId: harness.people.supervisor.id },
      supervisor,
    );
    expect(ids(await forAssignee(callerFor('supervisor', 'supervisor'), { overdue: true }))).toContain(
      supervisorTask.id,
    );
    expect(await forAssignee(callerFor('otherSupervisor', 'supervisor'), { overdue: true })).toEqual([]);

    // In team mode the caseworker also reads the team's non-sensitive cases, and so gets their tasks there.
    await queryDatabase(harness.database.url, `UPDATE app."case" SET team = 'night', sensitive = false WHERE id = $1`, [
      colleagueCaseId,
    ]);
    const onNightShift: Caller = {
      ...me,
      actor: { ...me.actor, team: 'night' },
      ability: defineAbilityFor({ ...me.actor, team: 'night' }),
    };
    expect(ids(await forAssignee(onNightShift, { overdue: true }))).toEqual(
      expect.arrayContaining([overdue.id, unreadable.id]),
    );
    await queryDatabase(harness.database.url, `UPDATE app."case" SET sensitive = true WHERE id = $1`, [
      colleagueCaseId,
    ]);
    expect(ids(await forAssignee(onNightShift, { overdue: true }))).not.toContain(unreadable.id);
  });
});
