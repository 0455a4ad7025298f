import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { RetentionService } from '../../apps/api/src/modules/data-protection/retention.service.js';
import { StatisticsProjector } from '../../apps/api/src/modules/statistics/statistics-projector.service.js';
import {
  closedCaseWithText,
  remainingCaseText,
  statisticsSnapshot,
  type CaseWithText,
} from '../support/case-fixtures.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);

describe('retention: closed cases are anonymised after their organisation’s period', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let partner: HttpSession;
  let admin: HttpSession;
  let otherCaseworker: HttpSession;
  let overdue: CaseWithText;
  let recent: CaseWithText;
  let open: { id: string };
  let otherOrganisationCase: { id: string };
  const query = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    queryDatabase<T>(harness.database.url, sql, params);
  const refreshStatistics = () => harness.app.get(StatisticsProjector).refresh(1_000_000);

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor, partner, admin, otherCaseworker] = await Promise.all(
      (['caseworker', 'supervisor', 'partner', 'admin', 'otherCaseworker'] as const).map((person) =>
        harness.signInAs(person),
      ),
    );
    const sessions = { caseworker, supervisor, partner };
    overdue = await closedCaseWithText(harness, sessions, 'Overdueva');
    recent = await closedCaseWithText(harness, sessions, 'Recentia');
    open = (await caseworker.post('/api/cases', registration({ givenName: 'Openia' }))).body;
    otherOrganisationCase = (await otherCaseworker.post('/api/cases', registration({ givenName: 'Elsewhera' }))).body;
    // Closed 25 months ago; the recent one a month ago; shelter B keeps its cases (no retention period).
    await query(`UPDATE app."case" SET closed_at = now() - interval '25 months' WHERE id = $1`, [overdue.id]);
    await query(`UPDATE app."case" SET closed_at = now() - interval '1 month' WHERE id = $1`, [recent.id]);
    await query(`UPDATE app."case" SET status = 'Closed', closed_at = now() - interval '30 months' WHERE id = $1`, [
      otherOrganisationCase.id,
    ]);
  });
  afterAll(() => harness.close());

  it('lets administrators set a retention period, within bounds, audited', async () => {
    const shelterA = harness.organisations.shelterA;
    const tooShort = await admin.patch(`/api/organisations/${shelterA}`, { retentionMonths: 3 });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors).toEqual([expect.objectContaining({ field: 'retentionMonths' })]);
    // Below the configured floor (RETENTION_MINIMUM_MONTHS, 12 by default): refused with the field and the floor, nothing written.
    for (const months of [6, 11]) {
      const belowFloor = await admin.patch(`/api/organisations/${shelterA}`, { retentionMonths: months });
      expect(belowFloor.status).toBe(400);
      expect(belowFloor.body.errors).toEqual([{ field: 'retentionMonths', message: 'At least 12 months' }]);
    }
    expect(await query(`SELECT retention_months FROM app.organisation WHERE id = $1`, [shelterA])).toEqual([
      { retention_months: null },
    ]);
    expect((await admin.get('/api/data-protection/organisations')).body.minimumMonths).toBe(12);
    expect((await admin.patch(`/api/organisations/${shelterA}`, { retentionMonths: 12.5 })).status).toBe(400);
    expect((await supervisor.patch(`/api/organisations/${shelterA}`, { retentionMonths: 24 })).status).toBe(404);
    expect((await admin.patch(`/api/organisations/${shelterA}`, { retentionMonths: 24 })).status).toBe(200);
    const settings = await admin.get('/api/data-protection/organisations');
    expect(settings.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: shelterA, retentionMonths: 24 }),
        expect.objectContaining({ id: harness.organisations.shelterB, retentionMonths: null }),
      ]),
    );
    const events = await query(
      `SELECT actor_user_id FROM audit.event WHERE action = 'organisation.retention.updated' AND subject_id = $1`,
      [shelterA],
    );
    expect(events).toEqual([{ actor_user_id: harness.people.admin.id }]);
  });

  it('shows the supervisors of the organisation, in their audit view, the administrative events about it — and nothing about another organisation', async () => {
    const shelterA = harness.organisations.shelterA;
    // Any system event recorded with the organisation as its subject's organisation appears: here a user of it deactivated.
    const leaver = await harness.addPerson({
      email: 'leaver@shelter-a.test',
      displayName: 'Leaver',
      role: 'caseworker',
      organisation: 'shelterA',
    });
    expect((await admin.post(`/api/users/${leaver.id}/deactivate`)).status).toBe(204);
    const otherSupervisor = await harness.signInAs('otherSupervisor');
    expect(
      (await admin.patch(`/api/organisations/${harness.organisations.shelterB}`, { acceptingReferrals: false })).status,
    ).toBe(200);

    const view = await supervisor.get('/api/audit/events?pageSize=100');
    expect(view.status).toBe(200);
    const seen = view.body.items as {
      action: string;
      subject: { type: string; id: string } | null;
      actor: { id: string } | null;
    }[];
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'organisation.retention.updated',
          subject: { type: 'Organisation', id: shelterA },
          actor: expect.objectContaining({ id: harness.people.admin.id }),
        }),
        expect.objectContaining({ action: 'user.deactivated', subject: { type: 'User', id: leaver.id } }),
      ]),
    );
    // Not another organisation's events, not her colleagues' sign-ins, nothing about a case.
    expect(seen.filter((event) => event.subject?.id === harness.organisations.shelterB)).toEqual([]);
    expect(seen.filter((event) => event.action.startsWith('auth.') || event.action.startsWith('case.'))).toEqual([]);
    expect((await supervisor.get('/api/audit/events?kind=sign-in')).body.items).toEqual([]);
    const theirs = (await otherSupervisor.get('/api/audit/events?pageSize=100')).body.items as {
      action: string;
      subject: { id: string } | null;
    }[];
    expect(theirs.map((event) => event.subject?.id)).not.toContain(shelterA);
    expect(theirs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'organisation.updated',
          subject: { type: 'Organisation', id: harness.organisations.shelterB },
        }),
      ]),
    );
    // Caseworkers have no audit view.
    expect((await caseworker.get('/api/audit/events')).status).toBe(403);
  });

  it('anonymises only the cases past retention: keys and text gone, statistics unchanged, run reported', async () => {
    await refreshStatistics();
    const before = await statisticsSnapshot(query);
    expect(Object.values(before).flat().length).toBeGreaterThan(0);
    expect(await remainingCaseText(query, overdue.id)).toMatchObject({
      case_key: 1,
      survivor_identity: 1,
      case_note: 1,
      referral: 1,
      service_record: 2,
    });

    const report = await harness.app.get(RetentionService).run('command');

    expect(report).toMatchObject({
      trigger: 'command',
      anonymised: 1,
      failed: 0,
      organisations: [{ organisationId: harness.organisations.shelterA, anonymised: 1, failed: 0 }],
    });
    // Nothing readable is left of the overdue case, in any table.
    expect(await remainingCaseText(query, overdue.id)).toEqual({});
    const [marked] = await query<{ anonymisation_kind: string; status: string }>(
      `SELECT anonymisation_kind, status FROM app."case" WHERE id = $1`,
      [overdue.id],
    );
    expect(marked).toEqual({ anonymisation_kind: 'retention', status: 'Closed' });
    // The others keep their key and text.
    for (const kept of [recent.id, open.id, otherOrganisationCase.id]) {
      expect(await query(`SELECT 1 FROM app.case_key WHERE case_id = $1`, [kept])).toHaveLength(1);
    }
    expect((await remainingCaseText(query, recent.id)).case_note).toBe(1);

    // Every figure stays but the referral outcome: the case's open referral ended with it (withdrawn).
    await refreshStatistics();
    const after = await statisticsSnapshot(query);
    expect(after.referral_row?.length).toBe(before.referral_row?.length);
    expect({ ...after, referral_row: [] }).toEqual({ ...before, referral_row: [] });
    expect(await query(`SELECT status FROM app.referral WHERE id = $1`, [overdue.referralId])).toEqual([
      { status: 'withdrawn' },
    ]);

    const runs = await admin.get('/api/data-protection/retention-runs');
    expect(runs.status).toBe(200);
    expect(runs.body.items[0]).toMatchObject({ id: report.id, anonymised: 1, trigger: 'command' });
    expect(
      await query(`SELECT outcome FROM audit.event WHERE action = 'retention.run' AND subject_id = $1`, [report.id]),
    ).toEqual([{ outcome: 'success' }]);
    expect(
      await query(`SELECT count(*)::int AS n FROM audit.event WHERE action = 'case.anonymised' AND subject_id = $1`, [
        overdue.id,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('answers clearly, never with a 500, on an anonymised case; and it is read-only', async () => {
    const detail = await supervisor.get(`/api/cases/${overdue.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.anonymisation).toEqual({ at: expect.any(String), kind: 'retention' });
    const identity = await supervisor.get(`/api/cases/${overdue.id}/identity`);
    expect(identity.status).toBe(410);
    expect(identity.body).toMatchObject({ title: 'Case anonymised', detail: expect.stringContaining('anonymised') });
    expect((await supervisor.get(`/api/cases/${overdue.id}/notes`)).body.items).toEqual([]);
    expect(
      (await supervisor.post(`/api/cases/${overdue.id}/reopen`, { version: detail.body.version, reason: 'Back again' }))
        .status,
    ).toBe(410);
    expect(
      (await supervisor.patch(`/api/cases/${overdue.id}`, { version: detail.body.version, stage: 'followUp' })).status,
    ).toBe(410);
    // The partner's referral ended with the case, as a withdrawal does: gone from its view, and every step refused.
    expect((await partner.get(`/api/referrals/${overdue.referralId}`)).status).toBe(404);
    expect(
      (await partner.post(`/api/referrals/${overdue.referralId}/complete`, { version: 9, outcome: 'completed' }))
        .status,
    ).toBe(409);
  });

  it('does nothing more on a second run; the command runs the same job and reports it', async () => {
    expect(await harness.app.get(RetentionService).run('command')).toMatchObject({ anonymised: 0, failed: 0 });
    await query(`UPDATE app."case" SET closed_at = now() - interval '25 months' WHERE id = $1`, [recent.id]);
    const { stdout } = await run('npm', ['run', '--silent', 'retention:run'], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: harness.database.url,
        HAVEN_MASTER_KEY: harness.config.masterKey!.toString('base64'),
        LOG_LEVEL: 'error',
      },
      timeout: 240_000,
    });
    expect(stdout).toContain(`Organisation ${harness.organisations.shelterA}: 1 anonymised, 0 failed.`);
    expect(stdout).toMatch(/Retention run [0-9a-f-]+: 1 cases anonymised, 0 failed/);
    expect(await remainingCaseText(query, recent.id)).toEqual({});
    expect(await query(`SELECT trigger, anonymised FROM app.retention_run ORDER BY started_at DESC LIMIT 1`)).toEqual([
      { trigger: 'command', anonymised: 1 },
    ]);
  }, 300_000);
});
