import path from 'node:path';
import type { Role } from '@haven/contracts';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestPerson } from './test-app.js';

export interface E2eServer {
  baseUrl: string;
  /** `nextCode` answers the second sign-in step, like the person's authenticator app would. */
  users: Record<Role, { email: string; password: string; nextCode: () => Promise<string> }>;
  /** The harness behind the server, for set-up a browser cannot do (e.g. creating an account). */
  harness: TestApp;
  stop(): Promise<void>;
}

const PERSON_FOR_ROLE: Record<Role, TestPerson> = {
  caseworker: 'caseworker',
  supervisor: 'supervisor',
  partner: 'partner',
  manager: 'manager',
  admin: 'admin',
};

/** Haven as a browser meets it: the API serving the built web app, on a fresh database, listening on loopback. */
export async function startE2eServer(): Promise<E2eServer> {
  const webDistDir = path.resolve('apps/web/dist');
  const harness = await startTestApp({ listen: true, webDistDir });
  const users = {} as E2eServer['users'];
  for (const [role, person] of Object.entries(PERSON_FOR_ROLE)) {
    const email = harness.people[person].email;
    // Roles that see case data are enrolled now, as the API requires before they reach any case.
    await harness.twoFactor.prepare(email);
    users[role as Role] = { email, password: TEST_PASSWORD, nextCode: () => harness.twoFactor.nextCode(email) };
  }
  return { baseUrl: harness.baseUrl, users, harness, stop: harness.close };
}
