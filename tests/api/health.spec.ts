import { afterAll, beforeAll, describe, it } from '@jest/globals';
import request from 'supertest';
import { queryDatabase, TEST_APPLICATION_ROLE } from '@haven/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What a load balancer asks before sending requests (ready) and an orchestrator before restarting (live). */
describe('health: live and ready', () => {
  let harness: TestApp;
  const asOwner = (sql: string) => queryDatabase(harness.database.url, sql);

  beforeAll(async () => {
    harness = await startTestApp();
  });
  afterAll(() => harness.close());

  it('is live and ready with the database up, every migration applied and the master key loaded', async () => {
    await request(harness.server).get('/api/health/live').expect(200, { status: 'ok' });
    for (const path of ['/api/health/ready', '/api/health'])
      await request(harness.server)
        .get(path)
        .expect(200, { status: 'ok', database: 'up', migrations: 'current', masterKey: 'present' });
  });

  it('is not ready while a migration this code needs is missing, and ready again once it is applied', async () => {
    const [latest] = await queryDatabase<{ timestamp: string; name: string }>(
      harness.database.url,
      'SELECT timestamp::text, name FROM public.migrations ORDER BY timestamp DESC LIMIT 1',
    );
    await asOwner(`DELETE FROM public.migrations WHERE name = '${latest.name}'`);
    try {
      await request(harness.server)
        .get('/api/health/ready')
        .expect(503, { status: 'unhealthy', database: 'up', migrations: 'pending', masterKey: 'present' });
      // Still alive: nothing to restart, only to take out of rotation.
      await request(harness.server).get('/api/health/live').expect(200);
    } finally {
      await asOwner(`INSERT INTO public.migrations (timestamp, name) VALUES (${latest.timestamp}, '${latest.name}')`);
    }
    await request(harness.server).get('/api/health/ready').expect(200);
  });

  it('counts a database ahead of the code (migrated by a newer replica) as current', async () => {
    await asOwner(
      `INSERT INTO public.migrations (timestamp, name) VALUES (9999999999999, 'FromANewerRelease9999999999999')`,
    );
    try {
      await request(harness.server).get('/api/health/ready').expect(200);
    } finally {
      await asOwner(`DELETE FROM public.migrations WHERE name = 'FromANewerRelease9999999999999'`);
    }
  });

  it('is not ready when the database does not answer its question, and says so', async () => {
    await asOwner(`REVOKE SELECT ON public.migrations FROM ${TEST_APPLICATION_ROLE}`);
    try {
      await request(harness.server)
        .get('/api/health/ready')
        .expect(503, { status: 'unhealthy', database: 'down', migrations: 'unknown', masterKey: 'present' });
      await request(harness.server).get('/api/health/live').expect(200);
    } finally {
      await asOwner(`GRANT SELECT ON public.migrations TO ${TEST_APPLICATION_ROLE}`);
    }
  });
});
