import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CASE_REFERENCE_PATTERN } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

describe('registering and reading cases', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let ownCaseId: string;
  let colleagueCaseId: string;

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, colleague, supervisor, otherSupervisor] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('colleague'),
      harness.signInAs('supervisor'),
      harness.signInAs('otherSupervisor'),
    ]);
    const own = await caseworker.post('/api/cases', registration({ givenName: 'Zuberi', familyName: 'Uniquename' }));
    expect(own.status).toBe(201);
    ownCaseId = own.body.id;
    colleagueCaseId = (await colleague.post('/api/cases', registration({ givenName: 'Colleaguecase' }))).body.id;
  });
  afterAll(() => harness.close());

  it('registers a case with a pseudonymous reference, assigned to the caseworker, Active', async () => {
    const response = await caseworker.get(`/api/cases/${ownCaseId}`);
    expect(response.status).toBe(200);
    expect(response.body.reference).toMatch(CASE_REFERENCE_PATTERN);
    expect(response.body).toMatchObject({
      status: 'Active',
      riskLevel: 'high',
      sex: 'Feminine',
      nationality: 'NG',
      ageAtRegistration: 24,
      version: 1,
    });
    expect(response.body.assignee.id).toBe(harness.people.caseworker.id);
    expect(response.body.organisation.id).toBe(harness.organisations.shelterA);
    expect(JSON.stringify(response.body)).not.toContain('Zuberi');
  });

  it('answers a registration with the case exactly as its page shows it, and the possible duplicates by reference', async () => {
    // The answer is built from what was written, not read back: it must not drift from the case page.
    const profile = {
      incomingReferralSource: 'Hotline',
      incomingReferralDate: '2026-01-02',
      recruitmentCountries: ['NG'],
    };
    const registered = await supervisor.post(
      '/api/cases',
      registration({
        givenName: 'Zuberi',
        familyName: 'Uniquename',
        assigneeId: harness.people.colleague.id,
        sensitive: true,
        exploitationTypes: ['ForcedLabour'],
        ...profile,
      }),
    );
    expect(registered.status).toBe(201);
    const { possibleDuplicates, withheldDuplicate, ...answer } = registered.body;
    const page = await supervisor.get(`/api/cases/${answer.id}`);
    expect(answer).toEqual(page.body);
    expect(answer.organisation.name).not.toBe('');
    expect(possibleDuplicates).toEqual([
      { reference: (await caseworker.get(`/api/cases/${ownCaseId}`)).body.reference },
    ]);
    expect(withheldDuplicate).toBe(false);
  });

  it('computes the age at registration from a date of birth', async () => {
    const tenYearsAgo = new Date();
    tenYearsAgo.setUTCFullYear(tenYearsAgo.getUTCFullYear() - 10);
    tenYearsAgo.setUTCDate(tenYearsAgo.getUTCDate() - 1);
    const response = await caseworker.post(
      '/api/cases',
      registration({ estimatedAge: undefined, dateOfBirth: tenYearsAgo.toISOString().slice(0, 10) }),
    );
    expect(response.status).toBe(201);
    expect(response.body.ageAtRegistration).toBe(10);
  });

  it('lists only the caller’s scope, without names', async () => {
    const own = await caseworker.get('/api/cases');
    expect(own.status).toBe(200);
    const ids = own.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(ownCaseId);
    expect(ids).not.toContain(colleagueCaseId);
    expect(JSON.stringify(own.body)).not.toMatch(/Zuberi|Uniquename|givenName|familyName/);

    const organisation = await supervisor.get('/api/cases');
    expect(organisation.body.items.map((item: { id: string }) => item.id)).toEqual(
      expect.arrayContaining([ownCaseId, colleagueCaseId]),
    );

    const other = await otherSupervisor.get('/api/cases');
    expect(other.body.total).toBe(0);
  });

  it('finds a case by its reference or the start of it, and filters by status', async () => {
    const reference = (await caseworker.get(`/api/cases/${ownCaseId}`)).body.reference as string;
    const exact = await caseworker.get(`/api/cases?reference=${reference.toLowerCase()}`);
    expect(exact.body.items.map((item: { id: string }) => item.id)).toEqual([ownCaseId]);
    const prefix = await caseworker.get(`/api/cases?reference=${reference.slice(0, 7)}`);
    expect(prefix.body.items.map((item: { id: string }) => item.id)).toContain(ownCaseId);
    const closed = await caseworker.get('/api/cases?status=Closed');
    expect(closed.body.total).toBe(0);
  });

  it('pages through lists', async () => {
    for (let index = 0; index < 3; index += 1) await supervisor.post('/api/cases', registration());
    const first = await supervisor.get('/api/cases?pageSize=2&page=1');
    const second = await supervisor.get('/api/cases?pageSize=2&page=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBeGreaterThanOrEqual(5);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('answers 404, never 403, for a case outside the caller’s scope', async () => {
    expect((await caseworker.get(`/api/cases/${colleagueCaseId}`)).status).toBe(404);
    expect((await caseworker.get(`/api/cases/${colleagueCaseId}/identity`)).status).toBe(404);
    expect((await otherSupervisor.get(`/api/cases/${ownCaseId}`)).status).toBe(404);
    expect((await otherSupervisor.get(`/api/cases/${ownCaseId}/identity`)).status).toBe(404);
    expect((await caseworker.get('/api/cases/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('gives partners, managers and admins no case data', async () => {
    for (const person of ['partner', 'manager', 'admin'] as const) {
      const session = await harness.signInAs(person);
      expect((await session.get(`/api/cases/${ownCaseId}`)).status).toBe(404);
      expect((await session.get(`/api/cases/${ownCaseId}/identity`)).status).toBe(404);
      expect((await session.get('/api/cases')).status).toBe(403);
      expect((await session.post('/api/cases', registration())).status).toBe(403);
    }
  });

  it('returns the identity to those in scope and audits every read', async () => {
    const response = await supervisor.get(`/api/cases/${ownCaseId}/identity`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      caseId: ownCaseId,
      givenName: 'Zuberi',
      familyName: 'Uniquename',
      estimatedAge: 24,
      sex: 'Feminine',
      nationality: 'NG',
    });
    const reads = await queryDatabase<{ actor_user_id: string }>(
      harness.database.url,
      "SELECT actor_user_id FROM audit.event WHERE action = 'case.identity.read' AND subject_id = $1",
      [ownCaseId],
    );
    expect(reads.map((row) => row.actor_user_id)).toContain(harness.people.supervisor.id);
  });

  it('keeps names out of the case table and encrypts the identity at rest', async () => {
    const caseRows = await queryDatabase(harness.database.url, 'SELECT * FROM app."case" WHERE id = $1', [ownCaseId]);
    expect(JSON.stringify(caseRows)).not.toMatch(/Zuberi|Uniquename/);
    const identityRows = await queryDatabase<{ sealed_payload: Buffer }>(
      harness.database.url,
      'SELECT sealed_payload FROM app.survivor_identity WHERE case_id = $1',
      [ownCaseId],
    );
    expect(identityRows).toHaveLength(1);
    const stored = identityRows[0]!.sealed_payload;
    expect(stored.includes(Buffer.from('Zuberi'))).toBe(false);
    expect(stored.toString('latin1')).not.toMatch(/Zuberi|Uniquename/i);
    const keyRows = await queryDatabase<{ wrapped_key: Buffer }>(
      harness.database.url,
      'SELECT wrapped_key FROM app.case_key WHERE case_id = $1',
      [ownCaseId],
    );
    expect(keyRows[0]!.wrapped_key.length).toBeGreaterThan(32);
  });

  it('lets a supervisor register into a caseworker’s caseload, but not a caseworker into someone else’s', async () => {
    const assigned = await supervisor.post('/api/cases', registration({ assigneeId: harness.people.colleague.id }));
    expect(assigned.status).toBe(201);
    expect(assigned.body.assignee.id).toBe(harness.people.colleague.id);
    const refused = await caseworker.post('/api/cases', registration({ assigneeId: harness.people.colleague.id }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('assigneeId');
    const otherOrganisation = await supervisor.post(
      '/api/cases',
      registration({ assigneeId: harness.people.otherCaseworker.id }),
    );
    expect(otherOrganisation.status).toBe(400);
  });

  it('answers bad input with 400 and field errors, and writes nothing', async () => {
    const before = await queryDatabase(harness.database.url, 'SELECT count(*)::int AS n FROM app."case"');
    const cases: [Record<string, unknown>, string][] = [
      [registration({ givenName: '' }), 'givenName'],
      [registration({ estimatedAge: undefined }), 'estimatedAge'],
      [registration({ estimatedAge: -1 }), 'estimatedAge'],
      [registration({ dateOfBirth: '2999-01-01', estimatedAge: undefined }), 'dateOfBirth'],
      [registration({ dateOfBirth: 'yesterday' }), 'dateOfBirth'],
      [registration({ sex: 'Unknown' }), 'sex'],
      [registration({ nationality: 'XX' }), 'nationality'],
      [registration({ riskLevel: 'extreme' }), 'riskLevel'],
      [registration({ exploitationTypes: ['Piracy'] }), 'exploitationTypes.0'],
      [registration({ givenName: 'x'.repeat(101) }), 'givenName'],
      [registration({ givenName: 42 }), 'givenName'],
    ];
    for (const [body, field] of cases) {
      const response = await caseworker.post('/api/cases', body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    const unknownField = await caseworker.post('/api/cases', registration({ isAdmin: true }));
    expect(unknownField.status).toBe(400);
    const after = await queryDatabase(harness.database.url, 'SELECT count(*)::int AS n FROM app."case"');
    expect(after).toEqual(before);
  });

  it('answers malformed JSON and oversized bodies with a 4xx problem, not a 500', async () => {
    const malformed = await caseworker.agent
      .post('/api/cases')
      .set('x-csrf-token', caseworker.me.csrfToken)
      .set('Content-Type', 'application/json')
      .send('{"givenName": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.title).toBeDefined();
    const huge = await caseworker.post('/api/cases', registration({ givenName: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    expect(JSON.stringify(huge.body)).not.toMatch(/at .*\.js/);
  });

  it('answers a malformed id with 400, not 500', async () => {
    expect((await caseworker.get('/api/cases/not-a-uuid')).status).toBe(400);
  });
});
