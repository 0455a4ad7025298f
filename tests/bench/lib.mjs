/**
 * Shared pieces of the benchmark and load scripts: starting the compiled API the way
 * production runs it, signing in through the API, driving load with autocannon, timing
 * SQL with the same concurrency, and reading the server's memory.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A number as a name made of letters (0 → `A`, 26 → `Ba`). Synthetic people need names
 * without digits: the duplicate check ignores them, so `Bench12` and `Bench13` would be
 * the same person, and every registration a duplicate of the ones before.
 */
export function lettersOf(n) {
  let letters = '';
  for (let rest = n; letters.length === 0 || rest > 0; rest = Math.floor(rest / 26))
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
  return letters[0].toUpperCase() + letters.slice(1);
}

/** `--name value` and `--flag` arguments, with defaults. */
export function argumentsOf(defaults) {
  const values = { ...defaults };
  const args = process.argv.slice(2);
  for (let index = 0; index < args.length; index += 1) {
    const name = args[index].replace(/^--/, '');
    const next = args[index + 1];
    if (next === undefined || next.startsWith('--')) values[name] = true;
    else {
      values[name] = next;
      index += 1;
    }
  }
  return values;
}

/**
 * Starts apps/api/dist/main.js with NODE_ENV=production against `databaseUrl` and waits
 * until /api/health answers. Returns the base URL, the child process and a stop function.
 */
export async function startApi({ databaseUrl, masterKey, port, env = {}, log = false, memoryProbe = null }) {
  // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=tmp/prof" profiles the API under load (docs/benchmarks.md).
  const nodeArguments = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // memoryProbe: { file, everyMs } — the heap after a forced full collection, sampled inside the API (memory-probe.mjs).
  if (memoryProbe) nodeArguments.push('--expose-gc', '--import', path.join(root, 'tests/bench/memory-probe.mjs'));
  const child = spawn(process.execPath, [...nodeArguments, path.join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // Migrations as the owner (the URL given); requests as a role that owns nothing, so
      // row-level security applies as in production (Haven creates the role and its grants).
      DATABASE_OWNER_URL: databaseUrl,
      DATABASE_URL: applicationUrlOf(databaseUrl),
      HAVEN_MASTER_KEY: masterKey,
      HAVEN_DEMO: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: path.join(root, 'apps/web/dist'),
      ...(memoryProbe
        ? { BENCH_MEMORY_FILE: memoryProbe.file, BENCH_MEMORY_INTERVAL_MS: String(memoryProbe.everyMs ?? 10_000) }
        : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
    if (log) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited (${child.exitCode}):\n${output.join('')}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The API did not become healthy:\n${output.join('')}`);
    await sleep(250);
  }
  return {
    baseUrl,
    child,
    output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

/** The benchmark's application role on the same server and database (a login role that owns nothing). */
export function applicationUrlOf(ownerUrl) {
  const url = new URL(ownerUrl);
  url.username = 'haven_bench_app';
  url.password = 'haven-bench-application-role';
  return url.toString();
}

/** Resident memory of a process in MB (Linux), or null when it is gone. */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux, 100 ticks a second). */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Samples a process's memory every `everyMs` until stopped; answers the samples. */
export function sampleRss(pid, everyMs = 500) {
  const samples = [];
  const timer = setInterval(() => {
    const value = rssMb(pid);
    if (value !== null) samples.push(value);
  }, everyMs);
  return () => {
    clearInterval(timer);
    return samples;
  };
}

function cookiesOf(response) {
  const jar = {};
  for (const line of response.headers.getSetCookie?.() ?? []) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    jar[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return jar;
}

/** The current code of a TOTP secret (the authenticator app's side). */
async function totpCode(secret) {
  const { generate } = await import('otplib');
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) });
}

async function post(baseUrl, path, jar, body, csrfToken) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: cookieHeader(jar),
      ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { response, jar: { ...jar, ...cookiesOf(response) }, body: text ? JSON.parse(text) : undefined };
}

const cookieHeader = (jar) =>
  Object.entries(jar)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');

/**
 * Signs in through the API as a user would: password, then — when the answer asks for
 * it — a time-based one-time code from the account's secret. An account of a role that
 * must use a second factor and has none yet enrols first (as the web app makes it do):
 * `onEnrolled(secret)` keeps the secret for the next sign-ins. Codes are single-use per
 * 30-second step, so a sign-in right after a confirmation waits for the next step.
 * Answers the headers a signed-in client sends (cookie and CSRF token).
 */
export async function signIn(baseUrl, { email, password, totpSecret, onEnrolled }) {
  let step = await post(baseUrl, '/api/auth/login', {}, { email, password });
  if (!step.response.ok)
    throw new Error(`Sign-in of ${email} failed: ${step.response.status} ${JSON.stringify(step.body)}`);
  if (step.body?.secondFactor === 'required') {
    if (!totpSecret) throw new Error(`${email} needs a second sign-in step, and no TOTP secret is recorded for it`);
    step = await post(baseUrl, '/api/auth/login/second-factor', step.jar, { code: await totpCode(totpSecret) });
    if (!step.response.ok)
      throw new Error(`Second sign-in step of ${email} failed: ${step.response.status} ${JSON.stringify(step.body)}`);
  } else if (onEnrolled) {
    const probe = await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie: cookieHeader(step.jar) } });
    const me = await probe.json();
    const mustEnrol = me?.twoFactor?.enrolmentRequired === true;
    if (mustEnrol) {
      const enrolment = await post(baseUrl, '/api/auth/two-factor/enrolment', step.jar, {}, step.body.csrfToken);
      if (!enrolment.response.ok)
        throw new Error(`Enrolment of ${email} failed: ${enrolment.response.status} ${JSON.stringify(enrolment.body)}`);
      const confirmed = await post(
        baseUrl,
        '/api/auth/two-factor/enrolment/confirm',
        enrolment.jar,
        { code: await totpCode(enrolment.body.secret) },
        step.body.csrfToken,
      );
      if (!confirmed.response.ok)
        throw new Error(`Enrolment of ${email} failed: ${confirmed.response.status} ${JSON.stringify(confirmed.body)}`);
      await onEnrolled(enrolment.body.secret);
      await sleep(30_000 - (Date.now() % 30_000) + 500);
      return signIn(baseUrl, { email, password, totpSecret: enrolment.body.secret });
    }
  }
  const csrfToken = step.body?.csrfToken ?? step.jar.haven_csrf;
  return {
    cookie: cookieHeader(step.jar),
    csrfToken,
    headers: { cookie: cookieHeader(step.jar), 'x-csrf-token': csrfToken },
  };
}

/**
 * One autocannon run. `request` is either a fixed request or a function answering the
 * next request (path, method, body, and headers of its own, e.g. another session's) so a
 * run can walk through many ids.
 *
 * Without `perConnectionRate` each connection sends its next request as soon as the
 * answer arrives (a closed loop: as much load as the server can take). With it, each
 * connection sends at most that many requests a second — a person working through
 * screens rather than a script hammering one.
 *
 * `errors` counts every request that did not end in a 2xx answer; it is the sum of
 * `non2xx` (answered with another status, by status in `statuses`), `timeouts` (no
 * answer within `timeoutSeconds`: autocannon then drops the connection and reconnects)
 * and `connectionErrors` (the connection failed or was closed under the request).
 */
export async function loadTest({
  baseUrl,
  headers,
  connections,
  duration,
  request,
  title,
  perConnectionRate,
  timeoutSeconds = 30,
}) {
  const requests = [
    {
      setupRequest: (current) => {
        const next = typeof request === 'function' ? request() : request;
        return {
          ...current,
          method: next.method ?? 'GET',
          path: next.path,
          headers: {
            ...current.headers,
            ...headers,
            ...next.headers,
            ...(next.body ? { 'content-type': 'application/json' } : {}),
          },
          body: next.body ? JSON.stringify(next.body) : undefined,
        };
      },
    },
  ];
  // Latencies are collected from each response, so p95 is exact (autocannon's histogram reports p97.5).
  const latencies = [];
  const statuses = {};
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration,
    requests,
    title,
    timeout: timeoutSeconds,
    ...(perConnectionRate ? { connectionRate: perConnectionRate } : {}),
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const round = (value) => (value === null ? null : Math.round(value * 10) / 10);
  const non2xx = result.non2xx ?? 0;
  return {
    requests: latencies.length,
    rps: Math.round((latencies.length / duration) * 10) / 10,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    // autocannon's `errors` already includes its `timeouts`.
    errors: result.errors + non2xx,
    non2xx,
    timeouts: result.timeouts,
    connectionErrors: result.errors - result.timeouts,
    statuses,
  };
}

/** Percentile of sorted numbers (nearest rank). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Times plain SQL the way the API sends it, so the API/SQL ratio measures the API and not a
 * different use of the database: `connections` closed loops (as autocannon's connections)
 * share one pool of the API's size (core/database/data-source-options.ts), each query
 * borrows a connection of it as TypeORM does outside transactions, and each loop's
 * iteration runs as the next of `people` (the scenario's rotation of users), so the pool's
 * connections are re-scoped as the API's are — with the API's own pool class
 * (core/database/scoped-connections.ts: the scope written with the first query, prepared
 * statements). `work(db, person)` runs one request's queries; a list and its count go side
 * by side (Promise.all), as the API sends them. Answers latency percentiles in ms.
 */
export async function sqlLoad({ databaseUrl, connections, duration, work, people }) {
  const dist = (file) => path.join(root, 'apps/api/dist', file);
  const { scopedPostgres } = await import(dist('core/database/scoped-connections.js'));
  const { runAsOrganisation } = await import(dist('core/request-context/database-scope.js'));
  const { dataSourceOptions } = await import(dist('core/database/data-source-options.js'));
  const { Pool } = scopedPostgres();
  const pool = new Pool({ connectionString: databaseUrl, max: dataSourceOptions(databaseUrl).extra.max });
  const db = { query: (sql, params) => pool.query(sql, params) };
  const latencies = [];
  let errors = 0;
  let turn = 0;
  const until = Date.now() + duration * 1000;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < until) {
          const person = people[turn++ % people.length];
          const started = process.hrtime.bigint();
          try {
            await runAsOrganisation(person.organisationId, () => work(db, person), person.id ?? null);
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          } catch (error) {
            errors += 1;
            if (errors === 1) console.error(`SQL error: ${error.message}`);
          }
        }
      }),
    );
  } finally {
    await pool.end();
  }
  latencies.sort((a, b) => a - b);
  const round = (value) => (value === null ? null : Math.round(value * 100) / 100);
  return {
    requests: latencies.length,
    rps: Math.round((latencies.length / duration) * 10) / 10,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    errors,
  };
}

/**
 * Waits until the statistics queue (cases changed since they were last projected) is
 * empty — the API projects it in the background every minute — and a statistics release
 * exists (the API makes one at start when there is none); then until the API's database
 * connections have been idle for a second. So that one run's registrations are not
 * projected, nor a release computed, in the middle of the next run's measurement.
 * Returns how many cases were waiting.
 */
export async function settleStatistics({ baseUrl, databaseUrl, managerHeaders, table, timeoutMs = 300_000 }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const pending = async () => (await client.query('SELECT count(*)::int AS n FROM app.stats_pending')).rows[0].n;
    const waiting = await pending();
    const deadline = Date.now() + timeoutMs;
    const released = async () =>
      (await fetch(`${baseUrl}/api/statistics/tables/${table}`, { headers: managerHeaders }).then((response) =>
        response.arrayBuffer().then(() => response.status),
      )) === 200;
    while ((await pending()) > 0 || !(await released())) {
      if (Date.now() > deadline) throw new Error('The statistics queue did not empty, or no release was made, in time');
      await sleep(1_000);
    }
    const busy = async () =>
      (
        await client.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'haven' AND state = 'active'`,
        )
      ).rows[0].n;
    for (let idleSince = Date.now(); Date.now() - idleSince < 1_000; await sleep(100)) {
      if (Date.now() > deadline) throw new Error('The API did not go quiet in time');
      if ((await busy()) > 0) idleSince = Date.now();
    }
    return waiting;
  } finally {
    await client.end();
  }
}

/** What the numbers were measured on. */
export async function machineState(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const {
      rows: [{ server_version: version }],
    } = await client.query('SHOW server_version');
    const {
      rows: [{ shared_buffers: sharedBuffers }],
    } = await client.query('SHOW shared_buffers');
    const {
      rows: [{ size }],
    } = await client.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS size');
    return {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      loadAverage: os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(' '),
      node: process.version,
      postgres: version,
      sharedBuffers,
      databaseSize: size,
    };
  } finally {
    await client.end();
  }
}

/** The machine as it is now, for a line beside a table: load average, cores and CPU model. */
export function machineLine() {
  const cpus = os.cpus();
  return `load average ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} on ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}`;
}

/** Above this load average per core, figures measure the neighbours as much as Haven. */
export const MAX_LOAD_PER_CORE = 1.5;

/**
 * Why the docs' table must not be written from a run that started on this machine state
 * (`machineState`), or null when it may: a busy machine's figures would stand in the
 * docs as Haven's own. `--force` writes anyway (the load is printed beside the table).
 */
export function refusalToWrite(machine, force) {
  const perCore = Number(machine.loadAverage.split(' ')[0]) / machine.cpus;
  if (force || perCore <= MAX_LOAD_PER_CORE) return null;
  return (
    `the load average was ${machine.loadAverage} on ${machine.cpus} cores at the start ` +
    `(${perCore.toFixed(2)} per core, above ${MAX_LOAD_PER_CORE}); the figures stay in tmp/bench. --force writes them anyway`
  );
}

/**
 * Replaces the block between `<!-- name -->` and `<!-- /name -->` in a Markdown file with
 * `block` (markers kept), so a benchmark rewrites its own figures and nothing else.
 */
export function writeMarkedBlock(file, name, block) {
  const begin = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const text = readFileSync(file, 'utf8');
  if (!text.includes(begin) || !text.includes(end)) throw new Error(`${file} has no ${begin} … ${end} block`);
  writeFileSync(
    file,
    `${text.slice(0, text.indexOf(begin))}${begin}\n\n${block}\n\n${end}${text.slice(text.indexOf(end) + end.length)}`,
  );
}
