import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseDetailSchema, myWorkSchema } from '@haven/contracts';
import pg from 'pg';
import { queryDatabase, TEST_APPLICATION_ROLE, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import { caseworkerAndColleagueInOneTeam, referToClinic } from '../support/case-fixtures.js';

/**
 * The survivor's name beyond the case list (docs/architecture.md, "Names in lists"): the case header,
 * task rows and "my work" (tasks, referral answers, visits, approvals) follow the case list's one rule — the first alias or else the given name, to
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
    await caseworkerAndColleagueInOneTeam(harness);
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
  /** How many times `person` has been recorded as shown the name of `caseId`. */
  const listedFor = async (caseId: string, person: keyof TestApp['people']) =>
    (await listedBy(caseId)).filter((actor) => actor === harness.people[person].id).length;

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
      // My work audits each name it shows: one more event per case named, none for the sensitive one.
      const [aliasedBefore, plainBefore] = [
        await listedFor(aliased.id, 'caseworker'),
        await listedFor(plain.id, 'caseworker'),
      ];
      const own = await myWork(caseworker);
      expect(await listedFor(aliased.id, 'caseworker')).toBe(aliasedBefore + 1);
      expect(await listedFor(plain.id, 'caseworker')).toBe(plainBefore + 1);
      expect(taskNames(own.body, aliased.id)).toEqual(['Mimi']);
      expect(taskNames(own.body, plain.id)).toEqual(['Selamawit']);
      expect(taskNames(own.body, sensitive.id)).toEqual([null]);
      expect(own.text).not.toContain('Concealia');
      // On the case page the header carries the name; its task rows do not repeat it.
      const tasks = await caseworker.get(`/api/cases/${aliased.id}/tasks`);
      expect(tasks.body.items.map((task: { caseName: string | null }) => task.caseName)).toEqual([null, null]);

      // A supervisor sees it on her approvals, and that is audited as hers.
      expect(await listedFor(plain.id, 'supervisor')).toBe(0);
      const approvals = (await myWork(supervisor)).body.approvals.filter((row) => row.caseId === plain.id);
      expect(approvals.map((row) => [row.kind, row.caseName])).toEqual([['closure', 'Selamawit']]);
      expect(await listedFor(plain.id, 'supervisor')).toBe(1);

      // A team colleague reads the case and has a task on it, but may not read the identity: no name, anywhere.
      expect(await header(colleague, aliased.id)).toEqual({ shownName: null, nameHidden: false });
      const theirs = await myWork(colleague);
      expect(taskNames(theirs.body, aliased.id)).toEqual([null]);
      expect(await listedFor(aliased.id, 'colleague')).toBe(0);
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

  describe('when the case is reassigned', () => {
    beforeAll(async () => {
      expect((await supervisor.patch(settings(), { listsShowNames: true })).status).toBe(200);
    });
    afterAll(() => supervisor.patch(settings(), { listsShowNames: false }));

    const reassignTo = async (caseId: string, person: keyof TestApp['people']) => {
      const answer = await supervisor.post('/api/cases/reassignment', {
        caseIds: [caseId],
        assigneeId: harness.people[person].id,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.reassigned).toHaveLength(1);
    };

    it('shows no name on the task row of a caseworker who lost the assignment', async () => {
      const moved = await register({ givenName: 'Tsehaynesh', familyName: 'Moved' });
      await addTask(moved.id, harness.people.caseworker.id);
      expect(taskNames((await myWork(caseworker)).body, moved.id)).toEqual(['Tsehaynesh']);
      expect(await listedFor(moved.id, 'caseworker')).toBe(1);

      await reassignTo(moved.id, 'colleague');
      const work = await myWork(caseworker);
      expect(taskNames(work.body, moved.id)).toEqual([null]);
      expect(work.text).not.toContain('Tsehaynesh');
      expect(await listedFor(moved.id, 'caseworker')).toBe(1);
    });

    /** The caseworker refers the case to the clinic with consent, and the clinic accepts: an answer on her my work. */
    const referredAndAccepted = async (caseId: string) => {
      const referralId = await referToClinic(harness, caseworker, caseId, ['basicProfile']);
      const partner = await harness.signInAs('partner');
      const opened = await partner.get(`/api/referrals/${referralId}`);
      const accepted = await partner.post(`/api/referrals/${referralId}/accept`, { version: opened.body.version });
      expect(accepted.status).toBe(200);
    };
    const answerNames = (
      work: { referralAnswers: { items: { caseId: string; caseName: string | null }[] } },
      caseId: string,
    ) => work.referralAnswers.items.filter((answer) => answer.caseId === caseId).map((answer) => answer.caseName);

    it('names the case on a partner’s answer to a referral under the same rule, and none once she may not read the identity', async () => {
      const aliased = await register({ givenName: 'Meseret', familyName: 'Answered', aliases: ['Meri'] });
      const sensitive = await register({ givenName: 'Hiddenia', familyName: 'Answered', sensitive: true });
      const moved = await register({ givenName: 'Tigistnesh', familyName: 'Answered' });
      for (const answered of [aliased, sensitive, moved]) await referredAndAccepted(answered.id);

      const before = await myWork(caseworker);
      expect(answerNames(before.body, aliased.id)).toEqual(['Meri']);
      expect(answerNames(before.body, moved.id)).toEqual(['Tigistnesh']);
      // A sensitive case's name waits to be revealed on its page: none on the row, and no identity opened.
      expect(answerNames(before.body, sensitive.id)).toEqual([null]);
      expect(before.text).not.toContain('Hiddenia');
      expect(await listedBy(sensitive.id)).toEqual([]);
      // Each name shown is audited on its case, as hers.
      expect(await listedFor(aliased.id, 'caseworker')).toBe(1);
      expect(await listedFor(moved.id, 'caseworker')).toBe(1);

      // Reassigned to her team colleague: she still reads the case, not its identity, so the answer shows no name.
      await reassignTo(moved.id, 'colleague');
      const after = await myWork(caseworker);
      expect(answerNames(after.body, moved.id)).toEqual([null]);
      expect(after.text).not.toContain('Tigistnesh');
      expect(await listedFor(moved.id, 'caseworker')).toBe(1);
    });

    it('decides on the assignment as it stands when the name is read, not as it stood before', async () => {
      const raced = await register({ givenName: 'Hiwotnesh', familyName: 'Raced' });
      await addTask(raced.id, harness.people.caseworker.id);
      expect(taskNames((await myWork(caseworker)).body, raced.id)).toEqual(['Hiwotnesh']);
      expect(await listedFor(raced.id, 'caseworker')).toBe(1);

      // Hold the identities: my work's name read waits on them while the supervisor reassigns the case.
      const locker = new pg.Client({ connectionString: harness.database.url });
      await locker.connect();
      let answer: Promise<Awaited<ReturnType<typeof myWork>>> | undefined;
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE app.survivor_identity IN ACCESS EXCLUSIVE MODE');
        answer = myWork(caseworker);
        for (let waited = 0; ; waited += 50) {
          const waiting = await queryDatabase<{ query: string }>(
            harness.database.url,
            `SELECT query FROM pg_stat_activity
              WHERE usename = $1 AND datname = current_database() AND wait_event_type = 'Lock'`,
            [TEST_APPLICATION_ROLE],
          );
          if (waiting.some((row) => row.query.includes('sealed_payload'))) break;
          if (waited > 10_000) throw new Error('The name read never reached the locked table');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await reassignTo(raced.id, 'colleague');
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
      }
      const work = await answer;
      expect(taskNames(work.body, raced.id)).toEqual([null]);
      expect(work.text).not.toContain('Hiwotnesh');
      expect(await listedFor(raced.id, 'caseworker')).toBe(1);
    });
  });
});
