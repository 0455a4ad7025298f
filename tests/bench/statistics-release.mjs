#!/usr/bin/env node
/**
 * `npm run bench:statistics -- --database-url URL --accounts FILE` (HAVEN_MASTER_KEY set as for the generator)
 *
 * The two speed targets of statistics releases (docs/architecture.md, "Statistics:
 * releases and the cell key method"), on a database from `npm run data:generate`:
 *
 * 1. **Computing a release**: `apps/api/dist/cli/release-statistics.js --revision` (the
 *    command `npm run stats:release -- --revision` runs), which counts every ended period
 *    of the release's five years — the most a release ever counts; a monthly release
 *    counts one month, its quarter and its year, and copies the rest. Wall time, the
 *    command's own CPU time (the rest is PostgreSQL's), and the load average around it.
 * 2. **Serving published tables**: the compiled API in production mode; many sessions
 *    of the manager (every organisation, or one at a time) and of supervisors of
 *    different organisations (their own) read random tables and the indicator report by
 *    month, quarter and year, over `--connections` connections (32) for `--duration`
 *    seconds, each request with a random session; p50/p95/p99 in ms.
 *
 * Options: --connections 32  --duration 20  --managers 16  --supervisors 16  --no-release
 *          --port 3311  --label "1,000,000 cases"  --encoding gzip|identity (gzip, what a browser
 *          accepts: requests say `Accept-Encoding: gzip, deflate, br`; identity asks for plain JSON)
 * Supervisors need a second factor: the first run enrols them (in parallel, ~30 s) and
 * keeps their secrets next to the accounts file (`<accounts>.supervisors.json`).
 * Results: printed, and as JSON in tmp/bench/statistics-release.json.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applicationUrlOf, argumentsOf, cpuMs, loadTest, machineState, root, signIn, startApi } from './lib.mjs';

const options = argumentsOf({
  'database-url': process.env.DATABASE_URL,
  accounts: 'tmp/bench/accounts.json',
  connections: '32',
  duration: '20',
  managers: '16',
  supervisors: '16',
  port: '3311',
  encoding: 'gzip',
});
const masterKey = process.env.HAVEN_MASTER_KEY;
if (!options['database-url'] || !masterKey) {
  console.error(
    'Usage: HAVEN_MASTER_KEY=… npm run bench:statistics -- --database-url URL --accounts FILE [--connections 32] [--duration 20] [--no-release]',
  );
  process.exit(2);
}
const databaseUrl = options['database-url'];
const accounts = JSON.parse(readFileSync(options.accounts, 'utf8'));
const label = options.label ?? `${accounts.cases.toLocaleString('en')} cases`;
const command = `HAVEN_MASTER_KEY=… npm run bench:statistics -- --database-url ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')} --accounts ${options.accounts} --connections ${options.connections} --duration ${options.duration} --encoding ${options.encoding}`;
const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

const machine = await machineState(databaseUrl);
console.log(
  `Statistics releases, ${label}: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, load average ${machine.loadAverage} at the start, PostgreSQL ${machine.postgres}, database ${machine.databaseSize}`,
);
console.log(`Reproduce: ${command}`);

/** Runs the release command as a revision; answers wall time, its own CPU time and the load average seen while it ran. */
async function timeRelease() {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/cli/release-statistics.js'), '--revision'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HAVEN_DEMO: 'false',
      DATABASE_OWNER_URL: databaseUrl,
      DATABASE_URL: applicationUrlOf(databaseUrl),
      HAVEN_MASTER_KEY: masterKey,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let cpu = 0;
  const loads = [];
  const sampler = setInterval(() => {
    cpu = cpuMs(child.pid) ?? cpu;
    loads.push(os.loadavg()[0]);
  }, 1000);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`The release failed (${code}):\n${output}`);
  return {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    commandCpuSeconds: Math.round(cpu / 100) / 10,
    loadAverage1m: loads.length ? { min: Math.min(...loads).toFixed(2), max: Math.max(...loads).toFixed(2) } : null,
    output: output.trim(),
  };
}

let release = null;
if (!options['no-release']) {
  console.log('\nComputing a release (a revision: every ended period of five years)…');
  release = await timeRelease();
  console.log(
    `${release.output}\nRelease: ${release.seconds} s wall, ${release.commandCpuSeconds} s CPU in the command; load average (1 min) ${release.loadAverage1m?.min}–${release.loadAverage1m?.max} while it ran`,
  );
}

const api = await startApi({ databaseUrl, masterKey, port: Number(options.port) });
try {
  // Sessions: the manager many times (no second factor), and one supervisor of each of several organisations.
  const managers = [];
  for (let index = 0; index < Number(options.managers); index += 1)
    managers.push(await signIn(api.baseUrl, { email: accounts.roles.manager.email, password: accounts.password }));
  const secretsFile = `${options.accounts}.supervisors.json`;
  const secrets = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {};
  const domain = accounts.roles.supervisor.email.split('@')[1].split('.').slice(1).join('.');
  const supervisorEmails = Array.from(
    { length: Number(options.supervisors) },
    (_, index) => `supervisor1@shelter${index + 1}.${domain}`,
  );
  const supervisors = await Promise.all(
    supervisorEmails.map((email) =>
      signIn(api.baseUrl, {
        email,
        password: accounts.password,
        totpSecret: secrets[email],
        onEnrolled: (secret) => {
          secrets[email] = secret;
          writeFileSync(secretsFile, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
        },
      }),
    ),
  );
  const catalogue = await (
    await fetch(`${api.baseUrl}/api/statistics/tables`, { headers: managers[0].headers })
  ).json();
  const organisations = catalogue.organisations.map((entry) => entry.organisation);
  const tables = catalogue.tables.map((entry) => entry.table);
  const acceptEncoding = options.encoding === 'identity' ? 'identity' : 'gzip, deflate, br';
  const pick = (values) => values[Math.floor(Math.random() * values.length)];
  const granularities = ['month', 'quarter', 'year'];
  /** A random published table (or the indicators) in a random scope, as a random session. */
  const next = () => {
    const manager = Math.random() < 0.5;
    const session = manager ? pick(managers) : pick(supervisors);
    const scope = manager && Math.random() < 0.5 ? `&organisationIds=${pick(organisations)}` : '';
    const what = Math.random() < 1 / (tables.length + 1) ? 'indicators' : `tables/${pick(tables)}`;
    return {
      path: `/api/statistics/${what}?granularity=${pick(granularities)}${scope}`,
      headers: { ...session.headers, 'accept-encoding': acceptEncoding },
    };
  };
  // Every answer must be a 200: check one of each kind before the run.
  // Every answer the run can ask for is built once first (as the first readers of a release do), so the figures
  // measure serving kept answers, not building them.
  const everyRequest = [];
  for (const granularity of granularities)
    for (const what of ['indicators', ...tables.map((code) => `tables/${code}`)]) {
      for (const scope of ['', ...organisations.map((organisation) => `&organisationIds=${organisation}`)])
        everyRequest.push({
          path: `/api/statistics/${what}?granularity=${granularity}${scope}`,
          headers: managers[0].headers,
        });
      for (const supervisor of supervisors)
        everyRequest.push({ path: `/api/statistics/${what}?granularity=${granularity}`, headers: supervisor.headers });
    }
  for (const request of everyRequest) {
    const response = await fetch(`${api.baseUrl}${request.path}`, { headers: request.headers });
    if (!response.ok) throw new Error(`${request.path}: ${response.status} ${await response.text()}`);
  }
  for (let index = 0; index < 20; index += 1) {
    const request = next();
    const response = await fetch(`${api.baseUrl}${request.path}`, { headers: request.headers });
    if (!response.ok) throw new Error(`${request.path}: ${response.status} ${await response.text()}`);
  }
  await loadTest({
    baseUrl: api.baseUrl,
    connections: Number(options.connections),
    duration: 3,
    request: next,
    title: 'warm-up',
  });
  /**
   * Transactions the database has committed or rolled back (its statistics): divided by the requests, how often a
   * request reaches the database at all — a count, not a time, so it does not depend on the machine's load.
   */
  const transactions = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT xact_commit + xact_rollback AS count FROM pg_stat_database WHERE datname = current_database()',
      );
      return Number(rows[0].count);
    } finally {
      await client.end();
    }
  };
  // PostgreSQL publishes a backend's counts within a second of its transaction, or ten when it stays idle.
  const settled = () => new Promise((resolve) => setTimeout(resolve, 11_000));
  await settled();
  const transactionsBefore = await transactions();
  const loadBefore = loadAverage();
  // The API's own CPU per request: the figure that least depends on what else shares the machine.
  const cpuBefore = cpuMs(api.child.pid);
  const serving = await loadTest({
    baseUrl: api.baseUrl,
    connections: Number(options.connections),
    duration: Number(options.duration),
    request: next,
    title: 'statistics',
  });
  const loadAfter = loadAverage();
  const cpuPerRequest = serving.requests
    ? Math.round(((cpuMs(api.child.pid) - cpuBefore) / serving.requests) * 100) / 100
    : null;
  await settled();
  // Less the two transactions of this count itself (one read before, one after).
  const transactionsPerRequest = serving.requests
    ? Math.round((((await transactions()) - transactionsBefore - 1) / serving.requests) * 1000) / 1000
    : null;
  console.log(
    `\nServing published tables, ${options.connections} connections, ${options.duration} s, ${managers.length} manager and ${supervisors.length} supervisor sessions: ` +
      `${serving.requests} requests (${serving.rps}/s), p50 ${serving.p50} ms, p95 ${serving.p95} ms, p99 ${serving.p99} ms, ${serving.errors} errors; API CPU ${cpuPerRequest} ms a request, ${transactionsPerRequest} database transactions a request (Accept-Encoding: ${acceptEncoding}); load average ${loadBefore} before, ${loadAfter} after`,
  );
  console.log(`CPU: ${machine.cpus} × ${machine.cpuModel}`);
  const report = {
    label,
    machine,
    command,
    release,
    serving: {
      ...serving,
      connections: Number(options.connections),
      duration: Number(options.duration),
      sessions: { managers: managers.length, supervisors: supervisors.length },
      apiCpuMsPerRequest: cpuPerRequest,
      databaseTransactionsPerRequest: transactionsPerRequest,
      acceptEncoding,
      loadBefore,
      loadAfter,
    },
  };
  mkdirSync(path.join(root, 'tmp/bench'), { recursive: true });
  writeFileSync(path.join(root, 'tmp/bench/statistics-release.json'), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await api.stop();
}
