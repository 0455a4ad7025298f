import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseDetailSchema, myWorkSchema } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The survivor's name beyond the case list (docs/architecture.md, "Names in lists"): the case header,
 * task rows and "my work" follow the case list's one rule — the first alias or else the given name, to
 * those who may read that case's identity, when the organisation shows names, never for a sensitive case
 * until it is revealed — and every name shown is audited on its case.
 */
describe('names on the case header, task rows and my work', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  const settings = () => `/api/organisations/${harness.organisations.shelterA}/settings`;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    harness = await startTestApp();
    // Team mode: the colleague reads her team's cases but not their identities.
    await queryDatabase(harness.database.url, 'UPDATE app.organisation SET team_mode = true WHERE id = $1', [
      harness.organisations.shelterA,
    ]);
    await queryDatabase(harness.database.url, `UPDATE app."user" SET team = 'night' WHERE id = ANY($1)`, [
      [harness.people.caseworker.id, harness.people.colleague.id],
    ]);
    [caseworker, colleague, supervisor] = await Promise.all(
      (['caseworker', 'colleague', 'supervisor'] as const).map((person) => harness.signInAs(person)),
    );
  });
  afterAll(() => harness.close());

  const register = async (person: Record<string, unknown>) => {
    const response = await caseworker.post('/api/cases', registration(person));
    expect(response.status).toBe(201);
    return response.body as { id: string; reference: string; version: number };
  };
  const addTask = async (caseId: string, assigneeId: string) => {
    const response = await caseworker.post(`/api/cases/${caseId}/tasks`, {
      title: 'Call the lawyer',
      dueOn: inDays(2),
      assigneeId,
    });
    expect(response.status).toBe(201);
  };
  const header = async (session: HttpSession, caseId: string) => {
    const response = await session.get(`/api/cases/${caseId}`);
    expect(response.status).toBe(200);
    const detail = caseDetailSchema.parse(response.body);
    return { shownName: detail.shownName, nameHidden: detail.nameHidden };
  };
  const myWork = async (session: HttpSession) => {
    const response = await session.get('/api/my-work');
    expect(response.status).toBe(200);
    return { body: myWorkSchema.parse(response.body), text: JSON.stringify(response.body) };
  };
  const taskNames = (work: { tasksDueThisWeek: { caseId: string; caseName: string | null }[] }, caseId: string) =>
    work.tasksDueThisWeek.filter((task) => task.caseId === caseId).map((task) => task.caseName);
  const listedBy = async (caseId: string) =>
    (
      await queryDatabase<{ actor_user_id: string }>(
        harness.database.url,
        `SELECT actor_user_id FROM audit.event WHERE action = 'case.identity.listed' AND subject_id = $1 ORDER BY id`,
        [caseId],
      )
    ).map((row) => row.actor_user_id);

  it('shows the alias or given name to those who may read the identity, and never sends it to anyone else', async () => {
    const aliased = await register({ givenName: 'Amaraech', familyName: 'Headerton', aliases: ['Mimi'] });
    const plain = await register({ givenName: 'Selamawit', familyName: 'Headerton' });
    const sensitive = await register({ givenName: 'Concealia', familyName: 'Headerton', sensitive: true });
    await addTask(aliased.id, harness.people.caseworker.id);
    await addTask(aliased.id, harness.people.colleague.id);
    await addTask(plain.id, harness.people.caseworker.id);
    await addTask(sensitive.id, harness.people.caseworker.id);
    await caseworker.post(`/api/cases/${plain.id}/closure`, { version: plain.version, reason: 'goalsAchieved' });

    // Off by default: references only, and no identity opened.
    expect(await header(caseworker, aliased.id)).toEqual({ shownName: null, nameHidden: false });
    expect(taskNames((await myWork(caseworker)).body, aliased.id)).toEqual([null]);
    expect(await listedBy(aliased.id)).toEqual([]);

    expect((await supervisor.patch(settings(), { listsShowNames: true })).status).toBe(200);
    try {
      // The assignee: the first alias, else the given name; a sensitive case masked, with the offer to reveal it.
      expect(await header(caseworker, aliased.id)).toEqual({ shownName: 'Mimi', nameHidden: false });
      expect(await header(caseworker, plain.id)).toEqual({ shownName: 'Selamawit', nameHidden: false });
      expect(await header(caseworker, sensitive.id)).toEqual({ shownName: null, nameHidden: true });
      const own = await myWork(caseworker);
      expect(taskNames(own.body, aliased.id)).toEqual(['Mimi']);
      expect(taskNames(own.body, plain.id)).toEqual(['Selamawit']);
      expect(taskNames(own.body, sensitive.id)).toEqual([null]);
      expect(own.text).not.toContain('Concealia');
      // On the case page the header carries the name; its task rows do not repeat it.
      const tasks = await caseworker.get(`/api/cases/${aliased.id}/tasks`);
      expect(tasks.body.items.map((task: { caseName: string | null }) => task.caseName)).toEqual([null, null]);

      // A supervisor sees it on her approvals.
      const approvals = (await myWork(supervisor)).body.approvals.filter((row) => row.caseId === plain.id);
      expect(approvals.map((row) => [row.kind, row.caseName])).toEqual([['closure', 'Selamawit']]);

      // A team colleague reads the case and has a task on it, but may not read the identity: no name, anywhere.
      expect(await header(colleague, aliased.id)).toEqual({ shownName: null, nameHidden: false });
      const theirs = await myWork(colleague);
      expect(taskNames(theirs.body, aliased.id)).toEqual([null]);
      for (const name of ['Mimi', 'Amaraech', 'Headerton']) expect(theirs.text).not.toContain(name);
      const list = await colleague.get('/api/cases?reference=' + aliased.reference);
      expect(JSON.stringify(list.body)).not.toContain('Mimi');

      // Each name shown is an identity read of its case, by the one who saw it; the colleague saw none.
      const readers = await listedBy(aliased.id);
      expect(readers).toContain(harness.people.caseworker.id);
      expect(readers).not.toContain(harness.people.colleague.id);
      expect(await listedBy(sensitive.id)).toEqual([]);
    } finally {
      await supervisor.patch(settings(), { listsShowNames: false });
    }

    // Turned off again: the header and my work go back to references.
    expect(await header(caseworker, aliased.id)).toEqual({ shownName: null, nameHidden: false });
    expect(await header(caseworker, sensitive.id)).toEqual({ shownName: null, nameHidden: false });
    expect((await myWork(caseworker)).text).not.toContain('Mimi');
  });
});
