import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type {
  CaseAccessLogEntry,
  CaseAccessLogResponse,
  Notification,
  SystemEvent,
  SystemEventResponse,
} from '@haven/contracts';
import { queryDatabase, signIn, type HttpSession } from '@haven/testing';
import { registration, startTestApp, TEST_PASSWORD, type TestApp, type TestPerson } from '../support/test-app.js';

const LOOPBACK = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;

describe('access log (supervisors) and audit events (administrators)', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let deputy: HttpSession;
  let admin: HttpSession;
  let caseId: string;
  let caseReference: string;
  let otherCaseId: string;

  const log = (session: HttpSession, query = '') => session.get(`/api/cases/${caseId}/access-log${query}`);
  const identityAlerts = async (session: HttpSession) =>
    ((await session.get('/api/notifications')).body.items as Notification[]).filter(
      (item) => item.kind === 'case.identity.viewed',
    );

  beforeAll(async () => {
    harness = await startTestApp();
    // A second supervisor of the same shelter, to receive alerts about the first one's reads.
    await harness.addPerson({
      email: 'deputy@test.haven.test',
      displayName: 'Test deputy',
      role: 'supervisor',
      organisation: 'shelterA',
    });
    [caseworker, supervisor, admin] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('supervisor'),
      harness.signInAs('admin'),
    ]);
    deputy = await signIn(harness.server, 'deputy@test.haven.test', TEST_PASSWORD);

    const registered = await caseworker.post(
      '/api/cases',
      registration({ givenName: 'Logname', familyName: 'Survivorfamily' }),
    );
    caseId = registered.body.id;
    caseReference = registered.body.reference;
    otherCaseId = (await (await harness.signInAs('otherCaseworker')).post('/api/cases', registration())).body.id;

    // The assignee reads the identity (no alert), then changes the case.
    expect((await caseworker.get(`/api/cases/${caseId}/identity`)).status).toBe(200);
    const current = await caseworker.get(`/api/cases/${caseId}`);
    expect(
      (await caseworker.patch(`/api/cases/${caseId}`, { version: current.body.version, stage: 'assessment' })).status,
    ).toBe(200);
    // A referral to the clinic, which the partner opens: sharing, by someone of another organisation.
    await admin.patch(`/api/organisations/${harness.organisations.clinic}`, {
      services: ['medical'],
      country: 'IT',
      acceptingReferrals: true,
    });
    await caseworker.post(`/api/cases/${caseId}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: harness.organisations.clinic,
      givenOn: '2026-11-01',
      method: 'verbal',
    });
    const referral = await caseworker.post(`/api/cases/${caseId}/referrals`, {
      toOrganisationId: harness.organisations.clinic,
      services: ['medical'],
      lens: ['basicProfile'],
    });
    expect(referral.status).toBe(201);
    expect((await (await harness.signInAs('partner')).get(`/api/referrals/${referral.body.id}`)).status).toBe(200);
    // A supervisor who is not the assignee reads the identity: the other supervisor is told.
    expect((await supervisor.get(`/api/cases/${caseId}/identity`)).status).toBe(200);
    // Failed sign-ins and a password change, for the administrators' view.
    await request(harness.server)
      .post('/api/auth/login')
      .send({ email: harness.people.colleague.email, password: 'Wrong-guess-1' });
    await request(harness.server)
      .post('/api/auth/login')
      .send({ email: 'nobody@test.haven.test', password: 'Wrong-guess-2' });
  });
  afterAll(() => harness.close());

  describe('a case’s access log', () => {
    it('shows a supervisor of the case’s organisation who did what, when, from where and why — staff names, never the survivor’s', async () => {
      const response = await log(supervisor, '?pageSize=100');
      expect(response.status).toBe(200);
      const body = response.body as CaseAccessLogResponse;
      const ids = body.items.map((item) => Number(item.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));

      const identityReads = body.items.filter((item) => item.action === 'case.identity.read');
      const bySupervisor = identityReads.find((item) => item.actor?.id === harness.people.supervisor.id)!;
      expect(bySupervisor).toMatchObject({
        kind: 'identity',
        labelKey: 'case-identity-read',
        outcome: 'success',
        reason: 'outside-assignment',
        actor: { displayName: 'Test supervisor', role: 'supervisor', organisationName: 'Test Shelter A' },
      });
      expect(bySupervisor.address).toMatch(LOOPBACK);
      expect(new Date(bySupervisor.occurredAt).getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
      expect(identityReads.find((item) => item.actor?.id === harness.people.caseworker.id)).toMatchObject({
        reason: 'assignee',
        actor: { displayName: 'Test caseworker', role: 'caseworker' },
      });

      const actions = body.items.map((item) => item.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'case.created',
          'case.updated',
          'consent.recorded',
          'referral.sent',
          'referral.opened',
          'case.access-log.read',
        ]),
      );
      expect(body.items.find((item) => item.action === 'referral.opened')).toMatchObject({
        kind: 'sharing',
        actor: { role: 'partner', organisationName: 'Test Clinic' },
      });

      const dump = JSON.stringify(body);
      for (const secret of ['Logname', 'Survivorfamily']) expect(dump).not.toContain(secret);
    });

    it.each<TestPerson>([
      'caseworker',
      'colleague',
      'otherCaseworker',
      'otherSupervisor',
      'partner',
      'manager',
      'admin',
    ])('answers 404 to the %s', async (person) => {
      const session =
        person === 'caseworker' ? caseworker : person === 'admin' ? admin : await harness.signInAs(person);
      expect((await log(session)).status).toBe(404);
    });

    it('answers 404 for another organisation’s case and for a case that does not exist, even to a supervisor', async () => {
      expect((await supervisor.get(`/api/cases/${otherCaseId}/access-log`)).status).toBe(404);
      expect((await supervisor.get('/api/cases/00000000-0000-4000-8000-000000000000/access-log')).status).toBe(404);
    });

    it('filters by kind: identity views, changes, sharing', async () => {
      const kinds = async (kind: string) =>
        ((await log(supervisor, `?kind=${kind}&pageSize=100`)).body as CaseAccessLogResponse).items;
      const identity = await kinds('identity');
      expect(identity.length).toBeGreaterThanOrEqual(2);
      expect(identity.every((item) => item.action === 'case.identity.read')).toBe(true);
      const changes = await kinds('changes');
      expect(changes.map((item) => item.action)).toEqual(expect.arrayContaining(['case.created', 'case.updated']));
      expect(
        changes.every(
          (item) =>
            item.kind === 'changes' && item.action !== 'case.identity.read' && !item.action.startsWith('referral.'),
        ),
      ).toBe(true);
      const sharing = await kinds('sharing');
      expect(sharing.map((item) => item.action).sort()).toEqual(['referral.opened', 'referral.sent']);
      const bad = await log(supervisor, '?kind=everything');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.errors)).toContain('kind');
    });

    it('pages newest first by cursor without overlap, though reading adds to the log', async () => {
      const first = (await log(supervisor, '?pageSize=3')).body as CaseAccessLogResponse;
      expect(first.items).toHaveLength(3);
      expect(first.items[0]!.action).toBe('case.access-log.read');
      // Each read adds an event before the first page: the cursor's page starts after a row, so nothing shifts.
      const second = (await log(supervisor, `?pageSize=3&cursor=${first.nextCursor}`)).body as CaseAccessLogResponse;
      const again = (await log(supervisor, `?pageSize=3&cursor=${second.previousCursor}`))
        .body as CaseAccessLogResponse;
      expect(again.items).toEqual(first.items);
      const seen = [...first.items, ...second.items].map((item: CaseAccessLogEntry) => Number(item.id));
      expect(new Set(seen).size).toBe(6);
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expect((await log(supervisor, '?upTo=12')).status).toBe(400);
    });

    it('is itself audited: each read leaves an event the log shows under oversight', async () => {
      const before = await queryDatabase<{ count: number }>(
        harness.database.url,
        "SELECT count(*)::int AS count FROM audit.event WHERE action = 'case.access-log.read'",
      );
      await log(supervisor);
      const rows = await queryDatabase<{ actor_user_id: string; subject_id: string; address: string }>(
        harness.database.url,
        "SELECT actor_user_id, subject_id, address FROM audit.event WHERE action = 'case.access-log.read' ORDER BY id DESC",
      );
      expect(rows).toHaveLength(before[0]!.count + 1);
      expect(rows[0]).toMatchObject({ actor_user_id: harness.people.supervisor.id, subject_id: caseId });
      const oversight = ((await log(supervisor, '?kind=oversight')).body as CaseAccessLogResponse).items;
      expect(oversight.length).toBeGreaterThan(0);
      expect(oversight.every((item) => item.action === 'case.access-log.read')).toBe(true);
      // A refused read is not an access to the log.
      const afterRefusal = rows.length;
      await log(caseworker);
      expect(
        (await queryDatabase(harness.database.url, "SELECT 1 FROM audit.event WHERE action = 'case.access-log.read'"))
          .length,
      ).toBe(afterRefusal + 1);
    });
  });

  describe('the identity alert', () => {
    it('tells the other supervisors, naming the case reference and the reader, when someone outside the assignment reads the identity', async () => {
      const alerts = await identityAlerts(deputy);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        subjectType: 'Case',
        subjectId: caseId,
        caseReference,
        actorName: 'Test supervisor',
        read: false,
      });
      expect(JSON.stringify(alerts)).not.toContain('Logname');
    });

    it('does not tell the reader, nor anyone when the assignee reads it', async () => {
      expect(await identityAlerts(supervisor)).toHaveLength(0);
      const readsBefore = (await identityAlerts(deputy)).length;
      expect((await caseworker.get(`/api/cases/${caseId}/identity`)).status).toBe(200);
      expect(await identityAlerts(deputy)).toHaveLength(readsBefore);
      expect(await identityAlerts(caseworker)).toHaveLength(0);
    });

    it('reaches only the case’s organisation', async () => {
      expect(await identityAlerts(await harness.signInAs('otherSupervisor'))).toHaveLength(0);
    });

    it('is raised by the deputy’s own read too, for the first supervisor', async () => {
      expect((await deputy.get(`/api/cases/${caseId}/identity`)).status).toBe(200);
      const alerts = await identityAlerts(supervisor);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ actorName: 'Test deputy', caseReference });
      expect(await identityAlerts(deputy)).toHaveLength(1);
    });
  });

  describe('sign-in events and system changes', () => {
    const events = async (query = '') => {
      const response = await admin.get(`/api/audit/events${query}`);
      expect(response.status).toBe(200);
      return response.body as SystemEventResponse;
    };

    it('shows an administrator sign-ins, failures, password changes and system changes with who and from where', async () => {
      await (
        await harness.signInAs('manager')
      ).post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'A-new-passphrase-by-the-river-7' });
      const body = await events('?pageSize=100');
      const actions = body.items.map((item) => item.action);
      expect(actions).toEqual(
        expect.arrayContaining(['auth.login', 'auth.login.failed', 'auth.password.changed', 'organisation.updated']),
      );
      const failure = body.items.find(
        (item) => item.action === 'auth.login.failed' && item.actor?.id === harness.people.colleague.id,
      )!;
      expect(failure).toMatchObject({
        kind: 'sign-in',
        outcome: 'failure',
        labelKey: 'auth-login-failed',
        actor: { displayName: 'Test colleague', role: 'caseworker', organisationName: 'Test Shelter A' },
      });
      expect(failure.address).toMatch(LOOPBACK);
      expect(body.items.some((item) => item.action === 'auth.login.failed' && item.actor === null)).toBe(true);
      expect(body.items.find((item) => item.action === 'organisation.updated')).toMatchObject({
        kind: 'system',
        subject: { type: 'Organisation', id: harness.organisations.clinic },
      });
    });

    it('never shows an event about a case or its content, however it is filtered', async () => {
      const caseIds = await queryDatabase<{ id: string; reference: string }>(
        harness.database.url,
        'SELECT id, reference FROM app."case"',
      );
      expect(caseIds.length).toBeGreaterThanOrEqual(2);
      const caseEvents = await queryDatabase<{ count: number }>(
        harness.database.url,
        "SELECT count(*)::int AS count FROM audit.event WHERE subject_type = 'Case'",
      );
      expect(caseEvents[0]!.count).toBeGreaterThan(10);
      const everything: SystemEvent[] = [];
      for (let cursor: string | null = ''; cursor !== null; ) {
        const body = await events(`?pageSize=100${cursor ? `&cursor=${cursor}` : ''}`);
        everything.push(...body.items);
        cursor = body.nextCursor;
      }
      for (const query of [
        '?kind=sign-in',
        '?kind=system',
        `?userId=${harness.people.supervisor.id}`,
        `?userId=${harness.people.caseworker.id}`,
      ]) {
        everything.push(...(await events(`${query}&pageSize=100`)).items);
      }
      const dump = JSON.stringify(everything);
      for (const { id, reference } of caseIds) {
        expect(dump).not.toContain(id);
        expect(dump).not.toContain(reference);
      }
      for (const item of everything) {
        expect(item.subject?.type).not.toBe('Case');
        expect(item.action).not.toMatch(
          /^(case|consent|referral|transfer|note|task|plan|goal|assessment|service|placement|enrolment|visit|protection)\./,
        );
      }
    });

    it('filters by kind, user and date', async () => {
      const signIns = (await events('?kind=sign-in&pageSize=100')).items;
      expect(signIns.length).toBeGreaterThan(0);
      expect(signIns.every((item) => item.action.startsWith('auth.') && item.kind === 'sign-in')).toBe(true);
      const system = (await events('?kind=system&pageSize=100')).items;
      expect(system.every((item) => !item.action.startsWith('auth.') && item.kind === 'system')).toBe(true);

      const colleague = (await events(`?userId=${harness.people.colleague.id}&pageSize=100`)).items;
      expect(colleague.length).toBeGreaterThan(0);
      expect(
        colleague.every(
          (item) => item.actor?.id === harness.people.colleague.id || item.subject?.id === harness.people.colleague.id,
        ),
      ).toBe(true);

      const today = new Date().toISOString().slice(0, 10);
      expect((await events(`?from=${today}&to=${today}`)).total).toBeGreaterThan(0);
      expect((await events('?from=2001-01-01&to=2001-12-31')).total).toBe(0);
      const backwards = await admin.get('/api/audit/events?from=2026-02-01&to=2026-01-01');
      expect(backwards.status).toBe(400);
      expect(JSON.stringify(backwards.body.errors)).toContain('to');
    });

    it('pages newest first', async () => {
      const first = await events('?pageSize=2');
      const second = await events(`?pageSize=2&cursor=${first.nextCursor}`);
      const ids = [...first.items, ...second.items].map((item) => Number(item.id));
      expect(ids).toHaveLength(4);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    });

    it('is refused to everyone else (403 on a collection), shows supervisors only their organisation’s system changes, and reading it is audited', async () => {
      expect((await caseworker.get('/api/audit/events')).status).toBe(403);
      // A supervisor reads the system events about her own organisation (tests/api/retention.spec.ts), never sign-ins or another's.
      const own = await supervisor.get('/api/audit/events?pageSize=100');
      expect(own.status).toBe(200);
      expect((own.body.items as { action: string }[]).filter((item) => item.action.startsWith('auth.'))).toEqual([]);
      const reads = await queryDatabase<{ actor_user_id: string; category: string }>(
        harness.database.url,
        "SELECT actor_user_id, category FROM audit.event WHERE action = 'audit.events.read'",
      );
      expect(reads.map((row) => row.actor_user_id)).toEqual(
        expect.arrayContaining([harness.people.admin.id, harness.people.supervisor.id]),
      );
      expect(reads.every((row) => row.category === 'system')).toBe(true);
    });
  });
});

describe('identity alert by e-mail', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({ environment: { SMTP_URL: 'json', SMTP_FROM: 'Haven <no-reply@haven.test>' } });
  });
  afterAll(() => harness.close());

  it('mails the other supervisors after the read commits, naming nobody and no case', async () => {
    const { NotificationMailer } = await import('../../apps/api/src/modules/notifications/notification-mailer.js');
    const transport = harness.app.get(NotificationMailer).transport!;
    const sent: { to: string; subject: string; text: string }[] = [];
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (async (message: { to: string; subject: string; text: string }) => {
      sent.push(message);
      return original(message);
    }) as typeof transport.sendMail;
    await harness.addPerson({
      email: 'deputy@test.haven.test',
      displayName: 'Test deputy',
      role: 'supervisor',
      organisation: 'shelterA',
    });
    const caseworker = await harness.signInAs('caseworker');
    const created = (await caseworker.post('/api/cases', registration({ givenName: 'Mailname' }))).body;
    await caseworker.get(`/api/cases/${created.id}/identity`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual([]);

    await (await harness.signInAs('supervisor')).get(`/api/cases/${created.id}/identity`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.map((message) => message.to)).toEqual(['deputy@test.haven.test']);
    expect(sent[0]!.subject).toContain('identity was viewed');
    expect(JSON.stringify(sent)).not.toMatch(/Mailname|HV-|Test supervisor|Test Shelter/);
  });
});
