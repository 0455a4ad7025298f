import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CaseAccessLogEntry, Notification, PrintableSummary } from '@haven/contracts';
import { signIn, type HttpSession } from '@haven/testing';
import { registration, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { referToClinic } from '../support/case-fixtures.js';

// A synthetic survivor; nothing here describes a real person.
const SURVIVOR = { givenName: 'Summaryname', familyName: 'Printfamily' };

/**
 * Printable case summaries: read like the case, audited like every read of it (an access-log entry), identifying
 * sections only for those who may read the identity and audited as an identity read; a partner prints only what
 * its open referral shares.
 */
describe('printable case summary', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let partner: HttpSession;
  let deputy: HttpSession;
  let caseId: string;
  let reference: string;
  let referralId: string;

  const summary = (session: HttpSession, sections: unknown, id = caseId) =>
    session.post(`/api/cases/${id}/summary`, { sections });
  const accessLog = async (): Promise<CaseAccessLogEntry[]> =>
    (await supervisor.get(`/api/cases/${caseId}/access-log?pageSize=100`)).body.items;

  beforeAll(async () => {
    harness = await startTestApp();
    // A second supervisor of the same shelter, told when the first one reads an identity outside the assignment.
    await harness.addPerson({
      email: 'deputy@test.haven.test',
      displayName: 'Test deputy',
      role: 'supervisor',
      organisation: 'shelterA',
    });
    deputy = await signIn(harness.server, 'deputy@test.haven.test', TEST_PASSWORD);
    [caseworker, supervisor, partner] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('supervisor'),
      harness.signInAs('partner'),
    ]);
    const registered = await caseworker.post('/api/cases', registration(SURVIVOR));
    caseId = registered.body.id;
    reference = registered.body.reference;
    referralId = await referToClinic(harness, caseworker, caseId, ['basicProfile', 'healthNeeds']);
  });
  afterAll(() => harness.close());

  it('gives the assignee the chosen sections, and records the summary in the case’s access log', async () => {
    const before = Date.now();
    const response = await summary(caseworker, ['basicProfile', 'riskSummary']);
    expect(response.status).toBe(200);
    const body = response.body as PrintableSummary;
    expect(body.reference).toBe(reference);
    expect(body.view.sections).toEqual(['basicProfile', 'riskSummary']);
    expect(body.view.basicProfile).toBeDefined();
    expect(body.view.identity).toBeUndefined();
    expect(new Date(body.producedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.stringify(body)).not.toContain(SURVIVOR.familyName);

    const entries = await accessLog();
    const printed = entries.filter(
      (entry) => entry.action === 'case.summary.produced' && entry.actor?.id === harness.people.caseworker.id,
    );
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ kind: 'sharing', labelKey: 'case-summary-produced' });
    // No identifying section: no identity read.
    expect(
      entries.filter(
        (entry) => entry.action === 'case.identity.read' && entry.actor?.id === harness.people.caseworker.id,
      ),
    ).toHaveLength(0);
  });

  it('shows the identity only to those who may read it, and records it as an identity read with its reason', async () => {
    const response = await summary(supervisor, ['identity', 'basicProfile']);
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body.view.identity)).toContain(SURVIVOR.familyName);
    const entries = await accessLog();
    const bySupervisor = entries.filter((entry) => entry.actor?.id === harness.people.supervisor.id);
    expect(bySupervisor.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['case.summary.produced', 'case.identity.read']),
    );
    // The supervisor is not the assignee: as for showing the identity, the reason says so.
    expect(bySupervisor.find((entry) => entry.action === 'case.identity.read')).toMatchObject({
      reason: 'outside-assignment',
    });
  });

  it('answers 404 outside the reader’s scope and records nothing', async () => {
    // A caseworker of the same shelter not assigned to the case (and in no team) does not know the case either.
    for (const person of ['colleague', 'otherCaseworker', 'otherSupervisor'] as const) {
      expect((await summary(await harness.signInAs(person), ['basicProfile'])).status).toBe(404);
    }
    expect((await summary(partner, ['basicProfile'])).status).toBe(404);
    expect((await summary(supervisor, ['basicProfile'], '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const outsiders = [
      harness.people.colleague.id,
      harness.people.otherCaseworker.id,
      harness.people.otherSupervisor.id,
      harness.people.partner.id,
    ];
    const entries = await accessLog();
    expect(
      entries.filter((entry) => entry.action === 'case.summary.produced' && outsiders.includes(entry.actor?.id ?? '')),
    ).toHaveLength(0);
  });

  it('names the field when the sections are missing, repeated or unknown', async () => {
    for (const sections of [[], ['basicProfile', 'basicProfile'], ['diary'], undefined]) {
      const response = await summary(caseworker, sections);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^sections/) })]),
      );
    }
  });

  it('gives a partner only what its referral shares, recorded in the sending organisation’s access log', async () => {
    const response = await partner.post(`/api/referrals/${referralId}/summary`, { sections: ['healthNeeds'] });
    expect(response.status).toBe(200);
    const body = response.body as PrintableSummary;
    expect(body.reference).toBeNull();
    expect(body.view.sections).toEqual(['healthNeeds']);
    expect(body.view.basicProfile).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain(reference);

    const beyond = await partner.post(`/api/referrals/${referralId}/summary`, { sections: ['identity'] });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors).toEqual([expect.objectContaining({ field: 'sections' })]);

    const entries = await accessLog();
    expect(
      entries.filter(
        (entry) => entry.action === 'referral.summary.produced' && entry.actor?.id === harness.people.partner.id,
      ),
    ).toHaveLength(1);
    // A referral the partner does not hold is unknown to it.
    expect(
      (await partner.post('/api/referrals/00000000-0000-4000-8000-000000000000/summary', { sections: ['healthNeeds'] }))
        .status,
    ).toBe(404);
  });

  it('alerts the other supervisors when a summary showed the identity outside the assignment, as showing it does', async () => {
    const alerts = (await deputy.get('/api/notifications')).body.items as Notification[];
    expect(alerts.filter((item) => item.kind === 'case.identity.viewed' && item.subjectId === caseId)).toHaveLength(1);
  });
});
