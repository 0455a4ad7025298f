#!/usr/bin/env node
/**
 * `npm run data:generate -- --cases 1000000 --database-url postgres://… --master-key <base64>`
 *
 * Fills a database with synthetic cases for benchmarks and load tests: organisations,
 * one or more users per role, shelters, training programmes, and per case its sealed
 * identity and data key, history, consents, assessments, services, placements,
 * referrals, enrolments and tasks. Rows are the ones the API writes — sealed with the
 * API's own envelope encryption (compiled code in apps/api/dist), so the API reads them
 * back — and they are loaded with COPY in batches.
 *
 * Every person is synthetic (faker with a fixed seed, through the demo data's own
 * generator); identifiers, keys and references are random, as in production.
 *
 * - Foreign-key and statistics triggers are off while loading (session_replication_role
 *   = replica, which needs a superuser): the generator writes consistent rows itself,
 *   and the anonymised projection is rebuilt afterwards with the API's own rebuild
 *   (apps/api/dist/cli/rebuild-statistics.js), so the dashboard reads what the cases say.
 * - The audit log starts empty: its rows are a record of what people did, and a
 *   generated chain would be a forged record. `npm run audit:verify` passes on it, and
 *   a write's cost does not depend on the chain's length (the newest row is found by key).
 * - `--shape uniform` (the default, and the shape of every figure measured before it existed):
 *   cases spread evenly over organisations and their caseworkers, referrals evenly over
 *   partners, about the same history per case. `--shape skewed`: sizes as they come in
 *   practice — one organisation holds 30 % of all cases, a few are medium and many small
 *   (a Zipf tail); each caseworker carries 20 to 2,000 cases (log-uniform, so most carry a
 *   few hundred and a few carry far more); one partner organisation receives 5 % of all
 *   referrals among many that receive less; and the depth of history (notes, services,
 *   assessments) varies per case from none to dozens of rows. Both shapes follow from
 *   `--seed`; the generator prints the shape it produced.
 * - Sign-in details for each role go to the accounts file (default tmp/bench/accounts.json):
 *   the password, the e-mails, and a sample of case ids and references in scope, which
 *   the benchmarks use. Keep that file as secret as the database.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import cliProgress from 'cli-progress';
import { Faker, base, en } from '@faker-js/faker';
import { applicationUrlOf } from '../tests/bench/lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(path.join(root, 'apps/api/dist', file));

const { values: options } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL },
    'master-key': { type: 'string', default: process.env.HAVEN_MASTER_KEY },
    seed: { type: 'string', default: '2026' },
    shape: { type: 'string', default: 'uniform' },
    'batch-size': { type: 'string', default: '5000' },
    accounts: { type: 'string', default: 'tmp/bench/accounts.json' },
    password: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'no-statistics': { type: 'boolean', default: false },
    'organisation-weights': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (options.help || !options['database-url'] || !options['master-key']) {
  console.log(`Usage: npm run data:generate -- --cases N --database-url URL --master-key BASE64 [--reset] [--seed N]
  --cases N            cases to generate (default 10000)
  --database-url URL   PostgreSQL (or DATABASE_URL); must be empty of cases unless --reset
  --master-key KEY     the HAVEN_MASTER_KEY the API will run with (or HAVEN_MASTER_KEY)
  --reset              drop Haven's schemas first (everything in them is lost)
  --seed N             seed of the synthetic people (default 2026)
  --shape S            uniform (default: even organisations, caseloads and partners) or skewed
                       (long-tailed organisations and caseloads, one partner with 5 % of referrals,
                       history depth varying per case)
  --batch-size N       cases per COPY batch (default 5000)
  --accounts FILE      where the sign-in details go (default tmp/bench/accounts.json)
  --password P         the password of every generated account (default: random)
  --no-statistics      skip rebuilding the anonymised projection
  --organisation-weights W,W,…  one shelter organisation per weight, each getting that share of
                       the cases (e.g. 60,25,10,4.5,0.5: very different sizes, one small);
                       with --shape uniform only`);
  process.exit(options.help ? 0 : 2);
}

const TOTAL = Number(options.cases);
const BATCH = Number(options['batch-size']);
const SEED = Number(options.seed);
const SHAPE = options.shape;
const skewed = SHAPE === 'skewed';
if (SHAPE !== 'uniform' && !skewed) {
  console.error('--shape must be uniform or skewed');
  process.exit(2);
}
if (!Number.isInteger(TOTAL) || TOTAL < 1 || !Number.isInteger(BATCH) || BATCH < 1) {
  console.error('--cases and --batch-size must be positive integers');
  process.exit(2);
}

const { runMigrations } = await dist('core/database/migrate.js');
const { EnvelopeEncryption } = await dist('core/crypto/envelope-encryption.js');
const { hashPassword } = await dist('core/auth/password-hasher.js');
const { parseMasterKey } = await dist('config/config.js');
const { duplicateKeyOf, identityAssociatedData } = await dist('modules/cases/identity-keys.js');
const { nameIndexHashes } = await dist('modules/cases/name-index.js');
const { NAME_INDEX_VERSION } = await dist('modules/cases/name-tokens.js');
const { demoCases } = await dist('demo/demo-cases.js');
const contracts = await import('@haven/contracts');

const encryption = new EnvelopeEncryption(parseMasterKey(options['master-key']));
const random = new Faker({ locale: [en, base], seed: SEED + 7 });
const now = new Date();
const DAY = 86_400_000;

// ── Small helpers ───────────────────────────────────────────────────────────────

const chance = (p) => random.number.float() < p;
const pick = (list) => list[random.number.int({ min: 0, max: list.length - 1 })];
const weighted = (pairs) => random.helpers.weightedArrayElement(pairs.map(([value, weight]) => ({ value, weight })));
const between = (min, max) => random.number.int({ min, max });
const dateOnly = (date) => date.toISOString().slice(0, 10);
const addDays = (date, days) => new Date(date.getTime() + days * DAY);
const minDate = (a, b) => (a < b ? a : b);

/** One value of PostgreSQL's COPY text format. */
const SPECIAL = /[\\\n\r\t]/;
function field(value) {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return field(`{${value.map((item) => `"${String(item).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  if (typeof value === 'object') return field(JSON.stringify(value));
  const text = String(value);
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]);
}

class Table {
  constructor(name, columns) {
    this.name = name;
    this.columns = columns;
    this.lines = [];
    this.total = 0;
  }
  add(...values) {
    this.lines.push(values.map(field).join('\t'));
  }
  /** Takes the buffered rows out, to be sent while the next batch is generated. */
  take() {
    const lines = this.lines;
    this.lines = [];
    this.total += lines.length;
    return lines;
  }
  /** Sends rows with one COPY. */
  async copy(client, lines) {
    if (lines.length === 0) return;
    const stream = client.query(copyFrom(`COPY ${this.name} (${this.columns.join(', ')}) FROM STDIN`));
    await new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(`${lines.join('\n')}\n`);
    });
  }
  flush(client) {
    return this.copy(client, this.take());
  }
}

const references = new Set();
function uniqueReference() {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  for (;;) {
    const block = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
    const reference = `HV-${block()}-${block()}`;
    if (!references.has(reference)) {
      references.add(reference);
      return reference;
    }
  }
}

// ── Distributions (plausible, not drawn from real records) ─────────────────────

const TRAFFICKING_STATUS = [
  ['ActualVictimOfTrafficking', 58],
  ['PossibleVictimOfTrafficking', 36],
  ['NotAVictimOfTrafficking', 6],
];
const RELATIONSHIP = [
  ['Acquainted', 55],
  ['Unaquainted', 30],
  ['Familial', 15],
];
const SERVICE_TYPES = [
  ['shelter', 14],
  ['medical', 16],
  ['psychosocial', 14],
  ['legal', 12],
  ['documentation', 8],
  ['interpretation', 6],
  ['familyTracing', 3],
  ['education', 4],
  ['vocationalTraining', 5],
  ['livelihood', 4],
  ['financial', 4],
  ['return', 3],
  ['postArrival', 2],
  ['reintegration', 4],
  ['other', 1],
];
const SERVICE_OUTCOMES = [
  ['completed', 70],
  ['ongoing', 20],
  ['declinedBySurvivor', 6],
  ['notAvailable', 4],
];
const REFERRAL_STATUSES = [
  ['completed', 48],
  ['accepted', 14],
  ['sent', 9],
  ['declined', 11],
  ['withdrawn', 18],
];
const EXIT_REASONS = [
  ['reintegrated', 35],
  ['moved', 20],
  ['leftVoluntarily', 18],
  ['referredElsewhere', 12],
  ['transferred', 8],
  ['absconded', 7],
];
const CLOSURE_REASONS = [
  ['goalsAchieved', 40],
  ['reintegrated', 22],
  ['lostContact', 12],
  ['survivorDeclinedAssistance', 8],
  ['relocated', 8],
  ['referredElsewhere', 6],
  ['other', 4],
];
const PARTNER_SERVICES = [
  ['medical', 'psychosocial'],
  ['legal', 'documentation'],
  ['vocationalTraining', 'livelihood'],
  ['reintegration', 'postArrival', 'return'],
  ['interpretation', 'familyTracing'],
];
const TRADES = [
  'Tailoring',
  'Catering',
  'Hairdressing',
  'Electrical installation',
  'Digital skills',
  'Bookkeeping',
  'Agriculture',
  'Plumbing',
];
const LANGUAGES = {
  NG: ['en', 'yo'],
  GH: ['en', 'tw'],
  SN: ['fr', 'wo'],
  CI: ['fr'],
  ML: ['fr', 'bm'],
  GN: ['fr'],
  SL: ['en'],
  BF: ['fr'],
  CM: ['fr', 'en'],
  ER: ['ti'],
  ET: ['am'],
  SO: ['so'],
  SD: ['ar'],
  KE: ['sw', 'en'],
  UG: ['en'],
  MA: ['ar', 'fr'],
  DZ: ['ar', 'fr'],
  TN: ['ar', 'fr'],
  EG: ['ar'],
  LY: ['ar'],
};
const AREAS = ['North', 'South', 'East', 'West', 'Centre', 'Coast', 'Islands'];

/** Status and stage follow the case's age: recent cases are open, old ones mostly closed. */
function lifecycle(ageDays) {
  const status =
    ageDays < 90
      ? weighted([
          ['Active', 86],
          ['FollowUp', 8],
          ['Closed', 5],
          ['ClosedReferred', 1],
        ])
      : ageDays < 365
        ? weighted([
            ['Active', 42],
            ['FollowUp', 24],
            ['Closed', 31],
            ['ClosedReferred', 3],
          ])
        : weighted([
            ['Active', 6],
            ['FollowUp', 10],
            ['Closed', 77],
            ['ClosedReferred', 7],
          ]);
  const stage =
    status === 'Active'
      ? ageDays < 14
        ? weighted([
            ['identification', 70],
            ['assessment', 30],
          ])
        : weighted([
            ['assessment', 15],
            ['planning', 20],
            ['assistance', 45],
            ['reintegration', 20],
          ])
      : status === 'FollowUp'
        ? 'followUp'
        : weighted([
            ['assistance', 25],
            ['reintegration', 35],
            ['followUp', 40],
          ]);
  return { status, stage };
}

// ── Start ──────────────────────────────────────────────────────────────────────

const started = Date.now();
const url = options['database-url'];
const admin = new pg.Client({ connectionString: url });
await admin.connect();
const {
  rows: [{ superuser }],
} = await admin.query(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
if (!superuser) {
  console.error(
    'The generator turns triggers off while loading (session_replication_role), which needs a superuser connection.',
  );
  process.exit(2);
}
if (options.reset) {
  await admin.query(
    `DROP SCHEMA IF EXISTS app CASCADE; DROP SCHEMA IF EXISTS audit CASCADE; DROP SCHEMA IF EXISTS stats CASCADE; DROP TABLE IF EXISTS public.migrations`,
  );
}
const applied = await runMigrations(url);
if (applied.length && !options.quiet) console.log(`Migrations applied: ${applied.length}`);
const {
  rows: [{ existing }],
} = await admin.query(`SELECT count(*)::int AS existing FROM (SELECT 1 FROM app."case" LIMIT 1) c`);
if (existing > 0) {
  console.error("This database already holds cases. Use an empty database, or --reset to drop Haven's schemas first.");
  process.exit(2);
}

// ── Organisations, users, shelters, programmes ─────────────────────────────────

const password = options.password ?? `Bench-${randomBytes(12).toString('base64url')}`;
const passwordHash = await hashPassword(password); // argon2id, computed once for every account
// Organisation sizes: --organisation-weights gives each its share (the statistics adversary needs a few
// organisations of very different sizes, one of them small). Otherwise the shape decides: the skewed shape needs
// many organisations for a tail to exist, and many partners so that one of them receiving 5 % of referrals stands
// out (with 20, 5 % would be everyone's share).
const organisationWeights = options['organisation-weights']
  ? options['organisation-weights'].split(',').map(Number)
  : null;
if (organisationWeights && (skewed || organisationWeights.some((weight) => !(weight > 0)))) {
  console.error('--organisation-weights must be positive numbers separated by commas, and goes with --shape uniform');
  process.exit(2);
}
const shelterOrganisations = organisationWeights
  ? organisationWeights.length
  : skewed
    ? Math.max(12, Math.ceil(TOTAL / 8_000))
    : Math.max(2, Math.ceil(TOTAL / 20_000));
const caseworkersPerOrganisation = Math.max(2, Math.min(20, Math.ceil(TOTAL / shelterOrganisations / 60)));
const partnerOrganisations = skewed ? 60 : Math.max(2, Math.min(20, Math.ceil(shelterOrganisations / 2)));

const organisations = new Table('app.organisation', [
  'id',
  'name',
  'kind',
  'country',
  'services',
  'area',
  'contact_point',
  'accepting_referrals',
  'team_mode',
  'created_at',
]);
const users = new Table('app."user"', [
  'id',
  'email',
  'display_name',
  'organisation_id',
  'role',
  'active',
  'password_hash',
  'password_changed_at',
  'created_at',
  'updated_at',
  'team',
]);
const shelters = new Table('app.shelter', [
  'id',
  'organisation_id',
  'name',
  'kind',
  'area',
  'capacity',
  'wrapped_key',
  'sealed_address',
  'active',
  'created_at',
  'updated_at',
  'version',
]);
const programmes = new Table('app.training_programme', [
  'id',
  'owner_organisation_id',
  'provider_organisation_id',
  'trade',
  'place',
  'starts_on',
  'ends_on',
  'seats',
  'language',
  'created_by',
  'created_at',
  'version',
]);

const since = addDays(now, -5 * 365 - 30);
const domain = 'bench.haven.test';
const account = (role, organisation, index, extra = {}) => {
  const id = randomUUID();
  const email = `${role}${index}@${organisation.slug}.${domain}`;
  users.add(
    id,
    email,
    `${random.person.firstName()} ${random.person.lastName()}`,
    organisation.id,
    role,
    true,
    passwordHash,
    since,
    since,
    since,
    null,
  );
  return { id, email, ...extra };
};

const shelterOrgs = Array.from({ length: shelterOrganisations }, (_, index) => ({
  id: randomUUID(),
  slug: `shelter${index + 1}`,
  name: `Shelter organisation ${index + 1}`,
}));
const partnerOrgs = Array.from({ length: partnerOrganisations }, (_, index) => ({
  id: randomUUID(),
  slug: `partner${index + 1}`,
  name: `Partner organisation ${index + 1}`,
  services: PARTNER_SERVICES[index % PARTNER_SERVICES.length],
}));
const programmeOrg = { id: randomUUID(), slug: 'programme', name: 'National protection programme' };
const systemOrg = { id: randomUUID(), slug: 'operations', name: 'Haven operations' };
// Cases each organisation will hold. Skewed: the first holds 30 %, the others share the
// rest by a Zipf law (1/rank), so a few are medium and most are small.
if (skewed) {
  const rest = shelterOrgs.slice(1).map((_, index) => 1 / (index + 1));
  const sum = rest.reduce((a, b) => a + b, 0);
  shelterOrgs.forEach((organisation, index) => {
    organisation.expectedCases = index === 0 ? 0 : Math.max(1, Math.floor((0.7 * TOTAL * rest[index - 1]) / sum));
  });
  shelterOrgs[0].expectedCases = TOTAL - shelterOrgs.slice(1).reduce((total, o) => total + o.expectedCases, 0);
} else if (organisationWeights) {
  const totalWeight = organisationWeights.reduce((sum, weight) => sum + weight, 0);
  shelterOrgs.forEach((organisation, index) => {
    organisation.expectedCases = Math.max(1, (TOTAL * organisationWeights[index]) / totalWeight);
  });
} else for (const organisation of shelterOrgs) organisation.expectedCases = TOTAL / shelterOrganisations;
/** Caseloads of one organisation: log-uniform between 20 and 2,000 cases, summing to its size. */
function caseloadsOf(size) {
  const loads = [];
  for (let remaining = size; remaining > 0; ) {
    let load = Math.round(Math.exp(Math.log(20) + random.number.float() * Math.log(100)));
    // The last caseworker takes what is left rather than fewer than 20.
    if (remaining - load < 20) load = remaining <= 2000 ? remaining : remaining - 20;
    loads.push(load);
    remaining -= load;
  }
  return loads;
}
// Partners: the first receives 5 % of referrals; the others share the rest by a gentle tail
// (none as much as the first).
const partnerWeights = skewed
  ? (() => {
      const rest = partnerOrgs.slice(1).map((_, index) => 1 / (index + 1) ** 0.3);
      const sum = rest.reduce((a, b) => a + b, 0);
      return partnerOrgs.map((organisation, index) => [organisation, index === 0 ? 5 : (95 * rest[index - 1]) / sum]);
    })()
  : null;
const pickPartner = () => (skewed ? weighted(partnerWeights) : pick(partnerOrgs));
for (const organisation of shelterOrgs)
  organisations.add(
    organisation.id,
    organisation.name,
    'shelter',
    'IT',
    ['shelter', 'psychosocial'],
    pick(AREAS),
    'Duty phone, 24 h',
    true,
    false,
    since,
  );
for (const organisation of partnerOrgs)
  organisations.add(
    organisation.id,
    organisation.name,
    'partner',
    'IT',
    organisation.services,
    pick(AREAS),
    'Reception desk',
    true,
    false,
    since,
  );
organisations.add(programmeOrg.id, programmeOrg.name, 'programme', 'IT', [], null, null, true, false, since);
organisations.add(systemOrg.id, systemOrg.name, 'system', null, [], null, null, true, false, since);

for (const organisation of shelterOrgs) {
  organisation.supervisor = account('supervisor', organisation, 1);
  organisation.references = [];
  organisation.names = [];
  organisation.cases = 0;
  const loads = skewed ? caseloadsOf(organisation.expectedCases) : null;
  organisation.caseworkers = Array.from({ length: skewed ? loads.length : caseworkersPerOrganisation }, (_, index) =>
    account('caseworker', organisation, index + 1, { caseIds: [], organisation, quota: loads?.[index], load: 0 }),
  );
  // A large organisation runs more houses (one per 3,000 cases in the skewed shape).
  const houses = skewed ? Math.max(1, Math.min(40, Math.ceil(organisation.expectedCases / 3000))) : 3;
  organisation.shelters = Array.from({ length: houses }, (_, index) => {
    const id = randomUUID();
    const { dataKey, wrappedKey } = encryption.newDataKey(id);
    const capacity = between(20, 60);
    const sealedAddress = encryption.sealJson(dataKey, random.location.streetAddress(), `shelter-address:${id}`);
    shelters.add(
      id,
      organisation.id,
      `${organisation.name} — house ${index + 1}`,
      pick(['women', 'women', 'mixed', 'families', 'children', 'men']),
      pick(AREAS),
      capacity,
      wrappedKey,
      sealedAddress,
      true,
      since,
      since,
      1,
    );
    return { id, capacity, current: 0 };
  });
  // Past stays only as many as the houses' beds could have held: beds × days ÷ the mean
  // stay (122.5 days), over the cases registered while they stood, at the recent rate of
  // registration (twice the five-year average, see addCase). Without it, three houses
  // of 120 beds "discharged" 50 people a week.
  const beds = organisation.shelters.reduce((sum, shelter) => sum + shelter.capacity, 0);
  const stayShare = (0.9 * beds * 5 * 365) / (122.5 * 2 * organisation.expectedCases);
  organisation.pastStayChance = Math.min(1, stayShare / 0.6);
  organisation.programmes = Array.from({ length: 4 }, () => {
    const id = randomUUID();
    const startsOn = addDays(now, -between(0, 5 * 365));
    programmes.add(
      id,
      organisation.id,
      pickPartner().id,
      pick(TRADES),
      pick(AREAS),
      dateOnly(startsOn),
      dateOnly(addDays(startsOn, between(30, 180))),
      between(12, 30),
      'en',
      organisation.supervisor.id,
      startsOn,
      1,
    );
    return id;
  });
}
for (const organisation of partnerOrgs) {
  organisation.users = [account('partner', organisation, 1), account('partner', organisation, 2)];
  organisation.referrals = 0;
}
// Skewed: every case's caseworker decided up front — one slot per case, each caseworker
// holding as many slots as its caseload — then shuffled, so the batches mix organisations.
const slots = skewed ? shelterOrgs.flatMap((o) => o.caseworkers.flatMap((c) => Array(c.quota).fill(c))) : null;
if (slots)
  for (let index = slots.length - 1; index > 0; index -= 1) {
    const other = random.number.int({ min: 0, max: index });
    [slots[index], slots[other]] = [slots[other], slots[index]];
  }
const manager = account('manager', programmeOrg, 1);
const administrator = account('admin', systemOrg, 1);

// ── Cases, in batches ──────────────────────────────────────────────────────────

const tables = {
  cases: new Table('app."case"', [
    'id',
    'reference',
    'organisation_id',
    'assignee_id',
    'status',
    'risk_level',
    'sex',
    'nationality',
    'age_at_registration',
    'exploitation_types',
    'registered_by',
    'registered_at',
    'updated_at',
    'version',
    'stage',
    'sensitive',
    'team',
    'profile',
    'closure_reason',
    'closed_at',
  ]),
  keys: new Table('app.case_key', ['case_id', 'wrapped_key', 'created_at']),
  identities: new Table('app.survivor_identity', [
    'case_id',
    'sealed_payload',
    'created_at',
    'updated_at',
    'duplicate_key',
    'name_index_version',
  ]),
  // The blind name index, as registration writes it (modules/cases/name-index.ts).
  nameTokens: new Table('app.case_name_token', ['organisation_id', 'token', 'case_id']),
  changes: new Table('app.case_change', [
    'case_id',
    'occurred_at',
    'actor_user_id',
    'section',
    'action',
    'field',
    'old_value',
    'new_value',
  ]),
  consents: new Table('app.consent', [
    'id',
    'case_id',
    'purpose',
    'recipient_organisation_id',
    'given_on',
    'method',
    'interpreter_used',
    'recorded_by',
    'recorded_at',
  ]),
  assessments: new Table('app.assessment', ['id', 'case_id', 'type', 'findings', 'assessed_by', 'assessed_at']),
  services: new Table('app.service_record', [
    'id',
    'case_id',
    'type',
    'delivered_on',
    'provider_organisation_id',
    'outcome',
    'recorded_by',
    'recorded_at',
    'referral_id',
  ]),
  placements: new Table('app.placement', [
    'id',
    'case_id',
    'organisation_id',
    'shelter_id',
    'from_date',
    'to_date',
    'exit_reason',
    'placed_by',
    'created_at',
    'version',
  ]),
  referrals: new Table('app.referral', [
    'id',
    'case_id',
    'from_organisation_id',
    'to_organisation_id',
    'services',
    'urgency',
    'lens',
    'for_return',
    'status',
    'outcome',
    'sent_by',
    'sent_at',
    'responded_by',
    'responded_at',
    'closed_at',
    'version',
  ]),
  enrolments: new Table('app.enrolment', [
    'id',
    'programme_id',
    'case_id',
    'status',
    'sessions_attended',
    'sessions_total',
    'certificate_obtained',
    'outcome',
    'outcome_recorded_on',
    'enrolled_at',
    'completed_at',
    'created_by',
    'created_at',
    'version',
  ]),
  notes: new Table('app.case_note', ['id', 'case_id', 'sealed_body', 'author_id', 'created_at', 'version']),
  tasks: new Table('app.task', [
    'id',
    'case_id',
    'sealed_title',
    'due_on',
    'assignee_id',
    'status',
    'created_by',
    'created_at',
    'version',
  ]),
};

/** Everything one case brings, added to the batch tables. */
const NOTES = [
  'Called to confirm the appointment.',
  'Met at the shelter; settling in.',
  'Asked about the family; will follow up.',
  'Accompanied to the clinic.',
  'Documents checked with the lawyer.',
];
const historyRows = [];
function addCase(person, organisation, assigned) {
  const id = randomUUID();
  const caseworker = assigned ?? pick(organisation.caseworkers);
  organisation.cases += 1;
  caseworker.load = (caseworker.load ?? 0) + 1;
  // Skewed: how much history this case has — most little, some a lot (a case followed for years).
  const depth = skewed
    ? weighted([
        [0.3, 35],
        [1, 40],
        [3, 18],
        [8, 7],
      ])
    : 1;
  const historyBefore = skewed
    ? tables.notes.lines.length + tables.services.lines.length + tables.assessments.lines.length
    : 0;
  const ageDays = Math.floor(5 * 365 * (1 - Math.sqrt(random.number.float()))); // more recent cases than old ones
  const registeredAt = new Date(now.getTime() - ageDays * DAY - between(0, DAY - 1));
  const { status, stage } = lifecycle(ageDays);
  const closed = status === 'Closed' || status === 'ClosedReferred';
  const closedAt = closed
    ? addDays(registeredAt, between(Math.min(20, ageDays), Math.max(Math.min(20, ageDays), Math.min(ageDays, 720))))
    : null;
  const lastActivity = closedAt ?? addDays(registeredAt, Math.min(ageDays, between(0, 60)));
  const ageAtRegistration =
    person.estimatedAge ?? Math.max(0, registeredAt.getUTCFullYear() - Number(person.dateOfBirth.slice(0, 4)) - 1);
  const profile = {
    traffickingStatus: weighted(TRAFFICKING_STATUS),
    statusDecidedBy: pick(['NGO', 'Police', 'NGO', 'NonPoliceGovernmentalOrganization']),
    controlMethods: random.helpers.arrayElements(contracts.CONTROL_METHODS, between(1, 3)),
    recruitmentMethods: [pick(contracts.RECRUITMENT_METHODS)],
    relationshipToTrafficker: weighted(RELATIONSHIP),
    recruitmentCountries: [person.nationality],
    transitCountries: chance(0.6) ? [pick(['LY', 'NE', 'ML', 'SD', 'TN', 'MA'])] : [],
    exploitationCountries: [pick(['IT', 'IT', 'IT', 'LY', 'FR', 'ES'])],
    ...(person.exploitationTypes.includes('ForcedLabour')
      ? { forcedLabourIndustry: pick(['A_AgricultureForestryAndFishing', 'F_Construction', 'C_Manufacturing']) }
      : {}),
  };
  const version = 1 + (closed ? 2 : 0) + between(0, 3);
  const reference = uniqueReference();
  tables.cases.add(
    id,
    reference,
    organisation.id,
    caseworker.id,
    status,
    person.riskLevel,
    person.sex,
    person.nationality,
    ageAtRegistration,
    person.exploitationTypes,
    caseworker.id,
    registeredAt,
    lastActivity,
    version,
    stage,
    chance(0.04),
    null,
    profile,
    closed ? weighted(CLOSURE_REASONS) : null,
    closedAt,
  );
  if (caseworker.caseIds.length < 200 && !closed) caseworker.caseIds.push(id);
  if (organisation.references.length < 50) organisation.references.push(reference);

  // Identity: sealed under a new per-case data key, exactly as registration does.
  const { dataKey, wrappedKey } = encryption.newDataKey(id);
  const identity = {
    givenName: person.givenName,
    familyName: person.familyName,
    aliases: chance(0.1) ? [random.person.firstName()] : [],
    dateOfBirth: person.dateOfBirth ?? null,
    estimatedAge: person.estimatedAge ?? null,
    languages: LANGUAGES[person.nationality] ?? ['en'],
    contact: chance(0.6) ? { phone: random.phone.number({ style: 'international' }) } : {},
    documents: [],
  };
  tables.keys.add(id, wrappedKey, registeredAt);
  tables.identities.add(
    id,
    encryption.sealJson(dataKey, identity, identityAssociatedData(id)),
    registeredAt,
    registeredAt,
    duplicateKeyOf(
      encryption,
      person.givenName,
      person.familyName,
      person.dateOfBirth,
      person.estimatedAge,
      registeredAt,
    ),
    NAME_INDEX_VERSION,
  );
  for (const token of nameIndexHashes(encryption, organisation.id, identity, registeredAt))
    tables.nameTokens.add(organisation.id, token, id);
  // Names for the name-search benchmark: the given and family name of some of the organisation's cases.
  if (organisation.names.length < 50) organisation.names.push(`${person.givenName} ${person.familyName}`);
  tables.changes.add(id, registeredAt, caseworker.id, 'case', 'registered', null, null, null);

  const day = (offset) => dateOnly(addDays(registeredAt, offset));
  if (chance(0.9))
    tables.consents.add(
      randomUUID(),
      id,
      'assistance',
      null,
      day(0),
      pick(['verbal', 'written']),
      chance(0.5),
      caseworker.id,
      registeredAt,
    );
  if (chance(0.85))
    tables.consents.add(
      randomUUID(),
      id,
      'statistics',
      null,
      day(0),
      'written',
      chance(0.5),
      caseworker.id,
      registeredAt,
    );
  if (ageDays > 2 && chance(0.8))
    tables.assessments.add(
      randomUUID(),
      id,
      'risk',
      { riskLevel: person.riskLevel },
      caseworker.id,
      addDays(registeredAt, between(0, 3)),
    );
  if (ageDays > 7 && chance(0.55)) {
    const needs = random.helpers
      .arrayElements(contracts.NEED_AREAS, between(2, 5))
      .map((area) => ({ area, level: pick(['low', 'medium', 'high']) }));
    tables.assessments.add(randomUUID(), id, 'needs', { needs }, caseworker.id, addDays(registeredAt, between(3, 7)));
  }

  // Services given over the case's life.
  const activeDays = Math.max(1, Math.floor((lastActivity.getTime() - registeredAt.getTime()) / DAY));
  const services =
    ageDays < 3
      ? 0
      : weighted([
          [0, 20],
          [1, 30],
          [2, 25],
          [3, 15],
          [4, 10],
        ]);
  for (let index = 0; index < (skewed ? Math.round(services * depth) : services); index += 1) {
    tables.services.add(
      randomUUID(),
      id,
      weighted(SERVICE_TYPES),
      day(between(0, activeDays)),
      chance(0.3) ? pickPartner().id : null,
      weighted(SERVICE_OUTCOMES),
      caseworker.id,
      addDays(registeredAt, between(0, activeDays)),
      null,
    );
  }

  // A shelter stay: current while the case is open and a bed is free; a past one as often
  // as the beds allow (pastStayChance).
  if (chance(0.6)) {
    const shelter = pick(organisation.shelters);
    const fromOffset = between(0, Math.min(7, ageDays));
    const toOffset = fromOffset + between(5, 240);
    if (toOffset < ageDays) {
      if (chance(organisation.pastStayChance)) {
        tables.placements.add(
          randomUUID(),
          id,
          organisation.id,
          shelter.id,
          day(fromOffset),
          day(toOffset),
          weighted(EXIT_REASONS),
          caseworker.id,
          addDays(registeredAt, fromOffset),
          2,
        );
      }
    } else if (!closed && shelter.current < shelter.capacity * 0.9) {
      shelter.current += 1;
      tables.placements.add(
        randomUUID(),
        id,
        organisation.id,
        shelter.id,
        day(fromOffset),
        null,
        null,
        caseworker.id,
        addDays(registeredAt, fromOffset),
        1,
      );
    }
  }

  // A referral to a partner, with the referral consent it needs.
  if (ageDays > 1 && chance(0.25)) {
    const partner = pickPartner();
    partner.referrals += 1;
    const referralId = randomUUID();
    const sentOffset = between(0, Math.min(30, activeDays));
    const sentAt = addDays(registeredAt, sentOffset);
    const recent = ageDays < 20;
    const referralStatus = recent
      ? weighted([
          ['sent', 50],
          ['accepted', 40],
          ['declined', 10],
        ])
      : weighted(REFERRAL_STATUSES);
    const respondedAt =
      referralStatus === 'sent' || referralStatus === 'withdrawn'
        ? null
        : minDate(addDays(sentAt, between(0, 10)), now);
    const closedReferralAt = ['completed', 'declined', 'withdrawn'].includes(referralStatus)
      ? minDate(addDays(sentAt, between(1, 60)), now)
      : null;
    tables.consents.add(
      randomUUID(),
      id,
      'referral',
      partner.id,
      day(sentOffset),
      'written',
      chance(0.5),
      caseworker.id,
      sentAt,
    );
    tables.referrals.add(
      referralId,
      id,
      organisation.id,
      partner.id,
      [pick(partner.services)],
      weighted([
        ['routine', 70],
        ['urgent', 25],
        ['emergency', 5],
      ]),
      ['basicProfile', 'healthNeeds'],
      false,
      referralStatus,
      referralStatus === 'completed' ? weighted(SERVICE_OUTCOMES) : null,
      caseworker.id,
      sentAt,
      respondedAt ? pick(partner.users).id : null,
      respondedAt,
      closedReferralAt,
      1 + (respondedAt ? 1 : 0) + (closedReferralAt ? 1 : 0),
    );
    if (referralStatus === 'completed') {
      tables.services.add(
        randomUUID(),
        id,
        pick(partner.services),
        dateOnly(addDays(sentAt, 1)),
        partner.id,
        'completed',
        pick(partner.users).id,
        addDays(sentAt, 1),
        referralId,
      );
    }
  }

  // Vocational training for some.
  if (ageDays > 30 && chance(0.08)) {
    const enrolStatus = weighted([
      ['completed', 45],
      ['attending', 15],
      ['droppedOut', 15],
      ['enrolled', 10],
      ['waitingList', 15],
    ]);
    const enrolledAt = enrolStatus === 'waitingList' ? null : addDays(registeredAt, between(10, 30));
    const completedAt = enrolStatus === 'completed' ? addDays(registeredAt, between(60, Math.max(60, ageDays))) : null;
    const outcome = enrolStatus === 'completed' && chance(0.7) ? pick(contracts.TRAINING_OUTCOMES) : null;
    tables.enrolments.add(
      randomUUID(),
      pick(organisation.programmes),
      id,
      enrolStatus,
      enrolledAt ? between(0, 30) : 0,
      30,
      enrolStatus === 'completed' && chance(0.8),
      outcome,
      outcome ? dateOnly(minDate(addDays(completedAt, 90), now)) : null,
      enrolledAt,
      completedAt,
      caseworker.id,
      addDays(registeredAt, 10),
      1,
    );
  }

  // Skewed only: notes and repeated risk assessments, as many as the case's depth gives.
  if (skewed) {
    for (let index = Math.round(depth * between(0, 4)); index > 0; index -= 1) {
      const noteId = randomUUID();
      tables.notes.add(
        noteId,
        id,
        encryption.sealJson(dataKey, pick(NOTES), `case-note:${id}`),
        caseworker.id,
        addDays(registeredAt, between(0, activeDays)),
        1,
      );
    }
    if (ageDays > 30)
      for (let index = Math.floor(depth * between(0, 2)); index > 0; index -= 1)
        tables.assessments.add(
          randomUUID(),
          id,
          'risk',
          { riskLevel: pick(['low', 'medium', 'high']) },
          caseworker.id,
          addDays(registeredAt, between(Math.min(4, activeDays), activeDays)),
        );
    historyRows.push(
      tables.notes.lines.length + tables.services.lines.length + tables.assessments.lines.length - historyBefore,
    );
  }

  // Open work on open cases.
  if (!closed && chance(0.3)) {
    const title = encryption.sealJson(
      dataKey,
      pick(['Follow-up call', 'Accompany to the clinic', 'Check documents with the lawyer', 'Review the support plan']),
      `task-title:${id}`,
    );
    tables.tasks.add(
      randomUUID(),
      id,
      title,
      dateOnly(addDays(now, between(-10, 20))),
      caseworker.id,
      'open',
      caseworker.id,
      lastActivity,
      1,
    );
  }
}

async function connect() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET session_replication_role = replica; SET synchronous_commit = off`);
  return client;
}

const loaders = await Promise.all([connect(), connect(), connect()]);

// Secondary indexes are dropped for the load and built again at the end: one sort per
// index is much cheaper than a million random inserts into it. Indexes behind a
// constraint (primary keys, unique columns) stay, so the constraints keep holding.
async function dropSecondaryIndexes(schema) {
  const { rows: indexes } = await admin.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [schema],
  );
  for (const index of indexes) await admin.query(`DROP INDEX ${index.name}`);
  return indexes;
}
/** Builds indexes again, on `connections` connections at once. */
async function buildIndexes(indexes, connections) {
  const pending = [...indexes];
  await Promise.all(
    connections.map(async (client) => {
      await client.query(`SET maintenance_work_mem = '256MB'`);
      for (let index = pending.shift(); index; index = pending.shift()) await client.query(index.definition);
    }),
  );
}
const secondaryIndexes = await dropSecondaryIndexes('app');
// Three connections, so PostgreSQL parses the COPY streams in parallel while the next batch is generated.
const groups = [
  ['cases', 'keys', 'changes'],
  ['identities', 'nameTokens', 'consents', 'assessments', 'tasks', 'notes'],
  ['services', 'placements', 'referrals', 'enrolments'],
];
/** Sends the batch's rows, each group of tables on its own connection. */
function sendBatch() {
  const batch = groups.map((group) => group.map((name) => [tables[name], tables[name].take()]));
  return Promise.all(
    batch.map(async (group, index) => {
      for (const [table, lines] of group) await table.copy(loaders[index], lines);
    }),
  );
}

await organisations.flush(loaders[0]);
await users.flush(loaders[0]);
await shelters.flush(loaders[0]);
await programmes.flush(loaders[0]);

const bar = new cliProgress.SingleBar(
  {
    format: 'cases [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 10_000,
  },
  cliProgress.Presets.shades_classic,
);
if (!options.quiet) bar.start(TOTAL, 0, { rate: 0 });
let done = 0;
let inFlight = Promise.resolve();
for (let batch = 0; done < TOTAL; batch += 1) {
  const size = Math.min(BATCH, TOTAL - done);
  // The demo data's own generator of synthetic people, one seed per batch: the same --seed gives the same people.
  const people = demoCases(size, SEED + batch);
  for (const [index, person] of people.entries()) {
    const assigned = slots?.[done + index];
    if (assigned) addCase(person, assigned.organisation, assigned);
    else if (organisationWeights)
      addCase(person, weighted(shelterOrgs.map((organisation, at) => [organisation, organisationWeights[at]])));
    else addCase(person, pick(shelterOrgs));
  }
  await inFlight;
  inFlight = sendBatch();
  done += size;
  if (!options.quiet) bar.update(done, { rate: Math.round(done / ((Date.now() - started) / 1000)) });
}
await inFlight;
if (!options.quiet) bar.stop();
const loadedAt = Date.now();

if (!options.quiet) console.log(`Building ${secondaryIndexes.length} indexes…`);
await buildIndexes(secondaryIndexes, loaders);
// VACUUM sets the visibility map, as autovacuum would on a database in use: counts can
// then be answered from the index alone, without visiting every row's page.
if (!options.quiet) console.log('Vacuuming and analysing…');
await admin.query('VACUUM (ANALYZE)');

// ── What the benchmarks need ───────────────────────────────────────────────────

const counts = Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, table.total]));
const busiest = shelterOrgs[0];
const caseworker = busiest.caseworkers[0];
const { rows: caseRows } = await admin.query(
  `SELECT id, reference FROM app."case" WHERE assignee_id = $1 ORDER BY registered_at DESC LIMIT 200`,
  [caseworker.id],
);
const { rows: orgReferences } = await admin.query(
  `SELECT reference FROM app."case" WHERE organisation_id = $1 ORDER BY random() LIMIT 500`,
  [busiest.id],
);
const partner = partnerOrgs[0].users[0];
const accounts = {
  generatedAt: now.toISOString(),
  cases: TOTAL,
  seed: SEED,
  password,
  roles: {
    caseworker: { email: caseworker.email, id: caseworker.id, organisationId: busiest.id },
    supervisor: { email: busiest.supervisor.email, id: busiest.supervisor.id, organisationId: busiest.id },
    partner: { email: partner.email, id: partner.id, organisationId: partnerOrgs[0].id },
    manager: { email: manager.email, id: manager.id, organisationId: programmeOrg.id },
    admin: { email: administrator.email, id: administrator.id, organisationId: systemOrg.id },
  },
  shape: SHAPE,
  // More accounts of the same roles, for load that should not all hit one caseload.
  caseworkers: shelterOrgs.flatMap((organisation) => organisation.caseworkers.map((user) => user.email)),
  // Every account of the roles the benchmarks rotate through, each with what it may read.
  // Caseworkers are listed one organisation after another in turn (the busiest first), so
  // the first fifty span large and small organisations and caseloads.
  users: {
    caseworker: roundRobin(shelterOrgs.map((organisation) => organisation.caseworkers)).map((user) => ({
      email: user.email,
      id: user.id,
      organisationId: user.organisation.id,
      cases: user.load,
      caseIds: user.caseIds.slice(0, 20),
    })),
    supervisor: shelterOrgs.map((organisation) => ({
      email: organisation.supervisor.email,
      id: organisation.supervisor.id,
      organisationId: organisation.id,
      cases: organisation.cases,
      references: organisation.references,
      names: organisation.names,
    })),
    partner: roundRobin(partnerOrgs.map((organisation) => organisation.users)).map((user) => ({
      email: user.email,
      id: user.id,
      organisationId: partnerOrgs.find((organisation) => organisation.users.includes(user)).id,
    })),
  },
  sample: {
    caseIds: caseRows.map((row) => row.id),
    references: caseRows.map((row) => row.reference),
    organisationReferences: orgReferences.map((row) => row.reference),
  },
  rows: {
    organisations: organisations.total,
    users: users.total,
    shelters: shelters.total,
    programmes: programmes.total,
    ...counts,
  },
};
/** [[a1, a2], [b1]] → [a1, b1, a2]. */
function roundRobin(lists) {
  const out = [];
  for (let index = 0; out.length < lists.reduce((n, list) => n + list.length, 0); index += 1)
    for (const list of lists) if (index < list.length) out.push(list[index]);
  return out;
}
mkdirSync(path.dirname(path.resolve(options.accounts)), { recursive: true });
writeFileSync(options.accounts, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });

// ── The anonymised projection, rebuilt by the API's own command ────────────────
// After the accounts are written: a failed rebuild can be run again on its own (npm run stats:rebuild).
let statisticsSeconds = null;
if (!options['no-statistics']) {
  if (!options.quiet) console.log('Rebuilding the anonymised statistics projection (npm run stats:rebuild)…');
  const statisticsStarted = Date.now();
  // Nobody reads this projection yet: its secondary indexes are built once it is full, as
  // the case tables' were (the rebuild's own role, which owns nothing, cannot drop them).
  const statisticsIndexes = await dropSecondaryIndexes('stats');
  // Asynchronous, so that this process goes on answering (progress lines come from the rebuild itself).
  const status = await new Promise((resolve, reject) => {
    const rebuild = spawn(process.execPath, [path.join(root, 'apps/api/dist/cli/rebuild-statistics.js')], {
      stdio: 'inherit',
      env: {
        ...process.env,
        DATABASE_URL: applicationUrlOf(url),
        DATABASE_OWNER_URL: url,
        HAVEN_MASTER_KEY: options['master-key'],
        NODE_ENV: 'production',
        HAVEN_DEMO: 'false',
      },
    });
    rebuild.on('error', reject);
    rebuild.on('exit', (code) => resolve(code));
  });
  if (!options.quiet) console.log(`Building ${statisticsIndexes.length} statistics indexes…`);
  await buildIndexes(statisticsIndexes, loaders);
  if (status !== 0) {
    console.error('The statistics rebuild failed.');
    process.exit(1);
  }
  statisticsSeconds = (Date.now() - statisticsStarted) / 1000;
  await admin.query(
    'VACUUM (ANALYZE) stats.case_row, stats.service_row, stats.referral_row, stats.placement_row, stats.enrolment_row, stats.follow_up_row',
  );
}
for (const client of loaders) await client.end();
await admin.end();

const seconds = (ms) => (ms / 1000).toFixed(1);
console.log(
  `Generated ${TOTAL} cases in ${seconds(loadedAt - started)} s (${Math.round(TOTAL / ((loadedAt - started) / 1000))} cases/s)` +
    (statisticsSeconds === null ? '' : `, statistics rebuilt in ${statisticsSeconds.toFixed(1)} s`) +
    `; total ${seconds(Date.now() - started)} s.`,
);
console.log(
  `Rows: ${Object.entries(accounts.rows)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ')}`,
);
console.log(`Accounts and samples: ${options.accounts}`);

// ── The shape produced ──────────────────────────────────────────────────────────
const spread = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${sorted[0]}, median ${sorted[Math.floor((sorted.length - 1) / 2)]}, max ${sorted.at(-1)}`;
};
const percent = (part, whole) => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;
const sizes = shelterOrgs.map((organisation) => organisation.cases).sort((a, b) => b - a);
const referralsSent = partnerOrgs.reduce((n, organisation) => n + organisation.referrals, 0);
const topPartner = partnerOrgs.reduce((a, b) => (b.referrals > a.referrals ? b : a));
console.log(
  [
    `Shape: ${SHAPE} (seed ${SEED})`,
    `  organisations: ${sizes.length}; largest ${sizes.slice(0, 3).join(', ')} cases (${percent(sizes[0], TOTAL)} in the largest); smallest ${sizes.slice(-3).join(', ')}`,
    `  caseworkers: ${shelterOrgs.reduce((n, o) => n + o.caseworkers.length, 0)}; cases each: ${spread(shelterOrgs.flatMap((o) => o.caseworkers.map((c) => c.load)))}`,
    `  partners: ${partnerOrgs.length}; top partner ${topPartner.slug} received ${topPartner.referrals} of ${referralsSent} referrals (${percent(topPartner.referrals, referralsSent)})`,
    historyRows.length
      ? `  history rows per case (notes, services, assessments): ${spread(historyRows)}`
      : `  history: about the same per case (no notes)`,
  ].join('\n'),
);
