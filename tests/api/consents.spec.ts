import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { ConsentsService } from '../../apps/api/src/modules/consents/consents.service.js';
import { runAsOrganisation } from '../../apps/api/src/core/request-context/database-scope.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { caseworkerAndColleagueInOneTeam } from '../support/case-fixtures.js';

const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('consent', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let colleagueCaseId: string;

  const consent = (overrides: Record<string, unknown> = {}) => ({
    purpose: 'assistance',
    givenOn: today(),
    method: 'verbal',
    interpreterUsed: true,
    ...overrides,
  });
  const caseDetail = async (caseId: string) => (await caseworker.get(`/api/cases/${caseId}`)).body;
  const consentRows = (caseId: string) =>
    queryDatabase<{ n: number }>(
      harness.database.url,
      'SELECT count(*)::int AS n FROM app.consent WHERE case_id = $1',
      [caseId],
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

  it('records consent for assistance, how it was obtained and by whom, and shows it on the case', async () => {
    const caseId = (await newCase(caseworker)).id;
    expect((await caseDetail(caseId)).consent.assistance).toBe('none');
    expect((await caseDetail(caseId)).missing).toContain('consent.assistance');

    const recorded = await caseworker.post(`/api/cases/${caseId}/consents`, consent());
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      purpose: 'assistance',
      recipientOrganisation: null,
      givenOn: today(),
      method: 'verbal',
      interpreterUsed: true,
      recordedBy: { id: harness.people.caseworker.id, displayName: 'Test caseworker' },
      withdrawnOn: null,
      withdrawnBy: null,
    });

    const list = await caseworker.get(`/api/cases/${caseId}/consents`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([recorded.body.id]);
    const detail = await caseDetail(caseId);
    expect(detail.consent).toEqual({
      assistance: 'granted',
      statistics: 'none',
      research: 'none',
      referralOrganisationIds: [],
    });
    expect(detail.missing).not.toContain('consent.assistance');
  });

  it('records the language interpreted (from the list) and the interpreter’s name sealed under the case key', async () => {
    const caseId = (await newCase(caseworker)).id;
    const recorded = await caseworker.post(
      `/api/cases/${caseId}/consents`,
      consent({ interpreterLanguage: 'ti', interpreterName: 'Selam Interpreterova' }),
    );
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ interpreterLanguage: 'ti', interpreterName: 'Selam Interpreterova' });
    const rows = await queryDatabase<{ language: string; sealed: Buffer }>(
      harness.database.url,
      'SELECT interpreter_language AS language, sealed_interpreter_name AS sealed FROM app.consent WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.language).toBe('ti');
    expect(rows[0]!.sealed.toString('latin1')).not.toContain('Selam');
    const list = await caseworker.get(`/api/cases/${caseId}/consents`);
    expect(list.body.items[0]).toMatchObject({ interpreterLanguage: 'ti', interpreterName: 'Selam Interpreterova' });

    for (const [body, field] of [
      [consent({ interpreterLanguage: 'tigrinya' }), 'interpreterLanguage'],
      [consent({ interpreterUsed: false, interpreterLanguage: 'ti' }), 'interpreterLanguage'],
      [consent({ interpreterUsed: false, interpreterName: 'Someone' }), 'interpreterName'],
    ] as const) {
      const refused = await caseworker.post(`/api/cases/${caseId}/consents`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(await consentRows(caseId)).toEqual([{ n: 1 }]);
  });

  it('defaults to no interpreter, and lets the supervisor record on a case of their organisation', async () => {
    const caseId = (await newCase(caseworker)).id;
    const recorded = await supervisor.post(`/api/cases/${caseId}/consents`, {
      purpose: 'statistics',
      givenOn: today(),
      method: 'written',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      purpose: 'statistics',
      interpreterUsed: false,
      method: 'written',
      recordedBy: { id: harness.people.supervisor.id },
    });
    expect((await caseDetail(caseId)).consent.statistics).toBe('granted');
  });

  it('names the recipient of a referral consent, which must be an existing organisation', async () => {
    const caseId = (await newCase(caseworker)).id;
    const recorded = await caseworker.post(
      `/api/cases/${caseId}/consents`,
      consent({ purpose: 'referral', recipientOrganisationId: harness.organisations.clinic }),
    );
    expect(recorded.status).toBe(201);
    expect(recorded.body.recipientOrganisation).toEqual({ id: harness.organisations.clinic, name: 'Test Clinic' });
    expect((await caseDetail(caseId)).consent.referralOrganisationIds).toEqual([harness.organisations.clinic]);

    const unknown = await caseworker.post(
      `/api/cases/${caseId}/consents`,
      consent({ purpose: 'referral', recipientOrganisationId: NO_SUCH_ID }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((error: { field: string }) => error.field)).toEqual(['recipientOrganisationId']);
    const unnamed = await caseworker.post(`/api/cases/${caseId}/consents`, consent({ purpose: 'referral' }));
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors.map((error: { field: string }) => error.field)).toContain('recipientOrganisationId');
    const namedWithoutReferral = await caseworker.post(
      `/api/cases/${caseId}/consents`,
      consent({ recipientOrganisationId: harness.organisations.clinic }),
    );
    expect(namedWithoutReferral.status).toBe(400);
    expect(namedWithoutReferral.body.errors.map((error: { field: string }) => error.field)).toContain(
      'recipientOrganisationId',
    );
    expect(await consentRows(caseId)).toEqual([{ n: 1 }]);
  });

  it('withdraws a consent, which changes the case’s consent state; withdrawing twice answers 409', async () => {
    const caseId = (await newCase(caseworker)).id;
    const assistance = (await caseworker.post(`/api/cases/${caseId}/consents`, consent())).body;
    const referral = (
      await caseworker.post(
        `/api/cases/${caseId}/consents`,
        consent({ purpose: 'referral', recipientOrganisationId: harness.organisations.clinic }),
      )
    ).body;
    const consents = harness.app.get(ConsentsService);
    // Called as a request of shelter A would be (row-level security).
    const hasActiveConsent = (...args: Parameters<ConsentsService['hasActiveConsent']>) =>
      runAsOrganisation(harness.organisations.shelterA, () => consents.hasActiveConsent(...args));
    expect(await hasActiveConsent(caseId, 'assistance')).toBe(true);
    expect(await hasActiveConsent(caseId, 'referral', harness.organisations.clinic)).toBe(true);
    expect(await hasActiveConsent(caseId, 'referral', harness.organisations.shelterB)).toBe(false);
    expect(await hasActiveConsent(caseId, 'research')).toBe(false);

    const withdrawn = await caseworker.post(`/api/cases/${caseId}/consents/${assistance.id}/withdraw`, {
      withdrawnOn: today(),
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      id: assistance.id,
      withdrawnOn: today(),
      withdrawnBy: { id: harness.people.caseworker.id, displayName: 'Test caseworker' },
    });
    expect((await caseDetail(caseId)).consent.assistance).toBe('withdrawn');
    expect((await caseDetail(caseId)).missing).toContain('consent.assistance');
    expect(await hasActiveConsent(caseId, 'assistance')).toBe(false);

    const again = await caseworker.post(`/api/cases/${caseId}/consents/${assistance.id}/withdraw`, {
      withdrawnOn: today(),
    });
    expect(again.status).toBe(409);

    expect(
      (await caseworker.post(`/api/cases/${caseId}/consents/${referral.id}/withdraw`, { withdrawnOn: today() })).status,
    ).toBe(200);
    expect((await caseDetail(caseId)).consent.referralOrganisationIds).toEqual([]);
    expect(await hasActiveConsent(caseId, 'referral', harness.organisations.clinic)).toBe(false);
  });

  it('keeps one standing consent per purpose and recipient: a second answers 409 until the first is withdrawn', async () => {
    const caseId = (await newCase(caseworker)).id;
    const first = (await caseworker.post(`/api/cases/${caseId}/consents`, consent())).body;
    expect((await caseworker.post(`/api/cases/${caseId}/consents`, consent({ method: 'written' }))).status).toBe(409);
    await caseworker.post(`/api/cases/${caseId}/consents/${first.id}/withdraw`, { withdrawnOn: today() });
    const renewed = await caseworker.post(`/api/cases/${caseId}/consents`, consent({ method: 'written' }));
    expect(renewed.status).toBe(201);
    expect((await caseDetail(caseId)).consent.assistance).toBe('granted');
    const list = (await caseworker.get(`/api/cases/${caseId}/consents`)).body.items as {
      id: string;
      withdrawnOn: string | null;
    }[];
    expect(list).toHaveLength(2);
    expect(list.find((item) => item.id === first.id)!.withdrawnOn).toBe(today());
  });

  it('answers bad input with 400 and field errors, and writes nothing', async () => {
    const caseId = (await newCase(caseworker)).id;
    const cases: [Record<string, unknown>, string][] = [
      [consent({ purpose: 'marketing' }), 'purpose'],
      [consent({ givenOn: daysFromToday(2) }), 'givenOn'],
      [consent({ givenOn: 'yesterday' }), 'givenOn'],
      [consent({ method: 'telepathy' }), 'method'],
      [consent({ interpreterUsed: 'yes' }), 'interpreterUsed'],
      [consent({ recipientOrganisationId: 'not-a-uuid', purpose: 'referral' }), 'recipientOrganisationId'],
      [{ ...consent(), givenOn: undefined }, 'givenOn'],
    ];
    for (const [body, field] of cases) {
      const response = await caseworker.post(`/api/cases/${caseId}/consents`, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect((await caseworker.post(`/api/cases/${caseId}/consents`, consent({ isAdmin: true }))).status).toBe(400);
    expect(await consentRows(caseId)).toEqual([{ n: 0 }]);

    const recorded = (await caseworker.post(`/api/cases/${caseId}/consents`, consent({ givenOn: daysFromToday(-3) })))
      .body;
    const early = await caseworker.post(`/api/cases/${caseId}/consents/${recorded.id}/withdraw`, {
      withdrawnOn: daysFromToday(-5),
    });
    expect(early.status).toBe(400);
    expect(early.body.errors.map((error: { field: string }) => error.field)).toEqual(['withdrawnOn']);
    const future = await caseworker.post(`/api/cases/${caseId}/consents/${recorded.id}/withdraw`, {
      withdrawnOn: daysFromToday(3),
    });
    expect(future.status).toBe(400);
    expect(future.body.errors.map((error: { field: string }) => error.field)).toContain('withdrawnOn');
    expect((await caseworker.post(`/api/cases/${caseId}/consents/${recorded.id}/withdraw`, {})).status).toBe(400);
    expect(
      (await caseworker.post(`/api/cases/${caseId}/consents/not-a-uuid/withdraw`, { withdrawnOn: today() })).status,
    ).toBe(400);
    const rows = await queryDatabase<{ withdrawn_on: string | null }>(
      harness.database.url,
      'SELECT withdrawn_on FROM app.consent WHERE id = $1',
      [recorded.id],
    );
    expect(rows).toEqual([{ withdrawn_on: null }]);
  });

  it('answers 404 for a case outside the caller’s scope, and for a consent of another case', async () => {
    const caseId = (await newCase(caseworker)).id;
    const own = (await caseworker.post(`/api/cases/${caseId}/consents`, consent())).body;
    const colleagues = (
      await colleague.post(`/api/cases/${colleagueCaseId}/consents`, consent({ purpose: 'research' }))
    ).body;

    expect((await caseworker.get(`/api/cases/${colleagueCaseId}/consents`)).status).toBe(404);
    expect((await caseworker.post(`/api/cases/${colleagueCaseId}/consents`, consent())).status).toBe(404);
    expect(
      (
        await caseworker.post(`/api/cases/${colleagueCaseId}/consents/${colleagues.id}/withdraw`, {
          withdrawnOn: today(),
        })
      ).status,
    ).toBe(404);
    expect((await otherSupervisor.get(`/api/cases/${caseId}/consents`)).status).toBe(404);
    expect((await otherSupervisor.post(`/api/cases/${caseId}/consents`, consent({ purpose: 'research' }))).status).toBe(
      404,
    );
    expect(
      (await otherSupervisor.post(`/api/cases/${caseId}/consents/${own.id}/withdraw`, { withdrawnOn: today() })).status,
    ).toBe(404);
    for (const person of ['partner', 'manager', 'admin'] as const) {
      const session = await harness.signInAs(person);
      expect((await session.get(`/api/cases/${caseId}/consents`)).status).toBe(404);
      expect((await session.post(`/api/cases/${caseId}/consents`, consent({ purpose: 'research' }))).status).toBe(404);
      expect(
        (await session.post(`/api/cases/${caseId}/consents/${own.id}/withdraw`, { withdrawnOn: today() })).status,
      ).toBe(404);
    }
    // A consent id that belongs to another case, even one the caller can see.
    expect(
      (await supervisor.post(`/api/cases/${caseId}/consents/${colleagues.id}/withdraw`, { withdrawnOn: today() }))
        .status,
    ).toBe(404);
    expect(
      (await caseworker.post(`/api/cases/${caseId}/consents/${NO_SUCH_ID}/withdraw`, { withdrawnOn: today() })).status,
    ).toBe(404);
    expect((await caseworker.get(`/api/cases/${NO_SUCH_ID}/consents`)).status).toBe(404);
    expect(await consentRows(caseId)).toEqual([{ n: 1 }]);
    const stillStanding = await queryDatabase(
      harness.database.url,
      'SELECT 1 FROM app.consent WHERE id = ANY($1) AND withdrawn_on IS NULL',
      [[own.id, colleagues.id]],
    );
    expect(stillStanding).toHaveLength(2);
  });

  it('records each change in the case history and the audit log, with codes only', async () => {
    const caseId = (await newCase(caseworker)).id;
    const recorded = (await caseworker.post(`/api/cases/${caseId}/consents`, consent())).body;
    await caseworker.post(`/api/cases/${caseId}/consents/${recorded.id}/withdraw`, { withdrawnOn: today() });

    const history = (await caseworker.get(`/api/cases/${caseId}/history`)).body.items as {
      section: string;
      action: string;
      field: string | null;
      from: string | null;
      to: string | null;
      actor: { id: string };
    }[];
    const consentEntries = history.filter((entry) => entry.section === 'consent');
    expect(consentEntries).toEqual([
      expect.objectContaining({
        action: 'withdrawn',
        field: 'assistance',
        from: 'granted',
        to: 'withdrawn',
        actor: expect.objectContaining({ id: harness.people.caseworker.id }),
      }),
      expect.objectContaining({ action: 'recorded', field: 'assistance', from: null, to: 'granted' }),
    ]);

    const audit = await queryDatabase<{
      action: string;
      actor_user_id: string;
      subject_type: string;
      subject_organisation_id: string;
    }>(
      harness.database.url,
      "SELECT action, actor_user_id, subject_type, subject_organisation_id FROM audit.event WHERE subject_id = $1 AND action LIKE 'consent.%' ORDER BY id",
      [caseId],
    );
    expect(audit).toEqual([
      {
        action: 'consent.recorded',
        actor_user_id: harness.people.caseworker.id,
        subject_type: 'Case',
        subject_organisation_id: harness.organisations.shelterA,
      },
      {
        action: 'consent.withdrawn',
        actor_user_id: harness.people.caseworker.id,
        subject_type: 'Case',
        subject_organisation_id: harness.organisations.shelterA,
      },
    ]);
  });

  it('keeps a closed case read-only: recording and withdrawing answer 409, reading still works', async () => {
    const caseId = (await newCase(caseworker)).id;
    const recorded = (await caseworker.post(`/api/cases/${caseId}/consents`, consent())).body;
    const version = (await supervisor.get(`/api/cases/${caseId}`)).body.version;
    const closed = await supervisor.post(`/api/cases/${caseId}/closure`, { version, reason: 'goalsAchieved' });
    expect(closed.body.status).toBe('Closed');

    expect((await caseworker.post(`/api/cases/${caseId}/consents`, consent({ purpose: 'research' }))).status).toBe(409);
    expect(
      (await caseworker.post(`/api/cases/${caseId}/consents/${recorded.id}/withdraw`, { withdrawnOn: today() })).status,
    ).toBe(409);
    const list = await caseworker.get(`/api/cases/${caseId}/consents`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].withdrawnOn).toBeNull();
  });
});

describe('the interpreter’s name, to those who may read the identity', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
    await caseworkerAndColleagueInOneTeam(harness);
  });
  afterAll(() => harness.close());

  it('shows the language to whoever reads the case and the name only to the assignee and supervisors', async () => {
    const [caseworker, colleague, supervisor] = await Promise.all(
      (['caseworker', 'colleague', 'supervisor'] as const).map((person) => harness.signInAs(person)),
    );
    const caseId = (await newCase(caseworker)).id;
    const recorded = await caseworker.post(`/api/cases/${caseId}/consents`, {
      purpose: 'assistance',
      givenOn: new Date().toISOString().slice(0, 10),
      method: 'written',
      interpreterUsed: true,
      interpreterLanguage: 'am',
      interpreterName: 'Hewan Teamhidden',
    });
    expect(recorded.status).toBe(201);
    const first = async (session: HttpSession) => {
      const list = await session.get(`/api/cases/${caseId}/consents`);
      expect(list.status).toBe(200);
      return list.body.items[0] as { interpreterLanguage: string | null; interpreterName: string | null };
    };
    expect(await first(caseworker)).toMatchObject({ interpreterLanguage: 'am', interpreterName: 'Hewan Teamhidden' });
    expect(await first(supervisor)).toMatchObject({ interpreterLanguage: 'am', interpreterName: 'Hewan Teamhidden' });
    expect(await first(colleague)).toMatchObject({ interpreterLanguage: 'am', interpreterName: null });

    // A colleague recording consent on the team's case is not answered the name either.
    const theirs = await colleague.post(`/api/cases/${caseId}/consents`, {
      purpose: 'research',
      givenOn: new Date().toISOString().slice(0, 10),
      method: 'verbal',
      interpreterUsed: true,
      interpreterLanguage: 'ti',
      interpreterName: 'Tesfay Echoless',
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body).toMatchObject({ interpreterLanguage: 'ti', interpreterName: null });
    expect(JSON.stringify((await colleague.get(`/api/cases/${caseId}/consents`)).body)).not.toMatch(
      /Teamhidden|Echoless/,
    );
  });
});
