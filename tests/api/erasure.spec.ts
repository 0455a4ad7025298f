import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { StatisticsProjector } from '../../apps/api/src/modules/statistics/statistics-projector.service.js';
import { ROUTE_MATRIX } from '../security/route-matrix.js';
import {
  closedCaseWithText,
  remainingCaseText,
  statisticsSnapshot,
  type CaseWithText,
} from '../support/case-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('a survivor’s erasure request', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let partner: HttpSession;
  let otherSupervisor: HttpSession;
  let otherCaseworker: HttpSession;
  let survivor: CaseWithText;
  let receivedCopyId: string;
  const query = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    queryDatabase<T>(harness.database.url, sql, params);
  const erasure = (overrides: Record<string, unknown> = {}) => ({
    reason: 'survivorRequest',
    channel: 'inPerson',
    confirmReference: survivor.reference,
    ...overrides,
  });

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor, partner, otherSupervisor, otherCaseworker] = await Promise.all(
      (['caseworker', 'supervisor', 'partner', 'otherSupervisor', 'otherCaseworker'] as const).map((person) =>
        harness.signInAs(person),
      ),
    );
    survivor = await closedCaseWithText(harness, { caseworker, supervisor, partner }, 'Erasmina');
    // Her case was also transferred to shelter B earlier: the received copy is hers too.
    const reopened = await supervisor.post(`/api/cases/${survivor.id}/reopen`, {
      version: (await supervisor.get(`/api/cases/${survivor.id}`)).body.version,
      reason: 'Moving to another shelter',
    });
    expect(reopened.status).toBe(200);
    await caseworker.post(`/api/cases/${survivor.id}/consents`, {
      purpose: 'transfer',
      recipientOrganisationId: harness.organisations.shelterB,
      givenOn: '2026-01-01',
      method: 'written',
    });
    const proposed = await supervisor.post(`/api/cases/${survivor.id}/transfers`, {
      toOrganisationId: harness.organisations.shelterB,
      reason: 'Erasmina asked to move closer to family',
    });
    expect(proposed.status).toBe(201);
    const accepted = await otherSupervisor.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: proposed.body.version,
      decision: 'accept',
      comment: 'Welcome, Erasmina',
    });
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
    const mistyped = await supervisor.post(
      `/api/cases/${survivor.id}/erasure`,
      erasure({ confirmReference: 'HV-AAAA-BBBB' }),
    );
    expect(mistyped.status).toBe(400);
    expect(mistyped.body.errors).toEqual([expect.objectContaining({ field: 'confirmReference' })]);
    const badReason = await supervisor.post(
      `/api/cases/${survivor.id}/erasure`,
      erasure({ reason: 'Because she said so' }),
    );
    expect(badReason.status).toBe(400);
    expect(await query(`SELECT 1 FROM app.case_key WHERE case_id = $1`, [survivor.id])).toHaveLength(1);
  });

  it('anonymises her case, keeps the statistics, and leaves a tombstone without personal data; the other organisation’s copy stays', async () => {
    await harness.app.get(StatisticsProjector).refresh(1_000_000);
    const before = await statisticsSnapshot(query);

    const erased = await supervisor.post(
      `/api/cases/${survivor.id}/erasure`,
      erasure({ confirmReference: survivor.reference.toLowerCase() }),
    );

    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      caseId: survivor.id,
      anonymisation: { kind: 'erasure' },
      erasure: { reason: 'survivorRequest', channel: 'inPerson', recordedBy: { id: harness.people.supervisor.id } },
      linkedCases: 1,
      pendingErasureRequests: [],
      sentErasureRequests: { pending: 1, confirmed: 0 },
    });
    expect(await remainingCaseText(query, survivor.id)).toEqual({});
    // Shelter B's active copy is theirs to erase: untouched until one of their supervisors confirms.
    expect(await remainingCaseText(query, receivedCopyId)).toMatchObject({ case_key: 1, survivor_identity: 1 });
    expect((await otherSupervisor.get(`/api/cases/${receivedCopyId}/identity`)).body.givenName).toBe('Erasmina');
    // The source case was closed by the transfer already; its open referral ended (withdrawn), the one figure that moves.
    await harness.app.get(StatisticsProjector).refresh(1_000_000);
    const after = await statisticsSnapshot(query);
    expect(after.case_row?.length).toBe(before.case_row?.length);
    expect(after.referral_row?.length).toBe(before.referral_row?.length);
    for (const table of Object.keys(before).filter((name) => !['case_row', 'referral_row'].includes(name)))
      expect(after[table]).toEqual(before[table]);

    // Tombstone and audit: who, when, what — and nothing that names her.
    const events = await query<{ action: string; actor_user_id: string }>(
      `SELECT action, actor_user_id FROM audit.event WHERE subject_id = $1 AND action IN ('case.erased', 'case.anonymised', 'case.erasure.requested') ORDER BY id`,
      [survivor.id],
    );
    expect(events).toEqual([
      { action: 'case.anonymised', actor_user_id: harness.people.supervisor.id },
      { action: 'case.erased', actor_user_id: harness.people.supervisor.id },
      { action: 'case.erasure.requested', actor_user_id: harness.people.supervisor.id },
    ]);
    const auditText = await query<{ row: string }>(`SELECT to_jsonb(e)::text AS row FROM audit.event e`);
    expect(auditText.filter((row) => /erasmina/i.test(row.row))).toEqual([]);
    const tombstone = await query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM app.case_erasure t`);
    expect(tombstone).toHaveLength(1);
    expect(tombstone[0]!.row).not.toMatch(/erasmina/i);
  });

  it('sends the other organisation an erasure request, audited on its copy, that only its supervisors can confirm', async () => {
    const status = await otherSupervisor.get(`/api/cases/${receivedCopyId}/data-protection`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      anonymisation: null,
      pendingErasureRequests: [
        {
          reason: 'survivorRequest',
          channel: 'inPerson',
          requestedAt: expect.any(String),
          requestingOrganisation: { id: harness.organisations.shelterA, name: 'Test Shelter A' },
        },
      ],
    });
    const notified = (await otherSupervisor.get('/api/notifications')).body.items as {
      kind: string;
      subjectId: string;
      caseReference: string | null;
    }[];
    expect(notified).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'case.erasure.requested', subjectId: receivedCopyId })]),
    );
    // It waits in their supervisors' work, with who asked.
    const work = (await otherSupervisor.get('/api/my-work')).body.approvals as {
      kind: string;
      caseId: string;
      requestedBy: { id: string };
    }[];
    expect(work).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'erasure',
          caseId: receivedCopyId,
          requestedBy: expect.objectContaining({ id: harness.people.supervisor.id }),
        }),
      ]),
    );
    expect(((await otherCaseworker.get('/api/my-work')).body.approvals as unknown[]).length).toBe(0);
    // Their side of the audit: the request shows in the copy's access log.
    const log = await otherSupervisor.get(`/api/cases/${receivedCopyId}/access-log`);
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toContain('case.erasure.requested');

    // Nobody else confirms it; not without the reference typed again.
    expect(
      (await supervisor.post(`/api/cases/${receivedCopyId}/erasure-requests/confirm`, { confirmReference: 'X' }))
        .status,
    ).toBe(404);
    expect(
      (await otherCaseworker.post(`/api/cases/${receivedCopyId}/erasure-requests/confirm`, { confirmReference: 'X' }))
        .status,
    ).toBe(404);
    const copyReference = (await otherSupervisor.get(`/api/cases/${receivedCopyId}`)).body.reference as string;
    const mistyped = await otherSupervisor.post(`/api/cases/${receivedCopyId}/erasure-requests/confirm`, {
      confirmReference: survivor.reference,
    });
    expect(mistyped.status).toBe(400);
    expect(mistyped.body.errors).toEqual([expect.objectContaining({ field: 'confirmReference' })]);
    // A case with no request waiting cannot be erased this way.
    const unrelated = await newCase(otherCaseworker, { givenName: 'Unrelatedia' });
    expect(
      (
        await otherSupervisor.post(`/api/cases/${unrelated.id}/erasure-requests/confirm`, {
          confirmReference: unrelated.reference,
        })
      ).status,
    ).toBe(409);
    expect(await remainingCaseText(query, receivedCopyId)).toMatchObject({ case_key: 1 });

    // Two confirmations at once: one erases, the other is told it is done; nothing answers 500.
    const answers = await Promise.all(
      [0, 1].map(() =>
        otherSupervisor.post(`/api/cases/${receivedCopyId}/erasure-requests/confirm`, {
          confirmReference: copyReference.toLowerCase(),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, expect.any(Number)]);
    expect(answers.every((answer) => answer.status < 500)).toBe(true);
    const confirmed = answers.find((answer) => answer.status === 200)!;
    expect(confirmed.body).toMatchObject({
      anonymisation: { kind: 'erasure' },
      erasure: { reason: 'survivorRequest', recordedBy: { id: harness.people.otherSupervisor.id } },
      pendingErasureRequests: [],
    });
    expect(await remainingCaseText(query, receivedCopyId)).toEqual({});
    expect(
      ((await otherSupervisor.get('/api/my-work')).body.approvals as { kind: string }[]).filter(
        (item) => item.kind === 'erasure',
      ),
    ).toEqual([]);

    // Audited on both sides, and the requester is told.
    const copyEvents = await query<{ action: string; actor_user_id: string }>(
      `SELECT action, actor_user_id FROM audit.event WHERE subject_id = $1 AND action IN ('case.erased', 'case.erasure.confirmed') ORDER BY id`,
      [receivedCopyId],
    );
    expect(copyEvents).toEqual([{ action: 'case.erased', actor_user_id: harness.people.otherSupervisor.id }]);
    const requesterEvents = await query<{ actor_user_id: string }>(
      `SELECT actor_user_id FROM audit.event WHERE subject_id = $1 AND action = 'case.erasure.confirmed'`,
      [survivor.id],
    );
    expect(requesterEvents).toEqual([{ actor_user_id: harness.people.otherSupervisor.id }]);
    expect((await supervisor.get('/api/notifications')).body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'case.erasure.confirmed', subjectId: survivor.id })]),
    );
    expect((await supervisor.get(`/api/cases/${survivor.id}/data-protection`)).body.sentErasureRequests).toEqual({
      pending: 0,
      confirmed: 1,
    });
  });

  it('ends her open referral with the erasure: the partner learns only that it ended, and every later step answers 409 and changes nothing', async () => {
    const referralState = async () =>
      (
        await query<{ status: string; version: number }>(`SELECT status, version FROM app.referral WHERE id = $1`, [
          survivor.referralId,
        ])
      )[0];
    expect(await referralState()).toMatchObject({ status: 'withdrawn' });
    const partnerNotices = (await partner.get('/api/notifications')).body.items as {
      kind: string;
      subjectId: string;
    }[];
    expect(
      partnerNotices.filter((notice) => notice.subjectId === survivor.referralId).map((notice) => notice.kind),
    ).toEqual(['referral.withdrawn', 'referral.received']);

    const partnerView = await partner.get(`/api/referrals/${survivor.referralId}`);
    expect(partnerView.status).toBe(404);
    expect(JSON.stringify(partnerView.body)).not.toMatch(/erasmina|anonymi|erase/i);
    expect((await partner.get('/api/referrals/inbox')).body.items.map((item: { id: string }) => item.id)).not.toContain(
      survivor.referralId,
    );

    const before = await referralState();
    const servicesBefore = await query(`SELECT id FROM app.service_record WHERE referral_id = $1`, [
      survivor.referralId,
    ]);
    // The exact sequence of the report first (complete after erasure), then every other step.
    for (const [step, body] of [
      ['complete', { version: before!.version, outcome: 'completed' }],
      ['accept', { version: before!.version }],
      ['decline', { version: before!.version, reason: 'No capacity this month' }],
      ['services', { type: 'medical', deliveredOn: '2026-01-12', outcome: 'completed' }],
    ] as const) {
      const answer = await partner.post(`/api/referrals/${survivor.referralId}/${step}`, body);
      expect([step, answer.status]).toEqual([step, 409]);
      expect(answer.body.detail).toBe('This referral has ended. Nothing was changed.');
      expect(JSON.stringify(answer.body)).not.toMatch(/anonymi|erase/i);
    }
    expect(await referralState()).toEqual(before);
    expect(await query(`SELECT id FROM app.service_record WHERE referral_id = $1`, [survivor.referralId])).toEqual(
      servicesBefore,
    );
  });

  it('never lets a partner step overtake an erasure sent at the same moment', async () => {
    const raced = await closedCaseWithText(harness, { caseworker, supervisor, partner }, 'Racetta');
    const [{ version }] = await query<{ version: number }>(`SELECT version FROM app.referral WHERE id = $1`, [
      raced.referralId,
    ]);
    const steps = Array.from({ length: 19 }, (_, index) =>
      index % 2 === 0
        ? partner.post(`/api/referrals/${raced.referralId}/complete`, { version, outcome: 'completed' })
        : partner.post(`/api/referrals/${raced.referralId}/services`, {
            type: 'medical',
            deliveredOn: '2026-01-12',
            outcome: 'completed',
          }),
    );
    const [erased, ...answers] = await Promise.all([
      supervisor.post(`/api/cases/${raced.id}/erasure`, { ...erasure(), confirmReference: raced.reference }),
      ...steps,
    ]);
    expect(erased.status).toBe(200);
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    const [state] = await query<{ status: string }>(`SELECT status FROM app.referral WHERE id = $1`, [
      raced.referralId,
    ]);
    const order = (
      await query<{ action: string }>(
        `SELECT action FROM audit.event WHERE subject_id = $1 AND action IN ('referral.completed', 'service.recorded', 'case.anonymised') ORDER BY id`,
        [raced.id],
      )
    ).map((row) => row.action);
    // Whatever won, nothing a partner did comes after the anonymisation, and the referral is ended either way.
    expect(order.slice(order.indexOf('case.anonymised') + 1)).toEqual([]);
    expect(['withdrawn', 'completed']).toContain(state!.status);
    if (state!.status === 'withdrawn') expect(order).not.toContain('referral.completed');
    expect(await remainingCaseText(query, raced.id)).toEqual({});
    const closed = (await supervisor.get(`/api/cases/${raced.id}`)).body;
    expect(closed.status).toBe('Closed');
    const reopened = await supervisor.post(`/api/cases/${raced.id}/reopen`, {
      version: closed.version,
      reason: 'Reopening an erased case',
    });
    expect(reopened.status).toBe(410);
    expect((await supervisor.get(`/api/cases/${raced.id}`)).body).toMatchObject({ status: 'Closed' });
  });

  it('withdraws a proposed transfer and a sent referral with the erasure: the receiving organisations find nothing (404)', async () => {
    const pending = await newCase(caseworker, { givenName: 'Pendelina' });
    for (const recipientOrganisationId of [harness.organisations.shelterB, harness.organisations.clinic]) {
      const consent = await caseworker.post(`/api/cases/${pending.id}/consents`, {
        purpose: recipientOrganisationId === harness.organisations.shelterB ? 'transfer' : 'referral',
        recipientOrganisationId,
        givenOn: '2026-01-01',
        method: 'written',
      });
      expect(consent.status).toBe(201);
    }
    const proposed = await supervisor.post(`/api/cases/${pending.id}/transfers`, {
      toOrganisationId: harness.organisations.shelterB,
    });
    expect(proposed.status).toBe(201);
    const referral = await caseworker.post(`/api/cases/${pending.id}/referrals`, {
      toOrganisationId: harness.organisations.clinic,
      services: ['medical'],
      lens: ['basicProfile'],
    });
    expect(referral.status).toBe(201);
    const incomingIds = async () =>
      ((await otherSupervisor.get('/api/transfers/incoming')).body.items as { id: string }[]).map((item) => item.id);
    expect(await incomingIds()).toContain(proposed.body.id);
    expect((await partner.get(`/api/referrals/${referral.body.id}`)).status).toBe(200);

    const erased = await supervisor.post(`/api/cases/${pending.id}/erasure`, {
      ...erasure(),
      confirmReference: pending.reference,
    });
    expect(erased.status).toBe(200);

    const [transfer] = await query<{ status: string }>(`SELECT status FROM app.transfer WHERE id = $1`, [
      proposed.body.id,
    ]);
    expect(transfer!.status).toBe('cancelled');
    // The receiving shelter finds no trace of the proposal, as for any record outside its scope: never 410.
    expect(await incomingIds()).not.toContain(proposed.body.id);
    for (const decision of ['accept', 'reject'] as const) {
      const answer = await otherSupervisor.post(`/api/transfers/${proposed.body.id}/decision`, {
        version: proposed.body.version,
        decision,
      });
      expect([decision, answer.status]).toEqual([decision, 404]);
      expect(JSON.stringify(answer.body)).not.toMatch(/pendelina|anonymi|erase/i);
    }
    const [referralRow] = await query<{ status: string }>(`SELECT status FROM app.referral WHERE id = $1`, [
      referral.body.id,
    ]);
    expect(referralRow!.status).toBe('withdrawn');
    const partnerView = await partner.get(`/api/referrals/${referral.body.id}`);
    expect(partnerView.status).toBe(404);
    expect(JSON.stringify(partnerView.body)).not.toMatch(/pendelina|anonymi|erase/i);
  });

  it('takes the case’s lock before the partner’s steps: twenty answers at once as the case is erased end consistent, never 500', async () => {
    const raced = await newCase(caseworker, { givenName: 'Lockella' });
    await caseworker.post(`/api/cases/${raced.id}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: harness.organisations.clinic,
      givenOn: '2026-01-01',
      method: 'written',
    });
    const sent = await caseworker.post(`/api/cases/${raced.id}/referrals`, {
      toOrganisationId: harness.organisations.clinic,
      services: ['medical'],
      lens: ['basicProfile'],
      message: 'Lockella needs a doctor this week.',
    });
    expect(sent.status).toBe(201);
    const referralId = sent.body.id as string;
    const version = sent.body.version as number;
    // Accepting, declining and reporting back (services, completion) all at once, while the supervisor erases the case.
    const steps = Array.from({ length: 19 }, (_, index) => {
      switch (index % 4) {
        case 0:
          return partner.post(`/api/referrals/${referralId}/accept`, { version });
        case 1:
          return partner.post(`/api/referrals/${referralId}/decline`, { version, reason: 'No capacity this week' });
        case 2:
          return partner.post(`/api/referrals/${referralId}/services`, {
            type: 'medical',
            deliveredOn: '2026-01-12',
            outcome: 'completed',
            notes: 'Lockella was seen.',
          });
        default:
          return partner.post(`/api/referrals/${referralId}/complete`, { version: version + 1, outcome: 'completed' });
      }
    });
    const [erased, ...answers] = await Promise.all([
      supervisor.post(`/api/cases/${raced.id}/erasure`, { ...erasure(), confirmReference: raced.reference }),
      ...steps,
    ]);
    // The erasure never loses a deadlock (it would answer 409 and leave her data in place).
    expect(erased.status).toBe(200);
    expect(answers.map((answer) => answer.status).filter((status) => status >= 500)).toEqual([]);
    expect(
      answers.map((answer) => answer.status).filter((status) => ![200, 201, 204, 404, 409].includes(status)),
    ).toEqual([]);
    const [state] = await query<{ status: string }>(`SELECT status FROM app.referral WHERE id = $1`, [referralId]);
    expect(['withdrawn', 'declined', 'completed']).toContain(state!.status);
    const order = (
      await query<{ action: string }>(
        `SELECT action FROM audit.event WHERE subject_id = $1 AND action IN ('referral.accepted', 'referral.declined', 'referral.completed', 'service.recorded', 'case.anonymised') ORDER BY id`,
        [raced.id],
      )
    ).map((row) => row.action);
    expect(order).toContain('case.anonymised');
    // Nothing a partner did comes after the anonymisation, and no text about her is left anywhere.
    expect(order.slice(order.indexOf('case.anonymised') + 1)).toEqual([]);
    expect(await remainingCaseText(query, raced.id)).toEqual({});
  });

  it('never deadlocks an erasure with a partner’s answer caught between its referral and the case', async () => {
    const caught = await newCase(caseworker, { givenName: 'Waitrina' });
    await caseworker.post(`/api/cases/${caught.id}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: harness.organisations.clinic,
      givenOn: '2026-01-01',
      method: 'written',
    });
    const sent = await caseworker.post(`/api/cases/${caught.id}/referrals`, {
      toOrganisationId: harness.organisations.clinic,
      services: ['medical'],
      lens: ['basicProfile'],
    });
    expect(sent.status).toBe(201);
    // The partner's acceptance is held where it has locked its referral and is about to write the
    // case's history (which refers to the case row): the history table is locked against writes.
    const holder = new pg.Client({ connectionString: harness.database.url });
    await holder.connect();
    const waiting = async (count: number) => {
      for (let tries = 0; tries < 600; tries += 1) {
        const [row] = (
          await holder.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          )
        ).rows;
        if (row!.n >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`${count} requests never waited for a lock`);
    };
    let accepted: Promise<{ status: number }> | undefined;
    let erased: Promise<{ status: number }> | undefined;
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE app.case_change IN SHARE MODE');
      accepted = partner.post(`/api/referrals/${sent.body.id}/accept`, { version: sent.body.version }).then((r) => r);
      await waiting(1);
      // The erasure arrives now, and waits too (for the partner's referral, or for the case's lock first).
      erased = supervisor
        .post(`/api/cases/${caught.id}/erasure`, { ...erasure(), confirmReference: caught.reference })
        .then((r) => r);
      await waiting(2);
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    // Both go through, one after the other: neither is rolled back as a deadlock's victim.
    expect((await accepted!).status).toBe(200);
    expect((await erased!).status).toBe(200);
    const [referralRow] = await query<{ status: string }>(`SELECT status FROM app.referral WHERE id = $1`, [
      sent.body.id,
    ]);
    expect(referralRow!.status).toBe('withdrawn');
    expect(await remainingCaseText(query, caught.id)).toEqual({});
  });

  it('answers clearly afterwards: identity and notes are gone, nothing answers 500', async () => {
    const identity = await supervisor.get(`/api/cases/${survivor.id}/identity`);
    expect(identity.status).toBe(410);
    expect(identity.body.title).toBe('Case anonymised');
    expect((await otherSupervisor.get(`/api/cases/${receivedCopyId}/identity`)).status).toBe(410);
    expect((await supervisor.get(`/api/cases/${survivor.id}/notes`)).body).toMatchObject({ items: [], total: 0 });
    expect((await supervisor.get(`/api/cases/${survivor.id}`)).body.anonymisation).toMatchObject({ kind: 'erasure' });
    expect((await supervisor.post(`/api/cases/${survivor.id}/erasure`, erasure())).status).toBe(410);
    // An erased case is never reopened, whichever closed status it has (ClosedReferred here, Closed in the case below).
    const erased = (await supervisor.get(`/api/cases/${survivor.id}`)).body;
    const reopened = await supervisor.post(`/api/cases/${survivor.id}/reopen`, {
      version: erased.version,
      reason: 'Reopening an erased case',
    });
    expect(reopened.status).toBe(410);
    expect((await supervisor.get(`/api/cases/${survivor.id}`)).body).toMatchObject({
      status: erased.status,
      version: erased.version,
    });

    const failures: string[] = [];
    for (const [route, entry] of Object.entries(ROUTE_MATRIX)) {
      const [method, pattern] = route.split(' ') as [string, string];
      if (!pattern.startsWith('/api/cases/:id')) continue;
      const path = pattern.replace(':id', survivor.id).replace(/:(\w+)/g, () => randomUUID());
      const response =
        method === 'GET'
          ? await supervisor.get(path)
          : method === 'PATCH'
            ? await supervisor.patch(path, entry.body ?? {})
            : await supervisor.post(path, entry.body ?? {});
      if (response.status >= 500) failures.push(`${route}: ${response.status}`);
      if (method !== 'GET' && response.status < 300)
        failures.push(`${route} changed an anonymised case: ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
