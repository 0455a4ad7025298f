import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { InboxResponse } from '@haven/contracts';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { routeTable } from '../../apps/api/src/core/http/route-table.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('referrals to partners', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let partner: HttpSession;
  let clinic: string;

  /** The lens tests read this profile back: a woman of 24 from Nigeria who speaks French, with a passport. */
  const lensCase = () =>
    newCase(caseworker, {
      givenName: 'Lensname',
      familyName: 'Hidden',
      estimatedAge: 24,
      sex: 'Feminine',
      nationality: 'NG',
      languages: ['fr'],
      documents: [{ kind: 'passport', number: 'P1234567', state: 'confiscatedByTrafficker' }],
    });
  const consentTo = (caseId: string, organisationId: string) =>
    caseworker.post(`/api/cases/${caseId}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: organisationId,
      givenOn: '2026-11-01',
      method: 'verbal',
      interpreterUsed: true,
    });
  const refer = (session: HttpSession, caseId: string, overrides: Record<string, unknown> = {}) =>
    session.post(`/api/cases/${caseId}/referrals`, {
      toOrganisationId: clinic,
      services: ['medical'],
      urgency: 'urgent',
      message: 'Needs a check-up',
      lens: ['basicProfile', 'healthNeeds'],
      ...overrides,
    });

  beforeAll(async () => {
    harness = await startTestApp();
    clinic = harness.organisations.clinic;
    [caseworker, supervisor, partner] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('supervisor'),
      harness.signInAs('partner'),
    ]);
    const admin = await harness.signInAs('admin');
    const listed = await admin.patch(`/api/organisations/${clinic}`, {
      services: ['medical', 'psychosocial'],
      country: 'IT',
      area: 'North',
      contactPoint: 'Reception desk',
      acceptingReferrals: true,
    });
    expect(listed.status).toBe(200);
  });
  afterAll(() => harness.close());

  it('finds partners in the directory by service and country', async () => {
    const found = await caseworker.get('/api/organisations?service=medical&country=IT');
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([clinic]);
    expect((await caseworker.get('/api/organisations?service=legal')).body.items).toEqual([]);
    expect((await partner.get('/api/organisations')).status).toBe(403);
  });

  it('refuses to send without consent for that partner, and lets only a supervisor override with a reason', async () => {
    const created = await lensCase();
    const refused = await refer(caseworker, created.id);
    expect(refused.status).toBe(409);
    expect(refused.body.title).toBe('Consent required');
    const caseworkerOverride = await refer(caseworker, created.id, {
      consentOverrideReason: 'Emergency medical care needed tonight',
    });
    expect(caseworkerOverride.status).toBe(400);
    const overridden = await refer(supervisor, created.id, {
      consentOverrideReason: 'Emergency medical care needed tonight',
    });
    expect(overridden.status).toBe(201);
    expect(overridden.body).toMatchObject({
      consentOverridden: true,
      overrideReason: 'Emergency medical care needed tonight',
      status: 'sent',
    });
    const audit = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'referral.consent.overridden' AND subject_id = $1",
      [created.id],
    );
    expect(audit).toHaveLength(1);
    const history = (await caseworker.get(`/api/cases/${created.id}/history`)).body.items as {
      section: string;
      action: string;
    }[];
    expect(history).toEqual(
      expect.arrayContaining([expect.objectContaining({ section: 'referral', action: 'consent.overridden' })]),
    );
    expect(
      JSON.stringify(
        await queryDatabase(harness.database.url, 'SELECT * FROM app.referral WHERE case_id = $1', [created.id]),
      ),
    ).not.toMatch(/Emergency medical|check-up/);
  });

  it('shows the sender exactly what the partner will see, and the partner sees only that lens', async () => {
    const created = await lensCase();
    await caseworker.post(`/api/cases/${created.id}/assessments`, {
      type: 'needs',
      needs: [
        { area: 'medical', level: 'high' },
        { area: 'legal', level: 'medium' },
      ],
    });
    await consentTo(created.id, clinic);
    const preview = await caseworker.post(`/api/cases/${created.id}/referrals/preview`, {
      lens: ['basicProfile', 'healthNeeds'],
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      sections: ['basicProfile', 'healthNeeds'],
      basicProfile: { sex: 'Feminine', ageAtReferral: 24, nationality: 'NG', languages: ['fr'] },
      healthNeeds: [{ area: 'medical', level: 'high' }],
    });
    const sent = await refer(caseworker, created.id);
    expect(sent.status).toBe(201);

    const inbox = await partner.get('/api/referrals/inbox');
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toContain(sent.body.id);
    expect(JSON.stringify(inbox.body)).not.toMatch(/Lensname|HV-|caseId/);
    const opened = await partner.get(`/api/referrals/${sent.body.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.view).toEqual(preview.body);
    expect(opened.body.message).toBe('Needs a check-up');
    expect(JSON.stringify(opened.body)).not.toMatch(/Lensname|Hidden|P1234567|legal|HV-/);
    expect(opened.body).not.toHaveProperty('caseId');

    const notifications = await partner.get('/api/notifications');
    expect(notifications.body.unread).toBeGreaterThan(0);
    expect(notifications.body.items[0]).toMatchObject({
      kind: 'referral.received',
      subjectType: 'Referral',
      subjectId: expect.any(String),
    });
  });

  it('lets the partner accept, record a service that appears on the sender’s case, and complete — then keeps only what it recorded', async () => {
    const created = await lensCase();
    await consentTo(created.id, clinic);
    const sent = (await refer(caseworker, created.id)).body;
    expect(
      (
        await partner.post(`/api/referrals/${sent.id}/services`, {
          type: 'medical',
          deliveredOn: '2026-11-20',
          outcome: 'completed',
        })
      ).status,
    ).toBe(409);
    const accepted = await partner.post(`/api/referrals/${sent.id}/accept`, { version: sent.version });
    expect(accepted.body.status).toBe('accepted');
    const recorded = await partner.post(`/api/referrals/${sent.id}/services`, {
      type: 'medical',
      deliveredOn: '2026-11-20',
      outcome: 'completed',
      notes: 'Consultation done',
    });
    expect(recorded.status).toBe(200);
    const senderServices = (await caseworker.get(`/api/cases/${created.id}/services`)).body.items;
    expect(senderServices).toEqual([
      expect.objectContaining({
        type: 'medical',
        outcome: 'completed',
        providerOrganisation: { id: clinic, name: 'Test Clinic' },
        notes: 'Consultation done',
      }),
    ]);
    const completed = await partner.post(`/api/referrals/${sent.id}/complete`, {
      version: accepted.body.version,
      outcome: 'completed',
    });
    expect(completed.status).toBe(200);
    expect(completed.body.view).toBeNull();
    expect(completed.body.servicesGiven).toHaveLength(1);
    const senderView = (await caseworker.get(`/api/cases/${created.id}/referrals`)).body.items[0];
    expect(senderView).toMatchObject({ status: 'completed', outcome: 'completed' });
    const senderNotifications = (await caseworker.get('/api/notifications')).body.items.map(
      (item: { kind: string }) => item.kind,
    );
    expect(senderNotifications).toEqual(expect.arrayContaining(['referral.accepted', 'referral.completed']));
  });

  it('cuts the partner off when the referral is withdrawn or declined', async () => {
    const created = await lensCase();
    await consentTo(created.id, clinic);
    const first = (await refer(caseworker, created.id)).body;
    expect(
      (await caseworker.post(`/api/cases/${created.id}/referrals/${first.id}/withdraw`, { version: first.version }))
        .body.status,
    ).toBe('withdrawn');
    expect((await partner.get(`/api/referrals/${first.id}`)).status).toBe(404);
    // A step on it is told it ended, and changes nothing.
    expect((await partner.post(`/api/referrals/${first.id}/accept`, { version: 2 })).status).toBe(409);
    expect((await partner.get('/api/referrals/inbox')).body.items.map((item: { id: string }) => item.id)).not.toContain(
      first.id,
    );

    const second = (await refer(caseworker, created.id)).body;
    expect((await partner.post(`/api/referrals/${second.id}/decline`, { version: second.version })).status).toBe(400);
    expect(
      (
        await partner.post(`/api/referrals/${second.id}/decline`, {
          version: second.version,
          reason: 'No doctor available this month',
        })
      ).status,
    ).toBe(204);
    expect((await partner.get(`/api/referrals/${second.id}`)).status).toBe(404);
    expect(
      (await caseworker.get(`/api/cases/${created.id}/referrals`)).body.items.find(
        (item: { id: string }) => item.id === second.id,
      ),
    ).toMatchObject({ status: 'declined', response: 'No doctor available this month' });
  });

  it('shows the partner, once a referral has ended in any way, only what it recorded itself; every step on it answers 409 and changes nothing', async () => {
    const stateOf = async (id: string) =>
      (
        await queryDatabase<{ status: string; version: number }>(
          harness.database.url,
          'SELECT status, version FROM app.referral WHERE id = $1',
          [id],
        )
      )[0];
    const servicesOf = async (id: string) =>
      (await queryDatabase(harness.database.url, 'SELECT id FROM app.service_record WHERE referral_id = $1', [id]))
        .length;
    const ended: Record<'completed' | 'declined' | 'withdrawn', string> = {
      completed: '',
      declined: '',
      withdrawn: '',
    };
    for (const end of ['completed', 'withdrawn'] as const) {
      const created = await lensCase();
      await consentTo(created.id, clinic);
      const sent = (await refer(caseworker, created.id, { message: 'Sender-only words about Lensname' })).body;
      const accepted = (await partner.post(`/api/referrals/${sent.id}/accept`, { version: sent.version })).body;
      expect(
        (
          await partner.post(`/api/referrals/${sent.id}/services`, {
            type: 'medical',
            deliveredOn: '2026-11-20',
            outcome: 'completed',
            notes: 'Partner-own note',
          })
        ).status,
      ).toBe(200);
      const version = (await stateOf(sent.id))!.version;
      if (end === 'completed')
        expect(
          (await partner.post(`/api/referrals/${sent.id}/complete`, { version, outcome: 'completed' })).status,
        ).toBe(200);
      if (end === 'withdrawn')
        expect(
          (await caseworker.post(`/api/cases/${created.id}/referrals/${sent.id}/withdraw`, { version })).status,
        ).toBe(200);
      expect(accepted.status).toBe('accepted');
      ended[end] = sent.id;
    }
    // Only a referral not yet accepted can be declined.
    const created = await lensCase();
    await consentTo(created.id, clinic);
    const sent = (await refer(caseworker, created.id, { message: 'Sender-only words about Lensname' })).body;
    expect(
      (await partner.post(`/api/referrals/${sent.id}/decline`, { version: sent.version, reason: 'Cannot take it' }))
        .status,
    ).toBe(204);
    ended.declined = sent.id;

    const completed = await partner.get(`/api/referrals/${ended.completed}`);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      status: 'completed',
      message: null,
      lens: [],
      view: null,
      outcome: 'completed',
      servicesGiven: [expect.objectContaining({ notes: 'Partner-own note' })],
    });
    expect(JSON.stringify(completed.body)).not.toMatch(/Sender-only|Lensname|basicProfile|healthNeeds/);
    for (const gone of [ended.declined, ended.withdrawn])
      expect((await partner.get(`/api/referrals/${gone}`)).status).toBe(404);

    for (const [end, id] of Object.entries(ended)) {
      const before = await stateOf(id);
      const services = await servicesOf(id);
      for (const [step, body] of [
        ['accept', { version: before!.version }],
        ['decline', { version: before!.version, reason: 'Too late' }],
        ['services', { type: 'medical', deliveredOn: '2026-11-21', outcome: 'completed' }],
        ['complete', { version: before!.version, outcome: 'completed' }],
      ] as const) {
        const answer = await partner.post(`/api/referrals/${id}/${step}`, body);
        expect([end, step, answer.status, answer.body.detail]).toEqual([
          end,
          step,
          409,
          'This referral has ended. Nothing was changed.',
        ]);
      }
      expect(await stateOf(id)).toEqual(before);
      expect(await servicesOf(id)).toBe(services);
    }
  });

  it('tells inbox lines apart by a short code, and by her sex and age band only while the lens shares them and the referral is open', async () => {
    const created = await lensCase();
    await consentTo(created.id, clinic);
    const withBasics = await refer(caseworker, created.id);
    const withoutBasics = await refer(caseworker, created.id, { lens: ['healthNeeds'], services: ['psychosocial'] });
    expect([withBasics.status, withoutBasics.status]).toEqual([201, 201]);
    const lines = async () =>
      new Map(
        ((await partner.get('/api/referrals/inbox?pageSize=100')).body as InboxResponse).items.map((item) => [
          item.id,
          item,
        ]),
      );
    let inbox = await lines();
    expect(inbox.get(withBasics.body.id)).toMatchObject({ sex: 'Feminine', ageBand: '18to24' });
    expect(inbox.get(withoutBasics.body.id)).toMatchObject({ sex: null, ageBand: null });
    const codes = [inbox.get(withBasics.body.id)!.code, inbox.get(withoutBasics.body.id)!.code];
    for (const code of codes) expect(code).toMatch(/^R-[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(codes[0]).not.toEqual(codes[1]);
    expect(codes.join()).not.toContain(created.reference);
    const opened = (await partner.get(`/api/referrals/${withBasics.body.id}`)).body;
    expect(opened).toMatchObject({ code: codes[0], sex: 'Feminine', ageBand: '18to24' });

    // Once completed, the line keeps its code and no longer says anything of her.
    const accepted = await partner.post(`/api/referrals/${withBasics.body.id}/accept`, { version: opened.version });
    const completed = await partner.post(`/api/referrals/${withBasics.body.id}/complete`, {
      version: accepted.body.version,
      outcome: 'completed',
    });
    expect(completed.status).toBe(200);
    inbox = await lines();
    expect(inbox.get(withBasics.body.id)).toMatchObject({ code: codes[0], sex: null, ageBand: null });
  });

  it('pages the inbox newest first, filters it by state and counts the whole inbox by state', async () => {
    for (let count = 0; count < 3; count += 1) {
      const created = await lensCase();
      await consentTo(created.id, clinic);
      expect((await refer(caseworker, created.id)).status).toBe(201);
    }
    const whole = (await partner.get('/api/referrals/inbox?pageSize=100')).body as InboxResponse;
    // Earlier tests left referrals in every state the partner sees; withdrawn and declined ones are not counted.
    expect(whole.counts).toEqual({
      sent: expect.any(Number),
      accepted: expect.any(Number),
      completed: expect.any(Number),
    });
    expect(whole.counts.sent).toBeGreaterThanOrEqual(3);
    expect(whole.counts.completed).toBeGreaterThanOrEqual(1);
    expect(whole.total).toBe(whole.counts.sent + whole.counts.accepted + whole.counts.completed);
    expect(whole.items).toHaveLength(whole.total);
    expect(whole.items.every((item) => ['sent', 'accepted', 'completed'].includes(item.status))).toBe(true);
    const sentAt = whole.items.map((item) => item.sentAt);
    expect(sentAt).toEqual([...sentAt].sort().reverse());
    // An inbox line says who sent what, how urgent, when and in what state, and (by the lens) her sex and age band: never the case.
    for (const item of whole.items)
      expect(Object.keys(item).sort()).toEqual([
        'ageBand',
        'code',
        'from',
        'id',
        'sentAt',
        'services',
        'sex',
        'status',
        'urgency',
        'version',
      ]);

    // Pages of two walk the same list, in the same order, each with the same total and counts.
    const walked: string[] = [];
    for (let page = 1; page <= Math.ceil(whole.total / 2); page += 1) {
      const body = (await partner.get(`/api/referrals/inbox?page=${page}&pageSize=2`)).body as InboxResponse;
      expect(body).toMatchObject({ page, pageSize: 2, total: whole.total, counts: whole.counts });
      walked.push(...body.items.map((item) => item.id));
    }
    expect(walked).toEqual(whole.items.map((item) => item.id));
    const pastTheEnd = (await partner.get(`/api/referrals/inbox?page=${whole.total + 1}&pageSize=1`))
      .body as InboxResponse;
    expect(pastTheEnd).toMatchObject({ items: [], total: whole.total });
    const first = (await partner.get('/api/referrals/inbox')).body as InboxResponse;
    expect(first).toMatchObject({ page: 1, pageSize: 25, total: whole.total });
    expect(first.items.map((item) => item.id)).toEqual(whole.items.slice(0, 25).map((item) => item.id));

    // One state: its page and its total; the counts stay those of the whole inbox.
    const sent = (await partner.get('/api/referrals/inbox?status=sent&pageSize=2')).body as InboxResponse;
    expect(sent).toMatchObject({ total: whole.counts.sent, counts: whole.counts });
    expect(sent.items.map((item) => item.id)).toEqual(
      whole.items
        .filter((item) => item.status === 'sent')
        .slice(0, 2)
        .map((item) => item.id),
    );
    // Withdrawn and declined referrals are gone from the partner's view, even when asked for.
    for (const gone of ['withdrawn', 'declined']) {
      expect((await partner.get(`/api/referrals/inbox?status=${gone}`)).body).toMatchObject({ items: [], total: 0 });
    }

    for (const [query, field] of [
      ['page=0', 'page'],
      ['page=100001', 'page'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=101', 'pageSize'],
      ['status=open', 'status'],
    ] as const) {
      const refused = await partner.get(`/api/referrals/inbox?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field, message: expect.stringMatching(/\w/) }]);
    }
  });

  it('withdraws open referrals when the survivor withdraws consent for that recipient', async () => {
    const created = await lensCase();
    const consent = (await consentTo(created.id, clinic)).body;
    const sent = (await refer(caseworker, created.id)).body;
    const withdrawn = await caseworker.post(`/api/cases/${created.id}/consents/${consent.id}/withdraw`, {
      withdrawnOn: '2026-11-25',
    });
    expect(withdrawn.status).toBe(200);
    expect((await partner.get(`/api/referrals/${sent.id}`)).status).toBe(404);
    expect((await caseworker.get(`/api/cases/${created.id}/referrals`)).body.items[0].status).toBe('withdrawn');
    expect((await refer(caseworker, created.id)).status).toBe(409);
  });

  it('lets only those who may read the identity share identifying sections', async () => {
    const created = await lensCase();
    await consentTo(created.id, clinic);
    const withIdentity = await refer(caseworker, created.id, { lens: ['identity', 'documents'] });
    expect(withIdentity.status).toBe(201);
    const opened = await partner.get(`/api/referrals/${withIdentity.body.id}`);
    expect(opened.body.view.identity).toMatchObject({ givenName: 'Lensname', familyName: 'Hidden' });
    expect(opened.body.view.documents).toEqual([{ kind: 'passport', state: 'confiscatedByTrafficker' }]);
    const reads = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'case.identity.read' AND actor_user_id = $1",
      [harness.people.partner.id],
    );
    expect(reads.length).toBeGreaterThan(0);
  });

  it('gives the partner 404 on every case route, whether its referral is open, withdrawn or was never made', async () => {
    const open = await lensCase();
    await consentTo(open.id, clinic);
    await refer(caseworker, open.id);
    const withdrawn = await lensCase();
    await consentTo(withdrawn.id, clinic);
    const sent = (await refer(caseworker, withdrawn.id)).body;
    await caseworker.post(`/api/cases/${withdrawn.id}/referrals/${sent.id}/withdraw`, { version: sent.version });
    const neverReferred = await lensCase();
    const caseRoutes = routeTable(harness.app).filter((route) => route.path.startsWith('/api/cases/:id'));
    for (const [state, caseId] of [
      ['open', open.id],
      ['withdrawn', withdrawn.id],
      ['never made', neverReferred.id],
    ] as const) {
      for (const route of caseRoutes) {
        const path = route.path.replace(':id', caseId).replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
        const response =
          route.method === 'GET'
            ? await partner.get(path)
            : route.method === 'PATCH'
              ? await partner.patch(path, {})
              : await partner.post(path, {});
        const label = `${route.method} ${route.path} (${state} referral)`;
        expect({ label, status: response.status }).toEqual({ label, status: 404 });
      }
    }
    for (const listing of [
      '/api/cases',
      '/api/cases?reference=HV',
      '/api/my-work',
      '/api/shelters/occupancy',
      '/api/statistics/tables',
    ]) {
      expect({ listing, status: (await partner.get(listing)).status }).toEqual({ listing, status: 403 });
    }
  });

  it('refuses a referral for return while a protection concern is open, explaining why, until a supervisor’s review', async () => {
    const created = await lensCase();
    await consentTo(created.id, clinic);
    const noScreening = await refer(caseworker, created.id, { forReturn: true, services: ['return'] });
    expect(noScreening.status).toBe(409);
    expect(noScreening.body.reasons).toEqual(['no international-protection screening has been recorded']);
    await caseworker.post(`/api/cases/${created.id}/assessments`, {
      type: 'protection',
      fearOfReturn: true,
      asylumIntention: false,
      outcome: 'pending',
    });
    const fear = await refer(caseworker, created.id, { forReturn: true, services: ['return'] });
    expect(fear.status).toBe(409);
    expect(fear.body.detail).toMatch(/fear of return/);
    expect(
      (
        await caseworker.post(`/api/cases/${created.id}/protection-reviews`, {
          decision: 'returnMayProceed',
          reason: 'Reviewed with legal counsel and the survivor',
        })
      ).status,
    ).toBe(404);
    const review = await supervisor.post(`/api/cases/${created.id}/protection-reviews`, {
      decision: 'returnMayProceed',
      reason: 'Reviewed with legal counsel and the survivor',
    });
    expect(review.status).toBe(201);
    expect((await refer(caseworker, created.id, { forReturn: true, services: ['return'] })).status).toBe(201);
    // A newer screening outweighs an older review.
    await caseworker.post(`/api/cases/${created.id}/assessments`, {
      type: 'protection',
      fearOfReturn: false,
      asylumIntention: true,
      outcome: 'referredToAsylumProcedure',
    });
    expect((await refer(caseworker, created.id, { forReturn: true, services: ['return'] })).status).toBe(409);
  });
});

describe('notification e-mail', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({ environment: { SMTP_URL: 'json', SMTP_FROM: 'Haven <no-reply@haven.test>' } });
  });
  afterAll(() => harness.close());

  it('mails the partner once the referral is sent, with no personal data, and nobody for a refused referral', async () => {
    const { NotificationMailer } = await import('../../apps/api/src/modules/notifications/notification-mailer.js');
    const transport = harness.app.get(NotificationMailer).transport!;
    const sent: { to: string; subject: string; text: string }[] = [];
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (async (message: { to: string; subject: string; text: string }) => {
      sent.push(message);
      return original(message);
    }) as typeof transport.sendMail;
    const caseworker = await harness.signInAs('caseworker');
    const created = await newCase(caseworker, { givenName: 'Mailname' });
    await caseworker.post(`/api/cases/${created.id}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: harness.organisations.clinic,
      givenOn: '2026-11-01',
      method: 'verbal',
    });
    // Refused (no such partner) → rolled back → no mail.
    await caseworker.post(`/api/cases/${created.id}/referrals`, {
      toOrganisationId: harness.organisations.shelterB,
      services: ['medical'],
      lens: ['basicProfile'],
    });
    expect(sent).toEqual([]);
    const referral = await caseworker.post(`/api/cases/${created.id}/referrals`, {
      toOrganisationId: harness.organisations.clinic,
      services: ['medical'],
      lens: ['basicProfile'],
      message: 'Mailname needs care',
    });
    expect(referral.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.map((message) => message.to)).toEqual([harness.people.partner.email]);
    expect(JSON.stringify(sent)).not.toMatch(/Mailname|HV-|Test Clinic|Test Shelter/);
  });
});
