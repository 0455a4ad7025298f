import path from 'node:path';
import type { Role } from '@haven/contracts';
import { startTestApp, TEST_PASSWORD, type TestPerson } from './test-app.js';

export interface E2eServer {
  baseUrl: string;
  users: Record<Role, { email: string; password: string }>;
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
  const users = Object.fromEntries(
    Object.entries(PERSON_FOR_ROLE).map(([role, person]) => [role, { email: harness.people[person].email, password: TEST_PASSWORD }]),
  ) as E2eServer['users'];
  return { baseUrl: harness.baseUrl, users, stop: harness.close };
}
