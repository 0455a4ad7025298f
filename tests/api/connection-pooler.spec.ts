import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase } from '@haven/testing';
import { startPgBouncer, type PgBouncer } from '../support/pgbouncer.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Haven behind PgBouncer in session mode (Debian's 1.18), the way docs/architecture.md says to
 * run it: each client connection keeps its own server connection, so the row-level security
 * scope written on a connection, the statements prepared on it and the LISTEN of the session
 * cache all stay with the API connection that made them. (Transaction mode would hand a
 * connection to another client between transactions, scope and prepared statements included:
 * not supported, see docs/architecture.md.)
 */
describe('behind PgBouncer in session mode', () => {
  let bouncer: PgBouncer;
  let harness: TestApp;

  beforeAll(async () => {
    bouncer = await startPgBouncer('session');
    harness = await startTestApp({ connectThrough: bouncer.rewrite });
  });
  afterAll(async () => {
    await harness?.close();
    await bouncer?.stop();
  });

  it("keeps each organisation to its own cases while the pooler's connections serve both, with prepared statements", async () => {
    const [caseworker, otherCaseworker] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('otherCaseworker'),
    ]);
    const own = (await caseworker.post('/api/cases', registration())).body.id as string;
    const other = (await otherCaseworker.post('/api/cases', registration())).body.id as string;
    for (let round = 0; round < 12; round += 1) {
      const [mine, theirs] = await Promise.all([caseworker.get('/api/cases'), otherCaseworker.get('/api/cases')]);
      expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([own]);
      expect(theirs.body.items.map((item: { id: string }) => item.id)).toEqual([other]);
      expect((await caseworker.get(`/api/cases/${other}`)).status).toBe(404);
      expect((await otherCaseworker.get(`/api/cases/${own}`)).status).toBe(404);
    }
    // The requests really went through the pooler: it holds server connections for this database.
    const database = new URL(harness.database.url).pathname.slice(1);
    const pools = await bouncer.admin('SHOW POOLS');
    const pool = pools.find((row) => row.database === database);
    expect(pool).toBeDefined();
    expect(Number(pool!.sv_active) + Number(pool!.sv_idle) + Number(pool!.sv_used)).toBeGreaterThan(0);
  });

  it('ends a session revoked in the database: the session cache hears it through the pooler', async () => {
    const session = await harness.signInAs('colleague');
    expect((await session.get('/api/auth/me')).status).toBe(200);
    await queryDatabase(
      harness.database.url,
      'UPDATE app.user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [harness.people.colleague.id],
    );
    const deadline = Date.now() + 30_000;
    let status = 200;
    while (status !== 401 && Date.now() < deadline) {
      status = (await session.get('/api/auth/me')).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
  });
});
