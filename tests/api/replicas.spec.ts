import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { CSRF_HEADER } from '@haven/contracts';
import { createTestDatabase, queryDatabase } from '@haven/testing';
import { createHavenApp } from '../../apps/api/src/create-app.js';
import { JOB_LOCK_SPACE } from '../../apps/api/src/core/database/exclusive-jobs.js';
import { MIGRATIONS } from '../../apps/api/src/core/database/migrations/index.js';
import { prepareDatabase } from '../../apps/api/src/core/database/prepare-database.js';
import { RetentionService } from '../../apps/api/src/modules/data-protection/retention.service.js';
import { StatisticsProjector } from '../../apps/api/src/modules/statistics/statistics-projector.service.js';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { registration, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const MAX_FAILURES = 3;

/**
 * Two API replicas on one database, as behind a load balancer that sends each request to either:
 * what must be shared lives in PostgreSQL (sessions, their revocation, sign-in failure counters),
 * and scheduled work (retention, the statistics release) happens once however many replicas look
 * at once, with nothing configured per replica; work left by a replica that died is done by another.
 */
describe('two API replicas on one database', () => {
  let harness: TestApp;
  let second: NestExpressApplication;
  const count = async (table: string) =>
    (await queryDatabase<{ n: number }>(harness.database.url, `SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    harness = await startTestApp({
      environment: {
        LOGIN_MAX_FAILURES_PER_ACCOUNT: String(MAX_FAILURES),
        LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
        // The projection is refreshed only when a test asks, so it can count what each refresh did.
        STATS_REFRESH_INTERVAL_SECONDS: '0',
      },
    });
    second = await createHavenApp(harness.config);
  });
  afterAll(async () => {
    await second.close();
    await harness.close();
  });

  const replicas = () => [harness.app, second];
  const servers = () => [harness.server, second.getHttpServer()];

  it('serves a session signed in on one replica on the other, and ends it on both when it signs out', async () => {
    const person = await harness.addPerson({
      email: 'two-replicas@test.haven.test',
      displayName: 'Replica Visitor',
      role: 'manager',
      organisation: 'programme',
    });
    const [first, other] = servers();
    const login = await request(first).post('/api/auth/login').send({ email: person.email, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const cookies = login.headers['set-cookie'] as unknown as string[];
    const me = await request(other).get('/api/auth/me').set('Cookie', cookies);
    expect(me.status).toBe(200);
    await request(first)
      .post('/api/auth/logout')
      .set('Cookie', cookies)
      .set(CSRF_HEADER, me.body.csrfToken)
      .expect(204);
    // The replica that signed it out refuses it at once; the other hears of it by NOTIFY (its
    // cached copy is dropped when the notification arrives), so it is asked until it refuses.
    expect((await request(first).get('/api/auth/me').set('Cookie', cookies)).status).toBe(401);
    const deadline = Date.now() + 30_000;
    let status = 200;
    while (status !== 401 && Date.now() < deadline) {
      status = (await request(other).get('/api/auth/me').set('Cookie', cookies)).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
  });

  it('counts sign-in failures across replicas: twenty wrong passwords sent to both verify only the limit', async () => {
    const person = await harness.addPerson({
      email: 'two-replicas-target@test.haven.test',
      displayName: 'Replica Target',
      role: 'manager',
      organisation: 'programme',
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) =>
        request(servers()[attempt % 2])
          .post('/api/auth/login')
          .send({ email: person.email, password: `wrong-password-${attempt}` }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(MAX_FAILURES);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - MAX_FAILURES);
    // Locked on both, the right password included.
    for (const server of servers())
      expect(
        (await request(server).post('/api/auth/login').send({ email: person.email, password: TEST_PASSWORD })).status,
      ).toBe(429);
  });

  it('makes one statistics release when twenty looks from two replicas come at once', async () => {
    expect(await count('stats.release')).toBe(0);
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => replicas()[index % 2].get(StatisticsReleases).runIfDue()),
    );
    expect(await count('stats.release')).toBe(1);
    // Looked at again: nothing is due until the next month has ended.
    await Promise.all(replicas().map((app) => app.get(StatisticsReleases).runIfDue()));
    expect(await count('stats.release')).toBe(1);
  });

  it('projects each queued case once when both replicas refresh the statistics at the same moment', async () => {
    const caseworker = await harness.signInAs('caseworker');
    for (let index = 0; index < 12; index += 1)
      expect((await caseworker.post('/api/cases', registration({ estimatedAge: 20 + index }))).status).toBe(201);
    const queued = await count('app.stats_pending');
    expect(queued).toBeGreaterThanOrEqual(12);
    // Three refreshes asked of each replica at once (within a replica they share one run).
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) => replicas()[index % 2].get(StatisticsProjector).refresh(1_000)),
    );
    // Every run counted once (calls that shared a run answer the same result): together they
    // projected each queued case exactly once, whichever replica took it.
    const runs = [...new Set(results)];
    expect(runs.reduce((total, run) => total + run.projected, 0)).toBe(queued);
    expect(await count('app.stats_pending')).toBe(0);
    expect(await count('stats.case_row')).toBe(await count('app."case"'));
  });

  it('makes one retention run when twenty looks from two replicas come at once, and none while it is not due', async () => {
    const now = new Date();
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, index) => replicas()[index % 2].get(RetentionService).runIfDue(now)),
    );
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(await count('app.retention_run')).toBe(1);
    expect(await harness.app.get(RetentionService).runIfDue(now)).toBeUndefined();
    expect(await count('app.retention_run')).toBe(1);
  });

  it('leaves the job alone while another process holds it, and does it once that process is gone', async () => {
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
    // A replica in the middle of the run: it holds the job's lock on a connection of its own.
    const dyingReplica = new pg.Client({ connectionString: harness.database.url });
    await dyingReplica.connect();
    await dyingReplica.query('SELECT pg_advisory_lock($1, hashtext($2))', [JOB_LOCK_SPACE, 'retention']);
    const before = await count('app.retention_run');
    expect(await second.get(RetentionService).runIfDue(tomorrow)).toBeUndefined();
    expect(await count('app.retention_run')).toBe(before);
    // It dies: its connection closes, and the lock with it.
    await dyingReplica.end();
    expect(await second.get(RetentionService).runIfDue(tomorrow)).toBeDefined();
    expect(await count('app.retention_run')).toBe(before + 1);
  });
});

describe('replicas starting together', () => {
  it('prepare an empty database one after another: every migration applied once, both ready to serve', async () => {
    const database = await createTestDatabase();
    try {
      const starts = await Promise.all(
        [0, 1, 2].map(() =>
          prepareDatabase({
            ownerUrl: database.url,
            applicationUrl: database.applicationUrl,
            dataDir: '.haven',
            production: false,
          }),
        ),
      );
      const applied = starts.map((start) => start.appliedMigrations.length).sort((a, b) => b - a);
      expect(applied).toEqual([MIGRATIONS.length, 0, 0]);
      const [{ n }] = await queryDatabase<{ n: number }>(
        database.url,
        'SELECT count(*)::int AS n FROM public.migrations',
      );
      expect(n).toBe(MIGRATIONS.length);
    } finally {
      await database.drop();
    }
  });
});
