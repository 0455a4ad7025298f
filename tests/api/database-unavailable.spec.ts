import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { queryDatabase, TEST_APPLICATION_ROLE, type HttpSession } from '@haven/testing';
import { scopedPostgres } from '../../apps/api/src/core/database/scoped-connections.js';
import { TransactionHost } from '../../apps/api/src/core/database/transaction-host.js';
import { toProblemError } from '../../apps/api/src/core/errors/problem.filter.js';
import { runAsSystem } from '../../apps/api/src/core/request-context/database-scope.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A request whose database connection is cut under it — the server shut down, or the
 * primary failed and a standby is being promoted — answers 503 with Retry-After, never
 * 500, and leaves nothing half-written; the next request works on a new connection.
 */
describe('a request whose database went away', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  const asOwner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    queryDatabase<T>(harness.database.url, sql, params);

  beforeAll(async () => {
    harness = await startTestApp();
    caseworker = await harness.signInAs('caseworker');
    expect((await caseworker.post('/api/cases', registration())).status).toBe(201);
  });
  afterAll(() => harness.close());

  /**
   * Holds the case table locked, sends the request, waits until the application's
   * connection is queued on the lock (the request is in flight inside the database) and
   * terminates that connection as a server shutting down does (SQLSTATE 57P01).
   */
  async function cutUnderRequest(send: () => PromiseLike<{ status: number; headers: Record<string, string> }>) {
    const locker = new pg.Client({ connectionString: harness.database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE app."case" IN ACCESS EXCLUSIVE MODE');
      const answer = Promise.resolve(send());
      for (let waited = 0; ; waited += 50) {
        const terminated = await asOwner<{ pid: number }>(
          `SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
            WHERE usename = $1 AND datname = current_database() AND wait_event_type = 'Lock'`,
          [TEST_APPLICATION_ROLE],
        );
        if (terminated.length > 0) break;
        if (waited > 10_000) throw new Error('The request never reached the locked table');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return await answer;
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  }

  it('answers a read 503 with Retry-After, and the next read works', async () => {
    const answer = await cutUnderRequest(() => caseworker.get('/api/cases'));
    expect(answer.status).toBe(503);
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect((await caseworker.get('/api/cases')).status).toBe(200);
  });

  it('answers a registration 503 with Retry-After and writes nothing of it', async () => {
    const count = async () => (await asOwner<{ n: number }>('SELECT count(*)::int AS n FROM app."case"'))[0].n;
    const before = await count();
    const answer = await cutUnderRequest(() =>
      caseworker.post('/api/cases', registration({ givenName: 'Kemi', familyName: 'Cutoff' })),
    );
    expect(answer.status).toBe(503);
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count()).toBe(before);
    expect(
      (await caseworker.post('/api/cases', registration({ givenName: 'Kemi', familyName: 'Cutoff' }))).status,
    ).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('answers 503 when a transaction’s connection is cut between two of its queries, and 500 for a runner used after its transaction', async () => {
    const transactions = harness.app.get(TransactionHost);
    // Cut while no query runs: TypeORM releases the transaction's runner, and its next query fails with
    // QueryRunnerAlreadyReleasedError rather than the connection's error. That, seen failing, is the database away.
    const cut = await runAsSystem('database-unavailable test', () =>
      transactions
        .withTransaction(async () => {
          const runner = transactions.manager.queryRunner!;
          const [{ pid }] = (await transactions.manager.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
          await asOwner('SELECT pg_terminate_backend($1)', [pid]);
          for (let waited = 0; !runner.isReleased; waited += 20) {
            if (waited > 10_000) throw new Error('The runner was never released');
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          await transactions.manager.query('SELECT 1');
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        ),
    );
    expect((cut as Error).name).toBe('DatabaseConnectionLostError');
    expect(toProblemError(cut).status).toBe(503);

    // A manager kept past its transaction (a bug of ours, the database fine): the same TypeORM error stays a 500.
    const kept = await runAsSystem('database-unavailable test', () =>
      transactions.withTransaction(async () => transactions.manager),
    );
    const misuse = await kept.query('SELECT 1').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((misuse as Error).name).toMatch(/^QueryRunner(Provider)?AlreadyReleasedError$/);
    expect(toProblemError(misuse).status).toBe(500);
  });

  it('keeps the process up when the server ends a borrowed connection between two queries', async () => {
    // As the API's pool: a connection checked out (TypeORM listens for its errors only while it
    // holds it) whose server goes away while no query runs on it, as in a failover.
    const { Pool } = scopedPostgres();
    const pool = new Pool({ connectionString: harness.database.url, max: 2 });
    try {
      const client = await pool.connect();
      const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows as { pid: number }[];
      await asOwner('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });
});
