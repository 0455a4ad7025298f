import type { Server } from 'node:http';
import request from 'supertest';
import { CSRF_HEADER, type MeResponse } from '@haven/contracts';

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
    return this.agent.post(path).set(CSRF_HEADER, this.me.csrfToken).send(body ?? {});
  }

  patch(path: string, body?: object) {
    return this.agent.patch(path).set(CSRF_HEADER, this.me.csrfToken).send(body ?? {});
  }

  delete(path: string) {
    return this.agent.delete(path).set(CSRF_HEADER, this.me.csrfToken);
  }
}

export async function signIn(server: Server, email: string, password: string): Promise<HttpSession> {
  const agent = request.agent(server);
  const response = await agent.post('/api/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`Sign-in of ${email} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  return new HttpSession(agent, response.body as MeResponse);
}
