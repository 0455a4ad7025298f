import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whose rows the database lets the current work see (row-level security, see
 * docs/architecture.md "Row-level security and database roles").
 *
 * - `organisation`: a signed-in caller, or work done on behalf of one organisation.
 *   The policies show that organisation's cases, plus what an open referral or a
 *   proposed transfer addressed to it shares.
 * - `system`: work that is by nature across organisations (statistics projection,
 *   demo seeding, retention). Always entered explicitly with `runAsSystem`, with a
 *   purpose, so every use can be found with one search.
 *
 * Without a scope (sign-in, health, anything that forgot to enter one) no case row is visible.
 */
export type DatabaseScope =
  | { kind: 'organisation'; organisationId: string; userId: string | null }
  | { kind: 'system'; purpose: string };

/** What one piece of work (a request, a job) carries; the session guard fills in the caller. */
interface WorkContext {
  scope: DatabaseScope | undefined;
}

/**
 * The context of the work in progress, following it across every await (Node's
 * AsyncLocalStorage, which nestjs-cls also builds on: nestjs-cls itself is CommonJS
 * requiring the ESM-only NestJS 12 and cannot be loaded by the test runner on Node 20).
 */
const context = new AsyncLocalStorage<WorkContext>();

/** The scope of the work in progress, or undefined when none was entered. */
export function currentDatabaseScope(): DatabaseScope | undefined {
  return context.getStore()?.scope;
}

/** Opens an empty context for one request (the request-context middleware, before any guard). */
export function runInRequestContext<T>(work: () => T): T {
  return context.run({ scope: undefined }, work);
}

/**
 * Sets the signed-in caller as the scope of the current request (called by the
 * session guard once the session is authenticated).
 */
export function enterCallerScope(caller: { organisationId: string; id: string }): void {
  const store = context.getStore();
  if (!store) throw new Error('No request context: the request-context middleware must run before the session guard.');
  store.scope = { kind: 'organisation', organisationId: caller.organisationId, userId: caller.id };
}

/** Runs `work` (and everything it awaits) with the rows of one organisation, as `userId` if given. */
export function runAsOrganisation<T>(
  organisationId: string,
  work: () => Promise<T>,
  userId: string | null = null,
): Promise<T> {
  return runInScope({ kind: 'organisation', organisationId, userId }, work);
}

/**
 * Runs `work` with every organisation's rows. Only for work that is across
 * organisations by nature; `purpose` says which, for the reader of the code.
 */
export function runAsSystem<T>(purpose: string, work: () => Promise<T>): Promise<T> {
  return runInScope({ kind: 'system', purpose }, work);
}

function runInScope<T>(scope: DatabaseScope, work: () => Promise<T>): Promise<T> {
  // A fresh context: nothing of the surrounding one (e.g. a request's caller) leaks in, and nothing leaks out.
  return context.run({ scope }, work);
}
