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
const PERSON_FOR: Record<Role, TestPerson> = {
  caseworker: 'caseworker',
  supervisor: 'supervisor',
  partner: 'partner',
  manager: 'manager',
  admin: 'admin',
};
const SEED = 20_261_128;
/** Over the 100 kB body limit once encoded. */
const OVER_BODY_LIMIT = 'x'.repeat(110_000);
/** Under the body limit, but longer than any free-text field should take. */
const LONG_TEXT = 'y'.repeat(60_000);
const MASS_ASSIGNMENT = {
  ownerOrganisationId: '00000000-0000-4000-8000-0000000000aa',
  createdBy: '00000000-0000-4000-8000-0000000000bb',
  role: 'admin',
};
const INVALID_IDS = [
  'not-a-uuid',
  '12345',
  "1' OR '1'='1",
  '..%2F..%2Fetc',
  '00000000-0000-0000-0000-00000000000g',
  'z'.repeat(300),
];

/**
 * Text PostgreSQL cannot store (NUL), or that is no text at all (controls, unpaired surrogates,
 * noncharacters): every text field of every route must refuse it with the field and the reason.
 * JSON carries the unpaired surrogates as `\ud800` escapes, as an attacker's client would send them.
 */
const UNSTORABLE_TEXT: [string, string][] = [
  ['a NUL character', 'Probe\u0000text'],
  ['a bell (C0 control)', 'Probe\u0007text'],
  ['an escape (C0 control)', 'Probe\u001btext'],
  ['a next-line (C1 control)', 'Probe\u0085text'],
  ['a control sequence introducer (C1 control)', 'Probe\u009btext'],
  ['an unpaired high surrogate', 'Probe\ud800text'],
  ['an unpaired low surrogate', 'Probe\udc00text'],
  ['a noncharacter', 'Probe\uffff text'],
];
/** Shows as "Amira Johnson" while it says "Amira nosnhoJ": refused wherever text is one line (names, identifiers, titles). */
const DIRECTION_OVERRIDE = 'Amira \u202enosnhoJ\u202c';
/** Year 0 (PostgreSQL refuses it), a birth 136 years ago (the case table's age check), and years no one means. */
const UNSTORABLE_DATES = ['0000-01-01', '1890-01-01', '10000-01-01', '3000-01-01'];
const UNSTORABLE_MONTHS = ['0000-01', '1890-01', '10000-01', '3000-01'];
/** Passwords are never stored as text: they are hashed, whatever characters they hold. */
const NOT_STORED_AS_TEXT = /password/i;

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
const hashOf = (text: string) =>
  [...text].reduce((hash, char) => (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0, SEED);
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

type SlotKind = 'line' | 'lines' | 'date' | 'month';
interface Slot {
  /** Where the value goes: a field, a nested field, or the first item of a list. */
  path: (string | number)[];
  kind: SlotKind;
}

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
}
const defOf = (schema: z.ZodType) => (schema as unknown as { def: SchemaDef }).def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);
function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** The fields of an object schema; for a union, those of the option the valid value belongs to. */
function shapeOf(schema: z.ZodType, valid: unknown): Record<string, z.ZodType> | undefined {
  const def = defOf(unwrapped(schema));
  if (def.type === 'object') return def.shape;
  if (def.type === 'union') {
    const option = def.options?.find((candidate) => candidate.safeParse(valid).success);
    return option ? shapeOf(option, valid) : undefined;
  }
  return undefined;
}

function withValue(valid: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...(string | number)[]];
  if (rest.length === 0) return { ...valid, [head]: value };
  if (typeof rest[0] === 'number') return { ...valid, [head]: [value] };
  const inner = valid[head];
  return {
    ...valid,
    [head]: withValue(inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : {}, rest, value),
  };
}

/**
 * Every place of a contract that takes text or a date, found by walking its schema (not only the
 * fields of the matrix's valid body), and what kind it is, found by what the contract accepts.
 */
function slotsOf(schema: z.ZodType | undefined, valid: Record<string, unknown>): Slot[] {
  if (!schema) return [];
  const candidates: { path: (string | number)[]; field: z.ZodType }[] = [];
  const walk = (current: z.ZodType, value: unknown, prefix: string[]) => {
    for (const [key, field] of Object.entries(shapeOf(current, value) ?? {})) {
      if (NOT_STORED_AS_TEXT.test(key)) continue;
      const inner = unwrapped(field);
      const def = defOf(inner);
      if (def.type === 'string') candidates.push({ path: [...prefix, key], field });
      if (def.type === 'array' && defOf(unwrapped(def.element!)).type === 'string')
        candidates.push({ path: [...prefix, key, 0], field: def.element! });
      if (def.type === 'object')
        walk(inner, (value as Record<string, unknown> | undefined)?.[key] ?? {}, [...prefix, key]);
    }
  };
  walk(schema, valid, []);
  // What a field takes on its own: the request as a whole may still be refused for another reason.
  const today = new Date().toISOString().slice(0, 10);
  const slots: Slot[] = [];
  for (const { path, field } of candidates) {
    const accepts = (value: string) => field.safeParse(value).success;
    if (accepts('Probe text')) slots.push({ path, kind: accepts('Probe\nlines') ? 'lines' : 'line' });
    else if (['2026-01-01', today, '2030-01-01'].some(accepts)) slots.push({ path, kind: 'date' });
    else if (accepts('2026-01')) slots.push({ path, kind: 'month' });
  }
  return slots;
}

/** The values each kind of place must refuse. */
function unstorableFor(kind: SlotKind, { inQuery }: { inQuery: boolean }): [string, string][] {
  if (kind === 'date') return UNSTORABLE_DATES.map((date) => [`the date ${date}`, date]);
  if (kind === 'month') return UNSTORABLE_MONTHS.map((month) => [`the month ${month}`, month]);
  // A URL cannot carry an unpaired surrogate (it is encoded as U+FFFD on the way): bodies only.
  const texts = UNSTORABLE_TEXT.filter(([, text]) => !inQuery || !/[\ud800-\udfff]/.test(text));
  // Several lines keep tab and line feed (a lone carriage return becomes a line feed) and may mix directions.
  return kind === 'line'
    ? [
        ...texts,
        ['a carriage return', 'Probe\rtext'],
        ['a line feed', 'Probe\ntext'],
        ['a direction override', DIRECTION_OVERRIDE],
      ]
    : texts;
}

/** Every bad request for one route, drawn deterministically from the route's name. */
function badRequestsFor(
  route: string,
  entry: MatrixEntry,
  role: Role,
  fixtures: MatrixFixtures,
  bodySchema: z.ZodType | undefined,
  querySchema: z.ZodType | undefined,
): BadRequest[] {
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
    requests.push({
      label: 'a JSON array, not an object',
      path,
      body: { json: [valid] },
      expect: 'validation',
      field: '(body)',
    });
    requests.push({
      label: 'a prototype-polluting body',
      path,
      body: { raw: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}' },
      expect: 'validation',
    });
    requests.push({
      label: 'a body over the size limit',
      path,
      body: { json: { ...valid, padding: OVER_BODY_LIMIT } },
      expect: 'tooLarge',
    });
    for (const junk of fc.sample(fc.jsonValue({ maxDepth: 2 }), { seed: hashOf(route), numRuns: 3 })) {
      if (acceptedBy(bodySchema, junk)) continue;
      requests.push({
        label: `generated junk ${JSON.stringify(junk).slice(0, 40)}`,
        path,
        body: { json: junk },
        expect: 'validation',
      });
    }
    for (const [field, value] of Object.entries(valid)) {
      for (const wrong of pick(random, WRONG_TYPES[typeOf(value)] ?? [], 2)) {
        const body = { ...valid, [field]: wrong };
        if (acceptedBy(bodySchema, body)) continue;
        requests.push({
          label: `${field} as ${JSON.stringify(wrong)}`,
          path,
          body: { json: body },
          expect: 'validation',
          field,
        });
      }
      if (typeof value === 'string' && !acceptedBy(bodySchema, { ...valid, [field]: LONG_TEXT })) {
        requests.push({
          label: `${field} 60 000 characters long`,
          path,
          body: { json: { ...valid, [field]: LONG_TEXT } },
          expect: 'validation',
          field,
        });
      }
    }
    for (const slot of slotsOf(bodySchema, valid)) {
      const field = slot.path.join('.');
      for (const [label, value] of unstorableFor(slot.kind, { inQuery: false })) {
        requests.push({
          label: `${field} with ${label}`,
          path,
          body: { json: withValue(valid, slot.path, value) },
          expect: 'validation',
          field,
        });
      }
    }
    // A field the contract does not know (the user routes know `role`: it is tried on them as a wrong value instead).
    const knownFields = Object.keys(
      (bodySchema as unknown as { shape?: Record<string, unknown> } | undefined)?.shape ?? {},
    );
    const unknownExtras = Object.keys(MASS_ASSIGNMENT).filter((key) => !knownFields.includes(key));
    if (bodySchema && unknownExtras.length) {
      const [extra] = pick(random, unknownExtras, 1) as [keyof typeof MASS_ASSIGNMENT];
      const body = { ...valid, [extra]: MASS_ASSIGNMENT[extra] };
      requests.push({
        label: `an unknown field ${extra}`,
        path,
        body: { json: body },
        expect: 'validation',
        field: extra,
      });
    }
  }

  if (querySchema) {
    const given = Object.fromEntries(new URLSearchParams((entry.query ?? '').replace(/^\?/, '')));
    const known = Object.keys((querySchema as unknown as { shape?: Record<string, unknown> }).shape ?? {});
    const candidates: [string, string][] = [
      ['unknownParameter', '1'],
      ...known.flatMap((name) =>
        pick(random, ['-1', 'not-a-value', 'q'.repeat(3000), '1e309'], 1).map((value): [string, string] => [
          name,
          value,
        ]),
      ),
    ];
    // Paged lists: a page or page size just outside the contract's range, on every paged route.
    if (known.includes('page')) candidates.push(['page', '0'], ['page', '100001']);
    if (known.includes('pageSize')) candidates.push(['pageSize', '0'], ['pageSize', '101']);
    for (const [name, value] of candidates) {
      const query = { ...given, [name]: value };
      if (acceptedBy(querySchema, query)) continue;
      requests.push({
        label: `query ${name}=${value.slice(0, 20)}`,
        path: `${path.split('?')[0]}?${new URLSearchParams(query)}`,
        expect: 'validation',
        field: name,
      });
    }
    // Never skipped when the contract accepts them: that is the defect this looks for.
    for (const slot of slotsOf(querySchema, given)) {
      const name = String(slot.path[0]);
      if (slot.path.length !== 1) continue;
      for (const [label, value] of unstorableFor(slot.kind, { inQuery: true })) {
        requests.push({
          label: `query ${name} with ${label}`,
          path: `${path.split('?')[0]}?${new URLSearchParams({ ...given, [name]: value })}`,
          expect: 'validation',
          field: name,
        });
      }
    }
  }

  for (const name of [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!)) {
    const withParam = (value: string) =>
      fillRoute(
        pattern,
        {
          ...fixtures.own,
          [name]: value,
          ...(name === 'id' && entry.idIs ? { [entry.idIs]: value } : {}),
          ...(entry.paramsAs?.[name] ? { [entry.paramsAs[name]]: value } : {}),
        },
        entry,
      ) + (entry.query ?? '');
    const body = method === 'GET' ? undefined : { json: valid };
    for (const invalid of pick(random, INVALID_IDS, 2)) {
      requests.push({
        label: `:${name} = ${invalid.slice(0, 30)}`,
        path: withParam(encodeURIComponent(invalid)),
        body,
        expect: 'refused',
      });
    }
    requests.push({ label: `:${name} = a random uuid`, path: withParam(randomUuid(random)), body, expect: 'notFound' });
    // A partner's scope is its referrals: out of scope is a referral it no longer has (withdrawn).
    const elsewhere = role === 'partner' ? fixtures.withdrawn : fixtures.other;
    const otherValue = fillRoute(`:${name}`, elsewhere, entry);
    // A step on its own ended referral is not out of scope: it answers 409, as the matrix says (`referred.withdrawn`).
    const endedStep = role === 'partner' && entry.referred !== undefined && entry.referred.withdrawn !== 404;
    if (otherValue !== fillRoute(`:${name}`, fixtures.own, entry) && !endedStep) {
      requests.push({
        label: `:${name} out of the caller's scope`,
        path: withParam(otherValue),
        body,
        expect: 'notFound',
      });
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
    // No background projection or release schedule: nothing changes the database but the requests.
    harness = await startTestApp({ environment: { STATS_REFRESH_INTERVAL_SECONDS: '0' } });
    fixtures = await buildMatrixFixtures(harness);
    database = await fingerprintClient(harness.database.url);
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
    if (method === 'GET' || !request.body)
      return method === 'GET' ? pending : pending.set(CSRF_HEADER, session.me.csrfToken);
    const withToken = pending.set(CSRF_HEADER, session.me.csrfToken).set('Content-Type', 'application/json');
    return withToken.send('raw' in request.body ? request.body.raw : JSON.stringify(request.body.json));
  }

  function verdict(
    request: BadRequest,
    status: number,
    type: string | undefined,
    body: { detail?: unknown; errors?: { field: string; message: string }[] },
  ): string | undefined {
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
        const named = (body.errors ?? []).find(
          (error) =>
            error.field === request.field ||
            error.field.startsWith(`${request.field}.`) ||
            error.message.includes(request.field!),
        );
        if (!named) return `did not name ${request.field}: ${JSON.stringify(body.errors)}`;
        // The field and the reason: a message a person can act on.
        return typeof named.message === 'string' && named.message.trim().length >= 5
          ? undefined
          : `named ${request.field} without a reason: ${JSON.stringify(named)}`;
      }
    }
  }

  it('refuses every generated bad request with a clear 4xx problem and writes nothing', async () => {
    const contracts = new Map(
      routeTable(harness.app).map((route) => [`${route.method} ${route.path}`, route.contract]),
    );
    const failures: string[] = [];
    const probed = new Set<string>();
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
        if (request.field && request.label.includes(' with ')) probed.add(`${route} ${request.field}`);
        const problem = verdict(request, response.status, response.headers['content-type'], response.body ?? {});
        if (problem)
          failures.push(
            `${route} (${pattern === request.path ? '' : request.path.slice(0, 80) + ' '}as ${role}) with ${request.label}: ${problem}`,
          );
      }
      const changed = changedTables(before, await databaseFingerprint(database));
      if (changed.length) failures.push(`${route}: bad input changed ${changed.join(', ')}`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    // The schema walk reaches fields the matrix's valid bodies leave out, nested fields and list items.
    expect(
      [
        'POST /api/cases givenName',
        'POST /api/cases aliases.0',
        'POST /api/cases contact.address',
        'POST /api/cases dateOfBirth',
        'POST /api/cases/duplicate-check familyName',
        'PATCH /api/cases/:id/identity familyName',
        'POST /api/shelters name',
        'PATCH /api/shelters/:id area',
        'POST /api/training-programmes place',
        'POST /api/training-programmes startsOn',
        'PATCH /api/organisations/:id contactPoint',
        'POST /api/cases/:id/notes body',
        'POST /api/cases/:id/assessments notes',
        'POST /api/cases/:id/tasks dueOn',
        'POST /api/cases/:id/erasure confirmReference',
        'GET /api/cases reference',
        'GET /api/organisations q',
        'GET /api/audit/events from',
        'GET /api/statistics/tables/:table from',
      ].filter((expected) => !probed.has(expected)),
    ).toEqual([]);
  }, 300_000);
});
