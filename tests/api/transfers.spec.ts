import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { TransactionHost } from '../../apps/api/src/core/database/transaction-host.js';
import { CasesRepository } from '../../apps/api/src/modules/cases/cases.repository.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('transfer of responsibility', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let receiver: HttpSession;
  let shelterB: string;

  beforeAll(async () => {
    harness = await startTestApp();
    shelterB = harness.organisations.shelterB;
    [caseworker, supervisor, receiver] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('supervisor'),
      harness.signInAs('otherSupervisor'),
    ]);
  });
  afterAll(() => harness.close());

  const clearedForReturn = async () => {
    const created = await newCase(caseworker, { givenName: 'Transfername' });
    await caseworker.post(`/api/cases/${created.id}/consents`, {
      purpose: 'transfer',
      recipientOrganisationId: shelterB,
      givenOn: '2026-11-01',
      method: 'written',
    });
    await caseworker.post(`/api/cases/${created.id}/assessments`, {
      type: 'protection',
      fearOfReturn: false,
      asylumIntention: false,
      outcome: 'noProtectionNeed',
    });
    return created as { id: string; reference: string };
  };

  it('moves ownership on acceptance; the sender keeps a closed, read-only record', async () => {
    const created = await clearedForReturn();
    expect(
      (await caseworker.post(`/api/cases/${created.id}/transfers`, { toOrganisationId: shelterB, forReturn: true }))
        .status,
    ).toBe(404);
    const proposed = await supervisor.post(`/api/cases/${created.id}/transfers`, {
      toOrganisationId: shelterB,
      forReturn: true,
      reason: 'Voluntary return home',
    });
    expect(proposed.status).toBe(201);
    expect((await supervisor.post(`/api/cases/${created.id}/transfers`, { toOrganisationId: shelterB })).status).toBe(
      409,
    );

    const incoming = (await receiver.get('/api/transfers/incoming')).body.items;
    expect(incoming).toEqual([
      expect.objectContaining({ id: proposed.body.id, status: 'proposed', caseId: null, receivedCaseId: null }),
    ]);
    expect((await receiver.get(`/api/cases/${created.id}`)).status).toBe(404);
    expect((await receiver.get('/api/notifications')).body.items[0]).toMatchObject({
      kind: 'transfer.proposed',
      subjectId: proposed.body.id,
    });

    const accepted = await receiver.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: proposed.body.version,
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    const receivedId = accepted.body.receivedCaseId as string;
    const received = await receiver.get(`/api/cases/${receivedId}`);
    expect(received.body).toMatchObject({ status: 'Active', organisation: { id: shelterB } });
    expect(received.body.reference).not.toBe(created.reference);
    expect((await receiver.get(`/api/cases/${receivedId}/identity`)).body.givenName).toBe('Transfername');
    // The received identity is sealed under its own key.
    const keys = await queryDatabase<{ case_id: string }>(
      harness.database.url,
      'SELECT case_id FROM app.case_key WHERE case_id = ANY($1)',
      [[created.id, receivedId]],
    );
    expect(keys).toHaveLength(2);

    const senderCopy = await supervisor.get(`/api/cases/${created.id}`);
    expect(senderCopy.body.status).toBe('ClosedReferred');
    expect(
      (await supervisor.patch(`/api/cases/${created.id}`, { version: senderCopy.body.version, stage: 'followUp' }))
        .status,
    ).toBe(409);
    expect((await supervisor.get(`/api/cases/${receivedId}`)).status).toBe(404);
    expect((await caseworker.get('/api/notifications')).status).toBe(200);
  });

  it('needs consent for the receiver (or a written override) and refuses a return while a protection concern is open', async () => {
    const created = await newCase(caseworker);
    const refused = await supervisor.post(`/api/cases/${created.id}/transfers`, { toOrganisationId: shelterB });
    expect(refused.status).toBe(409);
    expect(refused.body.title).toBe('Consent required');
    const blocked = await supervisor.post(`/api/cases/${created.id}/transfers`, {
      toOrganisationId: shelterB,
      forReturn: true,
      consentOverrideReason: 'Survivor cannot be reached; court order',
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.reasons).toContain('no international-protection screening has been recorded');
    const overridden = await supervisor.post(`/api/cases/${created.id}/transfers`, {
      toOrganisationId: shelterB,
      consentOverrideReason: 'Survivor cannot be reached; court order',
    });
    expect(overridden.status).toBe(201);
    const audit = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'transfer.consent.overridden' AND subject_id = $1",
      [created.id],
    );
    expect(audit).toHaveLength(1);
    const rejected = await receiver.post(`/api/transfers/${overridden.body.id}/decision`, {
      version: overridden.body.version,
      decision: 'reject',
      comment: 'No capacity',
    });
    expect(rejected.body.status).toBe('rejected');
    expect((await supervisor.get(`/api/cases/${created.id}`)).body.status).toBe('Active');
  });

  it('needs a transfer consent: a referral consent to the same organisation does not cover handing the case over', async () => {
    const created = await newCase(caseworker);
    const consent = (purpose: string) =>
      caseworker.post(`/api/cases/${created.id}/consents`, {
        purpose,
        recipientOrganisationId: shelterB,
        givenOn: '2026-11-01',
        method: 'verbal',
      });
    expect((await consent('referral')).status).toBe(201);
    const refused = await supervisor.post(`/api/cases/${created.id}/transfers`, { toOrganisationId: shelterB });
    expect(refused.status).toBe(409);
    expect(refused.body.title).toBe('Consent required');
    expect(refused.body.detail).toMatch(/transfer consent/);
    expect(refused.body.detail).not.toMatch(/referr|partner/i);

    const unnamed = await caseworker.post(`/api/cases/${created.id}/consents`, {
      purpose: 'transfer',
      givenOn: '2026-11-01',
      method: 'verbal',
    });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors).toEqual([expect.objectContaining({ field: 'recipientOrganisationId' })]);
    const given = await consent('transfer');
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ purpose: 'transfer', recipientOrganisation: { id: shelterB } });
    const proposed = await supervisor.post(`/api/cases/${created.id}/transfers`, { toOrganisationId: shelterB });
    expect(proposed.status).toBe(201);

    // Withdrawing it stops the transfer still waiting: the receiver can no longer accept it.
    const withdrawn = await caseworker.post(`/api/cases/${created.id}/consents/${given.body.id}/withdraw`, {
      withdrawnOn: '2026-11-02',
    });
    expect(withdrawn.status).toBe(200);
    expect((await supervisor.get(`/api/cases/${created.id}/transfers`)).body.items).toEqual([
      expect.objectContaining({ id: proposed.body.id, status: 'cancelled' }),
    ]);
    const late = await receiver.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: proposed.body.version,
      decision: 'accept',
    });
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(late.status).toBeLessThan(500);
    expect((await supervisor.get(`/api/cases/${created.id}`)).body.status).toBe('Active');
    const [event] = await queryDatabase<{ reason: string }>(
      harness.database.url,
      "SELECT reason FROM audit.event WHERE action = 'transfer.cancelled' AND subject_id = $1",
      [created.id],
    );
    expect(event).toEqual({ reason: 'consent-withdrawn' });
  });

  it('reads the case and its key inside the request’s transaction when proposing a transfer or sending a referral', async () => {
    const created = await newCase(caseworker);
    for (const recipientOrganisationId of [shelterB, harness.organisations.clinic]) {
      await caseworker.post(`/api/cases/${created.id}/consents`, {
        purpose: recipientOrganisationId === shelterB ? 'transfer' : 'referral',
        recipientOrganisationId,
        givenOn: '2026-11-01',
        method: 'written',
      });
    }
    // Every read of the case's key is asked whether it runs in a transaction (on the request's connection).
    const cases = harness.app.get(CasesRepository);
    const transactions = harness.app.get(TransactionHost);
    const findKey = cases.findKey;
    const keyReads: { step: string; inTransaction: boolean }[] = [];
    let step = '';
    cases.findKey = function (this: CasesRepository, caseId: string) {
      if (caseId === created.id) keyReads.push({ step, inTransaction: transactions.inTransaction });
      return findKey.call(this, caseId);
    };
    try {
      step = 'transfer';
      const proposed = await supervisor.post(`/api/cases/${created.id}/transfers`, {
        toOrganisationId: shelterB,
        reason: 'Closer to her family',
      });
      expect(proposed.status).toBe(201);
      step = 'referral';
      const sent = await caseworker.post(`/api/cases/${created.id}/referrals`, {
        toOrganisationId: harness.organisations.clinic,
        services: ['medical'],
        lens: ['basicProfile'],
        message: 'Please see her this week.',
      });
      expect(sent.status).toBe(201);
      expect(sent.body.message).toBe('Please see her this week.');
    } finally {
      cases.findKey = findKey;
    }
    expect(keyReads.map((read) => read.step)).toEqual(expect.arrayContaining(['transfer', 'referral']));
    expect(keyReads.filter((read) => !read.inTransaction)).toEqual([]);
  });

  it('carries the status decisions over, without their reasons: the received case’s status comes from them alone', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const created = await clearedForReturn();
    const screened = await caseworker.post(`/api/cases/${created.id}/identification/screenings`, {
      screenedOn: day(-30),
      language: 'en',
      answers: { drNatureOfJob: 'yes' },
    });
    expect(screened.status).toBe(201);
    const decide = (session: HttpSession, caseId: string, status: string, decidedBy: string, decidedOn: string) =>
      session.post(`/api/cases/${caseId}/identification/decisions`, {
        status,
        decidedBy,
        decidedOn,
        reason: 'Recorded from the Prosecutorial letter',
      });
    expect(
      (await decide(caseworker, created.id, 'ActualVictimOfTrafficking', 'CourtOrProsecution', day(-5))).status,
    ).toBe(201);
    // Recorded after it, decided before it.
    expect((await decide(caseworker, created.id, 'PossibleVictimOfTrafficking', 'Police', day(-20))).status).toBe(201);

    const proposed = await supervisor.post(`/api/cases/${created.id}/transfers`, {
      toOrganisationId: shelterB,
      reason: 'Moves to the other city',
    });
    expect(proposed.status).toBe(201);
    const accepted = await receiver.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: proposed.body.version,
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    const receivedId = accepted.body.receivedCaseId as string;

    const identification = await receiver.get(`/api/cases/${receivedId}/identification`);
    expect(identification.status).toBe(200);
    expect(identification.body).toMatchObject({
      status: 'ActualVictimOfTrafficking',
      statusDecidedBy: 'CourtOrProsecution',
      screenings: [],
    });
    const carriedFrom = { id: harness.organisations.shelterA, name: expect.any(String) };
    expect(identification.body.decisions).toEqual([
      expect.objectContaining({
        status: 'ActualVictimOfTrafficking',
        decidedOn: day(-5),
        reason: null,
        screeningId: null,
        carriedFrom,
      }),
      expect.objectContaining({
        status: 'PossibleVictimOfTrafficking',
        decidedOn: day(-20),
        reason: null,
        screeningId: null,
        carriedFrom,
      }),
    ]);
    expect((await receiver.get(`/api/cases/${receivedId}`)).body.profile).toMatchObject({
      traffickingStatus: 'ActualVictimOfTrafficking',
      statusDecidedBy: 'CourtOrProsecution',
    });
    // No reason crosses: the received rows hold none, sealed or not.
    const rows = await queryDatabase<{ sealed: number }>(
      harness.database.url,
      'SELECT count(sealed_reason)::int AS sealed FROM app.trafficking_status_decision WHERE case_id = $1',
      [receivedId],
    );
    expect(rows[0]!.sealed).toBe(0);
    // The history says how the status came.
    const history = await receiver.get(`/api/cases/${receivedId}/history?pageSize=50`);
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ section: 'identification', action: 'carried', to: 'ActualVictimOfTrafficking' }),
        expect.objectContaining({ section: 'profile', field: 'traffickingStatus', to: 'ActualVictimOfTrafficking' }),
      ]),
    );

    // The receiving organisation's own decisions then join them by the same rule.
    expect((await decide(receiver, receivedId, 'NotAVictimOfTrafficking', 'NGO', day(-10))).status).toBe(201);
    expect((await receiver.get(`/api/cases/${receivedId}/identification`)).body.status).toBe(
      'ActualVictimOfTrafficking',
    );
    expect((await decide(receiver, receivedId, 'PossibleVictimOfTrafficking', 'Police', day(0))).status).toBe(201);
    expect((await receiver.get(`/api/cases/${receivedId}/identification`)).body).toMatchObject({
      status: 'PossibleVictimOfTrafficking',
      statusDecidedBy: 'Police',
    });
  });

  it('gives the received case no status when the sending case has no decision behind its status', async () => {
    const created = await clearedForReturn();
    // A status from before decisions were recorded: in the profile, with no decision.
    await queryDatabase(
      harness.database.url,
      `UPDATE app."case" SET profile = profile || '{"traffickingStatus": "ActualVictimOfTrafficking", "statusDecidedBy": "Police"}' WHERE id = $1`,
      [created.id],
    );
    const proposed = await supervisor.post(`/api/cases/${created.id}/transfers`, { toOrganisationId: shelterB });
    expect(proposed.status).toBe(201);
    const accepted = await receiver.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: proposed.body.version,
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    const receivedId = accepted.body.receivedCaseId as string;
    expect((await receiver.get(`/api/cases/${receivedId}/identification`)).body).toMatchObject({
      status: null,
      statusDecidedBy: null,
      decisions: [],
    });
    expect((await receiver.get(`/api/cases/${receivedId}`)).body.profile.traffickingStatus ?? null).toBeNull();
  });

  it('keeps other organisations and roles out', async () => {
    const created = await clearedForReturn();
    const proposed = (await supervisor.post(`/api/cases/${created.id}/transfers`, { toOrganisationId: shelterB })).body;
    expect(
      (
        await supervisor.post(`/api/transfers/${proposed.id}/decision`, {
          version: proposed.version,
          decision: 'accept',
        })
      ).status,
    ).toBe(404);
    expect((await (await harness.signInAs('partner')).get('/api/transfers/incoming')).status).toBe(403);
    expect((await caseworker.get('/api/transfers/incoming')).status).toBe(403);
    const cancelled = await supervisor.post(`/api/cases/${created.id}/transfers/${proposed.id}/cancel`, {
      version: proposed.version,
    });
    expect(cancelled.body.status).toBe('cancelled');
    // A cancelled proposal is gone from the receiver's view, like a withdrawn referral (and like one an erasure withdrew).
    expect(
      (
        await receiver.post(`/api/transfers/${proposed.id}/decision`, {
          version: cancelled.body.version,
          decision: 'accept',
        })
      ).status,
    ).toBe(404);
    expect(
      ((await receiver.get('/api/transfers/incoming')).body.items as { id: string }[]).map((item) => item.id),
    ).not.toContain(proposed.id);
  });
});
