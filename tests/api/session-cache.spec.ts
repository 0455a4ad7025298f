import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase } from '@haven/testing';
import { SessionCache } from '../../apps/api/src/core/auth/session-cache.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Each API process keeps the sessions it has looked up in memory. These tests make the
 * changes the way another replica (or an operator) would — straight in the database,
 * not through this process — and check that this process stops honouring the session
 * once the change is announced, and that it reads every session from the database
 * while it cannot hear the announcements.
 */
const HONOURED_AT_MOST = 20_000;

describe('sessions kept in memory', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
  });
  afterAll(() => harness.close());

  /**
   * Polls until the session is refused; answers how long it took, or fails after `HONOURED_AT_MOST` ms.
   * The announcement arrives in milliseconds; the bound is only there so that a change never heard
   * fails the test rather than hanging it, and is wide enough for a busy machine.
   */
  async function refusedWithin(session: { get(path: string): Promise<{ status: number }> }): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < HONOURED_AT_MOST) {
      if ((await session.get('/api/auth/me')).status === 401) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`The session was still honoured ${HONOURED_AT_MOST} ms after the change was committed`);
  }

  it('ends a session revoked by another replica', async () => {
    const session = await harness.signInAs('caseworker');
    expect((await session.get('/api/auth/me')).status).toBe(200);
    expect((await session.get('/api/cases')).status).toBe(200);
    await queryDatabase(
      harness.database.url,
      'UPDATE app.user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [harness.people.caseworker.id],
    );
    await expect(refusedWithin(session)).resolves.toBeLessThan(HONOURED_AT_MOST);
  });

  it('ends the sessions of a user deactivated by another replica', async () => {
    const session = await harness.signInAs('colleague');
    expect((await session.get('/api/auth/me')).status).toBe(200);
    await queryDatabase(harness.database.url, 'UPDATE app."user" SET active = false WHERE id = $1', [
      harness.people.colleague.id,
    ]);
    await expect(refusedWithin(session)).resolves.toBeLessThan(HONOURED_AT_MOST);
    await queryDatabase(harness.database.url, 'UPDATE app."user" SET active = true WHERE id = $1', [
      harness.people.colleague.id,
    ]);
  });

  it("sees an organisation's team mode switched by another replica", async () => {
    const { caseworker } = harness.people;
    await queryDatabase(harness.database.url, `UPDATE app."user" SET team = 'north' WHERE id = $1`, [caseworker.id]);
    const session = await harness.signInAs('caseworker');
    const coversTeam = async () =>
      JSON.stringify((await session.get('/api/auth/me')).body.rules).includes('"team":"north"');
    expect(await coversTeam()).toBe(false);
    await queryDatabase(harness.database.url, 'UPDATE app.organisation SET team_mode = true WHERE id = $1', [
      caseworker.organisationId,
    ]);
    const started = Date.now();
    let covers = false;
    while (!covers && Date.now() - started < HONOURED_AT_MOST) covers = await coversTeam();
    expect(covers).toBe(true);
    await queryDatabase(harness.database.url, 'UPDATE app.organisation SET team_mode = false WHERE id = $1', [
      caseworker.organisationId,
    ]);
  });

  it('answers from memory once a session is looked up: a change made without announcement is not seen', async () => {
    const session = await harness.signInAs('manager');
    expect((await session.get('/api/auth/me')).status).toBe(200);
    // Triggers off for this one statement (as a bulk load would): nobody is told.
    await queryDatabase(
      harness.database.url,
      `BEGIN; SET LOCAL session_replication_role = replica; UPDATE app.user_session SET revoked_at = now() WHERE user_id = '${harness.people.manager.id}' AND revoked_at IS NULL; COMMIT;`,
    );
    expect((await session.get('/api/auth/me')).status).toBe(200);
    // Announced the usual way, it ends at once.
    await queryDatabase(
      harness.database.url,
      'UPDATE app.user_session SET revoked_at = revoked_at WHERE user_id = $1',
      [harness.people.manager.id],
    );
    await expect(refusedWithin(session)).resolves.toBeLessThan(HONOURED_AT_MOST);
  });

  it('reads every session from the database while it cannot hear the announcements, and listens again by itself', async () => {
    const first = await harness.signInAs('partner');
    expect((await first.get('/api/auth/me')).status).toBe(200);
    // Cut the listener's connection: announcements made now would be lost.
    await queryDatabase(
      harness.database.url,
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'haven-session-changes' AND datname = current_database()",
    );
    // Until this process has seen its listener's connection go, it cannot know a change may be missed.
    const cache = harness.app.get(SessionCache);
    for (const started = Date.now(); cache.isEnabled && Date.now() - started < HONOURED_AT_MOST; )
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cache.isEnabled).toBe(false);
    await queryDatabase(
      harness.database.url,
      'UPDATE app.user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [harness.people.partner.id],
    );
    // No waiting: with the cache off the very next request reads the revocation.
    expect((await first.get('/api/auth/me')).status).toBe(401);

    // Within a few seconds it listens again, and caches again.
    const started = Date.now();
    let listening = false;
    while (!listening && Date.now() - started < HONOURED_AT_MOST) {
      listening =
        (
          await queryDatabase(
            harness.database.url,
            "SELECT 1 FROM pg_stat_activity WHERE application_name = 'haven-session-changes' AND datname = current_database() AND query LIKE 'LISTEN%'",
          )
        ).length === 1;
      if (!listening) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(listening).toBe(true);
    const second = await harness.signInAs('partner');
    expect((await second.get('/api/auth/me')).status).toBe(200);
    await queryDatabase(
      harness.database.url,
      'UPDATE app.user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [harness.people.partner.id],
    );
    await expect(refusedWithin(second)).resolves.toBeLessThan(HONOURED_AT_MOST);
  });
});
