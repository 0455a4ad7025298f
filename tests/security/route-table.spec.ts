import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { routeTable, type RouteEntry } from '../../apps/api/src/core/http/route-table.js';
import type { HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp, type TestPerson } from '../support/test-app.js';

/** The only routes anyone may call without signing in. Adding one here is a security decision. */
const PUBLIC_ROUTES = ['GET /api/docs', 'GET /api/docs-json', 'GET /api/docs/init.js', 'GET /api/health', 'POST /api/auth/login'];

const key = (route: RouteEntry) => `${route.method} ${route.path}`;

describe('route table', () => {
  let harness: TestApp;
  let routes: RouteEntry[];

  beforeAll(async () => {
    harness = await startTestApp();
    routes = routeTable(harness.app);
  });
  afterAll(() => harness.close());

  it('finds the application’s routes', () => {
    expect(routes.length).toBeGreaterThan(8);
    expect(routes.map(key)).toEqual(expect.arrayContaining(['POST /api/cases', 'GET /api/cases/:id/identity']));
  });

  it('has no route without a declared permission', () => {
    const undeclared = routes.filter((route) => !route.isPublic && !route.access).map(key);
    expect(undeclared).toEqual([]);
  });

  it('has exactly the expected public routes', () => {
    expect(routes.filter((route) => route.isPublic).map(key).sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers 401 on every non-public route without a session', async () => {
    for (const route of routes.filter((candidate) => !candidate.isPublic)) {
      const path = route.path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const response = await request(harness.server)[route.method.toLowerCase() as 'get' | 'post'](path).send({});
      expect({ route: key(route), status: response.status }).toEqual({ route: key(route), status: 401 });
    }
  });

  it('documents every route in the OpenAPI document', async () => {
    const document = (await request(harness.server).get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect({ route: key(route), documented: !!document.paths[path]?.[route.method.toLowerCase()] }).toEqual({ route: key(route), documented: true });
    }
    expect((await request(harness.server).get('/api/docs')).text).toContain('swagger-ui');
  });
});

/**
 * Who may call what, on a record in their scope and outside it. Expected statuses are
 * written out per role; the test fails on a route the table does not cover.
 */
describe('authorisation matrix', () => {
  let harness: TestApp;
  let ownCaseId: string;
  let otherOrganisationCaseId: string;

  type Expectation = Record<'caseworker' | 'supervisor' | 'partner' | 'manager' | 'admin', number>;
  const MATRIX: Record<string, { inScope: Expectation; outOfScope?: Expectation }> = {
    'GET /api/auth/me': { inScope: { caseworker: 200, supervisor: 200, partner: 200, manager: 200, admin: 200 } },
    'POST /api/auth/logout': { inScope: { caseworker: 204, supervisor: 204, partner: 204, manager: 204, admin: 204 } },
    'POST /api/auth/password': { inScope: { caseworker: 400, supervisor: 400, partner: 400, manager: 400, admin: 400 } },
    'GET /api/cases': { inScope: { caseworker: 200, supervisor: 200, partner: 403, manager: 403, admin: 403 } },
    'POST /api/cases': { inScope: { caseworker: 201, supervisor: 201, partner: 403, manager: 403, admin: 403 } },
    'GET /api/cases/:id': {
      inScope: { caseworker: 200, supervisor: 200, partner: 404, manager: 404, admin: 404 },
      outOfScope: { caseworker: 404, supervisor: 404, partner: 404, manager: 404, admin: 404 },
    },
    'GET /api/cases/:id/identity': {
      inScope: { caseworker: 200, supervisor: 200, partner: 404, manager: 404, admin: 404 },
      outOfScope: { caseworker: 404, supervisor: 404, partner: 404, manager: 404, admin: 404 },
    },
    'GET /api/users': { inScope: { caseworker: 403, supervisor: 200, partner: 403, manager: 403, admin: 200 } },
    'POST /api/users/:id/deactivate': {
      // In scope: a user that exists; deactivating is an administrator's act only.
      inScope: { caseworker: 404, supervisor: 404, partner: 404, manager: 404, admin: 204 },
    },
  };

  beforeAll(async () => {
    harness = await startTestApp();
    ownCaseId = (await (await harness.signInAs('caseworker')).post('/api/cases', registration())).body.id;
    otherOrganisationCaseId = (await (await harness.signInAs('otherCaseworker')).post('/api/cases', registration())).body.id;
  });
  afterAll(() => harness.close());

  it('covers every non-public route', () => {
    const uncovered = routeTable(harness.app)
      .filter((route) => !route.isPublic)
      .map(key)
      .filter((route) => !MATRIX[route]);
    expect(uncovered).toEqual([]);
  });

  it('answers each role as the matrix says', async () => {
    const personFor: Record<keyof Expectation, TestPerson> = { caseworker: 'caseworker', supervisor: 'supervisor', partner: 'partner', manager: 'manager', admin: 'admin' };
    const mismatches: string[] = [];
    const sessions = new Map<string, HttpSession>();
    // Signing out ends a session, so that route gets a fresh one; the others share one per role.
    const sessionFor = async (role: keyof Expectation, fresh: boolean) => {
      if (fresh) return harness.signInAs(personFor[role]);
      if (!sessions.has(role)) sessions.set(role, await harness.signInAs(personFor[role]));
      return sessions.get(role)!;
    };
    for (const [route, { inScope, outOfScope }] of Object.entries(MATRIX)) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const role of Object.keys(inScope) as (keyof Expectation)[]) {
        for (const [scope, expected, recordId] of [
          ['in scope', inScope[role], route.startsWith('POST /api/users/') ? harness.people.otherCaseworker.id : ownCaseId],
          ...(outOfScope ? [['out of scope', outOfScope[role], otherOrganisationCaseId] as const] : []),
        ] as const) {
          const session = await sessionFor(role, route === 'POST /api/auth/logout');
          const path = pattern.replace(':id', recordId);
          const body = route === 'POST /api/cases' ? registration() : route === 'POST /api/auth/password' ? { currentPassword: 'wrong', newPassword: 'x' } : {};
          const response = method === 'GET' ? await session.get(path) : await session.post(path, body);
          if (response.status !== expected) mismatches.push(`${route} as ${role} (${scope}): expected ${expected}, got ${response.status}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
