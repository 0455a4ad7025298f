import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { StatisticsProjector } from '../../apps/api/src/modules/statistics/statistics-projector.service.js';
import { ROUTE_MATRIX } from '../security/route-matrix.js';
import { closedCaseWithText, remainingCaseText, statisticsSnapshot, type CaseWithText } from '../support/case-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('a survivor’s erasure request', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let partner: HttpSession;
  let otherSupervisor: HttpSession;
  let survivor: CaseWithText;
  let receivedCopyId: string;
  const query = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => queryDatabase<T>(harness.database.url, sql, params);
  const erasure = (overrides: Record<string, unknown> = {}) => ({ reason: 'survivorRequest', channel: 'inPerson', confirmReference: survivor.reference, ...overrides });

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor, partner, otherSupervisor] = await Promise.all(
      (['caseworker', 'supervisor', 'partner', 'otherSupervisor'] as const).map((person) => harness.signInAs(person)),
    );
    survivor = await closedCaseWithText(harness, { caseworker, supervisor, partner }, 'Erasmina');
    // Her case was also transferred to shelter B earlier: the received copy is hers too.
    const reopened = await supervisor.post(`/api/cases/${survivor.id}/reopen`, { version: (await supervisor.get(`/api/cases/${survivor.id}`)).body.version, reason: 'Moving to another shelter' });
    expect(reopened.status).toBe(200);
    await caseworker.post(`/api/cases/${survivor.id}/consents`, { purpose: 'referral', recipientOrganisationId: harness.organisations.shelterB, givenOn: '2026-01-01', method: 'written' });
    const proposed = await supervisor.post(`/api/cases/${survivor.id}/transfers`, { toOrganisationId: harness.organisations.shelterB, reason: 'Erasmina asked to move closer to family' });
    expect(proposed.status).toBe(201);
    const accepted = await otherSupervisor.post(`/api/transfers/${proposed.body.id}/decision`, { version: proposed.body.version, decision: 'accept', comment: 'Welcome, Erasmina' });
    expect(accepted.status).toBe(200);
    receivedCopyId = accepted.body.receivedCaseId;
    expect((await otherSupervisor.get(`/api/cases/${receivedCopyId}/identity`)).body.givenName).toBe('Erasmina');
  });
  afterAll(() => harness.close());

  it('is for supervisors of the case’s organisation only, and needs the reference typed again', async () => {
    expect((await caseworker.post(`/api/cases/${survivor.id}/erasure`, erasure())).status).toBe(404);
    expect((await partner.post(`/api/cases/${survivor.id}/erasure`, erasure())).status).toBe(404);
    expect((await otherSupervisor.post(`/api/cases/${survivor.id}/erasure`, erasure())).status).toBe(404);
    expect((await caseworker.get(`/api/cases/${survivor.id}/data-protection`)).status).toBe(404);
    const mistyped = await supervisor.post(`/api/cases/${survivor.id}/erasure`, erasure({ confirmReference: 'HV-AAAA-BBBB' }));
    expect(mistyped.status).toBe(400);
    expect(mistyped.body.errors).toEqual([expect.objectContaining({ field: 'confirmReference' })]);
    const badReason = await supervisor.post(`/api/cases/${survivor.id}/erasure`, erasure({ reason: 'Because she said so' }));
    expect(badReason.status).toBe(400);
    expect(await query(`SELECT 1 FROM app.case_key WHERE case_id = $1`, [survivor.id])).toHaveLength(1);
  });

  it('anonymises her case and its transferred copy at once, keeps the statistics, and leaves a tombstone without personal data', async () => {
    await harness.app.get(StatisticsProjector).refresh(1_000_000);
    const before = await statisticsSnapshot(query);

    const erased = await supervisor.post(`/api/cases/${survivor.id}/erasure`, erasure({ confirmReference: survivor.reference.toLowerCase() }));

    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      caseId: survivor.id,
      anonymisation: { kind: 'erasure' },
      erasure: { reason: 'survivorRequest', channel: 'inPerson', recordedBy: { id: harness.people.supervisor.id } },
      linkedCases: 1,
    });
    for (const caseId of [survivor.id, receivedCopyId]) expect(await remainingCaseText(query, caseId)).toEqual({});
    // The source case was closed by the transfer and the copy closed by the erasure: only the copy's status moved.
    await harness.app.get(StatisticsProjector).refresh(1_000_000);
    const after = await statisticsSnapshot(query);
    expect(after.case_row?.length).toBe(before.case_row?.length);
    for (const table of Object.keys(before).filter((name) => name !== 'case_row')) expect(after[table]).toEqual(before[table]);

    // Tombstone and audit: who, when, what — and nothing that names her.
    const events = await query<{ action: string; actor_user_id: string }>(`SELECT action, actor_user_id FROM audit.event WHERE subject_id = $1 AND action IN ('case.erased', 'case.anonymised') ORDER BY id`, [survivor.id]);
    expect(events).toEqual([
      { action: 'case.anonymised', actor_user_id: harness.people.supervisor.id },
      { action: 'case.erased', actor_user_id: harness.people.supervisor.id },
    ]);
    const auditText = await query<{ row: string }>(`SELECT to_jsonb(e)::text AS row FROM audit.event e`);
    expect(auditText.filter((row) => /erasmina/i.test(row.row))).toEqual([]);
    const tombstone = await query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM app.case_erasure t`);
    expect(tombstone).toHaveLength(1);
    expect(tombstone[0]!.row).not.toMatch(/erasmina/i);
  });

  it('answers clearly afterwards: identity and notes are gone, partners lose the referral’s content, nothing answers 500', async () => {
    const identity = await supervisor.get(`/api/cases/${survivor.id}/identity`);
    expect(identity.status).toBe(410);
    expect(identity.body.title).toBe('Case anonymised');
    expect((await otherSupervisor.get(`/api/cases/${receivedCopyId}/identity`)).status).toBe(410);
    expect((await supervisor.get(`/api/cases/${survivor.id}/notes`)).body).toMatchObject({ items: [], total: 0 });
    expect((await supervisor.get(`/api/cases/${survivor.id}`)).body.anonymisation).toMatchObject({ kind: 'erasure' });
    expect((await supervisor.post(`/api/cases/${survivor.id}/erasure`, erasure())).status).toBe(410);

    const partnerView = await partner.get(`/api/referrals/${survivor.referralId}`);
    expect(partnerView.status).toBe(410);
    expect(JSON.stringify(partnerView.body)).not.toMatch(/erasmina/i);
    expect((await partner.get('/api/referrals/inbox')).status).toBe(200);

    const failures: string[] = [];
    for (const [route, entry] of Object.entries(ROUTE_MATRIX)) {
      const [method, pattern] = route.split(' ') as [string, string];
      if (!pattern.startsWith('/api/cases/:id')) continue;
      const path = pattern.replace(':id', survivor.id).replace(/:(\w+)/g, () => randomUUID());
      const response = method === 'GET' ? await supervisor.get(path) : method === 'PATCH' ? await supervisor.patch(path, entry.body ?? {}) : await supervisor.post(path, entry.body ?? {});
      if (response.status >= 500) failures.push(`${route}: ${response.status}`);
      if (method !== 'GET' && response.status < 300) failures.push(`${route} changed an anonymised case: ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
