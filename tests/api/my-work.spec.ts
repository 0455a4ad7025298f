import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { myWorkSchema } from '@haven/contracts';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

describe('my work', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
    const admin = await harness.signInAs('admin');
    const listed = await admin.patch(`/api/organisations/${harness.organisations.clinic}`, {
      services: ['medical'],
      country: 'IT',
      area: 'North',
      contactPoint: 'Reception desk',
      acceptingReferrals: true,
    });
    expect(listed.status).toBe(200);
  });
  afterAll(() => harness.close());

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  /** A case of the caseworker referred to the clinic with consent; answers the referral. */
  async function referredCase(caseworker: HttpSession) {
    const created = await newCase(caseworker);
    const consent = await caseworker.post(`/api/cases/${created.id}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: harness.organisations.clinic,
      givenOn: '2026-11-01',
      method: 'verbal',
    });
    expect(consent.status).toBe(201);
    const sent = await caseworker.post(`/api/cases/${created.id}/referrals`, {
      toOrganisationId: harness.organisations.clinic,
      services: ['medical'],
      urgency: 'routine',
      lens: ['basicProfile'],
    });
    expect(sent.status).toBe(201);
    return { created, referral: sent.body as { id: string; version: number } };
  }

  /** The bell's unread count of answers to referrals, and my work's list of them. */
  async function answersSeenBy(session: HttpSession) {
    const [bell, work] = await Promise.all([session.get('/api/notifications'), session.get('/api/my-work')]);
    const answerKinds = ['referral.accepted', 'referral.declined', 'referral.completed'];
    const unreadAnswers = (bell.body.items as { kind: string; read: boolean }[]).filter(
      (item) => !item.read && answerKinds.includes(item.kind),
    ).length;
    return {
      bellUnread: bell.body.unread as number,
      bellUnreadAnswers: unreadAnswers,
      myWork: work.body.referralAnswers.items.map((item: { kind: string; caseReference: string }) => [
        item.kind,
        item.caseReference,
      ]) as [string, string][],
      work: work.body as { referralAnswers: { seenUpTo: string | null; items: { answeredAt: string }[] } },
    };
  }

  it('shows a caseworker her open cases, overdue tasks and tasks due this week; a supervisor the approvals waiting', async () => {
    const caseworker = await harness.signInAs('caseworker');
    const supervisor = await harness.signInAs('supervisor');
    const first = (await caseworker.post('/api/cases', registration({ riskLevel: 'critical' }))).body;
    const second = (await caseworker.post('/api/cases', registration({ riskLevel: 'low' }))).body;
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const late = await caseworker.post(`/api/cases/${first.id}/tasks`, { title: 'Call the clinic', dueOn: soon });
    const later = await caseworker.post(`/api/cases/${second.id}/tasks`, {
      title: 'Visit in a month',
      dueOn: '2099-01-01',
    });
    expect([late.status, later.status]).toEqual([201, 201]);
    // Make the first task overdue.
    await queryDatabase(harness.database.url, 'UPDATE app.task SET due_on = current_date - 3 WHERE id = $1', [
      late.body.id,
    ]);
    await caseworker.post(`/api/cases/${second.id}/tasks`, { title: 'Due this week', dueOn: soon });

    await caseworker.post(`/api/cases/${first.id}/plan/goals`, { type: 'Health', objective: 'Check-ups' });
    await caseworker.post(`/api/cases/${first.id}/plan/submit`, { version: 1 });
    await caseworker.post(`/api/cases/${second.id}/closure`, { version: second.version, reason: 'goalsAchieved' });

    const mine = await caseworker.get('/api/my-work');
    expect(mine.status).toBe(200);
    expect(mine.body.cases).toEqual({ active: 2, highRisk: 1 });
    expect(
      mine.body.overdueTasks.map((task: { title: string; caseReference: string; overdue: boolean }) => [
        task.title,
        task.caseReference,
        task.overdue,
      ]),
    ).toEqual([['Call the clinic', first.reference, true]]);
    expect(mine.body.tasksDueThisWeek.map((task: { title: string }) => task.title)).toEqual(['Due this week']);
    expect(mine.body.approvals).toEqual([]);

    const theirs = await supervisor.get('/api/my-work');
    expect(
      theirs.body.approvals.map((approval: { kind: string; caseReference: string }) => [
        approval.kind,
        approval.caseReference,
      ]),
    ).toEqual([
      ['plan', first.reference],
      ['closure', second.reference],
    ]);
    expect(theirs.body.overdueTasks).toEqual([]);

    const other = await harness.signInAs('otherSupervisor');
    expect((await other.get('/api/my-work')).body).toMatchObject({ cases: { active: 0, highRisk: 0 }, approvals: [] });
    expect((await (await harness.signInAs('manager')).get('/api/my-work')).status).toBe(403);
  });

  it('marks tasks due today as almost overdue (overdue within 24 hours), not those due later', async () => {
    const caseworker = await harness.signInAs('colleague');
    const created = await newCase(caseworker);
    await caseworker.post(`/api/cases/${created.id}/tasks`, { title: 'Ring today', dueOn: day(0) });
    await caseworker.post(`/api/cases/${created.id}/tasks`, { title: 'Ring tomorrow', dueOn: day(1) });
    const work = (await caseworker.get('/api/my-work')).body;
    expect(myWorkSchema.safeParse(work).error).toBeUndefined();
    expect(
      work.tasksDueThisWeek.map((task: { title: string; almostOverdue: boolean; overdue: boolean }) => [
        task.title,
        task.almostOverdue,
        task.overdue,
      ]),
    ).toEqual([
      ['Ring today', true, false],
      ['Ring tomorrow', false, false],
    ]);
  });

  it('shows the answers partners gave since she last looked, and agrees with the bell at every step', async () => {
    const caseworker = await harness.signInAs('caseworker');
    const partner = await harness.signInAs('partner');
    // Nothing answered yet: both say nothing (earlier tests may have left other notifications).
    await caseworker.post('/api/notifications/read-all');
    const before = await answersSeenBy(caseworker);
    expect([before.bellUnread, before.myWork]).toEqual([0, []]);

    const first = await referredCase(caseworker);
    const second = await referredCase(caseworker);
    const accepted = await partner.post(`/api/referrals/${first.referral.id}/accept`, {
      version: first.referral.version,
    });
    expect(accepted.status).toBe(200);
    const declined = await partner.post(`/api/referrals/${second.referral.id}/decline`, {
      version: second.referral.version,
      reason: 'No doctor available this month',
    });
    expect(declined.status).toBe(204);

    const answered = await answersSeenBy(caseworker);
    expect(answered.myWork).toEqual([
      ['referral.declined', second.created.reference],
      ['referral.accepted', first.created.reference],
    ]);
    expect(answered.bellUnread).toBe(2);
    expect(answered.bellUnreadAnswers).toBe(answered.myWork.length);
    // She last looked when she read everything at the start; answers since then do not move it.
    expect(before.work.referralAnswers.seenUpTo).not.toBeNull();
    expect(answered.work.referralAnswers.seenUpTo).toBe(before.work.referralAnswers.seenUpTo);
    // Only the sender is told: her supervisor's my work does not list them.
    const supervisor = await harness.signInAs('supervisor');
    expect((await supervisor.get('/api/my-work')).body.referralAnswers.items).toEqual([]);

    // She looks at what the screen showed; an answer arriving meanwhile stays for the next look.
    const upTo = answered.work.referralAnswers.items[0]!.answeredAt;
    const completed = await partner.post(`/api/referrals/${first.referral.id}/complete`, {
      version: accepted.body.version,
      outcome: 'completed',
    });
    expect(completed.status).toBe(200);
    expect((await caseworker.post('/api/my-work/referral-answers/seen', { upTo })).status).toBe(204);
    const looked = await answersSeenBy(caseworker);
    expect(looked.myWork).toEqual([['referral.completed', first.created.reference]]);
    expect([looked.bellUnread, looked.bellUnreadAnswers]).toEqual([1, 1]);
    expect(looked.work.referralAnswers.seenUpTo).toBe(upTo);

    // Reading everything in the bell is looking too: my work follows, and the marker moves on.
    expect((await caseworker.post('/api/notifications/read-all')).status).toBe(204);
    const allRead = await answersSeenBy(caseworker);
    expect([allRead.bellUnread, allRead.myWork]).toEqual([0, []]);
    expect(Date.parse(allRead.work.referralAnswers.seenUpTo!)).toBeGreaterThan(Date.parse(upTo));

    // The marker never moves back; a bad time is a 400 naming the field; someone else's marker is untouched.
    expect((await caseworker.post('/api/my-work/referral-answers/seen', { upTo: '2020-01-01T00:00:00Z' })).status).toBe(
      204,
    );
    expect((await answersSeenBy(caseworker)).work.referralAnswers.seenUpTo).toBe(allRead.work.referralAnswers.seenUpTo);
    const bad = await caseworker.post('/api/my-work/referral-answers/seen', { upTo: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(['upTo']);
    const markers = await queryDatabase<{ user_id: string }>(
      harness.database.url,
      'SELECT user_id FROM app.referral_answers_seen',
    );
    expect(markers.map((row) => row.user_id)).toEqual([harness.people.caseworker.id]);
    expect((await partner.post('/api/my-work/referral-answers/seen', { upTo })).status).toBe(403);
  });

  it('lists follow-up visits due this week on her own cases, late ones included, and transfers waiting for supervisors', async () => {
    const caseworker = await harness.signInAs('caseworker');
    const supervisor = await harness.signInAs('supervisor');
    const created = await newCase(caseworker);
    // Visits at 3, 6 and 12 months after a return three months ago less two days: the first is two days late.
    const reference = new Date();
    reference.setUTCMonth(reference.getUTCMonth() - 3);
    reference.setUTCDate(reference.getUTCDate() - 2);
    const scheduled = await supervisor.post(`/api/cases/${created.id}/reintegration/schedule`, {
      referenceDate: reference.toISOString().slice(0, 10),
    });
    expect(scheduled.status).toBe(201);
    const [late] = scheduled.body.items as { id: string; dueOn: string }[];
    const mine = (await caseworker.get('/api/my-work')).body;
    expect(
      mine.followUpsDue
        .filter((visit: { caseId: string }) => visit.caseId === created.id)
        .map((visit: { id: string; monthsAfter: number; overdue: boolean; almostOverdue: boolean }) => [
          visit.id,
          visit.monthsAfter,
          visit.overdue,
          visit.almostOverdue,
        ]),
    ).toEqual([[late!.id, 3, true, false]]);
    // A visit made leaves the list; the supervisor, not assigned, never had it.
    expect(
      (await supervisor.get('/api/my-work')).body.followUpsDue.some(
        (visit: { caseId: string }) => visit.caseId === created.id,
      ),
    ).toBe(false);
    await queryDatabase(
      harness.database.url,
      'UPDATE app.follow_up_visit SET visited_on = current_date WHERE id = $1',
      [late!.id],
    );
    expect(
      (await caseworker.get('/api/my-work')).body.followUpsDue.some(
        (visit: { caseId: string }) => visit.caseId === created.id,
      ),
    ).toBe(false);

    // Transfers: only those who decide them are told, and only their organisation's.
    expect(mine.transfersToDecide).toBeNull();
    const otherSupervisor = await harness.signInAs('otherSupervisor');
    const waitingBefore = (await otherSupervisor.get('/api/my-work')).body.transfersToDecide as number;
    await caseworker.post(`/api/cases/${created.id}/consents`, {
      purpose: 'transfer',
      recipientOrganisationId: harness.organisations.shelterB,
      givenOn: '2026-11-01',
      method: 'written',
    });
    const proposed = await supervisor.post(`/api/cases/${created.id}/transfers`, {
      toOrganisationId: harness.organisations.shelterB,
    });
    expect(proposed.status).toBe(201);
    expect((await otherSupervisor.get('/api/my-work')).body.transfersToDecide).toBe(waitingBefore + 1);
    expect((await supervisor.get('/api/my-work')).body.transfersToDecide).toBe(0);
  });
});
