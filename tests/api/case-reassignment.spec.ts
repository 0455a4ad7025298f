import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { reassignCasesResponseSchema } from '@haven/contracts';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('reassigning several cases at once', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor] = await Promise.all([harness.signInAs('caseworker'), harness.signInAs('supervisor')]);
  });
  afterAll(() => harness.close());

  const assigneesOf = async (ids: string[]) =>
    (
      await queryDatabase<{ id: string; assignee_id: string }>(
        harness.database.url,
        'SELECT id, assignee_id FROM app."case" WHERE id = ANY($1) ORDER BY id',
        [ids],
      )
    ).map((row) => row.assignee_id);
  const auditedAssignments = async (ids: string[]) =>
    (
      await queryDatabase<{ count: string }>(
        harness.database.url,
        `SELECT count(*) FROM audit.event WHERE action = 'case.assigned' AND subject_id = ANY($1)`,
        [ids],
      )
    )[0]!.count;

  it('moves every case to the colleague, with a history entry and an audit event for each', async () => {
    const cases = [await newCase(caseworker), await newCase(caseworker), await newCase(caseworker)];
    const ids = cases.map((entry) => entry.id);
    const colleague = harness.people.colleague.id;
    const answer = await supervisor.post('/api/cases/reassignment', { caseIds: ids, assigneeId: colleague });
    expect(answer.status).toBe(200);
    expect(reassignCasesResponseSchema.safeParse(answer.body).error).toBeUndefined();
    expect(answer.body.unchanged).toBe(0);
    expect(answer.body.reassigned.map((entry: { reference: string }) => entry.reference).sort()).toEqual(
      cases.map((entry) => entry.reference).sort(),
    );
    expect(await assigneesOf(ids)).toEqual([colleague, colleague, colleague]);
    expect(await auditedAssignments(ids)).toBe('3');
    for (const id of ids) {
      const history = (await supervisor.get(`/api/cases/${id}/history`)).body.items as {
        field: string;
        to: string | null;
      }[];
      expect(history.filter((entry) => entry.field === 'assignee').map((entry) => entry.to)).toEqual([
        'Test colleague',
      ]);
    }
    // The colleague now has them; the first caseworker no longer can change them.
    const colleagueSession = await harness.signInAs('colleague');
    expect((await colleagueSession.get(`/api/cases/${ids[0]}`)).status).toBe(200);
    // Again to the same person: nothing changes, nothing more is audited.
    const again = await supervisor.post('/api/cases/reassignment', { caseIds: ids, assigneeId: colleague });
    expect(again.body).toEqual({ reassigned: [], unchanged: 3 });
    expect(await auditedAssignments(ids)).toBe('3');
  });

  it('answers 404 for the whole request when one case is outside the scope, and writes nothing', async () => {
    const mine = [await newCase(caseworker), await newCase(caseworker)];
    const theirs = await newCase(await harness.signInAs('otherCaseworker'));
    const ids = [...mine.map((entry) => entry.id), theirs.id];
    const before = await assigneesOf(ids);
    const refused = await supervisor.post('/api/cases/reassignment', {
      caseIds: ids,
      assigneeId: harness.people.colleague.id,
    });
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain(theirs.id);
    expect(await assigneesOf(ids)).toEqual(before);
    expect(await auditedAssignments(ids)).toBe('0');
    // An id that exists nowhere answers the same.
    const unknown = await supervisor.post('/api/cases/reassignment', {
      caseIds: [mine[0]!.id, '00000000-0000-4000-8000-00000000dead'],
      assigneeId: harness.people.colleague.id,
    });
    expect(unknown.status).toBe(404);
    expect(await assigneesOf(ids)).toEqual(before);
  });

  it('refuses a caseworker of another organisation, a caseworker asking, and bad lists, naming the field', async () => {
    const cases = [await newCase(caseworker), await newCase(caseworker)];
    const ids = cases.map((entry) => entry.id);
    const before = await assigneesOf(ids);
    const elsewhere = await supervisor.post('/api/cases/reassignment', {
      caseIds: ids,
      assigneeId: harness.people.otherCaseworker.id,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors.map((error: { field: string }) => error.field)).toEqual(['assigneeId']);
    expect(
      (await caseworker.post('/api/cases/reassignment', { caseIds: ids, assigneeId: harness.people.colleague.id }))
        .status,
    ).toBe(403);
    const twice = await supervisor.post('/api/cases/reassignment', {
      caseIds: [ids[0], ids[0]],
      assigneeId: harness.people.colleague.id,
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors.map((error: { field: string }) => error.field)).toEqual(['caseIds']);
    const none = await supervisor.post('/api/cases/reassignment', {
      caseIds: [],
      assigneeId: harness.people.colleague.id,
    });
    expect(none.status).toBe(400);
    expect(await assigneesOf(ids)).toEqual(before);
    expect(await auditedAssignments(ids)).toBe('0');
  });

  it('lets reassignments of the same cases in opposite orders run at once without a deadlock', async () => {
    const cases = await Promise.all([
      newCase(caseworker),
      newCase(caseworker),
      newCase(caseworker),
      newCase(caseworker),
    ]);
    const ids = cases.map((entry) => entry.id);
    const people = [harness.people.colleague.id, harness.people.caseworker.id];
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        supervisor.post('/api/cases/reassignment', {
          caseIds: index % 2 ? [...ids].reverse() : ids,
          assigneeId: people[index % 2],
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    // All or none: whoever applied last, every case has the same assignee.
    expect(new Set(await assigneesOf(ids)).size).toBe(1);
  });
});
