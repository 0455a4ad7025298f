import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  CSRF_HEADER,
  PENDING_SIGN_IN_COOKIE,
  SESSION_COOKIE,
  TWO_FACTOR_ENROLMENT_REQUIRED,
  type MeResponse,
} from '@haven/contracts';
import { HttpSession, queryDatabase } from '@haven/testing';
import { newTotpSecret, totpCode } from '../../apps/api/src/core/auth/totp.js';
import { TwoFactorService } from '../../apps/api/src/core/auth/two-factor.service.js';
import { UsersService } from '../../apps/api/src/core/users/users.service.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const cookiesOf = (response: request.Response) =>
  (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];

describe('two-factor sign-in', () => {
  let harness: TestApp;
  let counter = 0;

  /** A fresh account of the shelter, never signed in through the harness, so it starts without a second factor. */
  async function newPerson(role: 'caseworker' | 'manager' = 'caseworker') {
    counter += 1;
    const email = `fresh${counter}.${role}@test.haven.test`;
    const user = await harness.app.get(UsersService).create({
      email,
      displayName: `Fresh ${counter}`,
      role,
      organisationId: role === 'manager' ? harness.organisations.programme : harness.organisations.shelterA,
      password: TEST_PASSWORD,
    });
    return { id: user.id, email };
  }

  /** Signs in with the password only, as a browser would: answers the agent and the first answer. */
  async function passwordStep(email: string, password = TEST_PASSWORD) {
    const agent = request.agent(harness.server);
    const response = await agent.post('/api/auth/login').send({ email, password });
    return { agent, response };
  }

  /** Enrols through the API from a password-only session; answers the secret and the recovery codes. */
  async function enrolThroughApi(email: string) {
    const { agent, response } = await passwordStep(email);
    const me = response.body as MeResponse;
    const started = await agent.post('/api/auth/two-factor/enrolment').set(CSRF_HEADER, me.csrfToken).send({});
    expect(started.status).toBe(200);
    harness.twoFactor.advance();
    const confirmed = await agent
      .post('/api/auth/two-factor/enrolment/confirm')
      .set(CSRF_HEADER, me.csrfToken)
      .send({ code: await totpCode(started.body.secret, harness.twoFactor.now()) });
    expect(confirmed.status).toBe(200);
    return {
      secret: started.body.secret as string,
      recoveryCodes: confirmed.body.recoveryCodes as string[],
      session: new HttpSession(agent, me),
      started: started.body,
    };
  }

  beforeAll(async () => {
    harness = await startTestApp({
      environment: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '4', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' },
    });
  });
  afterAll(() => harness.close());

  it('gives a caseworker without a second factor a session that can only enrol: 403 two-factor-enrolment-required everywhere else', async () => {
    const person = await newPerson();
    const { agent, response } = await passwordStep(person.email);
    expect(response.status).toBe(200);
    const me = response.body as MeResponse;
    expect(me.twoFactor).toEqual({ required: true, enrolled: false, enrolmentRequired: true, recoveryCodesLeft: 0 });
    for (const [method, path] of [
      ['get', '/api/cases'],
      ['get', '/api/my-work'],
      ['get', '/api/organisations'],
      ['post', '/api/cases'],
      ['post', '/api/auth/password'],
      ['post', '/api/auth/two-factor/recovery-codes'],
    ] as const) {
      const refused = await agent[method](path).set(CSRF_HEADER, me.csrfToken).send({});
      expect({ path, status: refused.status, code: refused.body.code, type: refused.body.type }).toEqual({
        path,
        status: 403,
        code: TWO_FACTOR_ENROLMENT_REQUIRED,
        type: `urn:haven:problem:${TWO_FACTOR_ENROLMENT_REQUIRED}`,
      });
    }
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    expect((await agent.post('/api/auth/two-factor/enrolment').set(CSRF_HEADER, me.csrfToken).send({})).status).toBe(
      200,
    );
  });

  it('enrols with a QR code and a first code, returns ten recovery codes once, then asks for the second factor at sign-in', async () => {
    const person = await newPerson();
    const { secret, recoveryCodes, session, started } = await enrolThroughApi(person.email);
    expect(started.otpauthUri).toMatch(/^otpauth:\/\/totp\/Haven:/);
    expect(started.otpauthUri).toContain(`secret=${secret}`);
    expect(started.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // The same session now reaches case data; the secret is never shown again.
    expect((await session.get('/api/cases')).status).toBe(200);
    const me = (await session.get('/api/auth/me')).body as MeResponse;
    expect(me.twoFactor).toEqual({ required: true, enrolled: true, enrolmentRequired: false, recoveryCodesLeft: 10 });
    expect(JSON.stringify(me)).not.toContain(secret);
    expect((await session.post('/api/auth/two-factor/enrolment')).status).toBe(409);

    const { agent, response } = await passwordStep(person.email);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ secondFactor: 'required', expiresAt: expect.any(String) });
    expect(response.body.demoCode).toBeUndefined();
    const cookies = cookiesOf(response);
    expect(cookies.some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    const pending = cookies.find((cookie) => cookie.startsWith(`${PENDING_SIGN_IN_COOKIE}=`))!;
    expect(pending).toMatch(/HttpOnly/i);
    expect(pending).toMatch(/SameSite=Strict/i);
    // No session exists yet: the pending cookie opens nothing.
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    harness.twoFactor.advance();
    const second = await agent
      .post('/api/auth/login/second-factor')
      .send({ code: await totpCode(secret, harness.twoFactor.now()) });
    expect(second.status).toBe(200);
    expect(cookiesOf(second).some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    expect((await agent.get('/api/cases')).status).toBe(200);
  });

  it('refuses a wrong code and a replayed one, and a pending sign-in yields one session only', async () => {
    const person = await newPerson();
    const { secret } = await enrolThroughApi(person.email);
    const first = await passwordStep(person.email);
    const wrong = await first.agent
      .post('/api/auth/login/second-factor')
      .send({ code: '000000' === (await totpCode(secret, harness.twoFactor.now())) ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    const malformed = await first.agent.post('/api/auth/login/second-factor').send({ code: '12ab' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('code');

    harness.twoFactor.advance();
    const code = await totpCode(secret, harness.twoFactor.now());
    expect((await first.agent.post('/api/auth/login/second-factor').send({ code })).status).toBe(200);
    // The used pending sign-in is gone.
    expect((await first.agent.post('/api/auth/login/second-factor').send({ code })).status).toBe(401);
    // Same code, new password step, same time step: a replay.
    const second = await passwordStep(person.email);
    const replay = await second.agent.post('/api/auth/login/second-factor').send({ code });
    expect(replay.status).toBe(401);
    const failures = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'auth.two-factor.failed' AND actor_user_id = $1",
      [person.id],
    );
    expect(failures.length).toBe(2);
  });

  it('accepts each recovery code once, and regenerating them needs a current code and voids the old ones', async () => {
    const person = await newPerson();
    const { secret, recoveryCodes, session } = await enrolThroughApi(person.email);
    const first = await passwordStep(person.email);
    expect(
      (await first.agent.post('/api/auth/login/second-factor').send({ recoveryCode: recoveryCodes[0]!.toUpperCase() }))
        .status,
    ).toBe(200);
    const again = await passwordStep(person.email);
    expect(
      (await again.agent.post('/api/auth/login/second-factor').send({ recoveryCode: recoveryCodes[0] })).status,
    ).toBe(401);
    expect(
      (await again.agent.post('/api/auth/login/second-factor').send({ recoveryCode: recoveryCodes[1] })).status,
    ).toBe(200);
    const used = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'auth.recovery-code.used' AND actor_user_id = $1",
      [person.id],
    );
    expect(used).toHaveLength(2);
    expect(((await session.get('/api/auth/me')).body as MeResponse).twoFactor.recoveryCodesLeft).toBe(8);

    expect((await session.post('/api/auth/two-factor/recovery-codes', { code: '123456' })).status).toBe(400);
    harness.twoFactor.advance();
    const regenerated = await session.post('/api/auth/two-factor/recovery-codes', {
      code: await totpCode(secret, harness.twoFactor.now()),
    });
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.recoveryCodes).toHaveLength(10);
    const old = await passwordStep(person.email);
    expect(
      (await old.agent.post('/api/auth/login/second-factor').send({ recoveryCode: recoveryCodes[2] })).status,
    ).toBe(401);
    expect(
      (await old.agent.post('/api/auth/login/second-factor').send({ recoveryCode: regenerated.body.recoveryCodes[0] }))
        .status,
    ).toBe(200);
    expect(
      await queryDatabase(
        harness.database.url,
        "SELECT 1 FROM audit.event WHERE action = 'auth.recovery-codes.regenerated' AND actor_user_id = $1",
        [person.id],
      ),
    ).toHaveLength(1);
  });

  it('counts wrong second-factor codes towards the account lockout, even with the right code afterwards', async () => {
    const person = await newPerson();
    const { secret } = await enrolThroughApi(person.email);
    const underWay = await passwordStep(person.email);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const { agent } = await passwordStep(person.email);
      expect((await agent.post('/api/auth/login/second-factor').send({ recoveryCode: 'aaaaa-aaaaa' })).status).toBe(
        401,
      );
    }
    // Locked: the password step refuses, and so does a second step already under way, right code or not.
    expect((await passwordStep(person.email)).response.status).toBe(429);
    harness.twoFactor.advance();
    const rightCode = await underWay.agent
      .post('/api/auth/login/second-factor')
      .send({ code: await totpCode(secret, harness.twoFactor.now()) });
    expect(rightCode.status).toBe(429);
    expect(Number(rightCode.headers['retry-after'])).toBeGreaterThan(0);
    const lockouts = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'auth.lockout' AND actor_user_id = $1",
      [person.id],
    );
    expect(lockouts.length).toBeGreaterThan(0);
  });

  it('verifies at most the limit of 20 simultaneous wrong codes and recovery codes, then refuses the right code', async () => {
    const person = await newPerson();
    const { secret } = await enrolThroughApi(person.email);
    // Twenty sign-ins waiting for their second step (a right password is not a failure).
    const waiting = [];
    for (let attempt = 0; attempt < 20; attempt += 1) waiting.push(await passwordStep(person.email));
    expect(waiting.every(({ response }) => response.status === 200 && response.body.secondFactor === 'required')).toBe(
      true,
    );
    const answers = await Promise.all(
      waiting.map(({ agent }, attempt) =>
        agent
          .post('/api/auth/login/second-factor')
          .send(
            attempt % 2 === 0
              ? { code: String(100000 + attempt) }
              : { recoveryCode: `wrong-${String(attempt).padStart(5, '0')}` },
          ),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(16);
    const failures = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'auth.two-factor.failed' AND actor_user_id = $1",
      [person.id],
    );
    expect(failures).toHaveLength(4);
    const last = await passwordStep(person.email);
    expect(last.response.status).toBe(429);
    harness.twoFactor.advance();
    const rightCode = await waiting[19]!.agent
      .post('/api/auth/login/second-factor')
      .send({ code: await totpCode(secret, harness.twoFactor.now()) });
    expect(rightCode.status).toBe(429);
  });

  it('counts wrong codes of a signed-in session replacing its recovery codes, and ends the session at the limit', async () => {
    const person = await newPerson();
    const { session } = await enrolThroughApi(person.email);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) =>
        session.post('/api/auth/two-factor/recovery-codes', { code: String(200000 + attempt) }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 400)).toHaveLength(3);
    expect(answers.every((answer) => [400, 401, 429].includes(answer.status))).toBe(true);
    const failures = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'auth.two-factor.failed' AND actor_user_id = $1",
      [person.id],
    );
    expect(failures).toHaveLength(4);
    expect((await session.get('/api/auth/me')).status).toBe(401);
  });

  it('stores the secret sealed, never in plain text, and recovery codes only hashed', async () => {
    const person = await newPerson();
    const { secret, recoveryCodes } = await enrolThroughApi(person.email);
    const [row] = await queryDatabase<{ sealed_secret: Buffer; wrapped_key: Buffer }>(
      harness.database.url,
      'SELECT sealed_secret, wrapped_key FROM app.user_two_factor WHERE user_id = $1',
      [person.id],
    );
    expect(row!.sealed_secret[0]).toBe(1);
    for (const encoding of ['utf8', 'latin1', 'hex', 'base64'] as const) {
      expect(row!.sealed_secret.toString(encoding)).not.toContain(secret);
      expect(row!.wrapped_key.toString(encoding)).not.toContain(secret);
    }
    const dump = JSON.stringify(
      await queryDatabase(
        harness.database.url,
        'SELECT encode(code_hash, $2) AS h FROM app.recovery_code WHERE user_id = $1',
        [person.id, 'escape'],
      ),
    );
    for (const recoveryCode of recoveryCodes) expect(dump).not.toContain(recoveryCode.replace('-', ''));
    expect(
      await queryDatabase(
        harness.database.url,
        "SELECT 1 FROM audit.event WHERE action = 'auth.two-factor.enrolled' AND actor_user_id = $1",
        [person.id],
      ),
    ).toHaveLength(1);
  });

  it('lets a manager enrol by choice; without it the manager signs in with the password alone', async () => {
    const person = await newPerson('manager');
    const plain = await passwordStep(person.email);
    expect((plain.response.body as MeResponse).twoFactor).toEqual({
      required: false,
      enrolled: false,
      enrolmentRequired: false,
      recoveryCodesLeft: 0,
    });
    expect((await plain.agent.get('/api/statistics/indicators')).status).not.toBe(403);
    await enrolThroughApi(person.email);
    expect((await passwordStep(person.email)).response.body.secondFactor).toBe('required');
  });

  it('lets an admin reset a second factor, which ends every session of that user; audited', async () => {
    const person = await newPerson();
    const { session } = await enrolThroughApi(person.email);
    const admin = await harness.signInAs('admin');
    const supervisorAttempt = await (
      await harness.signInAs('supervisor')
    ).post(`/api/users/${person.id}/two-factor/reset`);
    expect(supervisorAttempt.status).toBe(404);
    expect((await admin.post(`/api/users/${person.id}/two-factor/reset`)).status).toBe(204);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect(
      await queryDatabase(harness.database.url, 'SELECT 1 FROM app.user_two_factor WHERE user_id = $1', [person.id]),
    ).toHaveLength(0);
    expect(
      await queryDatabase(harness.database.url, 'SELECT 1 FROM app.recovery_code WHERE user_id = $1', [person.id]),
    ).toHaveLength(0);
    expect(
      await queryDatabase(
        harness.database.url,
        "SELECT 1 FROM audit.event WHERE action = 'auth.two-factor.reset' AND subject_id = $1",
        [person.id],
      ),
    ).toHaveLength(1);
    // Back to square one: the password gives an enrolment-only session.
    const after = await passwordStep(person.email);
    expect((after.response.body as MeResponse).twoFactor.enrolmentRequired).toBe(true);
    const listed = (await admin.get('/api/users?pageSize=100')).body.items.find(
      (item: { id: string }) => item.id === person.id,
    );
    expect(listed.twoFactorEnrolled).toBe(false);
  });

  it('signs the harness people in through the second step, many times a second', async () => {
    const sessions = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('caseworker'),
      harness.signInAs('partner'),
    ]);
    for (const session of sessions) expect(session.me.twoFactor.enrolled).toBe(true);
  });
});

describe('second-step throttling per address', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({
      environment: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' },
    });
  });
  afterAll(() => harness.close());

  it('stops an address after wrong second-factor codes on different accounts', async () => {
    await harness.signInAs('caseworker');
    await harness.signInAs('supervisor');
    const pending = [];
    for (const email of [
      harness.people.caseworker.email,
      harness.people.supervisor.email,
      harness.people.caseworker.email,
      harness.people.supervisor.email,
    ]) {
      const agent = request.agent(harness.server);
      expect((await agent.post('/api/auth/login').send({ email, password: TEST_PASSWORD })).status).toBe(200);
      pending.push(agent);
    }
    for (const agent of pending.slice(0, 3))
      expect((await agent.post('/api/auth/login/second-factor').send({ recoveryCode: 'bbbbb-bbbbb' })).status).toBe(
        401,
      );
    const blocked = await pending[3]!
      .post('/api/auth/login/second-factor')
      .send({ code: await harness.twoFactor.nextCode(harness.people.supervisor.email) });
    expect(blocked.status).toBe(429);
  });
});

describe('second step in demo mode', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({ environment: { HAVEN_DEMO: 'true' } });
  });
  afterAll(() => harness.close());

  it('shows the current code for demo accounts only, and that code signs in once', async () => {
    const users = harness.app.get(UsersService);
    const demo = await users.create({
      email: 'caseworker9@demo.haven.test',
      displayName: 'Demo Nine',
      role: 'caseworker',
      organisationId: harness.organisations.shelterA,
      password: TEST_PASSWORD,
    });
    const twoFactor = harness.app.get(TwoFactorService);
    await twoFactor.enrolWithSecret(demo.id, newTotpSecret());
    const agent = request.agent(harness.server);
    const challenge = await agent
      .post('/api/auth/login')
      .send({ email: 'caseworker9@demo.haven.test', password: TEST_PASSWORD });
    expect(challenge.body.demoCode).toMatch(/^\d{6}$/);
    expect((await agent.post('/api/auth/login/second-factor').send({ code: challenge.body.demoCode })).status).toBe(
      200,
    );

    // A real account in the same demo deployment never gets a hint.
    await harness.signInAs('caseworker');
    const real = await request(harness.server)
      .post('/api/auth/login')
      .send({ email: harness.people.caseworker.email, password: TEST_PASSWORD });
    expect(real.body).toEqual({ secondFactor: 'required', expiresAt: expect.any(String) });
  });
});
