import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Notification } from '@haven/contracts';
import { queryDatabase, signIn, type HttpSession } from '@haven/testing';
import { registration, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/**
 * The duplicate check must not become a way to test whether a named person is a survivor of
 * one's organisation: a reference only of a case the checker may open (assignment, team,
 * sensitive cases — the same scope as everywhere else), otherwise only "a possible duplicate
 * exists" and her supervisors are told which case; every check audited without the name;
 * a limit per user and hour.
 */
describe('the duplicate check', () => {
  const CHECKS_PER_HOUR = 8;
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  const query = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    queryDatabase<T>(harness.database.url, sql, params);
  const person = (givenName: string) => ({ givenName, familyName: 'Dupcheckson', estimatedAge: 31 });
  const register = async (session: HttpSession, givenName: string, overrides: Record<string, unknown> = {}) => {
    const response = await session.post('/api/cases', registration({ ...person(givenName), ...overrides }));
    expect(response.status).toBe(201);
    return response.body as {
      id: string;
      reference: string;
      possibleDuplicates: { reference: string }[];
      withheldDuplicate: boolean;
    };
  };
  const suspicions = async (session: HttpSession) =>
    ((await session.get('/api/notifications')).body.items as Notification[]).filter(
      (item) => item.kind === 'case.duplicate.suspected',
    );
  /** A caseworker of shelter A of her own, so that each test starts with a fresh hourly count. */
  let people = 0;
  const newCaseworker = async (team: string | null = null) => {
    people += 1;
    const created = await harness.addPerson({
      email: `dupcheck${people}@shelter-a.test`,
      displayName: `Checker ${people}`,
      role: 'caseworker',
      organisation: 'shelterA',
    });
    if (team) await query(`UPDATE app."user" SET team = $2 WHERE id = $1`, [created.id, team]);
    return {
      ...created,
      displayName: `Checker ${people}`,
      session: await signIn(harness.server, created.email, TEST_PASSWORD),
    };
  };

  beforeAll(async () => {
    harness = await startTestApp({ environment: { DUPLICATE_CHECKS_PER_HOUR: String(CHECKS_PER_HOUR) } });
    [caseworker, colleague, supervisor] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('colleague'),
      harness.signInAs('supervisor'),
    ]);
  });
  afterAll(() => harness.close());

  it('gives a colleague who may not open the case no reference, tells her supervisors which case, and audits without the name', async () => {
    const existing = await register(caseworker, 'Withholdia');
    const checker = await newCaseworker();

    const check = await checker.session.post('/api/cases/duplicate-check', person('Withholdia'));
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ possibleDuplicates: [], withheldDuplicate: true });
    expect(JSON.stringify(check.body)).not.toContain(existing.reference);
    // Whoever may open it gets the reference: the assignee and the supervisors.
    expect((await caseworker.post('/api/cases/duplicate-check', person('Withholdia'))).body).toEqual({
      possibleDuplicates: [{ reference: existing.reference }],
      withheldDuplicate: false,
    });
    expect((await supervisor.post('/api/cases/duplicate-check', person('Withholdia'))).body).toEqual({
      possibleDuplicates: [{ reference: existing.reference }],
      withheldDuplicate: false,
    });
    // Nobody yet registered: nothing either way.
    expect((await checker.session.post('/api/cases/duplicate-check', person('Nobodyyet'))).body).toEqual({
      possibleDuplicates: [],
      withheldDuplicate: false,
    });

    const told = await suspicions(supervisor);
    expect(told).toEqual([
      expect.objectContaining({
        subjectType: 'Case',
        subjectId: existing.id,
        caseReference: existing.reference,
        actorName: checker.displayName,
      }),
    ]);
    expect(await suspicions(checker.session)).toEqual([]);
    expect(await suspicions(caseworker)).toEqual([]);
    // Checking again within the hour does not repeat the notification.
    await checker.session.post('/api/cases/duplicate-check', person('Withholdia'));
    expect(await suspicions(supervisor)).toHaveLength(1);

    const checks = await query<{ action: string; outcome: string; reason: string | null; subject_id: string }>(
      `SELECT action, outcome, reason, subject_id FROM audit.event WHERE actor_user_id = $1 AND action LIKE 'case.duplicate.%' ORDER BY id`,
      [checker.id],
    );
    expect(checks).toEqual([
      {
        action: 'case.duplicate.checked',
        outcome: 'success',
        reason: null,
        subject_id: harness.organisations.shelterA,
      },
      { action: 'case.duplicate.matched', outcome: 'success', reason: 'reference-withheld', subject_id: existing.id },
      {
        action: 'case.duplicate.checked',
        outcome: 'success',
        reason: null,
        subject_id: harness.organisations.shelterA,
      },
      {
        action: 'case.duplicate.checked',
        outcome: 'success',
        reason: null,
        subject_id: harness.organisations.shelterA,
      },
      { action: 'case.duplicate.matched', outcome: 'success', reason: 'reference-withheld', subject_id: existing.id },
    ]);
    const auditText = await query<{ row: string }>(`SELECT to_jsonb(e)::text AS row FROM audit.event e`);
    expect(auditText.filter((row) => /withholdia|nobodyyet|dupcheckson/i.test(row.row))).toEqual([]);
    // The case's supervisors see the match in its access log.
    const log = (await supervisor.get(`/api/cases/${existing.id}/access-log?kind=identity`)).body.items as {
      action: string;
      reason: string;
      actor: { id: string };
    }[];
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'case.duplicate.matched',
          reason: 'reference-withheld',
          actor: expect.objectContaining({ id: checker.id }),
        }),
      ]),
    );
  });

  it('in team mode, gives a team member the reference of a team case she may open, never of a sensitive one', async () => {
    await query('UPDATE app.organisation SET team_mode = true WHERE id = $1', [harness.organisations.shelterA]);
    try {
      const assignee = await newCaseworker('day');
      const teamMate = await newCaseworker('day');
      const ordinary = await register(assignee.session, 'Teamcase');
      const sensitive = await register(assignee.session, 'Teamsecret', { sensitive: true });
      // The rule everywhere else: she opens the ordinary case, not the sensitive one.
      expect((await teamMate.session.get(`/api/cases/${ordinary.id}`)).status).toBe(200);
      expect((await teamMate.session.get(`/api/cases/${sensitive.id}`)).status).toBe(404);

      expect((await teamMate.session.post('/api/cases/duplicate-check', person('Teamcase'))).body).toEqual({
        possibleDuplicates: [{ reference: ordinary.reference }],
        withheldDuplicate: false,
      });
      const secret = await teamMate.session.post('/api/cases/duplicate-check', person('Teamsecret'));
      expect(secret.body).toEqual({ possibleDuplicates: [], withheldDuplicate: true });
      expect(JSON.stringify(secret.body)).not.toContain(sensitive.reference);
      // Registering the same person is not silent either: no reference, the warning, supervisors told.
      const again = await register(teamMate.session, 'Teamsecret');
      expect(again.possibleDuplicates).toEqual([]);
      expect(again.withheldDuplicate).toBe(true);

      const matches = await query<{ reason: string; subject_id: string }>(
        `SELECT reason, subject_id FROM audit.event WHERE actor_user_id = $1 AND action = 'case.duplicate.matched' ORDER BY id`,
        [teamMate.id],
      );
      expect(matches).toEqual([
        { reason: 'reference-shown', subject_id: ordinary.id },
        { reason: 'reference-withheld', subject_id: sensitive.id },
        { reason: 'reference-withheld', subject_id: sensitive.id },
      ]);
      expect((await suspicions(supervisor)).filter((item) => item.subjectId === sensitive.id)).toHaveLength(1);
      expect((await suspicions(supervisor)).filter((item) => item.subjectId === ordinary.id)).toEqual([]);
    } finally {
      await query('UPDATE app.organisation SET team_mode = false WHERE id = $1', [harness.organisations.shelterA]);
    }
  });

  it(`counts at most ${CHECKS_PER_HOUR} checks an hour per user, even sent all at once, and audits the refused ones`, async () => {
    const checker = await newCaseworker();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        checker.session.post('/api/cases/duplicate-check', person(`Ratelimit${'abcdefghijklmnopqrst'[index]}`)),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(CHECKS_PER_HOUR);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - CHECKS_PER_HOUR);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(refused.body).toMatchObject({
      status: 429,
      title: 'Too many requests',
      detail: expect.stringContaining(`${CHECKS_PER_HOUR} times an hour`),
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await checker.session.post('/api/cases/duplicate-check', person('Onemore'))).status).toBe(429);

    const outcomes = await query<{ outcome: string; n: number }>(
      `SELECT outcome, count(*)::int AS n FROM audit.event WHERE actor_user_id = $1 AND action = 'case.duplicate.checked' GROUP BY outcome ORDER BY outcome`,
      [checker.id],
    );
    expect(outcomes).toEqual([
      { outcome: 'denied', n: 20 - CHECKS_PER_HOUR + 1 },
      { outcome: 'success', n: CHECKS_PER_HOUR },
    ]);
    // Per user: a colleague still checks; and an hour later the checker may again.
    expect((await colleague.post('/api/cases/duplicate-check', person('Onemore'))).status).toBe(200);
    await query(`UPDATE app.duplicate_check SET checked_at = checked_at - interval '61 minutes' WHERE user_id = $1`, [
      checker.id,
    ]);
    expect((await checker.session.post('/api/cases/duplicate-check', person('Onemore'))).status).toBe(200);
    // The count holds the user and the time, never the name.
    expect(Object.keys((await query(`SELECT * FROM app.duplicate_check LIMIT 1`))[0]!).sort()).toEqual([
      'checked_at',
      'user_id',
    ]);
  });
});
