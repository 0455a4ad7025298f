import type { Server } from 'node:http';
import request from 'supertest';
import { CSRF_HEADER, isSecondFactorChallenge, type LoginResponse, type MeResponse } from '@haven/contracts';

/** A signed-in HTTP client: keeps the session cookie and sends the CSRF header on writes. */
export class HttpSession {
  constructor(
    readonly agent: ReturnType<typeof request.agent>,
    readonly me: MeResponse,
  ) {}

  get(path: string) {
    return this.agent.get(path);
  }

  post(path: string, body?: object) {
    return this.agent
      .post(path)
      .set(CSRF_HEADER, this.me.csrfToken)
      .send(body ?? {});
  }

  patch(path: string, body?: object) {
    return this.agent
      .patch(path)
      .set(CSRF_HEADER, this.me.csrfToken)
      .send(body ?? {});
  }

  put(path: string, body?: object) {
    return this.agent
      .put(path)
      .set(CSRF_HEADER, this.me.csrfToken)
      .send(body ?? {});
  }

  delete(path: string) {
    return this.agent.delete(path).set(CSRF_HEADER, this.me.csrfToken);
  }
}

/**
 * How the harness answers the second sign-in step for the people it knows: `prepare` runs
 * before the password (e.g. to enrol someone whose role requires a second factor), `code`
 * gives a code that the server will accept next.
 */
export interface SecondFactorSource {
  prepare(email: string): Promise<void>;
  code(email: string): Promise<string>;
}

const secondFactorSources = new WeakMap<Server, SecondFactorSource>();
/** Sign-ins of one server are serialised: each takes the next TOTP time step, in order. */
const signInQueues = new WeakMap<Server, Promise<unknown>>();

export function registerSecondFactorSource(server: Server, source: SecondFactorSource): void {
  secondFactorSources.set(server, source);
}

/** Signs in with e-mail and password and, when the server asks for one, the second factor. */
export function signIn(server: Server, email: string, password: string): Promise<HttpSession> {
  const previous = signInQueues.get(server) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => signInNow(server, email, password));
  signInQueues.set(server, next);
  return next;
}

async function signInNow(server: Server, email: string, password: string): Promise<HttpSession> {
  const source = secondFactorSources.get(server);
  await source?.prepare(email);
  const agent = request.agent(server);
  let response = await agent.post('/api/auth/login').send({ email, password });
  if (
    response.status === 200 &&
    (response.body as LoginResponse) &&
    isSecondFactorChallenge(response.body as LoginResponse)
  ) {
    if (!source)
      throw new Error(
        `Sign-in of ${email} needs a second factor, and no source of codes is registered for this server`,
      );
    response = await agent.post('/api/auth/login/second-factor').send({ code: await source.code(email) });
  }
  if (response.status !== 200)
    throw new Error(`Sign-in of ${email} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  return new HttpSession(agent, response.body as MeResponse);
}
