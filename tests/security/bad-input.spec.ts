import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { z } from 'zod';
import { CSRF_HEADER, type Role } from '@haven/contracts';
import type { HttpSession } from '@haven/testing';
import { routeTable } from '../../apps/api/src/core/http/route-table.js';
import { startTestApp, type TestApp, type TestPerson } from '../support/test-app.js';
import { changedTables, databaseFingerprint, fingerprintClient } from './database-fingerprint.js';
import { buildMatrixFixtures, fillRoute, type MatrixFixtures } from './fixtures.js';
import { ROUTE_MATRIX, type MatrixEntry } from './route-matrix.js';

/**
 * Bad input on every non-public route of the matrix that takes a body, path parameters or
 * a query: each generated request must be refused with a 4xx problem that says why (and,
 * for a validation error, names the field), never a 500, and must write nothing.
 * Generation is seeded per route, so a failure reproduces.
 */
const PERSON_FOR: Record<Role, TestPerson> = { caseworker: 'caseworker', supervisor: 'supervisor', partner: 'partner', manager: 'manager', admin: 'admin' };
const SEED = 20_261_128;
/** Over the 100 kB body limit once encoded. */
const OVER_BODY_LIMIT = 'x'.repeat(110_000);
/** Under the body limit, but longer than any free-text field should take. */
const LONG_TEXT = 'y'.repeat(60_000);
const MASS_ASSIGNMENT = { ownerOrganisationId: '00000000-0000-4000-8000-0000000000aa', createdBy: '00000000-0000-4000-8000-0000000000bb', role: 'admin' };
const INVALID_IDS = ['not-a-uuid', '12345', "1' OR '1'='1", '..%2F..%2Fetc', '00000000-0000-0000-0000-00000000000g', 'z'.repeat(300)];

type Expectation = 'validation' | 'refused' | 'notFound' | 'tooLarge';

interface BadRequest {
  label: string;
  path: string;
  /** A value to send as JSON, or raw text sent as application/json. */
  body?: { json: unknown } | { raw: string };
  expect: Expectation;
  /** The field the answer must name (validation errors). */
  field?: string;
}

const WRONG_TYPES: Record<string, unknown[]> = {
  number: ['7', [7], { value: 7 }, null, true],
  string: [7, ['text'], { text: 'x' }, null, false],
  boolean: ['true', 1, [true], null],
  array: ['item', 7, { 0: 'item' }, null],
  object: ['text', 7, ['text'], null],
  null: ['text', 7, ['text'], { value: 1 }],
};
const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** A small seeded generator: the same route always gets the same sample. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const hashOf = (text: string) => [...text].reduce((hash, char) => (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0, SEED);
const pick = <T>(random: () => number, items: T[], count: number): T[] => {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return chosen;
};
function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Every bad request for one route, drawn deterministically from the route's name. */
function badRequestsFor(route: string, entry: MatrixEntry, role: Role, fixtures: MatrixFixtures, bodySchema: z.ZodType | undefined, querySchema: z.ZodType | undefined): BadRequest[] {
  const [method, pattern] = route.split(' ') as [string, string];
  const random = seededRandom(hashOf(route));
  const path = fillRoute(pattern, fixtures.own, entry) + (entry.query ?? '');
  const valid = entry.body ?? {};
  /** The contract accepts it: not bad input, so not generated. */
  const acceptedBy = (schema: z.ZodType | undefined, value: unknown) => !!schema && schema.safeParse(value).success;
  const requests: BadRequest[] = [];

  if (method !== 'GET') {
    requests.push({ label: 'malformed JSON', path, body: { raw: '{"broken": ' }, expect: 'validation' });
  }
  // Routes without a body ignore one; those with a body must refuse anything but a valid object.
  if (method !== 'GET' && (entry.body || bodySchema)) {
    requests.push({ label: 'a JSON string, not an object', path, body: { raw: '"text"' }, expect: 'validation' });
    requests.push({ label: 'a JSON array, not an object', path, body: { json: [valid] }, expect: 'validation', field: '(body)' });
    requests.push({ label: 'a prototype-polluting body', path, body: { raw: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}' }, expect: 'validation' });
    requests.push({ label: 'a body over the size limit', path, body: { json: { ...valid, padding: OVER_BODY_LIMIT } }, expect: 'tooLarge' });
    for (const junk of fc.sample(fc.jsonValue({ maxDepth: 2 }), { seed: hashOf(route), numRuns: 3 })) {
      if (acceptedBy(bodySchema, junk)) continue;
      requests.push({ label: `generated junk ${JSON.stringify(junk).slice(0, 40)}`, path, body: { json: junk }, expect: 'validation' });
    }
    for (const [field, value] of Object.entries(valid)) {
      for (const wrong of pick(random, WRONG_TYPES[typeOf(value)] ?? [], 2)) {
        const body = { ...valid, [field]: wrong };
        if (acceptedBy(bodySchema, body)) continue;
        requests.push({ label: `${field} as ${JSON.stringify(wrong)}`, path, body: { json: body }, expect: 'validation', field });
      }
      if (typeof value === 'string' && !acceptedBy(bodySchema, { ...valid, [field]: LONG_TEXT })) {
        requests.push({ label: `${field} 60 000 characters long`, path, body: { json: { ...valid, [field]: LONG_TEXT } }, expect: 'validation', field });
      }
    }
    if (bodySchema) {
      const [extra] = pick(random, Object.keys(MASS_ASSIGNMENT), 1) as [keyof typeof MASS_ASSIGNMENT];
      const body = { ...valid, [extra]: MASS_ASSIGNMENT[extra] };
      requests.push({ label: `an unknown field ${extra}`, path, body: { json: body }, expect: 'validation', field: extra });
    }
  }

  if (querySchema) {
    const given = Object.fromEntries(new URLSearchParams((entry.query ?? '').replace(/^\?/, '')));
    const known = Object.keys((querySchema as unknown as { shape?: Record<string, unknown> }).shape ?? {});
    const candidates: [string, string][] = [['unknownParameter', '1'], ...known.flatMap((name) => pick(random, ['-1', 'not-a-value', 'q'.repeat(3000), '1e309'], 1).map((value): [string, string] => [name, value]))];
    // Paged lists: a page or page size just outside the contract's range, on every paged route.
    if (known.includes('page')) candidates.push(['page', '0'], ['page', '100001']);
    if (known.includes('pageSize')) candidates.push(['pageSize', '0'], ['pageSize', '101']);
    for (const [name, value] of candidates) {
      const query = { ...given, [name]: value };
      if (acceptedBy(querySchema, query)) continue;
      requests.push({ label: `query ${name}=${value.slice(0, 20)}`, path: `${path.split('?')[0]}?${new URLSearchParams(query)}`, expect: 'validation', field: name });
    }
  }

  for (const name of [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!)) {
    const withParam = (value: string) => fillRoute(pattern, { ...fixtures.own, [name]: value, ...(name === 'id' && entry.idIs ? { [entry.idIs]: value } : {}), ...(entry.paramsAs?.[name] ? { [entry.paramsAs[name]]: value } : {}) }, entry) + (entry.query ?? '');
    const body = method === 'GET' ? undefined : { json: valid };
    for (const invalid of pick(random, INVALID_IDS, 2)) {
      requests.push({ label: `:${name} = ${invalid.slice(0, 30)}`, path: withParam(encodeURIComponent(invalid)), body, expect: 'refused' });
    }
    requests.push({ label: `:${name} = a random uuid`, path: withParam(randomUuid(random)), body, expect: 'notFound' });
    // A partner's scope is its referrals: out of scope is a referral it no longer has (withdrawn).
    const elsewhere = role === 'partner' ? fixtures.withdrawn : fixtures.other;
    const otherValue = fillRoute(`:${name}`, elsewhere, entry);
    if (otherValue !== fillRoute(`:${name}`, fixtures.own, entry)) {
      requests.push({ label: `:${name} out of the caller's scope`, path: withParam(otherValue), body, expect: 'notFound' });
    }
  }
  return requests;
}

describe('bad input on every route', () => {
  let harness: TestApp;
  let fixtures: MatrixFixtures;
  let database: Awaited<ReturnType<typeof fingerprintClient>>;
  const sessions = new Map<Role, HttpSession>();

  beforeAll(async () => {
    // No background projection: the statistics tables change only when a request asks.
    harness = await startTestApp({ environment: { STATS_REFRESH_INTERVAL_SECONDS: '0' } });
    fixtures = await buildMatrixFixtures(harness);
    database = await fingerprintClient(harness.database.url);
    for (const role of ['supervisor', 'manager'] as const) {
      await (await harness.signInAs(PERSON_FOR[role])).get('/api/statistics/tables/cases-by-status');
    }
  }, 300_000);
  afterAll(async () => {
    await database.end();
    await harness.close();
  });

  async function sessionFor(role: Role): Promise<HttpSession> {
    if (!sessions.has(role)) sessions.set(role, await harness.signInAs(PERSON_FOR[role]));
    return sessions.get(role)!;
  }

  function send(session: HttpSession, method: string, request: BadRequest) {
    const verb = method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const pending = session.agent[verb](request.path);
    if (method === 'GET' || !request.body) return method === 'GET' ? pending : pending.set(CSRF_HEADER, session.me.csrfToken);
    const withToken = pending.set(CSRF_HEADER, session.me.csrfToken).set('Content-Type', 'application/json');
    return withToken.send('raw' in request.body ? request.body.raw : JSON.stringify(request.body.json));
  }

  function verdict(request: BadRequest, status: number, type: string | undefined, body: { detail?: unknown; errors?: { field: string; message: string }[] }): string | undefined {
    if (status >= 500) return `answered ${status}`;
    if (status < 400) return `accepted it (${status})`;
    if (!type?.startsWith('application/problem+json')) return `answered ${status} without a problem body (${type})`;
    if (typeof body.detail !== 'string' || body.detail.length < 5) return `answered ${status} without a clear detail`;
    switch (request.expect) {
      case 'tooLarge':
        return status === 413 ? undefined : `expected 413, got ${status}`;
      case 'notFound':
        return status === 404 ? undefined : `expected 404, got ${status}`;
      case 'refused':
        return [400, 404].includes(status) ? undefined : `expected 400 or 404, got ${status}`;
      case 'validation': {
        if (status !== 400) return `expected 400, got ${status}`;
        if (!request.field) return undefined;
        const named = (body.errors ?? []).find((error) => error.field === request.field || error.field.startsWith(`${request.field}.`) || error.message.includes(request.field!));
        if (!named) return `did not name ${request.field}: ${JSON.stringify(body.errors)}`;
        // The field and the reason: a message a person can act on.
        return typeof named.message === 'string' && named.message.trim().length >= 5 ? undefined : `named ${request.field} without a reason: ${JSON.stringify(named)}`;
      }
    }
  }

  it('refuses every generated bad request with a clear 4xx problem and writes nothing', async () => {
    const contracts = new Map(routeTable(harness.app).map((route) => [`${route.method} ${route.path}`, route.contract]));
    const failures: string[] = [];
    let sent = 0;
    for (const [route, entry] of Object.entries(ROUTE_MATRIX)) {
      const [method, pattern] = route.split(' ') as [string, string];
      if (route === 'POST /api/auth/logout' || !contracts.has(route)) continue;
      const contract = contracts.get(route);
      const role = entry.allowed.find((candidate) => entry.exact?.[candidate] === undefined) ?? entry.allowed[0]!;
      const requests = badRequestsFor(route, entry, role, fixtures, contract?.body, contract?.query);
      if (!requests.length) continue;
      const session = await sessionFor(role);
      const before = await databaseFingerprint(database);
      for (const request of requests) {
        const response = await send(session, method, request);
        sent += 1;
        const problem = verdict(request, response.status, response.headers['content-type'], response.body ?? {});
        if (problem) failures.push(`${route} (${pattern === request.path ? '' : request.path.slice(0, 80) + ' '}as ${role}) with ${request.label}: ${problem}`);
      }
      const changed = changedTables(before, await databaseFingerprint(database));
      if (changed.length) failures.push(`${route}: bad input changed ${changed.join(', ')}`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
  }, 240_000);
});
