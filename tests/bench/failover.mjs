#!/usr/bin/env node
/**
 * `npm run bench:failover` — the primary PostgreSQL dies under load behind two API replicas.
 *
 * Starts, on this machine (every port on 127.0.0.1, every file in a temporary folder):
 *   - etcd (Debian's etcd-server) as Patroni's consensus store;
 *   - two PostgreSQL 15 nodes managed by Patroni (Debian's patroni): a primary and a
 *     synchronous standby (synchronous_mode, so a commit is acknowledged only once the
 *     standby has it, and only that standby may be promoted);
 *   - HAProxy (Debian's haproxy), one process, two frontends: PostgreSQL routed to whichever
 *     node answers 200 on Patroni's REST `/primary`, and the API replicas checked on
 *     `/api/health/ready` — the configuration of docker/haproxy.cfg with loopback addresses;
 *   - the compiled API (`tsc -b apps/api`) in production mode, first one replica, then two,
 *     all connecting through HAProxy.
 * Then: throughput with one and with two replicas (closed loop through HAProxy); mixed load
 * (caseworkers registering cases and writing notes, others reading) through both replicas;
 * SIGKILL of the leader's postmaster; load kept on while Patroni promotes the standby; and
 * the checks, exiting 1 if any fails:
 *   1. writes succeed again after the kill (the time it took is the headline figure);
 *   2. every failed request failed during the switch and answered 503 with Retry-After
 *      (a 500, a dropped connection or a 503 without Retry-After fails the run);
 *   3. no acknowledged write is lost: every registration answered 201 reads back through the
 *      API after the failover, and every acknowledged note is in the new primary;
 *   4. the audit hash chain is intact (apps/api/dist/cli/verify-audit.js, as in production).
 * Writes tmp/bench/failover.json and, with --write-docs, the block between
 * `<!-- high-availability -->` markers in docs/benchmarks.md.
 *
 * PostgreSQL refuses to run as root: when started as root, the cluster (etcd, Patroni,
 * PostgreSQL, HAProxy) runs as --user (postgres). Nothing is installed by this script.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  applicationUrlOf,
  argumentsOf,
  lettersOf,
  loadTest,
  machineLine,
  root,
  signIn,
  sleep,
  startApi,
  writeMarkedBlock,
} from './lib.mjs';

const options = argumentsOf({
  cases: '1000',
  writers: '4',
  readers: '4',
  before: '20',
  after: '30',
  'throughput-seconds': '15',
  'throughput-connections': '16',
  'base-port': '5540',
  user: 'postgres',
  'postgres-bin': '/usr/lib/postgresql/15/bin',
  'write-docs': false,
  // Writes docs/benchmarks.md from the last run's tmp/bench/failover.json, without running anything.
  'docs-only': false,
  keep: false,
});
const summaryFile = path.join(root, 'tmp/bench/failover.json');
if (options['docs-only']) {
  const last = JSON.parse(readFileSync(summaryFile, 'utf8'));
  writeMarkedBlock(path.join(root, 'docs/benchmarks.md'), 'high-availability', markdownOf(last, last.checks));
  console.log(`docs/benchmarks.md written from ${path.relative(root, summaryFile)} (${last.date})`);
  process.exit(0);
}

// ── What must be installed ─────────────────────────────────────────────────────────────
const required = [
  ['patroni', ['--version']],
  ['etcd', ['--version']],
  ['haproxy', ['-v']],
  [path.join(options['postgres-bin'], 'postgres'), ['--version']],
];
const missing = required.filter(([command, args]) => spawnSync(command, args).status !== 0).map(([command]) => command);
if (missing.length > 0) {
  console.error(
    `Missing: ${missing.join(', ')}. On Debian 12: sudo apt-get install -y patroni etcd-server haproxy postgresql-15\n` +
      '(the etcd-server and haproxy packages start system services on their default ports; this script starts its own on other ports).',
  );
  process.exit(2);
}
if (!existsSync(path.join(root, 'apps/api/dist/main.js'))) {
  console.error('Build the API first: npx tsc -b apps/api');
  process.exit(2);
}
const versionOf = (command, args) => spawnSync(command, args, { encoding: 'utf8' }).stdout.split('\n')[0].trim();
const versions = {
  patroni: versionOf('patroni', ['--version']),
  etcd: versionOf('etcd', ['--version']),
  haproxy: versionOf('haproxy', ['-v']),
  postgres: versionOf(path.join(options['postgres-bin'], 'postgres'), ['--version']),
};

// ── Ports (all on 127.0.0.1) and the temporary folder ───────────────────────────────────
const base = Number(options['base-port']);
const ports = {
  postgresFront: base, // HAProxy → current primary
  nodes: [base + 1, base + 2], // PostgreSQL of each Patroni node
  rest: [base + 11, base + 12], // Patroni REST of each node
  etcdClient: base + 21,
  etcdPeer: base + 22,
  apiFront: base + 30, // HAProxy → API replicas
  apis: [base + 31, base + 32],
};
const asRoot = process.getuid?.() === 0;
const runAs = asRoot
  ? {
      uid: Number(spawnSync('id', ['-u', options.user], { encoding: 'utf8' }).stdout),
      gid: Number(spawnSync('id', ['-g', options.user], { encoding: 'utf8' }).stdout),
    }
  : {};
const folder = mkdtempSync(path.join(os.tmpdir(), 'haven-failover-'));
const ownedFolder = (name) => {
  const folderPath = path.join(folder, name);
  mkdirSync(folderPath, { recursive: true, mode: 0o700 });
  if (asRoot) chownSync(folderPath, runAs.uid, runAs.gid);
  return folderPath;
};
if (asRoot) chownSync(folder, runAs.uid, runAs.gid);

const started = Date.now();
const at = () => Math.round((Date.now() - started) / 100) / 10;
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)} +${at()} s] ${message}`);
const children = [];

/** A long-running child of the cluster, as the non-root user when we are root; its output goes to <name>.log. */
function startDaemon(name, command, args) {
  const output = openSync(path.join(folder, `${name}.log`), 'a');
  const child = spawn(command, args, {
    cwd: folder,
    env: { PATH: process.env.PATH, HOME: folder, LANG: 'C.UTF-8' },
    stdio: ['ignore', output, output],
    ...runAs,
  });
  closeSync(output);
  const daemon = { name, child };
  children.push(daemon);
  return daemon;
}

async function waitFor(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** The status a check URL answers, or null when it does not answer within 3 s (body included). */
const statusOf = (url) =>
  fetch(url, { signal: AbortSignal.timeout(3_000) })
    .then((response) => response.arrayBuffer().then(() => response.status))
    .catch(() => null);

/** The node whose REST check answers 200 on `/primary` — what HAProxy routes to. */
async function primaryIndex() {
  const statuses = await Promise.all(ports.rest.map((port) => statusOf(`http://127.0.0.1:${port}/primary`)));
  return statuses.indexOf(200);
}

/** The node answering 200 on `/sync`: the synchronous standby. */
async function syncStandbyIndex() {
  const statuses = await Promise.all(ports.rest.map((port) => statusOf(`http://127.0.0.1:${port}/sync`)));
  return statuses.indexOf(200);
}

// ── etcd, Patroni, HAProxy ──────────────────────────────────────────────────────────────
function patroniConfig(index) {
  return {
    scope: 'haven-failover',
    namespace: '/haven-bench/',
    name: `pg${index + 1}`,
    restapi: { listen: `127.0.0.1:${ports.rest[index]}`, connect_address: `127.0.0.1:${ports.rest[index]}` },
    etcd3: { hosts: [`127.0.0.1:${ports.etcdClient}`] },
    bootstrap: {
      dcs: {
        // Short timings so a failover takes seconds here; docker/patroni.yml has production's.
        ttl: 20,
        loop_wait: 2,
        retry_timeout: 5,
        maximum_lag_on_failover: 1048576,
        // Fail over at once when the primary's PostgreSQL crashes, rather than restart it in place.
        primary_start_timeout: 0,
        synchronous_mode: true,
        postgresql: {
          use_pg_rewind: true,
          use_slots: true,
          parameters: { wal_log_hints: 'on', max_connections: 200, max_wal_senders: 10, max_replication_slots: 10 },
        },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, 'data-checksums'],
      pg_hba: ['local all all trust', 'host all all 127.0.0.1/32 trust', 'host replication all 127.0.0.1/32 trust'],
    },
    postgresql: {
      listen: `127.0.0.1:${ports.nodes[index]}`,
      connect_address: `127.0.0.1:${ports.nodes[index]}`,
      data_dir: path.join(folder, `pg${index + 1}`, 'data'),
      bin_dir: options['postgres-bin'],
      pgpass: path.join(folder, `pg${index + 1}`, 'pgpass'),
      authentication: {
        superuser: { username: 'postgres', password: 'bench-superuser' },
        replication: { username: 'replicator', password: 'bench-replicator' },
        rewind: { username: 'postgres', password: 'bench-superuser' },
      },
      parameters: { unix_socket_directories: path.join(folder, `pg${index + 1}`) },
    },
  };
}

/**
 * docker/haproxy.cfg with this machine's loopback addresses: the same checks, timings and
 * error answer. Checked with `haproxy -c` first, so the example cannot drift into invalid syntax.
 */
function haproxyConfig() {
  const example = readFileSync(path.join(root, 'docker/haproxy.cfg'), 'utf8');
  return (
    example
      .replace(/^(\s*)bind \*:5432$/m, `$1bind 127.0.0.1:${ports.postgresFront}`)
      .replace(/^(\s*)bind \*:8080$/m, `$1bind 127.0.0.1:${ports.apiFront}`)
      .replace(/^(\s*)server postgres-1 .*$/m, `$1server pg1 127.0.0.1:${ports.nodes[0]} check port ${ports.rest[0]}`)
      .replace(/^(\s*)server postgres-2 .*$/m, `$1server pg2 127.0.0.1:${ports.nodes[1]} check port ${ports.rest[1]}`)
      .replace(/^(\s*)server api-1 .*$/m, `$1server api1 127.0.0.1:${ports.apis[0]} check`)
      .replace(/^(\s*)server api-2 .*$/m, `$1server api2 127.0.0.1:${ports.apis[1]} check`)
      .replace(/^\s*(user|group|daemon|chroot|log|stats socket)\b.*$/gm, '')
      // Every request and connection in haproxy.log (kept with --keep), with how it ended.
      .replace(/^global$/m, 'global\n  log stderr format raw local0 info')
      .replace(/^defaults$/m, 'defaults\n  log global')
      .replace(/^frontend api$/m, 'frontend api\n  option httplog')
  );
}

async function cleanUp() {
  for (const daemon of [...children].reverse()) if (daemon.child.exitCode === null) daemon.child.kill('SIGTERM');
  await sleep(3_000);
  for (const daemon of children) if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  // A postmaster outliving its Patroni (SIGKILLed above) would keep its port.
  for (const index of [0, 1]) {
    const pidFile = path.join(folder, `pg${index + 1}`, 'data', 'postmaster.pid');
    if (!existsSync(pidFile)) continue;
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (!options.keep) rmSync(folder, { recursive: true, force: true });
  else log(`Cluster files and logs kept in ${folder}`);
}
process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
process.on('uncaughtException', (error) => console.error(`Uncaught: ${error.stack}`));

const apis = [];
let summary;
let checks;
try {
  log(`Folder ${folder}; cluster processes run as ${asRoot ? options.user : os.userInfo().username}`);
  ownedFolder('etcd');
  startDaemon('etcd', 'etcd', [
    '--name=haven-bench',
    `--data-dir=${path.join(folder, 'etcd')}`,
    `--listen-client-urls=http://127.0.0.1:${ports.etcdClient}`,
    `--advertise-client-urls=http://127.0.0.1:${ports.etcdClient}`,
    `--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
    `--initial-cluster=haven-bench=http://127.0.0.1:${ports.etcdPeer}`,
    '--listen-metrics-urls=',
  ]);
  await waitFor('etcd', async () => (await statusOf(`http://127.0.0.1:${ports.etcdClient}/health`)) === 200);
  log(`etcd on 127.0.0.1:${ports.etcdClient}`);

  for (const index of [0, 1]) {
    ownedFolder(`pg${index + 1}`);
    const configFile = path.join(folder, `pg${index + 1}`, 'patroni.yml');
    // YAML is a superset of JSON.
    writeFileSync(configFile, JSON.stringify(patroniConfig(index), null, 2));
    if (asRoot) chownSync(configFile, runAs.uid, runAs.gid);
    startDaemon(`patroni-pg${index + 1}`, 'patroni', [configFile]);
    // The first node bootstraps the cluster; the second then copies it (pg_basebackup).
    if (index === 0) await waitFor('the first node to become primary', async () => (await primaryIndex()) === 0);
  }
  await waitFor('a synchronous standby', async () => (await syncStandbyIndex()) === 1, 180_000);
  log(`Patroni: pg1 primary (127.0.0.1:${ports.nodes[0]}), pg2 synchronous standby (127.0.0.1:${ports.nodes[1]})`);

  const haproxyFile = path.join(folder, 'haproxy.cfg');
  writeFileSync(haproxyFile, haproxyConfig());
  const checked = spawnSync('haproxy', ['-c', '-f', haproxyFile], { encoding: 'utf8' });
  if (checked.status !== 0) throw new Error(`HAProxy refuses docker/haproxy.cfg:\n${checked.stdout}${checked.stderr}`);
  startDaemon('haproxy', 'haproxy', ['-db', '-f', haproxyFile]);
  const serverUrl = `postgres://postgres@127.0.0.1:${ports.postgresFront}`;
  await waitFor('HAProxy to route to the primary', async () => {
    const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    client.on('error', () => undefined); // HAProxy cuts the connection while no node is in rotation yet
    try {
      await client.connect();
      const { rows } = await client.query('SELECT pg_is_in_recovery() AS standby');
      return rows[0].standby === false;
    } finally {
      await client.end().catch(() => undefined);
    }
  });
  // HAProxy counts every server up until its checks say otherwise (two failures a second apart):
  // until then a connection may still reach the standby.
  await sleep(3_000);
  log(`HAProxy: PostgreSQL on 127.0.0.1:${ports.postgresFront} (→ /primary), API on 127.0.0.1:${ports.apiFront}`);

  // ── Data and the API replicas ─────────────────────────────────────────────────────────
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE haven');
  await admin.end();
  const databaseUrl = `${serverUrl}/haven`;
  const masterKey = randomBytes(32).toString('base64');
  const accountsFile = path.join(folder, 'accounts.json');
  const generated = spawnSync(
    process.execPath,
    [
      path.join(root, 'tools/generate-data.mjs'),
      ...['--cases', options.cases, '--database-url', databaseUrl, '--master-key', masterKey],
      ...['--accounts', accountsFile, '--no-statistics', '--quiet'],
    ],
    { stdio: 'inherit' },
  );
  if (generated.status !== 0) throw new Error('Data generation failed');
  const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));

  const startReplica = async (index) => {
    const api = await startApi({ databaseUrl, masterKey, port: ports.apis[index] });
    apis[index] = api;
    log(`API replica ${index + 1} on ${api.baseUrl}, pid ${api.child.pid}`);
    return api;
  };
  const front = `http://127.0.0.1:${ports.apiFront}`;
  /** Waits until HAProxy has `count` replicas in rotation (answers carry the replica's name). */
  const inRotation = (count) =>
    waitFor(`${count} replica(s) in HAProxy's rotation`, async () => {
      const seen = new Set();
      for (let i = 0; i < 8; i += 1) {
        const response = await fetch(`${front}/api/health/ready`);
        await response.arrayBuffer();
        if (response.ok) seen.add(response.headers.get('x-haven-replica'));
      }
      return seen.size === count;
    });

  await startReplica(0);
  await inRotation(1);
  const me = accounts.users.caseworker.find((user) => user.email === accounts.roles.caseworker.email);
  const session = await signIn(front, {
    email: accounts.roles.caseworker.email,
    password: accounts.password,
    totpSecret: accounts.roles.caseworker.totpSecret,
    onEnrolled: () => undefined,
  });

  // ── Throughput: one replica, then two ─────────────────────────────────────────────────
  let registrationCount = 0;
  const registrationBody = (prefix) => {
    registrationCount += 1;
    return {
      givenName: `${prefix}${lettersOf(registrationCount)}`,
      familyName: 'Failover',
      estimatedAge: 18 + (registrationCount % 40),
      sex: 'Feminine',
      nationality: 'NG',
      riskLevel: 'medium',
      exploitationTypes: ['ForcedLabour'],
    };
  };
  let turn = 0;
  /** Three reads (a case, the case list, a case) for each registration: a caseworker's morning. */
  const mixedRequest = () => {
    turn += 1;
    if (turn % 4 === 0) return { method: 'POST', path: '/api/cases', body: registrationBody('Through') };
    if (turn % 4 === 2) return { path: '/api/cases?pageSize=25' };
    return { path: `/api/cases/${me.caseIds[turn % me.caseIds.length]}` };
  };
  const throughput = async (replicas) => {
    log(`throughput with ${replicas} replica(s): ${options['throughput-seconds']} s`);
    const result = await loadTest({
      baseUrl: front,
      headers: session.headers,
      connections: Number(options['throughput-connections']),
      duration: Number(options['throughput-seconds']),
      request: mixedRequest,
      title: `${replicas} replica(s)`,
    });
    const line = machineLine();
    log(`  ${result.rps} requests/s, p50 ${result.p50} ms, p95 ${result.p95} ms, errors ${result.errors} (${line})`);
    return { replicas, ...result, machine: line };
  };
  const throughputResults = [await throughput(1)];
  await startReplica(1);
  await inRotation(2);
  throughputResults.push(await throughput(2));

  // ── Mixed load, then the primary dies ─────────────────────────────────────────────────
  const loadStarted = Date.now();
  const since = () => Math.round((Date.now() - loadStarted) / 100) / 10;
  const outcomes = []; // every request: kind, sent, answered (s since the load started), status, retryAfter, replica
  const acknowledgedCases = [];
  const acknowledgedNotes = [];
  const timeline = [];
  let stopLoad = false;
  const mark = (event) => {
    timeline.push({ at: since(), event });
    log(event);
  };

  async function send(kind, pathName, init, headers) {
    const sent = since();
    const outcome = { kind, sent };
    try {
      const response = await fetch(`${front}${pathName}`, {
        ...init,
        headers: { ...headers, ...(init?.body ? { 'content-type': 'application/json' } : {}) },
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      Object.assign(outcome, {
        answered: since(),
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        replica: response.headers.get('x-haven-replica'),
      });
      outcomes.push(outcome);
      return { status: response.status, body: text && response.ok ? JSON.parse(text) : undefined };
    } catch (error) {
      // fetch's TypeError carries the socket's reason (e.g. ECONNRESET, UND_ERR_SOCKET) in its cause.
      Object.assign(outcome, { answered: since(), status: null, error: error.cause?.code ?? error.name });
      outcomes.push(outcome);
      return { status: null };
    }
  }
  /** A client that honours Retry-After (at most a second here, so the switch is measured finely). */
  const pause = (status) => sleep(status === 503 ? 1_000 : 200);

  async function writer() {
    while (!stopLoad) {
      const registered = await send(
        'registration',
        '/api/cases',
        { method: 'POST', body: JSON.stringify(registrationBody('Failover')) },
        session.headers,
      );
      if (registered.status === 201) acknowledgedCases.push({ id: registered.body.id, at: since() });
      else {
        await pause(registered.status);
        continue;
      }
      const target = acknowledgedCases[Math.floor(Math.random() * acknowledgedCases.length)];
      const noted = await send(
        'note',
        `/api/cases/${target.id}/notes`,
        { method: 'POST', body: JSON.stringify({ body: `Follow-up call ${lettersOf(outcomes.length)}.` }) },
        session.headers,
      );
      if (noted.status === 201) acknowledgedNotes.push({ id: noted.body.id, caseId: target.id, at: since() });
      else await pause(noted.status);
    }
  }
  async function reader(index) {
    while (!stopLoad) {
      const pathName =
        index % 2 === 0 || acknowledgedCases.length === 0
          ? '/api/cases?pageSize=25'
          : `/api/cases/${acknowledgedCases[Math.floor(Math.random() * acknowledgedCases.length)].id}`;
      const read = await send('read', pathName, undefined, session.headers);
      if (read.status !== 200) await pause(read.status);
    }
  }
  async function watchCluster() {
    let last = '';
    while (!stopLoad) {
      const [primary, sync] = await Promise.all([primaryIndex(), syncStandbyIndex()]);
      const state = `primary: ${primary < 0 ? 'none' : `pg${primary + 1}`}, synchronous standby: ${sync < 0 ? 'none' : `pg${sync + 1}`}`;
      if (state !== last) mark(`Patroni — ${state}`);
      last = state;
      await sleep(200);
    }
  }

  mark(
    `mixed load: ${options.writers} caseworkers registering cases and writing notes, ${options.readers} reading, through both replicas`,
  );
  const load = [
    watchCluster(),
    ...Array.from({ length: Number(options.writers) }, () => writer()),
    ...Array.from({ length: Number(options.readers) }, (_, index) => reader(index)),
  ];
  await sleep(Number(options.before) * 1000);
  const leader = await primaryIndex();
  const pidFile = path.join(folder, `pg${leader + 1}`, 'data', 'postmaster.pid');
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const acknowledgedBeforeKill = acknowledgedCases.length + acknowledgedNotes.length;
  const killedAt = since();
  const machineAtKill = machineLine();
  process.kill(postmaster, 'SIGKILL');
  mark(`SIGKILL to the postmaster of the leader pg${leader + 1} (pid ${postmaster})`);
  const writesAgain = await waitFor(
    'writes to succeed again',
    async () =>
      outcomes.find(
        (outcome) =>
          (outcome.kind === 'registration' || outcome.kind === 'note') &&
          outcome.sent > killedAt &&
          outcome.status === 201,
      ),
    120_000,
  );
  mark(`first write acknowledged after the kill (sent at +${writesAgain.sent} s)`);
  await sleep(Number(options.after) * 1000);
  const rejoined = await syncStandbyIndex();
  stopLoad = true;
  await Promise.all(load);
  mark('load stopped');

  // ── Checks ────────────────────────────────────────────────────────────────────────────
  const failed = outcomes.filter((outcome) => outcome.status === null || outcome.status >= 300);
  const switchEnds = writesAgain.answered + 5;
  const allowed = (outcome) =>
    outcome.status === 503 &&
    Number(outcome.retryAfter) > 0 &&
    outcome.answered >= killedAt &&
    outcome.sent <= switchEnds;
  const failedOtherwise = failed.filter((outcome) => !allowed(outcome));
  const firstReadAgain = outcomes.find(
    (outcome) => outcome.kind === 'read' && outcome.sent > killedAt && outcome.status === 200,
  );

  // Every acknowledged registration through the API (decrypted identity, audited read), every note in the database.
  // Read back as a client would: a request the proxy or a replica drops is sent again (up to
  // three times); a registration counts as lost only if it never answers 200.
  const readBack = async (id) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await fetch(`${front}/api/cases/${id}`, { headers: session.headers });
        await response.arrayBuffer();
        if (response.status === 200 || attempt === 3) return response.status;
      } catch (error) {
        if (attempt === 3) throw error;
      }
      await sleep(1_000);
    }
  };
  let unreadable = 0;
  const caseIds = acknowledgedCases.map((entry) => entry.id);
  for (let index = 0; index < caseIds.length; index += 8) {
    const statuses = await Promise.all(caseIds.slice(index, index + 8).map(readBack));
    unreadable += statuses.filter((status) => status !== 200).length;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const noteIds = acknowledgedNotes.map((entry) => entry.id);
  const {
    rows: [{ notesFound }],
  } = await client.query(`SELECT count(*)::int AS "notesFound" FROM app.case_note WHERE id = ANY($1::uuid[])`, [
    noteIds,
  ]);
  const {
    rows: [{ casesFound }],
  } = await client.query(`SELECT count(*)::int AS "casesFound" FROM app."case" WHERE id = ANY($1::uuid[])`, [caseIds]);
  await client.end();

  const verify = spawnSync(process.execPath, [path.join(root, 'apps/api/dist/cli/verify-audit.js')], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: applicationUrlOf(databaseUrl),
      DATABASE_OWNER_URL: databaseUrl,
      HAVEN_MASTER_KEY: masterKey,
      NODE_ENV: 'production',
      HAVEN_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
  });
  const auditReport = (verify.stdout || verify.stderr).trim();

  const byKind = (list) =>
    list.reduce((counts, outcome) => {
      const key = `${outcome.kind} ${outcome.status ?? outcome.error}${outcome.retryAfter ? ` (Retry-After ${outcome.retryAfter})` : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {});
  const servedBy = outcomes.reduce((counts, outcome) => {
    if (outcome.replica) counts[outcome.replica] = (counts[outcome.replica] ?? 0) + 1;
    return counts;
  }, {});
  summary = {
    date: new Date(started).toISOString(),
    machine: machineLine(),
    versions,
    cases: Number(options.cases),
    writers: Number(options.writers),
    readers: Number(options.readers),
    replicas: 2,
    throughput: throughputResults,
    throughputConnections: Number(options['throughput-connections']),
    throughputSeconds: Number(options['throughput-seconds']),
    killedAt,
    machineAtKill,
    oldPrimary: `pg${leader + 1}`,
    secondsUntilWritesSucceed: Math.round((writesAgain.answered - killedAt) * 10) / 10,
    secondsUntilReadsSucceed: firstReadAgain ? Math.round((firstReadAgain.answered - killedAt) * 10) / 10 : null,
    oldPrimaryRejoinedAsSyncStandby: rejoined === leader,
    timeline,
    requests: outcomes.length,
    requestsAfterKill: outcomes.filter((outcome) => outcome.sent >= killedAt).length,
    servedBy,
    failed: failed.length,
    failedByKind: byKind(failed),
    failedOtherwise: failedOtherwise.length,
    failedOtherwiseByKind: byKind(failedOtherwise),
    failedRequests: failed.map(({ kind, sent, answered, status, retryAfter, error }) => ({
      kind,
      sent,
      answered,
      status,
      retryAfter,
      error,
    })),
    acknowledged: {
      registrations: acknowledgedCases.length,
      notes: acknowledgedNotes.length,
      beforeKill: acknowledgedBeforeKill,
      afterKill:
        acknowledgedCases.filter((entry) => entry.at > killedAt).length +
        acknowledgedNotes.filter((entry) => entry.at > killedAt).length,
    },
    registrationsReadBack: caseIds.length - unreadable,
    registrationsInDatabase: casesFound,
    notesInDatabase: notesFound,
    lost: caseIds.length - casesFound + unreadable + (noteIds.length - notesFound),
    auditReport,
    auditIntact: verify.status === 0,
  };
  checks = [
    ['writes succeed again after the primary is killed', summary.secondsUntilWritesSucceed !== null],
    [
      'every failed request failed during the switch with 503 and Retry-After (no 500, no dropped connection)',
      summary.failedOtherwise === 0,
    ],
    [
      'no acknowledged write lost (every registration read back through the API, every note in the new primary)',
      summary.lost === 0,
    ],
    ['audit hash chain intact', summary.auditIntact],
  ];
  summary.checks = checks;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const [index, api] of apis.entries()) {
    await api?.stop();
    if (api) writeFileSync(path.join(folder, `api-${index + 1}.log`), api.output.join(''));
  }
  await cleanUp();
}

if (!summary) process.exit(1);
mkdirSync(path.join(root, 'tmp/bench'), { recursive: true });
writeFileSync(summaryFile, JSON.stringify(summary, null, 2));
console.log(JSON.stringify({ ...summary, failedRequests: undefined }, null, 2));
for (const [name, ok] of checks) console.log(`${ok ? '✔' : '✘'} ${name}`);
if (options['write-docs']) {
  writeMarkedBlock(path.join(root, 'docs/benchmarks.md'), 'high-availability', markdownOf(summary, checks));
  log('Written to docs/benchmarks.md');
}
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);

function markdownOf(report, results) {
  const statusList = (counts) =>
    Object.entries(counts)
      .map(([key, count]) => `${key}: ${count}`)
      .join(', ') || 'none';
  return [
    `### Failover under load (${report.date.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `\`npm run bench:failover\` (\`tests/bench/failover.mjs\`) on this machine, ${report.machine} at the end of the run. ` +
      `${report.versions.patroni}, ${report.versions.etcd}, ${report.versions.haproxy.replace(/ - .*$/, '')}, ${report.versions.postgres}: ` +
      `two Patroni nodes (a primary and a synchronous standby), ${report.replicas} API replicas, HAProxy in front of both (docker/haproxy.cfg), ` +
      `${report.cases.toLocaleString('en')} generated cases.`,
    '',
    '**Throughput** (closed loop through HAProxy, 3 reads for each registration, ' +
      `${report.throughputConnections} connections, ${report.throughputSeconds} s each):`,
    '',
    '| replicas | requests/s | p50 ms | p95 ms | p99 ms | errors | machine |',
    '|---:|---:|---:|---:|---:|---:|---|',
    ...report.throughput.map(
      (run) =>
        `| ${run.replicas} | ${run.rps} | ${run.p50} | ${run.p95} | ${run.p99} | ${run.errors} | ${run.machine} |`,
    ),
    '',
    `**Failover** (${report.writers} caseworkers registering cases and writing notes, ${report.readers} reading, through both replicas; answers served by ${statusList(report.servedBy)}; ${report.machineAtKill ?? ''} when the primary was killed):`,
    '',
    ...report.timeline.map((entry) => `- +${entry.at} s — ${entry.event}`),
    '',
    `- Writes succeeded again **${report.secondsUntilWritesSucceed} s** after the kill; reads ${report.secondsUntilReadsSucceed} s.` +
      ` The old primary ${report.oldPrimaryRejoinedAsSyncStandby ? 'rejoined as the synchronous standby' : 'had not rejoined as the synchronous standby'} by the end of the run.`,
    `- Requests: ${report.requests.toLocaleString('en')} (${report.requestsAfterKill.toLocaleString('en')} sent after the kill). Failed: **${report.failed}** — ${statusList(report.failedByKind)}; failed in any other way (500, dropped connection, 503 without Retry-After, outside the switch): **${report.failedOtherwise}**.`,
    `- Acknowledged writes: ${report.acknowledged.registrations.toLocaleString('en')} registrations and ${report.acknowledged.notes.toLocaleString('en')} notes (${report.acknowledged.afterKill.toLocaleString('en')} after the kill). ` +
      `Read back after the failover: ${report.registrationsReadBack.toLocaleString('en')} registrations through the API, ${report.notesInDatabase.toLocaleString('en')} notes in the new primary. **Acknowledged writes lost: ${report.lost}.**`,
    `- Audit chain (\`verify-audit.js\` on the new primary): ${report.auditReport.split('\n')[0]}`,
    '',
    ...results.map(([name, ok]) => `- ${ok ? '✔' : '✘'} ${name}`),
  ].join('\n');
}
