import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

type Screening = { fearOfReturn: boolean; asylumIntention: boolean; outcome: string };
const CLEAR: Screening = { fearOfReturn: false, asylumIntention: false, outcome: 'noProtectionNeed' };
const FEAR: Screening = { fearOfReturn: true, asylumIntention: true, outcome: 'pending' };
const SERVICE = { deliveredOn: '2026-11-20', outcome: 'completed' };

describe('return safety at every step', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let receiver: HttpSession;
  let partner: HttpSession;
  let admin: HttpSession;
  let clinic: string;
  let shelterB: string;

  const newCase = async () => {
    const created = (await caseworker.post('/api/cases', registration({ givenName: 'Returnname' }))).body as {
      id: string;
    };
    for (const recipient of [clinic, shelterB]) {
      await caseworker.post(`/api/cases/${created.id}/consents`, {
        purpose: recipient === shelterB ? 'transfer' : 'referral',
        recipientOrganisationId: recipient,
        givenOn: '2026-11-01',
        method: 'written',
      });
    }
    return created.id;
  };
  const screen = async (caseId: string, screening: Screening) =>
    expect(
      (await caseworker.post(`/api/cases/${caseId}/assessments`, { type: 'protection', ...screening })).status,
    ).toBe(201);
  const review = async (caseId: string, decision: 'returnMayProceed' | 'returnBlocked') =>
    expect(
      (
        await supervisor.post(`/api/cases/${caseId}/protection-reviews`, {
          decision,
          reason: 'Reviewed with the survivor and legal counsel',
        })
      ).status,
    ).toBe(201);
  const refer = (caseId: string, overrides: Record<string, unknown> = {}) =>
    caseworker.post(`/api/cases/${caseId}/referrals`, {
      toOrganisationId: clinic,
      services: ['return'],
      forReturn: true,
      lens: ['basicProfile'],
      ...overrides,
    });
  const partnerView = async (referralId: string) =>
    (await partner.get(`/api/referrals/${referralId}`)).body as {
      version: number;
      status: string;
      forReturn: boolean;
      suspension: { reasons: string[] } | null;
    };
  const senderReferral = async (caseId: string, referralId: string) =>
    (
      (await caseworker.get(`/api/cases/${caseId}/referrals`)).body.items as {
        id: string;
        version: number;
        forReturn: boolean;
        suspension: { reasons: string[] } | null;
      }[]
    ).find((item) => item.id === referralId)!;
  const incoming = async (transferId: string) =>
    (
      (await receiver.get('/api/transfers/incoming')).body.items as {
        id: string;
        version: number;
        status: string;
        suspension: { reasons: string[] } | null;
      }[]
    ).find((item) => item.id === transferId)!;
  const notified = async (session: HttpSession, kind: string, subjectId: string) =>
    ((await session.get('/api/notifications')).body.items as { kind: string; subjectId: string }[]).some(
      (item) => item.kind === kind && item.subjectId === subjectId,
    );
  const returnServices = (caseId: string) =>
    queryDatabase(harness.database.url, `SELECT id FROM app.service_record WHERE case_id = $1 AND type = 'return'`, [
      caseId,
    ]);

  beforeAll(async () => {
    harness = await startTestApp();
    ({ clinic, shelterB } = harness.organisations);
    [caseworker, supervisor, receiver, partner, admin] = await Promise.all(
      ['caseworker', 'supervisor', 'otherSupervisor', 'partner', 'admin'].map((person) =>
        harness.signInAs(person as never),
      ),
    );
    expect(
      (
        await admin.patch(`/api/organisations/${clinic}`, {
          services: ['medical'],
          country: 'IT',
          acceptingReferrals: true,
        })
      ).status,
    ).toBe(200);
  });
  afterAll(() => harness.close());

  it('suspends a transfer proposed for return when a concern is recorded, tells both sides, refuses its acceptance until a review allows it', async () => {
    const caseId = await newCase();
    await screen(caseId, CLEAR);
    const proposed = await supervisor.post(`/api/cases/${caseId}/transfers`, {
      toOrganisationId: shelterB,
      forReturn: true,
      reason: 'Voluntary return',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body.suspension).toBeNull();

    await screen(caseId, FEAR);
    const again = await supervisor.post(`/api/cases/${caseId}/transfers`, {
      toOrganisationId: shelterB,
      forReturn: true,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ title: 'Return not allowed', reviewCaseId: caseId });
    expect(again.body.blockers.map((blocker: { code: string }) => blocker.code)).toEqual([
      'fearOfReturn',
      'asylumIntention',
      'protectionNeedOpen',
    ]);
    expect(again.body.blockers[0]).toMatchObject({ safeguard: 'nonRefoulement', clearedBy: 'protectionReview' });

    const senderSide = (await supervisor.get(`/api/cases/${caseId}/transfers`)).body.items[0];
    expect(senderSide.suspension.reasons).toEqual(['fearOfReturn', 'asylumIntention', 'protectionNeedOpen']);
    const receiverSide = await incoming(proposed.body.id);
    // The return office learns that a review is pending, not what the survivor said.
    expect(receiverSide.suspension).toEqual({ since: expect.any(String), reasons: ['protectionReviewPending'] });
    expect(await notified(receiver, 'return.suspended', proposed.body.id)).toBe(true);
    expect(await notified(supervisor, 'return.suspended', caseId)).toBe(true);

    const refused = await receiver.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: receiverSide.version,
      decision: 'accept',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.blockers).toEqual([expect.objectContaining({ code: 'protectionReviewPending' })]);
    expect(refused.body.reviewCaseId).toBeUndefined();
    expect(JSON.stringify(refused.body)).not.toMatch(/fear|asylum/i);
    expect((await supervisor.get(`/api/cases/${caseId}`)).body.status).toBe('Active');

    // A later screening without concern does not resume it: only a supervisor's review does.
    await screen(caseId, CLEAR);
    expect(
      (
        await receiver.post(`/api/transfers/${proposed.body.id}/decision`, {
          version: receiverSide.version,
          decision: 'accept',
        })
      ).status,
    ).toBe(409);
    await review(caseId, 'returnMayProceed');
    const resumed = await incoming(proposed.body.id);
    expect(resumed.suspension).toBeNull();
    expect(await notified(receiver, 'return.resumed', proposed.body.id)).toBe(true);
    expect(await notified(supervisor, 'return.resumed', caseId)).toBe(true);
    const accepted = await receiver.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: resumed.version,
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    const history = (await supervisor.get(`/api/cases/${caseId}/history`)).body.items as {
      section: string;
      action: string;
    }[];
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ section: 'transfer', action: 'return.suspended' }),
        expect.objectContaining({ section: 'transfer', action: 'return.resumed' }),
      ]),
    );
  });

  it('holds a return referral accepted before a concern: no return service and no completion until a review allows it', async () => {
    const caseId = await newCase();
    await screen(caseId, CLEAR);
    const sent = await refer(caseId);
    expect(sent.status).toBe(201);
    const accepted = await partner.post(`/api/referrals/${sent.body.id}/accept`, { version: sent.body.version });
    expect(accepted.status).toBe(200);

    await screen(caseId, { fearOfReturn: true, asylumIntention: false, outcome: 'pending' });
    expect((await senderReferral(caseId, sent.body.id)).suspension!.reasons).toEqual([
      'fearOfReturn',
      'protectionNeedOpen',
    ]);
    let view = await partnerView(sent.body.id);
    expect(view).toMatchObject({
      status: 'accepted',
      forReturn: true,
      suspension: { reasons: ['protectionReviewPending'] },
    });
    expect(await notified(partner, 'return.suspended', sent.body.id)).toBe(true);
    expect(await notified(caseworker, 'return.suspended', caseId)).toBe(true);

    const returnService = await partner.post(`/api/referrals/${sent.body.id}/services`, { type: 'return', ...SERVICE });
    expect(returnService.status).toBe(409);
    expect(returnService.body.title).toBe('Return not allowed');
    // Other help goes on while the return is held.
    expect(
      (await partner.post(`/api/referrals/${sent.body.id}/services`, { type: 'psychosocial', ...SERVICE })).status,
    ).toBe(200);
    view = await partnerView(sent.body.id);
    expect(
      (await partner.post(`/api/referrals/${sent.body.id}/complete`, { version: view.version, outcome: 'completed' }))
        .status,
    ).toBe(409);

    // A review that blocks keeps it held, for the new reason.
    await review(caseId, 'returnBlocked');
    expect((await senderReferral(caseId, sent.body.id)).suspension!.reasons).toEqual(['protectionReviewBlocked']);
    view = await partnerView(sent.body.id);
    expect(
      (await partner.post(`/api/referrals/${sent.body.id}/complete`, { version: view.version, outcome: 'completed' }))
        .status,
    ).toBe(409);
    expect(await returnServices(caseId)).toHaveLength(0);
    expect((await senderReferral(caseId, sent.body.id)).suspension).not.toBeNull();

    await review(caseId, 'returnMayProceed');
    expect((await partnerView(sent.body.id)).suspension).toBeNull();
    expect((await partner.post(`/api/referrals/${sent.body.id}/services`, { type: 'return', ...SERVICE })).status).toBe(
      200,
    );
    view = await partnerView(sent.body.id);
    expect(
      (await partner.post(`/api/referrals/${sent.body.id}/complete`, { version: view.version, outcome: 'completed' }))
        .status,
    ).toBe(200);
  });

  it('refuses to accept a return referral sent before a concern, and lets the partner decline it', async () => {
    const caseId = await newCase();
    await screen(caseId, CLEAR);
    const sent = (await refer(caseId)).body;
    await screen(caseId, FEAR);
    const view = await partnerView(sent.id);
    const refused = await partner.post(`/api/referrals/${sent.id}/accept`, { version: view.version });
    expect(refused.status).toBe(409);
    expect(refused.body.blockers).toEqual([expect.objectContaining({ code: 'protectionReviewPending' })]);
    expect((await partnerView(sent.id)).status).toBe('sent');
    expect(
      (
        await partner.post(`/api/referrals/${sent.id}/decline`, {
          version: view.version,
          reason: 'Cannot take it while held',
        })
      ).status,
    ).toBe(204);
  });

  it('decides what a return is itself: the sender’s marking can add, never remove', async () => {
    const caseId = await newCase();
    await screen(caseId, FEAR);
    const unmarked = await refer(caseId, { forReturn: false, services: ['medical', 'return'] });
    expect(unmarked.status).toBe(409);
    expect(unmarked.body.title).toBe('Return not allowed');

    const medical = await refer(caseId, { forReturn: false, services: ['medical'] });
    expect(medical.status).toBe(201);
    expect(medical.body.forReturn).toBe(false);
    const accepted = await partner.post(`/api/referrals/${medical.body.id}/accept`, { version: medical.body.version });
    expect(accepted.status).toBe(200);
    expect(
      (await partner.post(`/api/referrals/${medical.body.id}/services`, { type: 'return', ...SERVICE })).status,
    ).toBe(409);
    expect(
      (await partner.post(`/api/referrals/${medical.body.id}/services`, { type: 'medical', ...SERVICE })).status,
    ).toBe(200);

    const direct = await caseworker.post(`/api/cases/${caseId}/services`, { type: 'return', ...SERVICE });
    expect(direct.status).toBe(409);
    expect(direct.body).toMatchObject({ title: 'Return not allowed', reviewCaseId: caseId });
    expect(direct.body.reasons).toEqual([
      'the survivor has expressed a fear of return',
      'the survivor intends to seek asylum',
      'the protection screening has not concluded "no protection need"',
    ]);
    expect((await caseworker.post(`/api/cases/${caseId}/services`, { type: 'shelter', ...SERVICE })).status).toBe(201);
    expect(await returnServices(caseId)).toHaveLength(0);

    // A referral marked for return stays one.
    await review(caseId, 'returnMayProceed');
    const marked = await refer(caseId, { forReturn: true, services: ['medical'] });
    expect(marked.body.forReturn).toBe(true);
    expect((await caseworker.post(`/api/cases/${caseId}/services`, { type: 'return', ...SERVICE })).status).toBe(201);
  });

  it('treats a referral or transfer to a return or reintegration office in another country as a return', async () => {
    const caseId = await newCase();
    await screen(caseId, FEAR);
    try {
      expect(
        (await admin.patch(`/api/organisations/${clinic}`, { services: ['medical', 'reintegration'], country: 'NG' }))
          .status,
      ).toBe(200);
      const abroad = await refer(caseId, { forReturn: false, services: ['medical'] });
      expect(abroad.status).toBe(409);
      expect(abroad.body.title).toBe('Return not allowed');
      // The same services in the sender's own country are not a return.
      expect((await admin.patch(`/api/organisations/${clinic}`, { country: 'IT' })).status).toBe(200);
      const home = await refer(caseId, { forReturn: false, services: ['medical'] });
      expect(home.status).toBe(201);
      expect(home.body.forReturn).toBe(false);

      expect(
        (await admin.patch(`/api/organisations/${shelterB}`, { services: ['shelter', 'return'], country: 'NG' }))
          .status,
      ).toBe(200);
      const transfer = await supervisor.post(`/api/cases/${caseId}/transfers`, {
        toOrganisationId: shelterB,
        forReturn: false,
      });
      expect(transfer.status).toBe(409);
      expect(transfer.body.title).toBe('Return not allowed');
    } finally {
      await admin.patch(`/api/organisations/${clinic}`, { services: ['medical'], country: 'IT' });
      await admin.patch(`/api/organisations/${shelterB}`, { services: [], country: 'IT' });
    }
  });

  it('never lets a concern slip between the check and the step: each race ends with the concern first or the return suspended', async () => {
    const cases = await Promise.all(Array.from({ length: 10 }, () => newCase()));
    const referrals: { caseId: string; id: string; version: number }[] = [];
    for (const caseId of cases) {
      await screen(caseId, CLEAR);
      const sent = (await refer(caseId)).body;
      referrals.push({ caseId, id: sent.id, version: sent.version });
    }
    // Twenty requests at once: each referral's acceptance against a fear of return recorded on its case.
    const answers = await Promise.all(
      referrals.flatMap(({ caseId, id, version }) => [
        partner.post(`/api/referrals/${id}/accept`, { version }),
        caseworker.post(`/api/cases/${caseId}/assessments`, { type: 'protection', ...FEAR }),
      ]),
    );
    expect(answers.map((answer) => answer.status).filter((status) => ![200, 201, 409].includes(status))).toEqual([]);
    for (const { caseId, id } of referrals) {
      const [row] = await queryDatabase<{
        status: string;
        return_suspended_at: Date | null;
        responded_at: Date | null;
      }>(harness.database.url, 'SELECT status, return_suspended_at, responded_at FROM app.referral WHERE id = $1', [
        id,
      ]);
      const [screening] = await queryDatabase<{ assessed_at: Date }>(
        harness.database.url,
        `SELECT max(assessed_at) AS assessed_at FROM app.assessment WHERE case_id = $1 AND type = 'protection'`,
        [caseId],
      );
      expect(row!.return_suspended_at).not.toBeNull();
      if (row!.status === 'accepted')
        expect(row!.responded_at!.getTime()).toBeLessThanOrEqual(screening!.assessed_at.getTime());
      else expect(row!.status).toBe('sent');
    }
  });

  it('never accepts a transfer for return after a concern recorded at the same moment', async () => {
    const cases = await Promise.all(Array.from({ length: 10 }, () => newCase()));
    const transfers: { caseId: string; id: string; version: number }[] = [];
    for (const caseId of cases) {
      await screen(caseId, CLEAR);
      const proposed = (
        await supervisor.post(`/api/cases/${caseId}/transfers`, { toOrganisationId: shelterB, forReturn: true })
      ).body;
      transfers.push({ caseId, id: proposed.id, version: proposed.version });
    }
    const answers = await Promise.all(
      transfers.flatMap(({ caseId, id, version }) => [
        receiver.post(`/api/transfers/${id}/decision`, { version, decision: 'accept' }),
        caseworker.post(`/api/cases/${caseId}/assessments`, { type: 'protection', ...FEAR }),
      ]),
    );
    // A screening on a case handed over in the meantime is refused (the case is closed); nothing else fails.
    expect(answers.map((answer) => answer.status).filter((status) => ![200, 201, 409].includes(status))).toEqual([]);
    for (const { caseId, id } of transfers) {
      const [row] = await queryDatabase<{ status: string; return_suspended_at: Date | null; decided_at: Date | null }>(
        harness.database.url,
        'SELECT status, return_suspended_at, decided_at FROM app.transfer WHERE id = $1',
        [id],
      );
      const [screening] = await queryDatabase<{ assessed_at: Date | null }>(
        harness.database.url,
        `SELECT max(assessed_at) FILTER (WHERE (findings ->> 'fearOfReturn')::boolean) AS assessed_at FROM app.assessment WHERE case_id = $1 AND type = 'protection'`,
        [caseId],
      );
      if (row!.status === 'accepted') {
        // Accepted first: the screening came after (or was refused on the closed case).
        if (screening!.assessed_at)
          expect(row!.decided_at!.getTime()).toBeLessThanOrEqual(screening!.assessed_at.getTime());
      } else {
        expect(row).toMatchObject({ status: 'proposed', return_suspended_at: expect.any(Date) });
      }
    }
  });
});

describe('a request that loses a race answers 409 with the current state', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let receiver: HttpSession;
  let partner: HttpSession;

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor, receiver, partner] = await Promise.all(
      ['caseworker', 'supervisor', 'otherSupervisor', 'partner'].map((person) => harness.signInAs(person as never)),
    );
    const admin = await harness.signInAs('admin');
    await admin.patch(`/api/organisations/${harness.organisations.clinic}`, {
      services: ['medical'],
      country: 'IT',
      acceptingReferrals: true,
    });
  });
  afterAll(() => harness.close());

  const newCase = async (recipient: string) => {
    const created = (await caseworker.post('/api/cases', registration())).body as { id: string };
    await caseworker.post(`/api/cases/${created.id}/consents`, {
      purpose: recipient === harness.organisations.shelterB ? 'transfer' : 'referral',
      recipientOrganisationId: recipient,
      givenOn: '2026-11-01',
      method: 'written',
    });
    return created.id;
  };

  /** Exactly one winner; every other answer a 409 naming the state the winner left. */
  const expectOneWinner = (
    answers: { status: number; body: Record<string, unknown> }[],
    winning: number[],
    current: { status: string; version: number },
  ) => {
    expect(answers.filter((answer) => winning.includes(answer.status))).toHaveLength(1);
    const losers = answers.filter((answer) => !winning.includes(answer.status));
    expect(losers.map((answer) => answer.status)).toEqual(Array(answers.length - 1).fill(409));
    for (const loser of losers)
      expect(loser.body).toMatchObject({ currentStatus: current.status, currentVersion: current.version });
  };

  it('twenty decisions on one transfer at once: one applies, the others 409 with the transfer as it is', async () => {
    const caseId = await newCase(harness.organisations.shelterB);
    const proposed = (
      await supervisor.post(`/api/cases/${caseId}/transfers`, { toOrganisationId: harness.organisations.shelterB })
    ).body;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        receiver.post(`/api/transfers/${proposed.id}/decision`, {
          version: proposed.version,
          decision: index % 4 === 3 ? 'reject' : 'accept',
        }),
      ),
    );
    const [row] = await queryDatabase<{ status: string; version: number }>(
      harness.database.url,
      'SELECT status, version FROM app.transfer WHERE id = $1',
      [proposed.id],
    );
    expectOneWinner(answers, [200], row!);
    const received = await queryDatabase(
      harness.database.url,
      'SELECT id FROM app."case" WHERE transferred_from_case_id = $1',
      [caseId],
    );
    expect(received).toHaveLength(row!.status === 'accepted' ? 1 : 0);
  });

  it('twenty answers to one referral at once, then twenty completions: one applies each time, the others 409 with the referral as it is', async () => {
    const caseId = await newCase(harness.organisations.clinic);
    const sent = (
      await caseworker.post(`/api/cases/${caseId}/referrals`, {
        toOrganisationId: harness.organisations.clinic,
        services: ['medical'],
        lens: ['basicProfile'],
      })
    ).body;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        index % 5 === 4
          ? partner.post(`/api/referrals/${sent.id}/decline`, {
              version: sent.version,
              reason: 'No capacity this week',
            })
          : partner.post(`/api/referrals/${sent.id}/accept`, { version: sent.version }),
      ),
    );
    const current = async () =>
      (
        await queryDatabase<{ status: string; version: number }>(
          harness.database.url,
          'SELECT status, version FROM app.referral WHERE id = $1',
          [sent.id],
        )
      )[0]!;
    const afterAnswers = await current();
    expectOneWinner(answers, [200, 204], afterAnswers);
    if (afterAnswers.status !== 'accepted') return;
    const completions = await Promise.all(
      Array.from({ length: 20 }, () =>
        partner.post(`/api/referrals/${sent.id}/complete`, { version: afterAnswers.version, outcome: 'completed' }),
      ),
    );
    expectOneWinner(completions, [200], await current());
  });

  it('a withdrawal racing the partner’s acceptance: one applies, the other 409 or (withdrawn: the partner’s access ended) 404', async () => {
    const caseId = await newCase(harness.organisations.clinic);
    const sent = (
      await caseworker.post(`/api/cases/${caseId}/referrals`, {
        toOrganisationId: harness.organisations.clinic,
        services: ['medical'],
        lens: ['basicProfile'],
      })
    ).body;
    const [accepted, withdrawn] = await Promise.all([
      partner.post(`/api/referrals/${sent.id}/accept`, { version: sent.version }),
      caseworker.post(`/api/cases/${caseId}/referrals/${sent.id}/withdraw`, { version: sent.version }),
    ]);
    expect([accepted.status, withdrawn.status].filter((status) => status === 200)).toHaveLength(1);
    if (withdrawn.status === 200) expect([404, 409]).toContain(accepted.status);
    else expect(withdrawn.body).toMatchObject({ status: 409, currentStatus: 'accepted' });
  });
});
