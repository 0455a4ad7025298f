import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('case notes', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let colleagueCaseId: string;

  const addNote = async (caseId: string, body: string, session: HttpSession = caseworker) => {
    const response = await session.post(`/api/cases/${caseId}/notes`, { body });
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number; createdAt: string };
  };
  const noteRows = (caseId: string) =>
    queryDatabase<{ n: number }>(
      harness.database.url,
      'SELECT count(*)::int AS n FROM app.case_note WHERE case_id = $1',
      [caseId],
    );
  /** Moves a note's creation back in time, as if it had been written `minutes` ago. */
  const ageNote = (noteId: string, minutes: number) =>
    queryDatabase(
      harness.database.url,
      `UPDATE app.case_note SET created_at = now() - make_interval(mins => $2) WHERE id = $1`,
      [noteId, minutes],
    );

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

  it('adds a note with its author and time, editable for 15 minutes', async () => {
    const caseId = (await newCase(caseworker)).id;
    const response = await caseworker.post(`/api/cases/${caseId}/notes`, {
      body: '  Met at the shelter; she asked about her sister.  ',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      body: 'Met at the shelter; she asked about her sister.',
      author: { id: harness.people.caseworker.id, displayName: 'Test caseworker' },
      editedAt: null,
      version: 1,
    });
    const window = new Date(response.body.editableUntil).getTime() - new Date(response.body.createdAt).getTime();
    expect(window).toBe(15 * 60 * 1000);
  });

  it('lists notes newest first, page by page', async () => {
    const caseId = (await newCase(caseworker)).id;
    const first = await addNote(caseId, 'First visit');
    const second = await addNote(caseId, 'Second visit', supervisor);
    const third = await addNote(caseId, 'Third visit');

    const all = await caseworker.get(`/api/cases/${caseId}/notes`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 25, total: 3 });
    expect(all.body.items.map((item: { body: string }) => item.body)).toEqual([
      'Third visit',
      'Second visit',
      'First visit',
    ]);
    expect(all.body.items[1].author.id).toBe(harness.people.supervisor.id);

    const page = await caseworker.get(`/api/cases/${caseId}/notes?page=2&pageSize=2`);
    expect(page.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual([first.id]);
    expect(
      (await caseworker.get(`/api/cases/${caseId}/notes?pageSize=2`)).body.items.map((item: { id: string }) => item.id),
    ).toEqual([third.id, second.id]);
    expect((await caseworker.get(`/api/cases/${caseId}/notes?pageSize=500`)).status).toBe(400);
    expect((await caseworker.get(`/api/cases/${caseId}/notes?sort=oldest`)).status).toBe(400);
  });

  it('stores the body sealed: the raw table holds no plaintext', async () => {
    const caseId = (await newCase(caseworker)).id;
    await addNote(caseId, 'Disclosed a debt to Marrowgate recruiters');
    const rows = await queryDatabase<{ sealed_body: Buffer }>(
      harness.database.url,
      'SELECT * FROM app.case_note WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sealed_body.includes(Buffer.from('Marrowgate'))).toBe(false);
    expect(rows[0]!.sealed_body.toString('latin1')).not.toMatch(/Marrowgate|recruiters/i);
    expect(JSON.stringify(rows)).not.toContain('Marrowgate');
  });

  it('lets the author correct their note within the window, from the current version', async () => {
    const caseId = (await newCase(caseworker)).id;
    const note = await addNote(caseId, 'Spoke with her mohter');
    const edited = await caseworker.patch(`/api/cases/${caseId}/notes/${note.id}`, {
      body: 'Spoke with her mother',
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      id: note.id,
      body: 'Spoke with her mother',
      version: 2,
      createdAt: note.createdAt,
    });
    expect(edited.body.editedAt).not.toBeNull();

    const stale = await caseworker.patch(`/api/cases/${caseId}/notes/${note.id}`, {
      body: 'Overwriting with an old copy',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    const list = await caseworker.get(`/api/cases/${caseId}/notes`);
    expect(list.body.items.map((item: { body: string }) => item.body)).toEqual(['Spoke with her mother']);
  });

  it('refuses edits by anyone but the author, with 403', async () => {
    const caseId = (await newCase(caseworker)).id;
    const note = await addNote(caseId, 'Written by the caseworker');
    const bySupervisor = await supervisor.patch(`/api/cases/${caseId}/notes/${note.id}`, {
      body: 'Changed by the supervisor',
      version: 1,
    });
    expect(bySupervisor.status).toBe(403);
    expect(bySupervisor.body.detail).toMatch(/only the author/i);
    expect((await caseworker.get(`/api/cases/${caseId}/notes`)).body.items[0]).toMatchObject({
      body: 'Written by the caseworker',
      version: 1,
      editedAt: null,
    });
  });

  it('closes the edit window 15 minutes after writing, with 409', async () => {
    const caseId = (await newCase(caseworker)).id;
    const note = await addNote(caseId, 'Written a while ago');
    await ageNote(note.id, 14);
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/notes/${note.id}`, { body: 'Still in time', version: 1 })).status,
    ).toBe(200);
    await ageNote(note.id, 16);
    const late = await caseworker.patch(`/api/cases/${caseId}/notes/${note.id}`, { body: 'Too late', version: 2 });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/edit window has closed/i);
    const rows = await queryDatabase<{ version: number }>(
      harness.database.url,
      'SELECT version FROM app.case_note WHERE id = $1',
      [note.id],
    );
    expect(rows).toEqual([{ version: 2 }]);
    expect((await caseworker.get(`/api/cases/${caseId}/notes`)).body.items[0].body).toBe('Still in time');
  });

  it('never deletes a note: there is no route for it', async () => {
    const caseId = (await newCase(caseworker)).id;
    const note = await addNote(caseId, 'Stays forever');
    expect((await caseworker.delete(`/api/cases/${caseId}/notes/${note.id}`)).status).toBe(404);
    expect(await noteRows(caseId)).toEqual([{ n: 1 }]);
  });

  it('answers bad input with 400 and field errors, and writes nothing', async () => {
    const caseId = (await newCase(caseworker)).id;
    const note = await addNote(caseId, 'Original');
    for (const [body, field] of [
      [{ body: '' }, 'body'],
      [{ body: '   ' }, 'body'],
      [{ body: 'x'.repeat(10_001) }, 'body'],
      [{ body: 42 }, 'body'],
      [{}, 'body'],
    ] as [Record<string, unknown>, string][]) {
      const response = await caseworker.post(`/api/cases/${caseId}/notes`, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect((await caseworker.post(`/api/cases/${caseId}/notes`, { body: 'ok', pinned: true })).status).toBe(400);
    for (const [body, field] of [
      [{ body: 'Changed' }, 'version'],
      [{ body: 'Changed', version: 0 }, 'version'],
      [{ body: '', version: 1 }, 'body'],
    ] as [Record<string, unknown>, string][]) {
      const response = await caseworker.patch(`/api/cases/${caseId}/notes/${note.id}`, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/notes/not-a-uuid`, { body: 'Changed', version: 1 })).status,
    ).toBe(400);
    expect(await noteRows(caseId)).toEqual([{ n: 1 }]);
    expect((await caseworker.get(`/api/cases/${caseId}/notes`)).body.items[0]).toMatchObject({
      body: 'Original',
      version: 1,
    });
  });

  it('answers 404 for a case outside the caller’s scope, and for a note of another case', async () => {
    const caseId = (await newCase(caseworker)).id;
    const own = await addNote(caseId, 'Own note');
    const colleagues = await addNote(colleagueCaseId, 'Colleague note', colleague);
    expect((await caseworker.get(`/api/cases/${colleagueCaseId}/notes`)).status).toBe(404);
    expect((await caseworker.post(`/api/cases/${colleagueCaseId}/notes`, { body: 'Intruding' })).status).toBe(404);
    expect(
      (
        await caseworker.patch(`/api/cases/${colleagueCaseId}/notes/${colleagues.id}`, {
          body: 'Intruding',
          version: 1,
        })
      ).status,
    ).toBe(404);
    expect((await otherSupervisor.get(`/api/cases/${caseId}/notes`)).status).toBe(404);
    expect((await otherSupervisor.post(`/api/cases/${caseId}/notes`, { body: 'Intruding' })).status).toBe(404);
    expect(
      (await otherSupervisor.patch(`/api/cases/${caseId}/notes/${own.id}`, { body: 'Intruding', version: 1 })).status,
    ).toBe(404);
    for (const person of ['partner', 'manager', 'admin'] as const) {
      const session = await harness.signInAs(person);
      expect((await session.get(`/api/cases/${caseId}/notes`)).status).toBe(404);
      expect((await session.post(`/api/cases/${caseId}/notes`, { body: 'Intruding' })).status).toBe(404);
      expect(
        (await session.patch(`/api/cases/${caseId}/notes/${own.id}`, { body: 'Intruding', version: 1 })).status,
      ).toBe(404);
    }
    // The caseworker's own case, with a note id from another case.
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/notes/${colleagues.id}`, { body: 'Intruding', version: 1 })).status,
    ).toBe(404);
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/notes/${NO_SUCH_ID}`, { body: 'Intruding', version: 1 })).status,
    ).toBe(404);
    expect(await noteRows(caseId)).toEqual([{ n: 1 }]);
    expect(
      (await colleague.get(`/api/cases/${colleagueCaseId}/notes`)).body.items.map(
        (item: { body: string }) => item.body,
      ),
    ).toEqual(['Colleague note']);
  });

  it('records additions and edits in the case history and the audit log, without the text', async () => {
    const caseId = (await newCase(caseworker)).id;
    const note = await addNote(caseId, 'Mentions Ravensholt');
    await caseworker.patch(`/api/cases/${caseId}/notes/${note.id}`, { body: 'Mentions Ravensholt twice', version: 1 });
    const history = (await caseworker.get(`/api/cases/${caseId}/history`)).body.items as { section: string }[];
    expect(history.filter((entry) => entry.section === 'note')).toEqual([
      expect.objectContaining({
        action: 'edited',
        field: null,
        from: null,
        to: null,
        comment: null,
        actor: expect.objectContaining({ id: harness.people.caseworker.id }),
      }),
      expect.objectContaining({ action: 'added', field: null, from: null, to: null, comment: null }),
    ]);
    expect(JSON.stringify(history)).not.toContain('Ravensholt');
    const audit = await queryDatabase<{ action: string; actor_user_id: string }>(
      harness.database.url,
      "SELECT action, actor_user_id FROM audit.event WHERE subject_id = $1 AND action LIKE 'note.%' ORDER BY id",
      [caseId],
    );
    expect(audit).toEqual([
      { action: 'note.added', actor_user_id: harness.people.caseworker.id },
      { action: 'note.edited', actor_user_id: harness.people.caseworker.id },
    ]);
  });

  it('keeps a closed case read-only: adding and editing answer 409, reading still works', async () => {
    const caseId = (await newCase(caseworker)).id;
    const note = await addNote(caseId, 'Before closure');
    const version = (await supervisor.get(`/api/cases/${caseId}`)).body.version;
    expect(
      (await supervisor.post(`/api/cases/${caseId}/closure`, { version, reason: 'goalsAchieved' })).body.status,
    ).toBe('Closed');
    expect((await caseworker.post(`/api/cases/${caseId}/notes`, { body: 'After closure' })).status).toBe(409);
    expect(
      (await caseworker.patch(`/api/cases/${caseId}/notes/${note.id}`, { body: 'Edited after closure', version: 1 }))
        .status,
    ).toBe(409);
    const list = await caseworker.get(`/api/cases/${caseId}/notes`);
    expect(list.body.items.map((item: { body: string }) => item.body)).toEqual(['Before closure']);
  });
});
