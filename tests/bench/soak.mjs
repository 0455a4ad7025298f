#!/usr/bin/env node
/**
 * `npm run bench:soak -- --database-url postgres://…/haven_100k --master-key <base64> --minutes 10`
 *
 * Mixed load for a while against the compiled API (production mode) on a generated
 * database: caseworkers list their cases and open them, a supervisor searches and reads
 * the occupancy board, a partner reads the inbox, a manager the indicator report, and
 * caseworkers register cases — all at once, each stream its own autocannon run.
 * Samples the API's memory (RSS) every 5 s. Checks, and exits 1 if any fails:
 *   - no errors (every answer 2xx, no timeouts);
 *   - memory stable: over the second half of the run RSS grows by less than 10 % and
 *     its fitted trend is under 2 MB a minute.
 * Writes tmp/bench/soak.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { argumentsOf, loadTest, root, rssMb, signIn, sleep, startApi } from './lib.mjs';

const options = argumentsOf({
  'database-url': process.env.DATABASE_URL,
  'master-key': process.env.HAVEN_MASTER_KEY,
  accounts: 'tmp/bench/accounts.json',
  minutes: '10',
  port: '3195',
});
if (!options['database-url'] || !options['master-key']) {
  console.error('Usage: node tests/bench/soak.mjs --database-url URL --master-key BASE64 [--accounts FILE] [--minutes 10]');
  process.exit(2);
}
const accounts = JSON.parse(readFileSync(options.accounts, 'utf8'));
const seconds = Math.round(Number(options.minutes) * 60);
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const api = await startApi({ databaseUrl: options['database-url'], masterKey: options['master-key'], port: Number(options.port) });
const pid = api.child.pid;
let summary;
try {
  const sessions = {};
  for (const role of ['caseworker', 'supervisor', 'partner', 'manager']) {
    sessions[role] = await signIn(api.baseUrl, { email: accounts.roles[role].email, password: accounts.password, totpSecret: accounts.roles[role].totpSecret,
      onEnrolled: (secret) => {
        accounts.roles[role].totpSecret = secret;
        writeFileSync(options.accounts, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
      },
    });
  }
  let cursor = 0;
  const next = (list) => list[(cursor += 1) % list.length];
  const streams = [
    { name: 'caseworker lists and opens cases', role: 'caseworker', connections: 6, request: () => (cursor % 3 === 0 ? { path: '/api/cases?page=1&pageSize=25' } : { path: `/api/cases/${next(accounts.sample.caseIds)}` }) },
    { name: 'supervisor searches, reads the board', role: 'supervisor', connections: 2, request: () => (cursor % 4 === 0 ? { path: '/api/shelters/occupancy' } : { path: `/api/cases?reference=${next(accounts.sample.organisationReferences).slice(0, 7)}` }) },
    { name: 'partner inbox', role: 'partner', connections: 1, request: () => ({ path: '/api/referrals/inbox' }) },
    { name: 'manager indicator report', role: 'manager', connections: 1, request: () => ({ path: '/api/statistics/indicators?granularity=quarter' }) },
    {
      name: 'caseworker registers cases',
      role: 'caseworker',
      connections: 2,
      request: () => {
        const n = (cursor += 1);
        return { method: 'POST', path: '/api/cases', body: { givenName: `Soak${n}`, familyName: 'Sample', estimatedAge: 18 + (n % 40), sex: 'Feminine', nationality: 'ET', riskLevel: 'medium', exploitationTypes: ['ForcedLabour'] } };
      },
    },
  ];

  const rss = [];
  const startedAt = Date.now();
  let running = true;
  const sampler = (async () => {
    while (running) {
      const value = rssMb(pid);
      if (value !== null) rss.push({ second: Math.round((Date.now() - startedAt) / 1000), mb: value });
      if (rss.length % 12 === 0) log(`RSS ${value} MB`);
      await sleep(5000);
    }
  })();
  log(`soak: ${seconds} s of mixed load, ${streams.reduce((sum, stream) => sum + stream.connections, 0)} connections in ${streams.length} streams`);
  const results = await Promise.all(
    streams.map(async (stream) => ({ stream: stream.name, connections: stream.connections, ...(await loadTest({ baseUrl: api.baseUrl, headers: sessions[stream.role].headers, connections: stream.connections, duration: seconds, request: stream.request })) })),
  );
  running = false;
  await sampler;

  const secondHalf = rss.filter((sample) => sample.second >= seconds / 2);
  const slope = fittedSlopePerMinute(secondHalf);
  const halfStart = secondHalf[0]?.mb ?? null;
  const halfMax = Math.max(...secondHalf.map((sample) => sample.mb));
  const errors = results.reduce((sum, result) => sum + result.errors, 0);
  summary = {
    date: new Date().toISOString(),
    minutes: Number(options.minutes),
    cases: accounts.cases,
    requests: results.reduce((sum, result) => sum + result.requests, 0),
    errors,
    streams: results.map(({ statuses, ...rest }) => ({ ...rest, statuses })),
    rss: { first: rss[0]?.mb, min: Math.min(...rss.map((s) => s.mb)), max: Math.max(...rss.map((s) => s.mb)), last: rss[rss.length - 1]?.mb, secondHalfStart: halfStart, secondHalfMax: halfMax, trendMbPerMinute: slope },
    samples: rss,
  };
  summary.memoryStable = halfStart !== null && halfMax <= halfStart * 1.1 && slope < 2;
} finally {
  await api.stop();
}

mkdirSync(path.join(root, 'tmp/bench'), { recursive: true });
writeFileSync(path.join(root, 'tmp/bench/soak.json'), JSON.stringify(summary, null, 2));
for (const stream of summary.streams) log(`${stream.stream} (${stream.connections} conn.): ${stream.requests} requests, p50 ${stream.p50} ms, p95 ${stream.p95} ms, p99 ${stream.p99} ms, errors ${stream.errors}`);
log(`RSS: first ${summary.rss.first} MB, min ${summary.rss.min}, max ${summary.rss.max}, last ${summary.rss.last}; trend over the second half ${summary.rss.trendMbPerMinute} MB/min`);
const checks = [
  ['no errors', summary.errors === 0],
  ['memory stable over the second half', summary.memoryStable],
];
for (const [name, ok] of checks) console.log(`${ok ? '✔' : '✘'} ${name}`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);

/** Least-squares slope of RSS over time, in MB per minute. */
function fittedSlopePerMinute(samples) {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const meanX = samples.reduce((sum, s) => sum + s.second, 0) / n;
  const meanY = samples.reduce((sum, s) => sum + s.mb, 0) / n;
  const covariance = samples.reduce((sum, s) => sum + (s.second - meanX) * (s.mb - meanY), 0);
  const variance = samples.reduce((sum, s) => sum + (s.second - meanX) ** 2, 0);
  return variance === 0 ? 0 : Math.round((covariance / variance) * 60 * 100) / 100;
}
