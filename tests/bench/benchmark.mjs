#!/usr/bin/env node
/**
 * `npm run bench -- --database-url postgres://…/haven_1m --master-key <base64> --label 1M`
 *
 * Starts the compiled API (NODE_ENV=production) against a database filled by
 * `npm run data:generate`, signs in as each role through the API, and drives each
 * scenario with autocannon on loopback at several concurrency levels. For every read
 * scenario it also times the equivalent plain SQL on the same database at the same
 * concurrency, structured as the API sends it (lib.mjs `sqlLoad`: one pool of the API's
 * size, a list and its count side by side, the scenario's people in turn), and reports
 * the API/SQL ratio of the medians and of the p95s.
 *
 * Each scenario's requests turn through many signed-in people of its role (--users: 50
 * caseworkers, 10 supervisors and 20 partners by default, or as many as the accounts file
 * lists), so consecutive requests on one pooled database connection usually come from
 * different people and the API pays for re-scoping the connection, as in production.
 * `--users 1,1,1` measures one person per role, as the figures before it did.
 *
 * Prints p50/p95/p99, requests per second, errors and the server's memory, with the load
 * average and CPU model beside every table, and writes the table into docs/benchmarks.md
 * between the markers of this label (other labels' tables stay) — unless the machine was
 * busier than 1.5 load per core at the start (--force writes anyway).
 * Needs `npx nx run-many -t build --projects=api,web` first.
 *
 * Options: --accounts tmp/bench/accounts.json  --connections 1,8,32  --duration 10
 *          --port 3199  --only my-cases,case-page  --out docs/benchmarks.md  --no-write
 *          --users 50,10,20  --force
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applicationUrlOf,
  argumentsOf,
  cpuMs,
  lettersOf,
  loadTest,
  machineLine,
  machineState,
  refusalToWrite,
  root,
  rssMb,
  sampleRss,
  settleStatistics,
  signIn,
  sqlLoad,
  startApi,
} from './lib.mjs';

const options = argumentsOf({
  'database-url': process.env.DATABASE_URL,
  'master-key': process.env.HAVEN_MASTER_KEY,
  accounts: 'tmp/bench/accounts.json',
  connections: '1,8,32',
  duration: '10',
  port: '3199',
  label: undefined,
  only: undefined,
  out: 'docs/benchmarks.md',
  note: '',
  users: '50,10,20',
  force: false,
});
if (!options['database-url'] || !options['master-key']) {
  console.error(
    'Usage: node tests/bench/benchmark.mjs --database-url URL --master-key BASE64 [--label 1M] [--connections 1,8,32] [--duration 10]',
  );
  process.exit(2);
}
const databaseUrl = options['database-url'];
const accounts = JSON.parse(readFileSync(options.accounts, 'utf8'));
const levels = String(options.connections).split(',').map(Number);
const duration = Number(options.duration);
const label = options.label ?? `${accounts.cases.toLocaleString('en')} cases`;

let cursor = 0;
const next = (list) => list[(cursor += 1) % list.length];
const months = (() => {
  const to = new Date();
  const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth() + 1, 1));
  const month = (date) => date.toISOString().slice(0, 7);
  return { from: month(from), to: month(to) };
})();

const caseworker = accounts.roles.caseworker;
const supervisor = accounts.roles.supervisor;
const partner = accounts.roles.partner;
const caseIds = accounts.sample.caseIds;
const references = accounts.sample.organisationReferences;

// The people each role's requests turn through: the role's own account first (the one the
// SQL comparison is scoped to), then the accounts file's others (accounts files written
// before the generator listed them hold one person per role).
const [caseworkerCount, supervisorCount, partnerCount] = String(options.users).split(',').map(Number);
function peopleOf(role, count, first) {
  const others = (accounts.users?.[role] ?? []).filter((user) => user.email !== first.email);
  return [first, ...others].slice(0, Math.max(1, count || 1));
}
const people = {
  caseworker: peopleOf('caseworker', caseworkerCount, { ...caseworker, caseIds }),
  supervisor: peopleOf('supervisor', supervisorCount, {
    ...supervisor,
    references,
    names: accounts.users?.supervisor?.find((user) => user.email === supervisor.email)?.names,
  }),
  partner: peopleOf('partner', partnerCount, partner),
};
/**
 * The people the SQL side of a scenario turns through: the same as its requests (a manager
 * alone for statistics), less those without what its queries need (`sqlPeople`).
 */
function sqlPeopleOf(scenario) {
  const all = people[scenario.role] ?? [accounts.roles[scenario.role]];
  const usable = all.filter((person) => (scenario.sqlPeople ? scenario.sqlPeople(person) : true));
  return usable.length ? usable : all.slice(0, 1);
}
/** Signed-in sessions of each role ({ user, headers }), filled at the start of the run. */
const sessions = {};
const turns = {};
/** Requests each person sent in the current run, by e-mail (to show the rotation). */
let sent = {};
/** The next person of a role, in turn; `usable` skips people without what the request needs. */
function nextSession(role, usable = () => true) {
  const list = sessions[role];
  for (let tries = 0; tries < list.length; tries += 1) {
    turns[role] = ((turns[role] ?? -1) + 1) % list.length;
    const session = list[turns[role]];
    if (usable(session.user)) {
      sent[session.user.email] = (sent[session.user.email] ?? 0) + 1;
      return session;
    }
  }
  throw new Error(`No ${role} account has what this scenario needs`);
}
const STATISTICS_TABLES = [
  'cases-by-status',
  'new-cases-by-exploitation-type',
  'age-sex-pyramid',
  'cases-by-region',
  'cases-by-nationality',
  'assistance-by-type',
  'referral-outcomes',
  'referral-response-times',
  'shelter-occupancy',
  'placement-lengths',
  'training-completion',
  'training-outcomes',
  'reintegration-score-bands',
];

// What cases.repository.ts `list` sends: the page (one row more than the page, to know whether
// another follows, with the sort key for the cursor) and the count bounded at 10,000.
const CASE_LIST_SQL = `
  SELECT c.id, c.reference, c.status, c.stage, c.risk_level, c.sensitive, c.sex, c.nationality, c.age_at_registration, c.registered_at, c.updated_at,
         to_char(c.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key,
         u.id AS assignee_id, u.display_name
    FROM app."case" c LEFT JOIN app."user" u ON u.id = c.assignee_id
   WHERE c.organisation_id = $1 AND c.assignee_id = $2
   ORDER BY c.registered_at DESC, c.id DESC LIMIT 26`;
const CASE_COUNT_SQL = `SELECT count(*)::int FROM (SELECT 1 FROM app."case" c WHERE c.organisation_id = $1 AND c.assignee_id = $2 LIMIT 10001) bounded`;
const SEARCH_SQL = `
  SELECT c.id, c.reference, c.status, c.stage, c.risk_level, c.sensitive, c.sex, c.nationality, c.age_at_registration, c.registered_at, c.updated_at,
         to_char(c.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key,
         u.id AS assignee_id, u.display_name
    FROM app."case" c LEFT JOIN app."user" u ON u.id = c.assignee_id
   WHERE c.organisation_id = $1 AND c.reference ~>=~ $2 AND c.reference ~<~ $3
   ORDER BY c.registered_at DESC, c.id DESC LIMIT 26`;
const SEARCH_COUNT_SQL = `SELECT count(*)::int FROM (SELECT 1 FROM app."case" c WHERE c.organisation_id = $1 AND c.reference ~>=~ $2 AND c.reference ~<~ $3 LIMIT 10001) bounded`;
// Search by name: the cases whose name index holds a hash of every term (cases.repository.ts namesMatching).
const NAMES_MATCHING = `c.id IN (
    SELECT t.case_id FROM app.case_name_token t
      JOIN unnest($2::bytea[], $3::int[]) AS q(token, term) ON t.token = q.token
     WHERE t.organisation_id = $1
     GROUP BY t.case_id HAVING count(DISTINCT q.term) = $4)`;
const NAME_SEARCH_SQL = `
  SELECT c.id, c.reference, c.status, c.stage, c.risk_level, c.sensitive, c.sex, c.nationality, c.age_at_registration, c.registered_at, c.updated_at,
         to_char(c.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key,
         u.id AS assignee_id, u.display_name
    FROM app."case" c LEFT JOIN app."user" u ON u.id = c.assignee_id
   WHERE c.organisation_id = $1 AND ${NAMES_MATCHING}
   ORDER BY c.registered_at DESC, c.id DESC LIMIT 26`;
const NAME_SEARCH_COUNT_SQL = `SELECT count(*)::int FROM (SELECT 1 FROM app."case" c WHERE c.organisation_id = $1 AND ${NAMES_MATCHING} LIMIT 10001) bounded`;
// The hashes the API makes of a name (modules/cases/name-index.ts), for the SQL comparison.
const { EnvelopeEncryption } = await import(path.join(root, 'apps/api/dist/core/crypto/envelope-encryption.js'));
const { nameSearchTerms } = await import(path.join(root, 'apps/api/dist/modules/cases/name-index.js'));
const { parseMasterKey } = await import(path.join(root, 'apps/api/dist/config/config.js'));
const nameHashing = new EnvelopeEncryption(parseMasterKey(options['master-key']));
/** One of the supervisor's sample names, written another way (lower case), as its search's SQL parameters. */
function nameSearchParameters(organisationId, name) {
  const terms = nameSearchTerms(nameHashing, organisationId, name, undefined);
  return [organisationId, terms.hashes, terms.terms, terms.termCount];
}
const CASE_SQL = `
  SELECT c.*, a.display_name AS assignee_name, o.name AS organisation_name, o.kind, r.display_name AS requester_name
    FROM app."case" c
    LEFT JOIN app."user" a ON a.id = c.assignee_id
    JOIN app.organisation o ON o.id = c.organisation_id
    LEFT JOIN app."user" r ON r.id = c.closure_requested_by
   WHERE c.id = $1 AND c.organisation_id = $2 AND c.assignee_id = $3`;
// What the case overview read model sends (modules/cases/read-models/case-overview.read-model.ts `figures`).
const AGGREGATES_SQL = `
  SELECT (SELECT count(*) FROM app.task t WHERE t.case_id = $1 AND t.status = 'open')::int AS open_tasks,
         EXISTS (SELECT 1 FROM app.assessment a WHERE a.case_id = $1 AND a.type = 'risk') AS risk,
         EXISTS (SELECT 1 FROM app.assessment a WHERE a.case_id = $1 AND a.type = 'needs') AS needs,
         EXISTS (SELECT 1 FROM app.support_plan_goal g WHERE g.case_id = $1) AS goals,
         COALESCE((SELECT json_agg(json_build_object('purpose', c.purpose, 'recipient', c.recipient_organisation_id, 'withdrawn', c.withdrawn_on IS NOT NULL))
                     FROM app.consent c WHERE c.case_id = $1), '[]') AS consents`;
// What referrals.repository.ts `inbox` sends for the first page of the whole inbox (the
// page by keyset, one row more than the page, and each state counted up to 10,000).
const INBOX_SQL = `
  SELECT to_char(r.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key, r.id::text AS key_id,
         r.id, r.from_organisation_id AS "fromOrganisationId", o.name AS "fromOrganisationName",
         r.services, r.urgency, r.status, r.sent_at AS "sentAt", r.version, r.shared_sex AS "sharedSex", r.shared_age_band AS "sharedAgeBand"
    FROM app.referral r JOIN app.organisation o ON o.id = r.from_organisation_id
   WHERE ((r.to_organisation_id = $1)) AND r.status IN ('sent', 'accepted', 'completed') AND r.status = ANY($2::text[])
   ORDER BY r.sent_at DESC, r.id DESC
   LIMIT 26 OFFSET 0`;
const INBOX_COUNT_SQL = `
  SELECT ${['sent', 'accepted', 'completed']
    .map(
      (status) =>
        `(SELECT count(*)::int FROM (SELECT 1 FROM app.referral r WHERE ((r.to_organisation_id = $1)) AND r.status IN ('sent', 'accepted', 'completed') AND r.status = '${status}' LIMIT 10001) bounded) AS "${status}"`,
    )
    .join(', ')}`;
// A supervisor's case list 50 pages deep by cursor: the rows after the position, from the index.
const DEEP_CASE_LIST_SQL = `
  SELECT c.id, c.reference, c.status, c.stage, c.risk_level, c.sensitive, c.sex, c.nationality, c.age_at_registration, c.registered_at, c.updated_at,
         to_char(c.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key,
         u.id AS assignee_id, u.display_name
    FROM app."case" c LEFT JOIN app."user" u ON u.id = c.assignee_id
   WHERE c.organisation_id = $1 AND (c.registered_at, c.id) < ($2::timestamptz, $3::uuid)
   ORDER BY c.registered_at DESC, c.id DESC LIMIT 26`;
const DEEP_CASE_COUNT_SQL = `SELECT count(*)::int FROM (SELECT 1 FROM app."case" c WHERE c.organisation_id = $1 LIMIT 10001) bounded`;
/** How many pages deep the deep-page scenario reads, by following nextCursor. */
const DEEP_PAGES = 50;
/** The position a cursor holds (core/database/keyset.ts encodeCursor): [version, sort, order, direction, key, id]. */
const positionOf = (cursor) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).slice(4, 6);
const SHELTERS_SQL = `SELECT id, name, kind, area, capacity FROM app.shelter WHERE organisation_id = $1 AND active ORDER BY name`;
const BOARD_SQL = `
  SELECT p.id, p.shelter_id, p.case_id, c.reference, p.from_date::text, p.to_date::text, p.planned_discharge_on::text
    FROM app.placement p JOIN app."case" c ON c.id = p.case_id
   WHERE p.shelter_id = ANY($1::uuid[])
     AND (p.to_date IS NULL OR p.to_date BETWEEN $2 AND $3 OR p.from_date BETWEEN $2 AND $3)
     AND c.organisation_id = $4
   ORDER BY p.from_date, c.reference`;
// The statistics scenarios' SQL is the projection's grouped count without disclosure control.
const STATISTICS_SQL = `
  SELECT c.registered_month, c.status, count(DISTINCT c.person_key)::int
    FROM stats.case_row c WHERE c.new_case AND c.registered_month BETWEEN $1 AND $2
   GROUP BY 1, 2`;
const INDICATOR_SQL = `
  SELECT s.month, c.organisation_id, count(DISTINCT c.person_key)::int
    FROM stats.service_row s JOIN stats.case_row c ON c.row_key = s.row_key
   WHERE s.month BETWEEN $1 AND $2 GROUP BY 1, 2`;

let shelterIds = [];
const week = () => {
  const today = new Date();
  const monday = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 6) % 7)),
  );
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
};

// Different people each run and each request, as in a shelter (a few real duplicates aside).
const registrationRun = Date.now();
const registration = () => {
  const n = (cursor += 1);
  return {
    method: 'POST',
    path: '/api/cases',
    body: {
      givenName: `Bench${lettersOf(registrationRun % 1_000_003)}`,
      familyName: `Person${lettersOf(n)}`,
      estimatedAge: 18 + (n % 30),
      sex: n % 3 === 0 ? 'Masculine' : 'Feminine',
      nationality: ['NG', 'ER', 'ET', 'GH', 'SN', 'MA'][n % 6],
      riskLevel: ['low', 'medium', 'high'][n % 3],
      exploitationTypes: [n % 2 ? 'SexualExploitation' : 'ForcedLabour'],
    },
  };
};

/** The scenarios: who, what request, the same query in SQL, and the target from the issue. */
const SCENARIOS = [
  {
    name: 'my-cases',
    title: 'Caseworker "my cases" list',
    role: 'caseworker',
    kind: 'list',
    target: { p95: 50, atConnections: 32, ratio: 3 },
    request: () => ({ path: '/api/cases?pageSize=25', headers: nextSession('caseworker').headers }),
    sql: (db, person) =>
      Promise.all([
        db.query(CASE_LIST_SQL, [person.organisationId, person.id]),
        db.query(CASE_COUNT_SQL, [person.organisationId, person.id]),
      ]),
  },
  {
    name: 'search-reference',
    title: 'Case search by reference (supervisor, whole organisation)',
    role: 'supervisor',
    kind: 'list',
    target: { p95: 50, atConnections: 32, ratio: 3 },
    // Each supervisor searches references of their own organisation.
    request: () => {
      const session = nextSession('supervisor', (user) => user.references?.length);
      return {
        path: `/api/cases?reference=${encodeURIComponent(next(session.user.references).slice(0, 7))}`,
        headers: session.headers,
      };
    },
    sqlPeople: (person) => person.references?.length,
    sql: (db, person) => {
      // A range on the reference, as the API sends it (cases.repository.ts referenceStartingWith).
      const prefix = next(person.references).slice(0, 7);
      return Promise.all([
        db.query(SEARCH_SQL, [person.organisationId, prefix, `${prefix}\uffff`]),
        db.query(SEARCH_COUNT_SQL, [person.organisationId, prefix, `${prefix}\uffff`]),
      ]);
    },
  },
  {
    name: 'search-name',
    title: 'Case search by name (supervisor, whole organisation; audited)',
    role: 'supervisor',
    kind: 'list',
    target: { p95: 50, atConnections: 32, ratio: 3 },
    // Each supervisor searches, in lower case, the given and family name of a case of their own organisation.
    request: () => {
      const session = nextSession('supervisor', (user) => user.names?.length);
      return {
        path: `/api/cases?name=${encodeURIComponent(next(session.user.names).toLowerCase())}`,
        headers: session.headers,
      };
    },
    sqlPeople: (person) => person.names?.length,
    sql: (db, person) => {
      // Accounts files written before names were sampled have none.
      const names = person.names ?? [];
      if (names.length === 0) throw new Error('The accounts file lists no names: run npm run data:generate again');
      const parameters = nameSearchParameters(person.organisationId, next(names).toLowerCase());
      return Promise.all([db.query(NAME_SEARCH_SQL, parameters), db.query(NAME_SEARCH_COUNT_SQL, parameters)]);
    },
  },
  {
    name: 'case-page',
    title: 'Case page (caseworker, assigned case)',
    role: 'caseworker',
    kind: 'page',
    target: { p95: 50, atConnections: 32 },
    // Each caseworker opens one of their own cases.
    request: () => {
      const session = nextSession('caseworker', (user) => user.caseIds?.length);
      return { path: `/api/cases/${next(session.user.caseIds)}`, headers: session.headers };
    },
    sqlPeople: (person) => person.caseIds?.length,
    sql: (db, person) => {
      const id = next(person.caseIds);
      return Promise.all([db.query(CASE_SQL, [id, person.organisationId, person.id]), db.query(AGGREGATES_SQL, [id])]);
    },
  },
  {
    name: 'partner-inbox',
    title: 'Partner inbox',
    role: 'partner',
    kind: 'list',
    target: { p95: 50, atConnections: 32, ratio: 3 },
    request: () => ({ path: '/api/referrals/inbox?pageSize=25', headers: nextSession('partner').headers }),
    sql: (db, person) =>
      Promise.all([
        db.query(INBOX_SQL, [person.organisationId, ['sent', 'accepted', 'completed']]),
        db.query(INBOX_COUNT_SQL, [person.organisationId]),
      ]),
  },
  {
    name: 'deep-page',
    title: `Supervisor's case list, ${DEEP_PAGES} pages deep by cursor (whole organisation)`,
    role: 'supervisor',
    kind: 'list',
    target: { p95: 50, atConnections: 32, ratio: 3 },
    // The cursor of page 50 each supervisor reached by following nextCursor before the run.
    request: () => {
      const session = nextSession('supervisor', (user) => user.deepCursor);
      return { path: `/api/cases?pageSize=25&cursor=${session.user.deepCursor}`, headers: session.headers };
    },
    sqlPeople: (person) => person.deepCursor,
    sql: (db, person) =>
      Promise.all([
        db.query(DEEP_CASE_LIST_SQL, [person.organisationId, ...positionOf(person.deepCursor)]),
        db.query(DEEP_CASE_COUNT_SQL, [person.organisationId]),
      ]),
  },
  {
    name: 'occupancy-board',
    title: 'Supervisor occupancy board',
    role: 'supervisor',
    kind: 'list',
    target: { p95: 50, atConnections: 32, ratio: 3 },
    request: () => ({ path: '/api/shelters/occupancy', headers: nextSession('supervisor').headers }),
    // The SQL side knows the first supervisor's shelters only (shelterIds): it turns through that organisation's supervisors.
    sqlPeople: (person) => person.organisationId === supervisor.organisationId,
    sql: (db, person) =>
      Promise.all([
        db.query(SHELTERS_SQL, [person.organisationId]),
        db.query(BOARD_SQL, [shelterIds, ...week(), person.organisationId]),
      ]),
  },
  {
    name: 'dashboard-table',
    title: 'Manager dashboard, one table (13 tables in turn)',
    role: 'manager',
    kind: 'statistics',
    target: { p95: 300, atConnections: 8 },
    request: () => ({ path: `/api/statistics/tables/${next(STATISTICS_TABLES)}?granularity=quarter` }),
    sql: (db) => db.query(STATISTICS_SQL, [months.from, months.to]),
  },
  {
    name: 'indicator-report',
    title: 'Manager indicator report',
    role: 'manager',
    kind: 'statistics',
    target: { p95: 300, atConnections: 8 },
    request: () => ({ path: '/api/statistics/indicators?granularity=quarter' }),
    sql: (db) => db.query(INDICATOR_SQL, [months.from, months.to]),
  },
  {
    name: 'register-case',
    title: 'Case registration (write path)',
    // Another caseworker of the same organisation: registrations of one run must not grow
    // the caseload that the next run's "my cases" list reads.
    role: 'registrar',
    kind: 'write',
    target: { p95: 100, atConnections: 32 },
    request: registration,
  },
];

// ── Run ────────────────────────────────────────────────────────────────────────

const only = options.only ? String(options.only).split(',') : undefined;
const scenarios = SCENARIOS.filter((scenario) => !only || only.includes(scenario.name));
const machine = await machineState(databaseUrl);
console.log(
  `Benchmark "${label}": ${accounts.cases} cases (${accounts.shape ?? 'uniform'} shape), ${machine.cpus} × ${machine.cpuModel}, load ${machine.loadAverage}, PostgreSQL ${machine.postgres}`,
);
const refusal = options['no-write'] ? null : refusalToWrite(machine, options.force === true);
if (refusal) console.log(`${options.out} will not be written: ${refusal}.`);

const api = await startApi({ databaseUrl, masterKey: options['master-key'], port: Number(options.port) });
const pid = api.child.pid;
const results = [];
try {
  // Every role signs in through the API (the administrator has no scenario: it reads no case data).
  // The registrar: a second caseworker of the same organisation (see the registration scenario).
  accounts.roles.registrar ??= { email: accounts.caseworkers[1] };
  const everyone = [
    ...Object.entries(people).flatMap(([role, list]) => list.map((user) => [role, user])),
    ...['manager', 'admin', 'registrar'].map((role) => [role, accounts.roles[role]]),
  ];
  // Many at a time: a first sign-in that enrols a second factor waits for the next 30-second
  // code step, and people waiting together make that wait once rather than once each.
  const pending = [...everyone];
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let item = pending.shift(); item; item = pending.shift()) {
        const [role, user] = item;
        const session = await signIn(api.baseUrl, {
          email: user.email,
          password: accounts.password,
          totpSecret: secretOf(user),
          // First sign-in of an account that must use a second factor: enrol, and keep the secret for the next runs.
          onEnrolled: (secret) => keepSecret(user, secret),
        });
        (sessions[role] ??= []).push({ user, headers: session.headers });
      }
    }),
  );
  // The role's own account first, as listed (the SQL comparison is scoped to it).
  for (const [role, list] of Object.entries(people))
    sessions[role].sort((a, b) => list.indexOf(a.user) - list.indexOf(b.user));
  console.log(
    `Signed in: ${Object.entries(sessions)
      .map(([role, list]) => `${list.length} ${role}${list.length > 1 ? 's' : ''}`)
      .join(', ')}; each scenario's requests turn through its role's people.`,
  );
  const shelters = await (
    await fetch(`${api.baseUrl}/api/shelters`, { headers: sessions.supervisor[0].headers })
  ).json();
  shelterIds = (shelters.items ?? shelters).map((shelter) => shelter.id);
  // The deep-page scenario's cursors: a few supervisors page 50 deep through their organisation's cases.
  for (const session of sessions.supervisor.slice(0, 4)) {
    let cursor = null;
    for (let page = 1; page < DEEP_PAGES; page += 1) {
      const body = await (
        await fetch(`${api.baseUrl}/api/cases?pageSize=25${cursor ? `&cursor=${cursor}` : ''}`, {
          headers: session.headers,
        })
      ).json();
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    if (cursor) session.user.deepCursor = cursor;
  }

  // The whole dashboard as the web app loads it (catalogue, then the 13 tables one at a
  // time), first cold — nothing counted yet since the API started — then again, warm.
  const dashboard = [];
  if (!only || only.includes('dashboard-table')) {
    for (const pass of ['cold', 'warm']) {
      const started = Date.now();
      const tables = [];
      await fetch(`${api.baseUrl}/api/statistics/tables`, { headers: sessions.manager[0].headers }).then((response) =>
        response.arrayBuffer(),
      );
      for (const table of STATISTICS_TABLES) {
        const tableStarted = Date.now();
        const response = await fetch(`${api.baseUrl}/api/statistics/tables/${table}?granularity=quarter`, {
          headers: sessions.manager[0].headers,
        });
        await response.arrayBuffer();
        tables.push({ table, status: response.status, ms: Date.now() - tableStarted });
      }
      dashboard.push({
        pass,
        totalMs: Date.now() - started,
        slowest: tables.reduce((a, b) => (b.ms > a.ms ? b : a)),
        errors: tables.filter((t) => t.status !== 200).length,
      });
      console.log(
        `dashboard (${pass}): ${Date.now() - started} ms for the catalogue and 13 tables; slowest ${dashboard.at(-1).slowest.table} ${dashboard.at(-1).slowest.ms} ms`,
      );
    }
  }

  // One warm-up pass, so the first level does not pay for cold caches and JIT alone.
  for (const scenario of scenarios.filter((item) => item.kind !== 'write')) {
    await loadTest({
      baseUrl: api.baseUrl,
      headers: sessions[scenario.role][0].headers,
      connections: 4,
      duration: 2,
      request: scenario.request,
    });
  }
  const rssAtStart = rssMb(pid);
  for (const scenario of scenarios) {
    console.log(`${scenario.title} — ${machineLine()}`);
    for (const connections of levels) {
      // Earlier registrations projected before the run, not during it.
      const projectedBefore = await settleStatistics({
        baseUrl: api.baseUrl,
        databaseUrl,
        managerHeaders: sessions.manager[0].headers,
        table: STATISTICS_TABLES[0],
      });
      if (projectedBefore)
        console.log(`(${projectedBefore} queued cases projected into the statistics before this run)`);
      const stopSampling = sampleRss(pid);
      const cpuBefore = cpuMs(pid);
      sent = {};
      const apiResult = await loadTest({
        baseUrl: api.baseUrl,
        headers: sessions[scenario.role][0].headers,
        connections,
        duration,
        request: scenario.request,
        title: scenario.name,
      });
      const cpuPerRequest = apiResult.requests
        ? Math.round(((cpuMs(pid) - cpuBefore) / apiResult.requests) * 10) / 10
        : null;
      const rss = stopSampling();
      const perPerson = Object.values(sent);
      const rotation = perPerson.length
        ? `${perPerson.length} people, ${Math.min(...perPerson)}–${Math.max(...perPerson)} requests each`
        : '';
      // The same role and the same row-level policies as the API's own queries: the database's speed for the same work.
      const sqlResult = scenario.sql
        ? await sqlLoad({
            databaseUrl: applicationUrlOf(databaseUrl),
            people: sqlPeopleOf(scenario),
            connections,
            duration: Math.min(duration, 5),
            work: scenario.sql,
          })
        : null;
      const row = {
        scenario: scenario.name,
        title: scenario.title,
        kind: scenario.kind,
        connections,
        api: apiResult,
        sql: sqlResult,
        ratioP50: sqlResult?.p50 ? Math.round((apiResult.p50 / sqlResult.p50) * 10) / 10 : null,
        ratioP95: sqlResult?.p95 ? Math.round((apiResult.p95 / sqlResult.p95) * 10) / 10 : null,
        rssMaxMb: rss.length ? Math.max(...rss) : rssMb(pid),
        cpuPerRequest,
        people: perPerson.length || 1,
        loadAverage: Number(os.loadavg()[0].toFixed(2)),
        target: scenario.target,
      };
      row.verdict = verdictOf(row);
      results.push(row);
      console.log(
        `${scenario.name.padEnd(18)} c=${String(connections).padStart(2)}  p50 ${fmt(apiResult.p50)}  p95 ${fmt(apiResult.p95)}  p99 ${fmt(apiResult.p99)} ms  ` +
          `${String(apiResult.rps).padStart(7)} req/s  errors ${apiResult.errors}  ` +
          (sqlResult
            ? `SQL p50 ${fmt(sqlResult.p50)} p95 ${fmt(sqlResult.p95)}  ratio ${row.ratioP50}/${row.ratioP95}  `
            : '') +
          `API CPU ${cpuPerRequest} ms/req  RSS ${row.rssMaxMb} MB  load ${row.loadAverage}  ${rotation}  ${row.verdict}`,
      );
    }
  }
  const report = {
    label,
    accounts: { cases: accounts.cases, rows: accounts.rows },
    machine,
    machineAtEnd: machineLine(),
    users: Object.fromEntries(Object.entries(sessions).map(([role, list]) => [role, list.length])),
    duration,
    levels,
    rssAtStart,
    rssAtEnd: rssMb(pid),
    note: options.note,
    dashboard,
    results,
  };
  mkdirSync(path.join(root, 'tmp/bench'), { recursive: true });
  writeFileSync(
    path.join(root, `tmp/bench/results-${label.replace(/\W+/g, '_')}.json`),
    JSON.stringify(report, null, 2),
  );
  console.log(`At the end: ${report.machineAtEnd}.`);
  if (refusal) console.log(`${options.out} not written: ${refusal}.`);
  else if (!options['no-write']) writeMarkdown(path.resolve(root, options.out), report);
} finally {
  await api.stop();
}

/** The recorded second-factor secret of an account (kept on the role's entry or the user's). */
function secretOf(user) {
  return user.totpSecret ?? Object.values(accounts.roles).find((role) => role.email === user.email)?.totpSecret;
}

/** Keeps a newly enrolled secret in the accounts file, on every entry of that account. */
function keepSecret(user, secret) {
  user.totpSecret = secret;
  for (const entry of [...Object.values(accounts.roles), ...Object.values(accounts.users ?? {}).flat()])
    if (entry.email === user.email) entry.totpSecret = secret;
  writeFileSync(options.accounts, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
}

function fmt(value) {
  return value === null || value === undefined ? '–' : String(value).padStart(6);
}

function verdictOf(row) {
  const { target } = row;
  if (row.api.requests === 0) return 'MISS (no answer within the run)';
  if (row.api.errors > 0) return 'MISS (errors)';
  if (row.connections !== target.atConnections) return '';
  const missed = [];
  if (row.api.p95 > target.p95) missed.push(`p95 > ${target.p95} ms`);
  if (target.ratio && row.ratioP50 !== null && row.ratioP50 > target.ratio) missed.push(`ratio > ${target.ratio}`);
  return missed.length ? `MISS (${missed.join(', ')})` : 'met';
}

/** Replaces this label's block in docs/benchmarks.md (or appends it). */
function writeMarkdown(file, report) {
  const begin = `<!-- results:${report.label} -->`;
  const end = `<!-- /results:${report.label} -->`;
  const m = report.machine;
  const lines = [
    begin,
    `### ${report.label}`,
    '',
    `Measured ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, PostgreSQL ${m.postgres} ` +
      `(shared_buffers ${m.sharedBuffers}), database ${m.databaseSize}; load average at start ${m.loadAverage}. ` +
      `${report.duration} s per run; API memory (RSS) ${report.rssAtStart} MB after warm-up, ${report.rssAtEnd} MB at the end; ` +
      `${report.machineAtEnd} at the end. Requests turned through ${report.users.caseworker} caseworkers, ${report.users.supervisor} supervisors and ${report.users.partner} partners.` +
      (report.note ? ` ${report.note}` : ''),
    '',
    '| scenario | conn. | API p50 | API p95 | API p99 | req/s | errors | SQL p50 | SQL p95 | API/SQL p50 | API/SQL p95 | API CPU/req | RSS max | load | target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...report.results.map((row) =>
      [
        row.connections === report.levels[0] ? row.title : '',
        row.connections,
        row.api.p50,
        row.api.p95,
        row.api.p99,
        row.api.rps,
        row.api.errors,
        row.sql?.p50 ?? '–',
        row.sql?.p95 ?? '–',
        row.ratioP50 ?? '–',
        row.ratioP95 ?? '–',
        row.cpuPerRequest === null ? '–' : `${row.cpuPerRequest} ms`,
        `${row.rssMaxMb} MB`,
        row.loadAverage,
        row.verdict || '',
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    ),
    '',
    ...report.dashboard.map(
      (d) =>
        `Whole manager dashboard as the web app loads it (catalogue, then 13 tables one after another), ${d.pass}: **${d.totalMs} ms**; slowest table ${d.slowest.table} ${d.slowest.ms} ms; ${d.errors} errors.`,
    ),
    '',
    'Latencies in ms. SQL: the same query (or queries) in plain SQL with `pg`, same database, for 5 s, sent as the API sends them: as many closed loops as connections, ' +
      "on one pool of the API's size (20), a list and its count side by side, each loop turning through the scenario's people so pooled connections are re-scoped as the API's are. " +
      'API CPU/req: CPU time of the API process (user + system) divided by the requests answered — what one request costs the Node process, whatever else the machine is doing.',
    end,
  ];
  const block = lines.join('\n');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n<!-- results -->\n';
  if (text.includes(begin) && text.includes(end)) {
    text = text.slice(0, text.indexOf(begin)) + block + text.slice(text.indexOf(end) + end.length);
  } else if (text.includes('<!-- results -->')) {
    text = text.replace('<!-- results -->', `<!-- results -->\n\n${block}`);
  } else {
    text = `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(file, text);
  console.log(`Results written to ${path.relative(root, file)} and tmp/bench/.`);
}
