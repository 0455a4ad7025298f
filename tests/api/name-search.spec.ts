import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { NameIndexBackfill } from '../../apps/api/src/modules/cases/name-index-backfill.service.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Finding a case by the survivor's name (docs/architecture.md, "Search by name"): any common
 * spelling finds her, only among the cases whose identity the searcher may read, every search
 * audited by its count and never by the name, and an erased case is found no more.
 */
describe('search by name', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  const query = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    queryDatabase<T>(harness.database.url, sql, params);
  const register = async (session: HttpSession, person: Record<string, unknown>) => {
    const response = await session.post('/api/cases', registration(person));
    expect(response.status).toBe(201);
    return response.body as { id: string; reference: string; version: number };
  };
  const search = async (session: HttpSession, parameters: Record<string, string>) => {
    const response = await session.get(`/api/cases?${new URLSearchParams(parameters).toString()}`);
    expect(response.status).toBe(200);
    return response.body as { items: { id: string; reference: string }[]; total: number };
  };
  const found = async (session: HttpSession, name: string, extra: Record<string, string> = {}) =>
    (await search(session, { name, ...extra })).items.map((item) => item.id);

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, colleague, supervisor, otherSupervisor] = await Promise.all(
      (['caseworker', 'colleague', 'supervisor', 'otherSupervisor'] as const).map((person) => harness.signInAs(person)),
    );
  });
  afterAll(() => harness.close());

  it('finds a survivor by the spellings the caseload writes her names in, and not by another name', async () => {
    const mohammed = await register(caseworker, {
      givenName: 'Mohammed',
      familyName: 'Abdel Rahman',
      estimatedAge: 30,
      aliases: ['Hamoudi'],
    });
    const yohannes = await register(caseworker, { givenName: 'Yohannes', familyName: 'Tesfaye', estimatedAge: 22 });
    const youssef = await register(caseworker, { givenName: 'Youssef', familyName: 'Hussein', estimatedAge: 40 });

    for (const spelling of ['Muhammad', 'Mohamed', 'mohammad', 'MUHAMMED'])
      expect(await found(caseworker, spelling)).toEqual([mohammed.id]);
    for (const spelling of ['Abdulrahman', 'Abd al-Rahman', 'Abdurrahman', 'Muhammad Abdel-Rahman'])
      expect(await found(caseworker, spelling)).toEqual([mohammed.id]);
    expect(await found(caseworker, 'Hamoudi')).toEqual([mohammed.id]);
    for (const spelling of ['Johannes', 'Yohanes', 'Johannes Tesfay'])
      expect(await found(caseworker, spelling)).toEqual([yohannes.id]);
    for (const spelling of ['Yusuf Husain', 'Joseph', 'Yousef Husayn', 'Hossein'])
      expect(await found(caseworker, spelling)).toEqual([youssef.id]);
    // Every word must match: a different name, or one word of another person, finds nothing.
    expect(await found(caseworker, 'Mahmoud')).toEqual([]);
    expect(await found(caseworker, 'Mohammed Tesfaye')).toEqual([]);
    // The year of birth narrows within a year either side of the estimate.
    const year = new Date().getUTCFullYear() - 30;
    expect(await found(caseworker, 'Muhammad', { birthYear: String(year + 1) })).toEqual([mohammed.id]);
    expect(await found(caseworker, 'Muhammad', { birthYear: String(year - 3) })).toEqual([]);
  });

  it('searches only among the cases whose identity the searcher may read', async () => {
    const own = await register(caseworker, { givenName: 'Zainab', familyName: 'Scopeworth', estimatedAge: 27 });
    const colleagues = await register(colleague, { givenName: 'Zeinab', familyName: 'Scopeworth', estimatedAge: 27 });
    const elsewhere = await register(otherSupervisor, {
      givenName: 'Zaynab',
      familyName: 'Scopeworth',
      estimatedAge: 27,
    });

    // A caseworker: her own case, never her colleague's (not assigned to her) nor another organisation's.
    expect(await found(caseworker, 'Zaynab Scopeworth')).toEqual([own.id]);
    expect(await found(colleague, 'Zainab Scopeworth')).toEqual([colleagues.id]);
    // A supervisor: every case of her organisation, none of another.
    expect((await found(supervisor, 'Zainab Scopeworth')).sort()).toEqual([own.id, colleagues.id].sort());
    expect(await found(otherSupervisor, 'Zainab Scopeworth')).toEqual([elsewhere.id]);
    // The same words hash differently in each organisation: no entry of one matches another's.
    const shared = await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM app.case_name_token a JOIN app.case_name_token b ON a.token = b.token
        WHERE a.case_id = $1 AND b.case_id = $2`,
      [own.id, elsewhere.id],
    );
    expect(shared[0]!.count).toBe(0);
  });

  it('is a filter of the case list: it pages, counts and combines with the other filters', async () => {
    const first = await register(caseworker, { givenName: 'Aisha', familyName: 'Pagewell', estimatedAge: 19 });
    const second = await register(caseworker, {
      givenName: 'Aicha',
      familyName: 'Pagewell',
      estimatedAge: 19,
      riskLevel: 'low',
    });
    const page = await search(caseworker, { name: 'Ayesha Pagewell', pageSize: '1' });
    expect(page.total).toBe(2);
    expect(page.items.map((item) => item.id)).toEqual([second.id]);
    expect((await search(caseworker, { name: 'Ayesha Pagewell', pageSize: '1', page: '2' })).items[0]!.id).toBe(
      first.id,
    );
    expect(await found(caseworker, 'Aysha Pagewell', { riskLevel: 'high' })).toEqual([first.id]);
    expect(await found(caseworker, 'Aysha Pagewell', { reference: second.reference })).toEqual([second.id]);
  });

  it('audits every search by who and how many, each case shown in its access log, and never the name', async () => {
    const shown = await register(caseworker, { givenName: 'Ibrahim', familyName: 'Auditsworth', estimatedAge: 33 });
    await found(caseworker, 'Ebrahim Auditsworth');
    await found(caseworker, 'Nobody Auditsworthless');
    await found(supervisor, 'Ibraheem Auditsworth');

    const events = await query<{ action: string; actor_user_id: string; subject_id: string; reason: string }>(
      `SELECT action, actor_user_id, subject_id, reason FROM audit.event
        WHERE action LIKE 'case.name.%' AND id > (SELECT max(id) FROM audit.event WHERE action = 'case.created' AND subject_id = $1)
        ORDER BY id`,
      [shown.id],
    );
    expect(events).toEqual([
      {
        action: 'case.name.searched',
        actor_user_id: harness.people.caseworker.id,
        subject_id: harness.organisations.shelterA,
        reason: 'results-1',
      },
      {
        action: 'case.name.matched',
        actor_user_id: harness.people.caseworker.id,
        subject_id: shown.id,
        reason: 'assignee',
      },
      {
        action: 'case.name.searched',
        actor_user_id: harness.people.caseworker.id,
        subject_id: harness.organisations.shelterA,
        reason: 'results-0',
      },
      {
        action: 'case.name.searched',
        actor_user_id: harness.people.supervisor.id,
        subject_id: harness.organisations.shelterA,
        reason: 'results-1',
      },
      {
        action: 'case.name.matched',
        actor_user_id: harness.people.supervisor.id,
        subject_id: shown.id,
        reason: 'outside-assignment',
      },
    ]);
    // The case's access log shows who found it by name.
    const log = await supervisor.get(`/api/cases/${shown.id}/access-log?kind=identity`);
    expect(log.status).toBe(200);
    expect((log.body.items as { action: string }[]).map((item) => item.action)).toContain('case.name.matched');
    // No trace of the names searched for, in the audit log or anywhere in the database's text.
    const leaks = await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit.event e WHERE e::text ILIKE '%auditsworth%' OR e::text ILIKE '%ebrahim%'`,
    );
    expect(leaks[0]!.count).toBe(0);
    const tokens = await query<{ length: number }>(
      `SELECT octet_length(token) AS length FROM app.case_name_token WHERE case_id = $1`,
      [shown.id],
    );
    // Two words and the birth year, each one keyed hash of 16 bytes.
    expect(tokens).toEqual([{ length: 16 }, { length: 16 }, { length: 16 }]);
  });

  it('follows a change of name, forgets an erased survivor, and indexes cases registered before the index', async () => {
    const renamed = await register(caseworker, { givenName: 'Fatima', familyName: 'Changeling', estimatedAge: 25 });
    const identity = await caseworker.patch(`/api/cases/${renamed.id}/identity`, {
      version: renamed.version,
      givenName: 'Amina',
    });
    expect(identity.status).toBe(200);
    expect(await found(caseworker, 'Fatimah Changeling')).toEqual([]);
    expect(await found(caseworker, 'Aminah Changeling')).toEqual([renamed.id]);

    const erased = await register(caseworker, { givenName: 'Tsegay', familyName: 'Erasedson', estimatedAge: 29 });
    expect(await found(supervisor, 'Tsegai Erasedson')).toEqual([erased.id]);
    const erasure = await supervisor.post(`/api/cases/${erased.id}/erasure`, {
      reason: 'survivorRequest',
      channel: 'inPerson',
      confirmReference: erased.reference,
    });
    expect(erasure.status).toBe(200);
    expect(await found(supervisor, 'Tsegai Erasedson')).toEqual([]);
    expect(await found(caseworker, 'Tsegay')).toEqual([]);
    expect(await query(`SELECT 1 FROM app.case_name_token WHERE case_id = $1`, [erased.id])).toEqual([]);

    // A case as it was before the index existed: no entries, rules version 0.
    const older = await register(caseworker, { givenName: 'Ousmane', familyName: 'Beforeindex', estimatedAge: 45 });
    await query(`DELETE FROM app.case_name_token WHERE case_id = $1`, [older.id]);
    await query(`UPDATE app.survivor_identity SET name_index_version = 0 WHERE case_id = $1`, [older.id]);
    expect(await found(caseworker, 'Usman Beforeindex')).toEqual([]);
    const run = await harness.app.get(NameIndexBackfill).run();
    expect(run).toEqual({ indexed: 1, failed: 0 });
    expect(await found(caseworker, 'Usman Beforeindex')).toEqual([older.id]);
    expect(await harness.app.get(NameIndexBackfill).run()).toEqual({ indexed: 0, failed: 0 });
  });

  it('indexes a transferred case for the receiving organisation under its own key', async () => {
    const sent = await register(caseworker, { givenName: 'Habtom', familyName: 'Transferwell', estimatedAge: 36 });
    const shelterB = harness.organisations.shelterB;
    await caseworker.post(`/api/cases/${sent.id}/consents`, {
      purpose: 'transfer',
      recipientOrganisationId: shelterB,
      givenOn: '2026-11-01',
      method: 'written',
    });
    await caseworker.post(`/api/cases/${sent.id}/assessments`, {
      type: 'protection',
      fearOfReturn: false,
      asylumIntention: false,
      outcome: 'noProtectionNeed',
    });
    const proposed = await supervisor.post(`/api/cases/${sent.id}/transfers`, {
      toOrganisationId: shelterB,
      forReturn: true,
      reason: 'Voluntary return home',
    });
    expect(proposed.status).toBe(201);
    // Before the decision the receiving organisation finds nothing by her name.
    expect(await found(otherSupervisor, 'Habtum Transferwel')).toEqual([]);
    const accepted = await otherSupervisor.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: proposed.body.version,
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    expect(await found(otherSupervisor, 'Habtum Transferwel')).toEqual([accepted.body.receivedCaseId]);
    // The sender still finds its own closed record of its part.
    expect(await found(supervisor, 'Habtum Transferwel')).toEqual([sent.id]);
  });

  it('shows the alias or given name on list rows only when the organisation says so, to those who may read it, audited per case', async () => {
    const aliased = await register(caseworker, {
      givenName: 'Mariam',
      familyName: 'Listwell',
      estimatedAge: 21,
      aliases: ['Lina'],
    });
    const plain = await register(caseworker, { givenName: 'Selam', familyName: 'Listwell', estimatedAge: 23 });
    const sensitive = await register(caseworker, {
      givenName: 'Hidden',
      familyName: 'Listwell',
      estimatedAge: 22,
      sensitive: true,
    });
    const rows = async (session: HttpSession) =>
      Object.fromEntries(
        ((await session.get('/api/cases?name=Listwell')).body.items as { id: string; shownName: string | null }[]).map(
          (item) => [item.id, item.shownName],
        ),
      );
    const listed = () =>
      query<{ subject_id: string; actor_user_id: string }>(
        `SELECT subject_id, actor_user_id FROM audit.event WHERE action = 'case.identity.listed' AND subject_id = ANY($1) ORDER BY id`,
        [[aliased.id, plain.id, sensitive.id]],
      );
    // Off by default: references only, and nothing opened.
    expect(await rows(caseworker)).toEqual({ [aliased.id]: null, [plain.id]: null, [sensitive.id]: null });
    expect(await listed()).toEqual([]);

    const settings = `/api/organisations/${harness.organisations.shelterA}/settings`;
    expect((await supervisor.patch(settings, { listsShowNames: true })).status).toBe(200);
    try {
      // The first alias, else the given name; a sensitive case stays masked until opened on its page.
      expect(await rows(caseworker)).toEqual({ [aliased.id]: 'Lina', [plain.id]: 'Selam', [sensitive.id]: null });
      expect(await rows(supervisor)).toEqual({ [aliased.id]: 'Lina', [plain.id]: 'Selam', [sensitive.id]: null });
      expect((await listed()).map((row) => row.actor_user_id)).toEqual([
        harness.people.caseworker.id,
        harness.people.caseworker.id,
        harness.people.supervisor.id,
        harness.people.supervisor.id,
      ]);
      // A colleague lists none of these cases; another organisation's setting is its own.
      const other = await register(otherSupervisor, { givenName: 'Outside', familyName: 'Listwell', estimatedAge: 30 });
      expect(await rows(otherSupervisor)).toEqual({ [other.id]: null });
    } finally {
      await supervisor.patch(settings, { listsShowNames: false });
    }
  });

  it('answers a search without a letter, or a birth year without a name, 400 naming the field', async () => {
    const digits = await caseworker.get('/api/cases?name=1234');
    expect(digits.status).toBe(400);
    expect(digits.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    const yearAlone = await caseworker.get('/api/cases?birthYear=1990');
    expect(yearAlone.status).toBe(400);
    expect(yearAlone.body.errors).toEqual([expect.objectContaining({ field: 'birthYear' })]);
  });
});
