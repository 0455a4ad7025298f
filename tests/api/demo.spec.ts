import { randomBytes } from 'node:crypto';
import { HEADLINE_RESULTS, TRANSFER_RECIPIENT_KINDS, programmeResultsSchema } from '@haven/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { queryDatabase, signIn } from '@haven/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-accounts.js';
import { DemoDataService } from '../../apps/api/src/demo/demo-data.service.js';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('demo mode', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
    await harness.app.get(DemoDataService).loadOnce();
    // Loading is slow on a busy machine; nothing here measures speed.
  }, 600_000);
  afterAll(() => harness.close());

  it("gives the manager the programme's four headline results with figures and targets", async () => {
    await harness.app.get(StatisticsReleases).publish();
    const manager = await signIn(harness.server, 'manager@demo.haven.test', DEMO_PASSWORD);
    const lastYear = new Date().getUTCFullYear() - 1;
    const report = programmeResultsSchema.parse(
      (await manager.get(`/api/programme-results?from=${lastYear}-01&to=${lastYear}-12&granularity=year`)).body,
    );
    const headlines = report.results.filter((result) => result.headline);
    expect(headlines.map((result) => result.result)).toEqual([...HEADLINE_RESULTS]);
    for (const result of headlines) expect(result.target).toBeGreaterThan(0);
    for (const result of headlines.filter((entry) => entry.result !== 'migrants-protected-or-assisted'))
      expect(result.achieved).toBeGreaterThan(0);
  });

  it('loads one account per role with the published password, and about 200 synthetic cases, once', async () => {
    for (const email of ['caseworker', 'supervisor', 'partner', 'manager', 'admin'].map(
      (role) => `${role}@demo.haven.test`,
    )) {
      const session = await signIn(harness.server, email, DEMO_PASSWORD);
      expect(session.me.user.email).toBe(email);
    }
    const [{ n }] = await queryDatabase<{ n: number }>(
      harness.database.url,
      'SELECT count(*)::int AS n FROM app."case"',
    );
    expect(n).toBeGreaterThanOrEqual(200);
    await harness.app.get(DemoDataService).loadOnce();
    expect(
      (await queryDatabase<{ n: number }>(harness.database.url, 'SELECT count(*)::int AS n FROM app."case"'))[0]!.n,
    ).toBe(n);
  });

  it('gives each demo role something to see: my work, the partner inbox, the directory', async () => {
    const caseworker = await signIn(harness.server, 'caseworker@demo.haven.test', DEMO_PASSWORD);
    const work = (await caseworker.get('/api/my-work')).body;
    expect(work.cases.active).toBe(60);
    expect(work.overdueTasks).toHaveLength(2);
    const partner = await signIn(harness.server, 'partner@demo.haven.test', DEMO_PASSWORD);
    expect((await partner.get('/api/referrals/inbox')).body.items).toHaveLength(3);
    expect(
      (await caseworker.get('/api/organisations?service=medical')).body.items.map(
        (item: { name: string }) => item.name,
      ),
    ).toEqual(['Riverside Community Clinic']);
  });

  it('has a supervisor for every organisation that can receive a transfer, houses for every shelter organisation, a return office in Nigeria and a training centre with its own account', async () => {
    const organisations = await queryDatabase<{
      name: string;
      kind: string;
      country: string | null;
      supervisors: number;
      caseworkers: number;
      partners: number;
      shelters: number;
      capacity: number;
    }>(
      harness.database.url,
      `SELECT o.name, o.kind, o.country,
              (SELECT count(*)::int FROM app."user" u WHERE u.organisation_id = o.id AND u.active AND u.role = 'supervisor') AS supervisors,
              (SELECT count(*)::int FROM app."user" u WHERE u.organisation_id = o.id AND u.active AND u.role = 'caseworker') AS caseworkers,
              (SELECT count(*)::int FROM app."user" u WHERE u.organisation_id = o.id AND u.active AND u.role = 'partner') AS partners,
              (SELECT count(*)::int FROM app.shelter s WHERE s.organisation_id = o.id) AS shelters,
              (SELECT coalesce(sum(s.capacity), 0)::int FROM app.shelter s WHERE s.organisation_id = o.id) AS capacity
         FROM app.organisation o WHERE o.name NOT LIKE 'Test %'`,
    );
    const receiving = organisations.filter((organisation) =>
      TRANSFER_RECIPIENT_KINDS.includes(organisation.kind as never),
    );
    expect(receiving.length).toBeGreaterThanOrEqual(4);
    for (const organisation of receiving)
      expect({ name: organisation.name, supervised: organisation.supervisors > 0 }).toEqual({
        name: organisation.name,
        supervised: true,
      });
    const shelters = organisations.filter((organisation) => organisation.kind === 'shelter');
    expect(shelters.length).toBeGreaterThanOrEqual(3);
    for (const organisation of shelters)
      expect({
        name: organisation.name,
        houses: organisation.shelters > 0 && organisation.capacity > 0,
        staff: organisation.caseworkers > 0 && organisation.supervisors > 0,
      }).toEqual({ name: organisation.name, houses: true, staff: true });
    expect(organisations.find((organisation) => organisation.kind === 'reintegration')).toMatchObject({
      country: 'NG',
      supervisors: 1,
      caseworkers: 1,
    });
    expect(organisations.find((organisation) => organisation.kind === 'training')).toMatchObject({ partners: 1 });

    const trainer = await signIn(harness.server, 'partner@training.demo.haven.test', DEMO_PASSWORD);
    expect((await trainer.get('/api/training-programmes')).body.items.length).toBeGreaterThanOrEqual(3);
    const lagos = await signIn(harness.server, 'supervisor@lagos.demo.haven.test', DEMO_PASSWORD);
    expect((await lagos.get('/api/transfers/incoming')).status).toBe(200);
    // The directory never offers one's own organisation.
    const caseworker = await signIn(harness.server, 'caseworker@demo.haven.test', DEMO_PASSWORD);
    const directory = (
      (await caseworker.get('/api/organisations?purpose=transfer')).body.items as { name: string }[]
    ).map((entry) => entry.name);
    expect(directory).toEqual(
      expect.arrayContaining([
        'Northgate Protection Centre',
        'Southbank Safe House',
        'Lagos Return and Reintegration Office',
      ]),
    );
    expect(directory).not.toContain('Harbour House Shelter');
  });

  it('spreads sexes and nationalities across a West, East and North African caseload', async () => {
    const rows = await queryDatabase<{ nationality: string; sex: string }>(
      harness.database.url,
      'SELECT nationality, sex FROM app."case"',
    );
    expect(new Set(rows.map((row) => row.nationality)).size).toBeGreaterThan(10);
    expect(rows.filter((row) => row.sex === 'Feminine').length / rows.length).toBeGreaterThan(0.5);
  });
});

describe('demo accounts in production', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({
      environment: { NODE_ENV: 'production', HAVEN_MASTER_KEY: randomBytes(32).toString('base64') },
    });
  });
  afterAll(() => harness.close());

  it('refuses to load demo data and refuses demo e-mails at sign-in', async () => {
    await expect(harness.app.get(DemoDataService).loadOnce()).rejects.toThrow(/production/);
    await queryDatabase(
      harness.database.url,
      `UPDATE app."user" SET email = 'caseworker@demo.haven.test' WHERE id = $1`,
      [harness.people.caseworker.id],
    );
    const response = await request(harness.server)
      .post('/api/auth/login')
      .send({ email: 'caseworker@demo.haven.test', password: 'Quiet-harbour-lantern-42' });
    expect(response.status).toBe(401);
  });
});
