import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@haven/contracts';
import { queryDatabase, signIn } from '@haven/testing';
import { SessionClock } from '../../apps/api/src/core/auth/session-clock.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const PARALLEL_ATTEMPTS = 20;

async function auditCount(harness: TestApp, action: string, userId: string): Promise<number> {
  return (
    await queryDatabase(harness.database.url, 'SELECT 1 FROM audit.event WHERE action = $1 AND actor_user_id = $2', [
      action,
      userId,
    ])
  ).length;
}

describe('sign-in and sessions', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({
      environment: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' },
    });
  });
  afterAll(() => harness.close());

  it('signs in with a session cookie that is httpOnly and SameSite=Strict, and returns the user and their rules', async () => {
    const response = await request(harness.server)
      .post('/api/auth/login')
      .send({ email: harness.people.caseworker.email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const cookies = response.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(cookies.find((cookie) => cookie.startsWith(`${CSRF_COOKIE}=`))).not.toMatch(/HttpOnly/i);
    expect(response.body.user).toMatchObject({ email: harness.people.caseworker.email, role: 'caseworker' });
    expect(response.body.organisation.id).toBe(harness.organisations.shelterA);
    expect(response.body.rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'create', subject: 'Case' })]),
    );
    expect(typeof response.body.csrfToken).toBe('string');
  });

  it('stores only a hash of the session token', async () => {
    const response = await request(harness.server)
      .post('/api/auth/login')
      .send({ email: harness.people.colleague.email, password: TEST_PASSWORD });
    const token = (response.headers['set-cookie'] as unknown as string[])
      .find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))!
      .split(';')[0]!
      .split('=')[1]!;
    const rows = await queryDatabase<{ token_hash: Buffer }>(
      harness.database.url,
      'SELECT token_hash FROM app.user_session',
    );
    expect(
      rows.some(
        (row) => row.token_hash.toString('utf8').includes(token) || row.token_hash.toString('base64url') === token,
      ),
    ).toBe(false);
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    const wrongPassword = await request(harness.server)
      .post('/api/auth/login')
      .send({ email: harness.people.supervisor.email, password: 'not-the-password' });
    const unknown = await request(harness.server)
      .post('/api/auth/login')
      .send({ email: 'nobody@test.haven.test', password: 'not-the-password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrongPassword.body);
  });

  it('answers 400 with field errors for malformed sign-in input', async () => {
    const response = await request(harness.server)
      .post('/api/auth/login')
      .send({ email: 'not-an-email', password: '' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['email', 'password']);
  });

  it('locks an account after repeated failures, even for the right password, and audits the lockout', async () => {
    const email = harness.people.otherCaseworker.email;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(
        (await request(harness.server).post('/api/auth/login').send({ email, password: 'wrong-password' })).status,
      ).toBe(401);
    }
    const locked = await request(harness.server).post('/api/auth/login').send({ email, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const lockouts = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'auth.lockout' AND actor_user_id = $1",
      [harness.people.otherCaseworker.id],
    );
    expect(lockouts.length).toBeGreaterThan(0);
  });

  it('locks unknown e-mails the same way, so a lockout does not reveal that an account exists', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(harness.server)
        .post('/api/auth/login')
        .send({ email: 'ghost@test.haven.test', password: 'wrong-password' });
    }
    expect(
      (
        await request(harness.server)
          .post('/api/auth/login')
          .send({ email: 'ghost@test.haven.test', password: 'wrong-password' })
      ).status,
    ).toBe(429);
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const session = await harness.signInAs('caseworker');
    const without = await session.agent
      .post('/api/cases')
      .send({ givenName: 'X', estimatedAge: 20, sex: 'Feminine', nationality: 'NG' });
    expect(without.status).toBe(403);
    const wrong = await session.agent
      .post('/api/cases')
      .set(CSRF_HEADER, 'forged')
      .send({ givenName: 'X', estimatedAge: 20, sex: 'Feminine', nationality: 'NG' });
    expect(wrong.status).toBe(403);
    const rows = await queryDatabase(harness.database.url, 'SELECT 1 FROM app."case"');
    expect(rows).toHaveLength(0);
  });

  it('ends the session on sign-out', async () => {
    const session = await harness.signInAs('supervisor');
    expect((await session.get('/api/auth/me')).status).toBe(200);
    expect((await session.post('/api/auth/logout')).status).toBe(204);
    expect((await session.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a session that has been idle too long, and one past its absolute lifetime', async () => {
    const idle = await harness.signInAs('manager');
    const expired = await harness.signInAs('admin');
    await queryDatabase(
      harness.database.url,
      "UPDATE app.user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1",
      [harness.people.manager.id],
    );
    await queryDatabase(
      harness.database.url,
      "UPDATE app.user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [harness.people.admin.id],
    );
    expect((await idle.get('/api/auth/me')).status).toBe(401);
    expect((await expired.get('/api/auth/me')).status).toBe(401);
  });

  it('verifies at most the limit of 20 simultaneous wrong passwords, and then refuses the right one', async () => {
    const person = await harness.addPerson({
      email: 'racer@test.haven.test',
      displayName: 'Racing Target',
      role: 'manager',
      organisation: 'programme',
    });
    const answers = await Promise.all(
      Array.from({ length: PARALLEL_ATTEMPTS }, (_, attempt) =>
        request(harness.server)
          .post('/api/auth/login')
          .send({ email: person.email, password: `wrong-password-${attempt}` }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    // A 401 is a verified password; every other attempt was refused before its password was looked at.
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(PARALLEL_ATTEMPTS - 3);
    expect(await auditCount(harness, 'auth.login.failed', person.id)).toBe(3);
    expect(await auditCount(harness, 'auth.lockout', person.id)).toBe(1);
    expect(
      (await request(harness.server).post('/api/auth/login').send({ email: person.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(429);
  });

  it('counts wrong current passwords of a signed-in session with the sign-in failures, and ends the session at the limit', async () => {
    const person = await harness.addPerson({
      email: 'guesser@test.haven.test',
      displayName: 'Stolen Session',
      role: 'manager',
      organisation: 'programme',
    });
    const stolen = await signIn(harness.server, person.email, TEST_PASSWORD);
    const newPassword = 'Lantern-orchard-stone-77';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const wrong = await stolen.post('/api/auth/password', { currentPassword: `guess-${attempt}`, newPassword });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([{ field: 'currentPassword', message: 'Not correct' }]);
    }
    const third = await stolen.post('/api/auth/password', { currentPassword: 'guess-2', newPassword });
    expect(third.status).toBe(401);
    expect((await stolen.get('/api/auth/me')).status).toBe(401);
    // The account is locked for sign-in too, right password or not.
    expect(
      (await request(harness.server).post('/api/auth/login').send({ email: person.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(429);
    expect(await auditCount(harness, 'auth.password.failed', person.id)).toBe(3);
  });

  it('verifies at most the limit of 20 simultaneous wrong current passwords from one session', async () => {
    const person = await harness.addPerson({
      email: 'burst@test.haven.test',
      displayName: 'Burst Session',
      role: 'manager',
      organisation: 'programme',
    });
    const stolen = await signIn(harness.server, person.email, TEST_PASSWORD);
    const answers = await Promise.all(
      Array.from({ length: PARALLEL_ATTEMPTS }, (_, attempt) =>
        stolen.post('/api/auth/password', {
          currentPassword: `guess-${attempt}`,
          newPassword: 'Lantern-orchard-stone-77',
        }),
      ),
    );
    expect(await auditCount(harness, 'auth.password.failed', person.id)).toBe(3);
    expect(answers.filter((answer) => answer.status === 400)).toHaveLength(2);
    expect(answers.every((answer) => [400, 401, 429].includes(answer.status))).toBe(true);
    expect((await stolen.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a weak new password with every reason, before the current password is checked', async () => {
    const person = await harness.addPerson({
      email: 'nightowl@test.haven.test',
      displayName: 'Amira Weakly',
      role: 'manager',
      organisation: 'programme',
    });
    const session = await signIn(harness.server, person.email, TEST_PASSWORD);
    const reasons = async (newPassword: string) => {
      const refused = await session.post('/api/auth/password', { currentPassword: 'not-even-checked', newPassword });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).not.toContain(newPassword);
      return (refused.body.errors as { field: string; code: string }[]).map(({ field, code }) => `${field}:${code}`);
    };
    expect(await reasons('aaaaaaaaaaaa')).toEqual(['newPassword:repeated']);
    expect(await reasons('password1234')).toEqual(['newPassword:common']);
    expect(await reasons('Amira-lantern-orchard-9')).toEqual(['newPassword:containsName']);
    expect(await reasons('Nightowl-lantern-orchard')).toEqual(['newPassword:containsEmail']);
    expect(await auditCount(harness, 'auth.password.failed', person.id)).toBe(0);
    expect(
      (
        await session.post('/api/auth/password', {
          currentPassword: TEST_PASSWORD,
          newPassword: 'Lantern-orchard-stone-77',
        })
      ).status,
    ).toBe(204);
  });

  it('ends the other sessions of a user who changes their password', async () => {
    const first = await harness.signInAs('partner');
    const second = await harness.signInAs('partner');
    const weak = await second.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    const changed = await second.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'A-new-long-passphrase-2026',
    });
    expect(changed.status).toBe(204);
    expect((await first.get('/api/auth/me')).status).toBe(401);
    expect((await second.get('/api/auth/me')).status).toBe(200);
  });

  it('ends all sessions of a deactivated user, and refuses their sign-in', async () => {
    const victim = await harness.signInAs('colleague');
    const admin = await harness.signInAs('admin');
    expect((await admin.post(`/api/users/${harness.people.colleague.id}/deactivate`)).status).toBe(204);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    const again = await request(harness.server)
      .post('/api/auth/login')
      .send({ email: harness.people.colleague.email, password: TEST_PASSWORD });
    expect(again.status).toBe(401);
  });

  it('answers 401 without a session', async () => {
    expect((await request(harness.server).get('/api/cases')).status).toBe(401);
    expect((await request(harness.server).get('/api/auth/me').set('Cookie', `${SESSION_COOKIE}=made-up`)).status).toBe(
      401,
    );
  });
});

describe('sign-in throttling per address', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({
      environment: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' },
    });
  });
  afterAll(() => harness.close());

  it('stops an address that tries many different accounts', async () => {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await request(harness.server)
        .post('/api/auth/login')
        .send({ email: `spray${attempt}@test.haven.test`, password: 'wrong-password' });
    }
    const blocked = await request(harness.server)
      .post('/api/auth/login')
      .send({ email: harness.people.caseworker.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
  });
});

describe('the idle timeout of sessions in use', () => {
  let harness: TestApp;
  let offset = 0;

  beforeAll(async () => {
    harness = await startTestApp({ environment: { SESSION_IDLE_MINUTES: '1' } });
    // The API's session clock runs ahead of the real one by `offset`: a minute passes without waiting.
    harness.app.get(SessionClock).now = () => Date.now() + offset;
  });
  afterAll(() => harness.close());

  it('keeps a session used every 16 seconds alive past the one-minute limit, and ends it a minute after its last use', async () => {
    const session = await harness.signInAs('manager');
    for (let use = 1; use <= 6; use += 1) {
      offset += 16_000;
      expect({ afterSeconds: use * 16, status: (await session.get('/api/auth/me')).status }).toEqual({
        afterSeconds: use * 16,
        status: 200,
      });
    }
    offset += 60_000;
    expect((await session.get('/api/auth/me')).status).toBe(401);
  });

  it('tells the web app the limit, and "stay signed in" starts the idle clock again on the server', async () => {
    const session = await harness.signInAs('manager');
    expect(session.me.idle).toEqual({ timeoutSeconds: 60, refreshStepSeconds: 3 });
    offset += 40_000;
    // Sent as a background request, so that only the extension itself can move the idle clock.
    const extended = await session.post('/api/auth/session/extend').set('x-haven-background', 'true');
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.idleExpiresAt)).toBeGreaterThanOrEqual(Date.now() + offset + 55_000);
    // Eighty seconds after signing in, forty after staying: still signed in (without it, idle since sign-in).
    offset += 40_000;
    expect((await session.get('/api/auth/me')).status).toBe(200);
  });

  it('lets background checks leave the idle clock alone, so an unattended tab still times out', async () => {
    const session = await harness.signInAs('manager');
    offset += 40_000;
    expect((await session.get('/api/notifications').set('x-haven-background', 'true')).status).toBe(200);
    offset += 30_000;
    expect((await session.get('/api/notifications').set('x-haven-background', 'true')).status).toBe(401);
  });

  it('keeps an ended session ended: "stay signed in" after the limit answers 401 and revives nothing', async () => {
    const session = await harness.signInAs('manager');
    const lastSeen = () =>
      queryDatabase<{ last_seen_at: Date }>(
        harness.database.url,
        'SELECT last_seen_at FROM app.user_session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
        [harness.people.manager.id],
      );
    const before = await lastSeen();
    offset += 61_000;
    const late = await session.post('/api/auth/session/extend');
    expect(late.status).toBe(401);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    // Nothing was written: the idle clock still stands at the sign-in.
    expect(await lastSeen()).toEqual(before);
  });
});
