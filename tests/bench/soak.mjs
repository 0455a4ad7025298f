#!/usr/bin/env node
/**
 * `npm run bench:soak -- --database-url postgres://…/haven_100k --master-key <base64> --accounts FILE --minutes 10`
 *
 * Mixed load for a while against the compiled API (production mode) on a generated
 * database, as people make it: caseworkers list their cases and open them, supervisors
 * search and read the occupancy board, a partner reads the inbox, a manager the
 * indicator report, and caseworkers register cases — all at once, each stream its own
 * autocannon run. Each connection is one person sending at most one request a second
 * (`--rate`), so the load is the same whatever the machine, and a slow answer shows as
 * latency instead of as fewer requests.
 *
 * Memory: RSS is read from /proc every 5 s; inside the API, tests/bench/memory-probe.mjs
 * forces a full collection every 10 s and records the heap still in use. RSS after
 * start-up mostly follows V8 sizing its heap (it grows to a plateau and seldom gives
 * pages back), so the leak check is on the heap in use after a full collection.
 *
 * Checks, and exits 1 if any fails:
 *   - no errors: every answer 2xx, no connection dropped under a request;
 *   - no timeouts: every request answered within --timeout seconds (30);
 *   - heap stable: over the second half of the run (the first half is warm-up) the heap
 *     in use after a full collection grows by less than 10 % and its fitted trend is
 *     under 1 MB a minute;
 *   - RSS settled: over the second half RSS trends under 5 MB a minute.
 * Writes tmp/bench/soak.json and the summary into docs/benchmarks.md (`--no-write` to skip).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { argumentsOf, lettersOf, loadTest, root, rssMb, signIn, sleep, startApi } from './lib.mjs';

const options = argumentsOf({
  'database-url': process.env.DATABASE_URL,
  'master-key': process.env.HAVEN_MASTER_KEY,
  accounts: 'tmp/bench/accounts.json',
  minutes: '10',
  port: '3195',
  rate: '1',
  timeout: '30',
  out: 'docs/benchmarks.md',
});
if (!options['database-url'] || !options['master-key']) {
  console.error(
    'Usage: node tests/bench/soak.mjs --database-url URL --master-key BASE64 [--accounts FILE] [--minutes 10] [--rate 1] [--no-write]',
  );
  process.exit(2);
}
const accounts = JSON.parse(readFileSync(options.accounts, 'utf8'));
const seconds = Math.round(Number(options.minutes) * 60);
const perUserRate = Number(options.rate);
const timeoutSeconds = Number(options.timeout);
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

mkdirSync(path.join(root, 'tmp/bench'), { recursive: true });
const memoryFile = path.join(root, 'tmp/bench/soak-memory.jsonl');
rmSync(memoryFile, { force: true });
const loadAverageAtStart = os
  .loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
const api = await startApi({
  databaseUrl: options['database-url'],
  masterKey: options['master-key'],
  port: Number(options.port),
  memoryProbe: { file: memoryFile, everyMs: 10_000 },
});
const pid = api.child.pid;
let summary;
try {
  const sessions = {};
  for (const role of ['caseworker', 'supervisor', 'partner', 'manager']) {
    sessions[role] = await signIn(api.baseUrl, {
      email: accounts.roles[role].email,
      password: accounts.password,
      totpSecret: accounts.roles[role].totpSecret,
      onEnrolled: (secret) => {
        accounts.roles[role].totpSecret = secret;
        writeFileSync(options.accounts, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
      },
    });
  }
  // Each stream walks its own lists; registrations get names of their own in every run.
  const walker = () => {
    let step = 0;
    return { step: () => (step += 1), pick: (list) => list[step % list.length] };
  };
  const runTag = Date.now() % 1_000_000;
  const streams = [
    {
      name: 'caseworkers list and open cases',
      role: 'caseworker',
      users: 6,
      ...walker(),
      request() {
        return this.step() % 3 === 0
          ? { path: '/api/cases?page=1&pageSize=25' }
          : { path: `/api/cases/${this.pick(accounts.sample.caseIds)}` };
      },
    },
    {
      name: 'supervisors search, read the board',
      role: 'supervisor',
      users: 2,
      ...walker(),
      request() {
        return this.step() % 4 === 0
          ? { path: '/api/shelters/occupancy' }
          : { path: `/api/cases?reference=${this.pick(accounts.sample.organisationReferences).slice(0, 7)}` };
      },
    },
    { name: 'partner reads the inbox', role: 'partner', users: 1, request: () => ({ path: '/api/referrals/inbox' }) },
    {
      name: 'manager reads the indicator report',
      role: 'manager',
      users: 1,
      request: () => ({ path: '/api/statistics/indicators?granularity=quarter' }),
    },
    {
      name: 'caseworkers register cases',
      role: 'caseworker',
      users: 2,
      ...walker(),
      request() {
        const n = this.step();
        return {
          method: 'POST',
          path: '/api/cases',
          body: {
            givenName: `Soak${lettersOf(runTag)}`,
            familyName: `Sample${lettersOf(n)}`,
            estimatedAge: 18 + (n % 40),
            sex: 'Feminine',
            nationality: 'ET',
            riskLevel: 'medium',
            exploitationTypes: ['ForcedLabour'],
          },
        };
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
  log(
    `soak: ${seconds} s of mixed load, ${streams.reduce((sum, stream) => sum + stream.users, 0)} people in ${streams.length} streams, each at most ${perUserRate} request(s) a second`,
  );
  const results = await Promise.all(
    streams.map(async (stream) => ({
      stream: stream.name,
      users: stream.users,
      ...(await loadTest({
        baseUrl: api.baseUrl,
        headers: sessions[stream.role].headers,
        connections: stream.users,
        duration: seconds,
        request: () => stream.request(),
        perConnectionRate: perUserRate,
        timeoutSeconds,
      })),
    })),
  );
  running = false;
  await sampler;
  await sleep(500);

  const heap = existsSync(memoryFile)
    ? readFileSync(memoryFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .map(({ at, ...sample }) => ({ second: Math.round((at - startedAt) / 1000), ...sample }))
        .filter((sample) => sample.second >= 0 && sample.second <= seconds)
    : [];
  const secondHalf = (samples) => samples.filter((sample) => sample.second >= seconds / 2);
  const rssHalf = secondHalf(rss);
  const heapHalf = secondHalf(heap).map((sample) => ({ second: sample.second, mb: sample.heapUsedMb }));
  const sum = (key) => results.reduce((total, result) => total + result[key], 0);
  summary = {
    date: new Date().toISOString(),
    loadAverageAtStart,
    cpus: os.cpus().length,
    minutes: Number(options.minutes),
    perUserRate,
    timeoutSeconds,
    cases: accounts.cases,
    requests: sum('requests'),
    errors: sum('non2xx') + sum('connectionErrors'),
    timeouts: sum('timeouts'),
    streams: results,
    rss: { ...trendOf(rss), secondHalf: trendOf(rssHalf) },
    heapAfterGc: {
      ...trendOf(heap.map((sample) => ({ second: sample.second, mb: sample.heapUsedMb }))),
      secondHalf: trendOf(heapHalf),
      gcMsMax: Math.max(...heap.map((sample) => sample.gcMs)),
      handles: { first: heap[0]?.handles, last: heap.at(-1)?.handles },
    },
    rssSamples: rss,
    heapSamples: heap,
  };
  summary.heapStable =
    heapHalf.length >= 3 &&
    summary.heapAfterGc.secondHalf.max <= summary.heapAfterGc.secondHalf.first * 1.1 &&
    summary.heapAfterGc.secondHalf.trendMbPerMinute < 1;
  summary.rssSettled = rssHalf.length >= 3 && summary.rss.secondHalf.trendMbPerMinute < 5;
} finally {
  await api.stop();
}

writeFileSync(path.join(root, 'tmp/bench/soak.json'), JSON.stringify(summary, null, 2));
for (const stream of summary.streams) {
  log(
    `${stream.stream} (${stream.users}): ${stream.requests} requests, p50 ${stream.p50} ms, p95 ${stream.p95} ms, p99 ${stream.p99} ms, statuses ${JSON.stringify(stream.statuses)}, timeouts ${stream.timeouts}, connection errors ${stream.connectionErrors}`,
  );
}
log(
  `RSS: first ${summary.rss.first} MB, max ${summary.rss.max}, last ${summary.rss.last}; second half ${summary.rss.secondHalf.first} → ${summary.rss.secondHalf.last} MB, trend ${summary.rss.secondHalf.trendMbPerMinute} MB/min`,
);
log(
  `Heap in use after a full GC: first ${summary.heapAfterGc.first} MB, max ${summary.heapAfterGc.max}, last ${summary.heapAfterGc.last}; second half ${summary.heapAfterGc.secondHalf.first} → ${summary.heapAfterGc.secondHalf.last} MB, trend ${summary.heapAfterGc.secondHalf.trendMbPerMinute} MB/min`,
);
const checks = [
  ['no errors (every answer 2xx, no dropped connection)', summary.errors === 0],
  [`no timeouts (every request answered within ${timeoutSeconds} s)`, summary.timeouts === 0],
  ['heap in use after a full GC stable over the second half', summary.heapStable],
  ['RSS settled over the second half', summary.rssSettled],
];
for (const [name, ok] of checks) console.log(`${ok ? '✔' : '✘'} ${name}`);
if (options['no-write'] !== true) writeMarkdown(path.join(root, options.out), summary, checks);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);

/** First, last, extremes and least-squares slope (MB per minute) of `{ second, mb }` samples. */
function trendOf(samples) {
  if (samples.length === 0) return { first: null, last: null, min: null, max: null, trendMbPerMinute: 0 };
  const values = samples.map((sample) => sample.mb);
  return {
    first: values[0],
    last: values.at(-1),
    min: Math.min(...values),
    max: Math.max(...values),
    trendMbPerMinute: fittedSlopePerMinute(samples),
  };
}

function fittedSlopePerMinute(samples) {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const meanX = samples.reduce((total, s) => total + s.second, 0) / n;
  const meanY = samples.reduce((total, s) => total + s.mb, 0) / n;
  const covariance = samples.reduce((total, s) => total + (s.second - meanX) * (s.mb - meanY), 0);
  const variance = samples.reduce((total, s) => total + (s.second - meanX) ** 2, 0);
  return variance === 0 ? 0 : Math.round((covariance / variance) * 60 * 100) / 100;
}

/** Replaces the soak block (between `<!-- soak -->` and `<!-- /soak -->`) in docs/benchmarks.md. */
function writeMarkdown(file, report, results) {
  const begin = '<!-- soak -->';
  const end = '<!-- /soak -->';
  const heapEvery = (samples, step) => samples.filter((_, index) => index % step === 0 || index === samples.length - 1);
  const minuteMarks = (samples, key) =>
    heapEvery(samples, Math.max(1, Math.round(samples.length / 10)))
      .map((sample) => `${sample.second} s: ${sample[key]}`)
      .join(' · ');
  const lines = [
    begin,
    '',
    `### Soak: ${report.minutes} minutes of mixed load (${report.date.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `\`npm run bench:soak\` (\`tests/bench/soak.mjs\`) on ${report.cases.toLocaleString('en')} generated cases, ${report.cpus} CPUs shared with other work (load average ${report.loadAverageAtStart} at the start). ` +
      `${report.streams.reduce((total, stream) => total + stream.users, 0)} people at once, each a connection sending at most ${report.perUserRate} request a second; a request unanswered after ${report.timeoutSeconds} s counts as a timeout.`,
    '',
    '| stream | people | requests | p50 | p95 | p99 | answers by status | timeouts | dropped connections |',
    '|---|---:|---:|---:|---:|---:|---|---:|---:|',
    ...report.streams.map(
      (stream) =>
        `| ${stream.stream} | ${stream.users} | ${stream.requests} | ${stream.p50} | ${stream.p95} | ${stream.p99} | ${
          Object.entries(stream.statuses)
            .map(([status, count]) => `${status}: ${count}`)
            .join(', ') || '–'
        } | ${stream.timeouts} | ${stream.connectionErrors} |`,
    ),
    '',
    'Latencies in ms, from each answer (exact percentiles).',
    '',
    `- Heap in use after a full collection (forced every 10 s inside the API by \`tests/bench/memory-probe.mjs\`): ${report.heapAfterGc.first} MB at the start, ${report.heapAfterGc.max} MB at most, ${report.heapAfterGc.last} MB at the end; ` +
      `over the second half ${report.heapAfterGc.secondHalf.first} → ${report.heapAfterGc.secondHalf.last} MB, trend **${report.heapAfterGc.secondHalf.trendMbPerMinute} MB/min**. Longest forced collection ${report.heapAfterGc.gcMsMax} ms; open handles ${report.heapAfterGc.handles.first} → ${report.heapAfterGc.handles.last}.`,
    `  ${minuteMarks(report.heapSamples, 'heapUsedMb')} (MB)`,
    `- RSS: ${report.rss.first} MB at the start, ${report.rss.max} MB at most, ${report.rss.last} MB at the end; over the second half ${report.rss.secondHalf.first} → ${report.rss.secondHalf.last} MB, trend **${report.rss.secondHalf.trendMbPerMinute} MB/min**.`,
    `  ${minuteMarks(report.rssSamples, 'mb')} (MB)`,
    '',
    ...results.map(([name, ok]) => `- ${ok ? '✔' : '✘'} ${name}`),
    '',
    end,
  ];
  const block = lines.join('\n');
  let text = readFileSync(file, 'utf8');
  if (text.includes(begin) && text.includes(end))
    text = text.slice(0, text.indexOf(begin)) + block + text.slice(text.indexOf(end) + end.length);
  else if (text.includes(begin)) text = text.replace(begin, block);
  else text = `${text.trimEnd()}\n\n## Load and recovery\n\n${block}\n`;
  writeFileSync(file, text);
  log(`Summary written to ${path.relative(root, file)} and tmp/bench/soak.json.`);
}
