import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LEGAL_DEADLINE_NOTICE_DAYS } from '@haven/contracts';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { caseworkerAndColleagueInOneTeam } from '../support/case-fixtures.js';

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);
/** An unknown field is named in the message of the body's error. */
const messagesOf = (body: { errors?: { message: string }[] }) =>
  (body.errors ?? []).map((error) => error.message).join(' ');

/** Answers that establish recruitment by deception, exploitation and coercion at destination. */
const PRESUMED = {
  drNatureOfJob: 'yes',
  drWages: 'yes',
  exExcessiveHours: 'yes',
  exLowPay: 'yes',
  cdDocuments: 'yes',
  cdDebtBondage: 'yes',
  vdEconomic: 'unknown',
  crViolence: 'no',
} as const;

describe('identification and legal status', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, colleague, supervisor, otherSupervisor] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('colleague'),
      harness.signInAs('supervisor'),
      harness.signInAs('otherSupervisor'),
    ]);
  });
  afterAll(() => harness.close());

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const query = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    queryDatabase<T>(harness.database.url, sql, params);

  it('proposes a presumed victim from the indicators, and keeps the interpreter’s name sealed', async () => {
    const created = await newCase(caseworker);
    const screened = await caseworker.post(`/api/cases/${created.id}/identification/screenings`, {
      screenedOn: day(-1),
      language: 'ti',
      interpreterUsed: true,
      interpreterName: 'Selamawit Interpreterova',
      answers: PRESUMED,
    });
    expect(screened.status).toBe(201);
    expect(screened.body).toMatchObject({
      proposal: 'presumedVictim',
      positiveDimensions: ['deceptiveRecruitment', 'exploitativeConditions', 'coercionAtDestination'],
      interpreterName: 'Selamawit Interpreterova',
      language: 'ti',
      screenedBy: { id: harness.people.caseworker.id },
    });
    const [row] = await query<{ sealed: Buffer; answers: unknown }>(
      `SELECT sealed_interpreter_name AS sealed, answers FROM app.identification_screening WHERE id = $1`,
      [screened.body.id],
    );
    expect(row!.sealed.toString('latin1')).not.toContain('Selamawit');
    expect(row!.answers).toEqual(PRESUMED);
    // A screening proposes; it does not change the status.
    const page = await caseworker.get(`/api/cases/${created.id}/identification`);
    expect(page.body.status).toBeNull();
    expect(page.body.screenings).toHaveLength(1);

    const thin = await caseworker.post(`/api/cases/${created.id}/identification/screenings`, {
      screenedOn: day(0),
      language: 'en',
      answers: { exExcessiveHours: 'yes', exLowPay: 'yes' },
    });
    expect(thin.body.proposal).toBe('notIndicated');
  });

  it('changes the trafficking status only through a formal decision, each change in the history and audit', async () => {
    const created = await newCase(caseworker);
    const screening = await caseworker.post(`/api/cases/${created.id}/identification/screenings`, {
      screenedOn: day(-2),
      language: 'en',
      answers: PRESUMED,
    });
    const decided = await caseworker.post(`/api/cases/${created.id}/identification/decisions`, {
      status: 'PossibleVictimOfTrafficking',
      decidedBy: 'NGO',
      decidedOn: day(-1),
      reason: 'Screening shows deception, excessive hours and debt bondage.',
      screeningId: screening.body.id,
    });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ status: 'PossibleVictimOfTrafficking', decidedBy: 'NGO' });
    const confirmed = await supervisor.post(`/api/cases/${created.id}/identification/decisions`, {
      status: 'ActualVictimOfTrafficking',
      decidedBy: 'CourtOrProsecution',
      decidedOn: day(0),
      reason: 'The prosecutor recognised her as a victim.',
    });
    expect(confirmed.status).toBe(201);

    const casePage = await caseworker.get(`/api/cases/${created.id}`);
    expect(casePage.body.profile).toMatchObject({
      traffickingStatus: 'ActualVictimOfTrafficking',
      statusDecidedBy: 'CourtOrProsecution',
    });
    expect(casePage.body.missing).not.toContain('profile.traffickingStatus');
    const identification = await caseworker.get(`/api/cases/${created.id}/identification`);
    expect(identification.body.status).toBe('ActualVictimOfTrafficking');
    expect(identification.body.decisions.map((decision: { status: string }) => decision.status)).toEqual([
      'ActualVictimOfTrafficking',
      'PossibleVictimOfTrafficking',
    ]);
    expect(identification.body.decisions[1].reason).toContain('debt bondage');

    const history = await caseworker.get(`/api/cases/${created.id}/history?pageSize=50`);
    const statusChanges = (history.body.items as { section: string; field: string; from: string; to: string }[])
      .filter((item) => item.section === 'profile' && item.field === 'traffickingStatus')
      .map((item) => [item.from, item.to]);
    expect(statusChanges).toEqual(
      expect.arrayContaining([
        [null, 'PossibleVictimOfTrafficking'],
        ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking'],
      ]),
    );
    const audited = await query<{ action: string }>(
      `SELECT action FROM audit.event WHERE subject_id = $1 AND action LIKE 'identification.%' ORDER BY occurred_at`,
      [created.id],
    );
    expect(audited.map((event) => event.action)).toEqual([
      'identification.screening.recorded',
      'identification.decision.recorded',
      'identification.decision.recorded',
    ]);
    const [sealed] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM app.trafficking_status_decision
        WHERE case_id = $1 AND position('prosecutor'::bytea IN sealed_reason) > 0`,
      [created.id],
    );
    expect(sealed!.n).toBe(0);

    // Neither an edit of the profile nor a registration sets it.
    const edit = await caseworker.patch(`/api/cases/${created.id}`, {
      version: casePage.body.version,
      traffickingStatus: 'NotAVictimOfTrafficking',
    });
    expect(edit.status).toBe(400);
    expect(messagesOf(edit.body)).toContain('Unknown field(s): traffickingStatus');
    const registered = await caseworker.post('/api/cases', {
      ...created.registration,
      givenName: 'Another',
      statusDecidedBy: 'Police',
    });
    expect(registered.status).toBe(400);
    expect(messagesOf(registered.body)).toContain('statusDecidedBy');
  });

  it('takes the status from the latest decided decision: an older decision entered late does not overwrite it', async () => {
    const created = await newCase(caseworker);
    const decide = (status: string, decidedBy: string, decidedOn: string) =>
      supervisor.post(`/api/cases/${created.id}/identification/decisions`, {
        status,
        decidedBy,
        decidedOn,
        reason: 'Recorded from the decision letter.',
      });
    expect((await decide('ActualVictimOfTrafficking', 'CourtOrProsecution', day(-5))).status).toBe(201);
    // Recorded after it, but decided before it: the earlier police decision joins the record and changes nothing.
    const late = await decide('PossibleVictimOfTrafficking', 'Police', day(-20));
    expect(late.status).toBe(201);
    const identification = await caseworker.get(`/api/cases/${created.id}/identification`);
    expect(identification.body).toMatchObject({
      status: 'ActualVictimOfTrafficking',
      statusDecidedBy: 'CourtOrProsecution',
    });
    expect(identification.body.decisions.map((decision: { decidedOn: string }) => decision.decidedOn)).toEqual([
      day(-5),
      day(-20),
    ]);
    const casePage = await caseworker.get(`/api/cases/${created.id}`);
    expect(casePage.body.profile).toMatchObject({
      traffickingStatus: 'ActualVictimOfTrafficking',
      statusDecidedBy: 'CourtOrProsecution',
    });
    const history = await caseworker.get(`/api/cases/${created.id}/history?pageSize=50`);
    expect(
      (history.body.items as { section: string; field: string; to: string }[])
        .filter((item) => item.section === 'profile' && item.field === 'traffickingStatus')
        .map((item) => item.to),
    ).toEqual(['ActualVictimOfTrafficking']);

    // Two decisions of the same day: the later recorded stands.
    expect((await decide('NotAVictimOfTrafficking', 'NGO', day(-5))).status).toBe(201);
    expect((await caseworker.get(`/api/cases/${created.id}/identification`)).body).toMatchObject({
      status: 'NotAVictimOfTrafficking',
      statusDecidedBy: 'NGO',
    });
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const created = await newCase(caseworker);
    const other = await newCase(caseworker);
    const otherScreening = await caseworker.post(`/api/cases/${other.id}/identification/screenings`, {
      screenedOn: day(0),
      language: 'en',
      answers: {},
    });
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'screenings',
        { screenedOn: day(0), language: 'en', answers: { drNatureOfJob: 'perhaps' } },
        'answers.drNatureOfJob',
      ],
      ['screenings', { screenedOn: day(3), language: 'en', answers: {} }, 'screenedOn'],
      [
        'screenings',
        { screenedOn: day(0), language: 'en', interpreterName: 'Someone', answers: {} },
        'interpreterName',
      ],
      ['decisions', { status: 'Presumed', decidedBy: 'NGO', decidedOn: day(0), reason: 'x' }, 'status'],
      [
        'decisions',
        { status: 'PossibleVictimOfTrafficking', decidedBy: 'NGO', decidedOn: day(0), reason: '' },
        'reason',
      ],
      [
        'decisions',
        {
          status: 'PossibleVictimOfTrafficking',
          decidedBy: 'NGO',
          decidedOn: day(0),
          reason: 'Following the other case’s screening',
          screeningId: otherScreening.body.id,
        },
        'screeningId',
      ],
    ];
    for (const [path, body, field] of cases) {
      const refused = await caseworker.post(`/api/cases/${created.id}/identification/${path}`, body);
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused.body)).toContain(field);
    }
    const page = await caseworker.get(`/api/cases/${created.id}/identification`);
    expect(page.body).toMatchObject({ status: null, screenings: [], decisions: [] });
  });

  it('keeps identification and legal status within the case’s scope: others get 404', async () => {
    const created = await newCase(caseworker);
    for (const session of [colleague, otherSupervisor]) {
      expect((await session.get(`/api/cases/${created.id}/identification`)).status).toBe(404);
      expect((await session.get(`/api/cases/${created.id}/legal-status`)).status).toBe(404);
    }
    const partner = await harness.signInAs('partner');
    expect((await partner.get(`/api/cases/${created.id}/identification`)).status).toBe(404);
  });

  it('records the legal status with its version, each changed field in the history', async () => {
    const created = await newCase(caseworker);
    const empty = await caseworker.get(`/api/cases/${created.id}/legal-status`);
    expect(empty.body).toMatchObject({ version: 0, migrationStatus: null, protectionsApply: false });
    const status = {
      migrationStatus: 'IrregularMigrant',
      reflectionStartsOn: day(-10),
      reflectionEndsOn: day(80),
      permitAppliedOn: null,
      permitDecision: null,
      permitExpiresOn: null,
    };
    const first = await caseworker.patch(`/api/cases/${created.id}/legal-status`, { ...status, version: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ...status, version: 1 });
    // A second first write, from a stale screen, is a conflict rather than an overwrite.
    const stale = await colleague.patch(`/api/cases/${created.id}/legal-status`, { ...status, version: 0 });
    expect(stale.status).toBe(404);
    const staleOwn = await caseworker.patch(`/api/cases/${created.id}/legal-status`, {
      ...status,
      migrationStatus: 'Refugee',
      version: 0,
    });
    expect(staleOwn.status).toBe(409);
    const second = await caseworker.patch(`/api/cases/${created.id}/legal-status`, {
      ...status,
      migrationStatus: 'AsylumSeeker',
      permitAppliedOn: day(-1),
      permitDecision: 'pending',
      version: 1,
    });
    expect(second.body).toMatchObject({ migrationStatus: 'AsylumSeeker', permitDecision: 'pending', version: 2 });
    const history = await caseworker.get(`/api/cases/${created.id}/history?pageSize=50`);
    const legal = (history.body.items as { section: string; field: string; from: string; to: string }[])
      .filter((item) => item.section === 'legalStatus')
      .map((item) => [item.field, item.from, item.to]);
    expect(legal).toEqual(
      expect.arrayContaining([
        ['migrationStatus', null, 'IrregularMigrant'],
        ['migrationStatus', 'IrregularMigrant', 'AsylumSeeker'],
        ['permitDecision', null, 'pending'],
        ['reflectionEndsOn', null, day(80)],
      ]),
    );
    expect(legal.filter(([field]) => field === 'reflectionStartsOn')).toHaveLength(1);
  });

  it('refuses an inconsistent legal status naming the field, and writes nothing', async () => {
    const created = await newCase(caseworker);
    const base = {
      migrationStatus: null,
      reflectionStartsOn: null,
      reflectionEndsOn: null,
      permitAppliedOn: null,
      permitDecision: null,
      permitExpiresOn: null,
      version: 0,
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ reflectionStartsOn: day(5), reflectionEndsOn: day(1) }, 'reflectionEndsOn'],
      [{ reflectionEndsOn: day(1) }, 'reflectionStartsOn'],
      [{ permitDecision: 'granted' }, 'permitAppliedOn'],
      [{ permitAppliedOn: day(-3), permitDecision: 'pending', permitExpiresOn: day(300) }, 'permitExpiresOn'],
      [{ migrationStatus: 'Tourist' }, 'migrationStatus'],
      [{ reflectionStartsOn: '2026-02-30' }, 'reflectionStartsOn'],
    ];
    for (const [change, field] of cases) {
      const refused = await caseworker.patch(`/api/cases/${created.id}/legal-status`, { ...base, ...change });
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused.body)).toContain(field);
    }
    const { migrationStatus: _left, ...withoutOne } = base;
    const missing = await caseworker.patch(`/api/cases/${created.id}/legal-status`, withoutOne);
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toContain('migrationStatus');
    expect((await caseworker.get(`/api/cases/${created.id}/legal-status`)).body.version).toBe(0);
  });

  it('tells "my work" of reflection periods ending and permits expiring within the notice, on her own open cases', async () => {
    const within = LEGAL_DEADLINE_NOTICE_DAYS - 1;
    const soon = await newCase(caseworker);
    const later = await newCase(caseworker);
    const applied = await newCase(caseworker);
    const permit = await newCase(caseworker);
    const colleagues = await newCase(colleague);
    const write = (session: HttpSession, caseId: string, values: Record<string, unknown>) =>
      session.patch(`/api/cases/${caseId}/legal-status`, {
        migrationStatus: 'IrregularMigrant',
        reflectionStartsOn: day(-60),
        reflectionEndsOn: null,
        permitAppliedOn: null,
        permitDecision: null,
        permitExpiresOn: null,
        version: 0,
        ...values,
      });
    expect((await write(caseworker, soon.id, { reflectionEndsOn: day(within) })).status).toBe(200);
    expect((await write(caseworker, later.id, { reflectionEndsOn: day(LEGAL_DEADLINE_NOTICE_DAYS + 5) })).status).toBe(
      200,
    );
    // A permit applied for: the period's end needs nothing more.
    expect(
      (
        await write(caseworker, applied.id, {
          reflectionEndsOn: day(3),
          permitAppliedOn: day(-1),
          permitDecision: 'pending',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await write(caseworker, permit.id, {
          permitAppliedOn: day(-400),
          permitDecision: 'granted',
          permitExpiresOn: day(-2),
        })
      ).status,
    ).toBe(200);
    expect((await write(colleague, colleagues.id, { reflectionEndsOn: day(1) })).status).toBe(200);

    const work = await caseworker.get('/api/my-work');
    expect(work.status).toBe(200);
    const mine = (
      work.body.legalDeadlines as { caseId: string; kind: string; dueOn: string; overdue: boolean }[]
    ).filter((item) => [soon.id, later.id, applied.id, permit.id, colleagues.id].includes(item.caseId));
    expect(mine).toEqual([
      { caseId: permit.id, caseReference: permit.reference, kind: 'permitExpires', dueOn: day(-2), overdue: true },
      {
        caseId: soon.id,
        caseReference: soon.reference,
        kind: 'reflectionPeriodEnds',
        dueOn: day(within),
        overdue: false,
      },
    ]);
    const colleaguesWork = await colleague.get('/api/my-work');
    expect(colleaguesWork.body.legalDeadlines.map((item: { caseId: string }) => item.caseId)).toContain(colleagues.id);
  });

  it('applies the protections once the status makes her a presumed victim', async () => {
    const created = await newCase(caseworker);
    await caseworker.post(`/api/cases/${created.id}/identification/decisions`, {
      status: 'PossibleVictimOfTrafficking',
      decidedBy: 'Police',
      decidedOn: day(0),
      reason: 'Presumed after the police interview.',
    });
    expect((await caseworker.get(`/api/cases/${created.id}/legal-status`)).body.protectionsApply).toBe(true);
  });
});

describe('the screening interpreter’s name, to those who may read the identity', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
    await caseworkerAndColleagueInOneTeam(harness);
  });
  afterAll(() => harness.close());

  it('opens the name for the assignee and supervisors, audited; a team colleague gets null and no audit', async () => {
    const [caseworker, colleague, supervisor] = await Promise.all(
      (['caseworker', 'colleague', 'supervisor'] as const).map((person) => harness.signInAs(person)),
    );
    const caseId = (await newCase(caseworker)).id;
    const screen = (session: HttpSession, interpreterName: string) =>
      session.post(`/api/cases/${caseId}/identification/screenings`, {
        screenedOn: new Date().toISOString().slice(0, 10),
        language: 'ti',
        interpreterUsed: true,
        interpreterName,
        answers: PRESUMED,
      });
    const namesRead = async () =>
      (
        await queryDatabase<{ actor: string }>(
          harness.database.url,
          `SELECT actor_user_id AS actor FROM audit.event WHERE action = 'case.names.read' AND subject_id = $1`,
          [caseId],
        )
      ).map((row) => row.actor);

    const recorded = await screen(caseworker, 'Hewan Teamhidden');
    expect(recorded.status).toBe(201);
    expect(recorded.body.interpreterName).toBe('Hewan Teamhidden');
    const screenings = async (session: HttpSession) => {
      const page = await session.get(`/api/cases/${caseId}/identification`);
      expect(page.status).toBe(200);
      return page.body.screenings as { interpreterUsed: boolean; interpreterName: string | null }[];
    };
    expect((await screenings(supervisor))[0]).toMatchObject({ interpreterName: 'Hewan Teamhidden' });
    expect(await namesRead()).toEqual(
      expect.arrayContaining([harness.people.caseworker.id, harness.people.supervisor.id]),
    );

    const before = (await namesRead()).length;
    // The colleague covering the case reads the screening, that an interpreter was used, not who it was…
    expect((await screenings(colleague))[0]).toMatchObject({ interpreterUsed: true, interpreterName: null });
    // …nor the name she recorded herself.
    const theirs = await screen(colleague, 'Tesfay Echoless');
    expect(theirs.status).toBe(201);
    expect(theirs.body.interpreterName).toBeNull();
    expect(JSON.stringify((await colleague.get(`/api/cases/${caseId}/identification`)).body)).not.toMatch(
      /Teamhidden|Echoless/,
    );
    expect(await namesRead()).toHaveLength(before);
    expect(await namesRead()).not.toContain(harness.people.colleague.id);
  });
});
