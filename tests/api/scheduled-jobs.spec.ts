import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { queryDatabase } from '@haven/testing';
import { createHavenApp } from '../../apps/api/src/create-app.js';
import { JOB_LOCK_SPACE } from '../../apps/api/src/core/database/exclusive-jobs.js';
import { RetentionService } from '../../apps/api/src/modules/data-protection/retention.service.js';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Two API replicas on one database, as behind a load balancer: scheduled work (retention, the
 * statistics release) happens once however many replicas look at once, with nothing configured
 * per replica, and work left by a replica that died is done by another.
 */
describe('scheduled work across replicas', () => {
  let harness: TestApp;
  let second: NestExpressApplication;
  const count = async (table: string) =>
    (await queryDatabase<{ n: number }>(harness.database.url, `SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    harness = await startTestApp();
    second = await createHavenApp(harness.config);
  });
  afterAll(async () => {
    await second.close();
    await harness.close();
  });

  const replicas = () => [harness.app, second];

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
