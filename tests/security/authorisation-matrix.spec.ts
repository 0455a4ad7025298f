import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@haven/contracts';
import type { HttpSession } from '@haven/testing';
import { routeTable } from '../../apps/api/src/core/http/route-table.js';
import { startTestApp, type TestApp, type TestPerson } from '../support/test-app.js';
import { buildMatrixFixtures, callRoute, fillRoute, type MatrixFixtures } from './fixtures.js';
import {
  EVERYONE,
  PARTNER_NOT_THROUGH_CASE,
  ROUTE_MATRIX as MATRIX,
  type Expected,
  type MatrixEntry,
  type ReferredExpectation,
} from './route-matrix.js';

const PERSON_FOR: Record<Role, TestPerson> = {
  caseworker: 'caseworker',
  supervisor: 'supervisor',
  partner: 'partner',
  manager: 'manager',
  admin: 'admin',
};
const REFUSED_BY_POLICY = [401, 403, 404];

const meets = (expected: Expected, status: number) =>
  expected === 'reached' ? !REFUSED_BY_POLICY.includes(status) : status === expected;

/** A route the partner could reach through a referral: every case route and every referral route. */
const isReferralRoute = (pattern: string) => pattern.startsWith('/api/referrals/:referralId');
const referredExpectation = (entry: MatrixEntry): ReferredExpectation | undefined =>
  entry.referred ?? (entry.caseRoute ? PARTNER_NOT_THROUGH_CASE : undefined);

describe('authorisation matrix', () => {
  let harness: TestApp;
  let params: MatrixFixtures;

  beforeAll(async () => {
    harness = await startTestApp();
    params = await buildMatrixFixtures(harness);
  }, 300_000);
  afterAll(() => harness.close());

  const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

  it('covers every non-public route', () => {
    const uncovered = routeTable(harness.app)
      .filter((route) => !route.isPublic)
      .map(key)
      .filter((route) => !MATRIX[route]);
    expect(uncovered).toEqual([]);
  });

  it('says what the partner gets through a referral on every referral route', () => {
    const unstated = Object.entries(MATRIX)
      .filter(([route, entry]) => isReferralRoute(route.split(' ')[1]!) && !entry.referred)
      .map(([route]) => route);
    expect(unstated).toEqual([]);
  });

  it('answers each role as the table says, in scope and out of scope', async () => {
    const sessions = new Map<Role, HttpSession>();
    const sessionFor = async (role: Role, fresh: boolean) => {
      // Signing out ends a session, so that route gets a fresh one.
      if (fresh) return harness.signInAs(PERSON_FOR[role]);
      if (!sessions.has(role)) sessions.set(role, await harness.signInAs(PERSON_FOR[role]));
      return sessions.get(role)!;
    };
    const mismatches: string[] = [];
    for (const [route, entry] of Object.entries(MATRIX)) {
      const [method, pattern] = route.split(' ') as [string, string];
      const addressesRecord = pattern.includes(':');
      for (const role of EVERYONE) {
        const session = await sessionFor(role, route === 'POST /api/auth/logout');
        const inScope = await callRoute(
          session,
          method,
          fillRoute(pattern, params.own, entry) + (entry.query ?? ''),
          entry.body ?? {},
        );
        const expected =
          entry.exact?.[role] ?? (entry.allowed.includes(role) ? 'reached' : addressesRecord ? 404 : 403);
        if (!meets(expected, inScope.status))
          mismatches.push(`${route} as ${role}, in scope: expected ${expected}, got ${inScope.status}`);
        if (entry.caseRoute) {
          const outOfScope = await callRoute(
            session,
            method,
            fillRoute(pattern, params.other, entry),
            entry.body ?? {},
          );
          if (outOfScope.status !== 404)
            mismatches.push(`${route} as ${role}, other organisation's case: expected 404, got ${outOfScope.status}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('answers the partner on a referred case as the table says, while the referral is open and after it is withdrawn', async () => {
    const partner = await harness.signInAs('partner');
    const mismatches: string[] = [];
    let checked = 0;
    for (const [route, entry] of Object.entries(MATRIX)) {
      const [method, pattern] = route.split(' ') as [string, string];
      const expectation = referredExpectation(entry);
      if (!expectation) continue;
      for (const state of ['open', 'withdrawn'] as const) {
        const values = state === 'open' ? params.own : params.withdrawn;
        const response = await callRoute(
          partner,
          method,
          fillRoute(pattern, values, entry) + (entry.query ?? ''),
          entry.body ?? {},
        );
        checked += 1;
        if (!meets(expectation[state], response.status))
          mismatches.push(
            `${route} as partner, ${state} referral: expected ${expectation[state]}, got ${response.status}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  }, 300_000);
});
