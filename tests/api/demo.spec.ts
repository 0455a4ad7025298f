import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { queryDatabase, signIn } from '@haven/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-accounts.js';
import { DemoDataService } from '../../apps/api/src/demo/demo-data.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('demo mode', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
    await harness.app.get(DemoDataService).loadOnce();
  });
  afterAll(() => harness.close());

  it('loads one account per role with the published password, and about 200 synthetic cases, once', async () => {
    for (const email of ['caseworker', 'supervisor', 'partner', 'manager', 'admin'].map((role) => `${role}@demo.haven.test`)) {
      const session = await signIn(harness.server, email, DEMO_PASSWORD);
      expect(session.me.user.email).toBe(email);
    }
    const [{ n }] = await queryDatabase<{ n: number }>(harness.database.url, 'SELECT count(*)::int AS n FROM app."case"');
    expect(n).toBeGreaterThanOrEqual(200);
    await harness.app.get(DemoDataService).loadOnce();
    expect((await queryDatabase<{ n: number }>(harness.database.url, 'SELECT count(*)::int AS n FROM app."case"'))[0]!.n).toBe(n);
  });

  it('gives each demo role something to see: my work, the partner inbox, the directory', async () => {
    const caseworker = await signIn(harness.server, 'caseworker@demo.haven.test', DEMO_PASSWORD);
    const work = (await caseworker.get('/api/my-work')).body;
    expect(work.cases.active).toBe(60);
    expect(work.overdueTasks).toHaveLength(2);
    const partner = await signIn(harness.server, 'partner@demo.haven.test', DEMO_PASSWORD);
    expect((await partner.get('/api/referrals/inbox')).body.items).toHaveLength(3);
    expect((await caseworker.get('/api/organisations?service=medical')).body.items.map((item: { name: string }) => item.name)).toEqual(['Riverside Community Clinic']);
  });

  it('spreads sexes and nationalities across a West, East and North African caseload', async () => {
    const rows = await queryDatabase<{ nationality: string; sex: string }>(harness.database.url, 'SELECT nationality, sex FROM app."case"');
    expect(new Set(rows.map((row) => row.nationality)).size).toBeGreaterThan(10);
    expect(rows.filter((row) => row.sex === 'Feminine').length / rows.length).toBeGreaterThan(0.5);
  });
});

describe('demo accounts in production', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({ environment: { NODE_ENV: 'production', HAVEN_MASTER_KEY: randomBytes(32).toString('base64') } });
  });
  afterAll(() => harness.close());

  it('refuses to load demo data and refuses demo e-mails at sign-in', async () => {
    await expect(harness.app.get(DemoDataService).loadOnce()).rejects.toThrow(/production/);
    await queryDatabase(harness.database.url, `UPDATE app."user" SET email = 'caseworker@demo.haven.test' WHERE id = $1`, [harness.people.caseworker.id]);
    const response = await request(harness.server).post('/api/auth/login').send({ email: 'caseworker@demo.haven.test', password: 'Quiet-harbour-lantern-42' });
    expect(response.status).toBe(401);
  });
});
