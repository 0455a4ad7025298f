import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { routeTable } from '../../apps/api/src/core/http/route-table.js';
import { registration, startTestApp, type TestApp, type TestPerson } from '../support/test-app.js';
import { EVERYONE, ROUTE_MATRIX as MATRIX } from './route-matrix.js';

const PERSON_FOR: Record<Role, TestPerson> = { caseworker: 'caseworker', supervisor: 'supervisor', partner: 'partner', manager: 'manager', admin: 'admin' };
const REFUSED_BY_POLICY = [401, 403, 404];

describe('authorisation matrix', () => {
  let harness: TestApp;
  let params: { own: Record<string, string>; other: Record<string, string> };

  async function fixturesFor(session: HttpSession): Promise<Record<string, string>> {
    const created = (await session.post('/api/cases', registration())).body;
    const id = created.id as string;
    const consent = await session.post(`/api/cases/${id}/consents`, { purpose: 'assistance', givenOn: '2026-01-01', method: 'written' });
    const note = await session.post(`/api/cases/${id}/notes`, { body: 'Fixture note' });
    const task = await session.post(`/api/cases/${id}/tasks`, { title: 'Fixture task', dueOn: '2027-01-01' });
    const goal = await session.post(`/api/cases/${id}/plan/goals`, { type: 'Legal', objective: 'Fixture goal' });
    const referralConsent = await session.post(`/api/cases/${id}/consents`, { purpose: 'referral', recipientOrganisationId: harness.organisations.clinic, givenOn: '2026-01-01', method: 'written' });
    const referral = await session.post(`/api/cases/${id}/referrals`, { toOrganisationId: harness.organisations.clinic, services: ['medical'], lens: ['basicProfile'] });
    for (const response of [consent, note, task, goal, referralConsent, referral]) expect(response.status).toBe(201);
    const reintegrationGoal = await session.post(`/api/cases/${id}/reintegration/goals`, { dimension: 'social', goal: 'Housing' });
    const schedule = await session.post(`/api/cases/${id}/reintegration/schedule`, { referenceDate: '2026-01-01', monthsAfter: [3] });
    for (const response of [reintegrationGoal, schedule]) expect(response.status).toBe(201);
    const visitId = (await session.get(`/api/cases/${id}/reintegration`)).body.visits[0].id as string;
    return { id, consentId: consent.body.id, noteId: note.body.id, taskId: task.body.id, goalId: goal.body.id, referralId: referral.body.id, reintegrationGoalId: reintegrationGoal.body.id, visitId };
  }

  /** A shelter and a partner-run programme of a shelter organisation, with the case enrolled. */
  async function organisationFixtures(supervisor: TestPerson, caseId: string): Promise<Record<string, string>> {
    const session = await harness.signInAs(supervisor);
    const shelter = await session.post('/api/shelters', { name: `Fixture house ${supervisor}`, kind: 'mixed', area: 'North', capacity: 5, address: 'Via Nascosta 3' });
    const programme = await session.post('/api/training-programmes', { providerOrganisationId: harness.organisations.clinic, trade: 'Tailoring', place: 'Centre', startsOn: '2027-01-01', endsOn: '2027-06-01', seats: 5, language: 'en' });
    const enrolment = await session.post(`/api/cases/${caseId}/enrolments`, { programmeId: programme.body.id });
    for (const response of [shelter, programme, enrolment]) expect(response.status).toBe(201);
    return { shelterId: shelter.body.id, programmeId: programme.body.id, enrolmentId: enrolment.body.id };
  }

  /** A transfer proposed by one shelter to the other, so the receiving supervisor can decide it. */
  async function transferBetween(from: TestPerson, sender: TestPerson, to: string): Promise<string> {
    const caseId = (await (await harness.signInAs(from)).post('/api/cases', registration())).body.id;
    const proposing = await harness.signInAs(sender);
    await proposing.post(`/api/cases/${caseId}/consents`, { purpose: 'referral', recipientOrganisationId: to, givenOn: '2026-01-01', method: 'written' });
    const transfer = await proposing.post(`/api/cases/${caseId}/transfers`, { toOrganisationId: to });
    expect(transfer.status).toBe(201);
    return transfer.body.id;
  }

  beforeAll(async () => {
    harness = await startTestApp();
    const own = await fixturesFor(await harness.signInAs('caseworker'));
    const other = await fixturesFor(await harness.signInAs('otherCaseworker'));
    // Own side: a transfer proposed to shelter A (decided by its supervisor), and one it proposed.
    const incomingTransfer = await transferBetween('otherCaseworker', 'otherSupervisor', harness.organisations.shelterA);
    const outgoingCase = own.id;
    const supervisor = await harness.signInAs('supervisor');
    await supervisor.post(`/api/cases/${outgoingCase}/consents`, { purpose: 'referral', recipientOrganisationId: harness.organisations.shelterB, givenOn: '2026-01-01', method: 'written' });
    const outgoing = (await supervisor.post(`/api/cases/${outgoingCase}/transfers`, { toOrganisationId: harness.organisations.shelterB })).body.id;
    const otherOutgoing = await transferBetween('otherCaseworker', 'otherSupervisor', harness.organisations.clinic).catch(() => incomingTransfer);
    const [notification] = await queryDatabase<{ id: string }>(harness.database.url, 'SELECT id FROM app.notification WHERE user_id = $1 LIMIT 1', [harness.people.otherSupervisor.id]);
    const shared = { userId: harness.people.otherCaseworker.id, organisationId: harness.organisations.clinic, notificationId: notification?.id ?? '00000000-0000-4000-8000-000000000000', table: 'cases-by-status' };
    params = {
      own: { ...own, ...(await organisationFixtures('supervisor', own.id)), ...shared, transferId: incomingTransfer, cancelTransferId: outgoing },
      other: { ...other, ...(await organisationFixtures('otherSupervisor', other.id)), ...shared, transferId: otherOutgoing },
    };
  }, 300_000);
  afterAll(() => harness.close());

  const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

  it('covers every non-public route', () => {
    const uncovered = routeTable(harness.app)
      .filter((route) => !route.isPublic)
      .map(key)
      .filter((route) => !MATRIX[route]);
    expect(uncovered).toEqual([]);
  });

  it('answers each role as the table says, in scope and out of scope', async () => {
    const sessions = new Map<Role, HttpSession>();
    const sessionFor = async (role: Role, fresh: boolean) => {
      // Signing out ends a session, so that route gets a fresh one.
      if (fresh) return harness.signInAs(PERSON_FOR[role]);
      if (!sessions.has(role)) sessions.set(role, await harness.signInAs(PERSON_FOR[role]));
      return sessions.get(role)!;
    };
    const call = (session: HttpSession, method: string, path: string, body: Record<string, unknown>) => {
      switch (method) {
        case 'GET':
          return session.get(path);
        case 'PATCH':
          return session.patch(path, body);
        case 'DELETE':
          return session.delete(path);
        default:
          return session.post(path, body);
      }
    };
    const mismatches: string[] = [];
    for (const [route, entry] of Object.entries(MATRIX)) {
      const [method, pattern] = route.split(' ') as [string, string];
      const addressesRecord = pattern.includes(':');
      for (const role of EVERYONE) {
        const session = await sessionFor(role, route === 'POST /api/auth/logout');
        const fixtureFor = (name: string) => (name === 'id' && entry.idIs ? entry.idIs : (entry.paramsAs?.[name] ?? name));
        const fill = (values: Record<string, string>) => pattern.replace(/:(\w+)/g, (_, name: string) => values[fixtureFor(name)] ?? values[name]!);
        const inScope = await call(session, method, fill(params.own) + (entry.query ?? ''), entry.body ?? {});
        const expected = entry.exact?.[role] ?? (entry.allowed.includes(role) ? 'reached' : addressesRecord ? 404 : 403);
        const ok = expected === 'reached' ? !REFUSED_BY_POLICY.includes(inScope.status) : inScope.status === expected;
        if (!ok) mismatches.push(`${route} as ${role}, in scope: expected ${expected}, got ${inScope.status}`);
        if (entry.caseRoute) {
          const outOfScope = await call(session, method, fill(params.other), entry.body ?? {});
          if (outOfScope.status !== 404) mismatches.push(`${route} as ${role}, other organisation's case: expected 404, got ${outOfScope.status}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);
});
