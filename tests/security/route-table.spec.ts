import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { routeTable, type RouteEntry } from '../../apps/api/src/core/http/route-table.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The only routes anyone may call without signing in. Adding one here is a security decision.
 * The second sign-in step is public because no session exists before it succeeds; it opens
 * nothing without the pending sign-in cookie that a correct password set, and its wrong codes
 * count towards the same lockouts as wrong passwords. Activation needs a one-time link's random
 * token (256 bits, stored as a hash, single-use, expiring) and creates no session.
 */
const PUBLIC_ROUTES = [
  'GET /api/docs',
  'GET /api/docs-json',
  'GET /api/docs/init.js',
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'POST /api/auth/login',
  'POST /api/auth/login/second-factor',
  'POST /api/auth/activate',
];

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
    expect(
      routes
        .filter((route) => route.isPublic)
        .map(key)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers 401 on every non-public route without a session', async () => {
    for (const route of routes.filter((candidate) => !candidate.isPublic)) {
      const path = route.path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const response = await request(harness.server)[route.method.toLowerCase() as 'get' | 'post'](path).send({});
      expect({ route: key(route), status: response.status }).toEqual({ route: key(route), status: 401 });
    }
  });

  it('documents every route in the OpenAPI document', async () => {
    const document = (await request(harness.server).get('/api/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect({ route: key(route), documented: !!document.paths[path]?.[route.method.toLowerCase()] }).toEqual({
        route: key(route),
        documented: true,
      });
    }
    expect((await request(harness.server).get('/api/docs')).text).toContain('swagger-ui');
  });
});
