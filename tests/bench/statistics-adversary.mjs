#!/usr/bin/env node
/**
 * `npm run bench:adversary -- --database-url URL --accounts FILE` (HAVEN_MASTER_KEY set as for the generator)
 *
 * The statistics adversary (tests/security/statistics-adversary.ts, the attack the
 * security tests run on a small generated year) at benchmark size, on a database from
 * `npm run data:generate` — for its purpose, with organisations of very different sizes,
 * one small (`--organisation-weights 60,25,10,4.5,0.5`):
 *
 * 1. makes a release (a revision: every ended period of the release's five years), unless
 *    `--no-release`;
 * 2. collects, through the API, every figure a manager can read — every table and the
 *    indicator report, every organisation alone and all together, by month, quarter and
 *    year, over every ended period of the release — and reads what each organisation's
 *    supervisor can (their own organisation), checking it is the manager's figures of that
 *    organisation (nothing new to model);
 * 3. models them as the security test does (tests/security/statistics-adversary-model.ts:
 *    one unknown per published figure, every relation that holds by construction between
 *    periods, organisations, lines and tables), the true counts recounted without
 *    protection by the API's own repository (compiled, `apps/api/dist`) in one snapshot;
 * 4. runs the attack: interval propagation, then the model split into independent
 *    components, each an exact integer programme (HiGHS) with a time limit per solve
 *    (`--solve-seconds`, 20) and an overall deadline (`--minutes`, 60). It prints the hidden
 *    or small figures pinned (must be 0) and, separately, those left undecided (a solve
 *    stopped at its limit, or the deadline passed): never counted as safe.
 *
 * Options: --months N (only the last N ended months, and the quarters and years within
 * them), --solve-seconds S, --minutes M, --port 3312, --no-release.
 * Results: printed, and as JSON in tmp/bench/statistics-adversary.json. Exit 0 only when
 * nothing is pinned and nothing undecided.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { applicationUrlOf, argumentsOf, machineState, root, signIn, startApi } from './lib.mjs';

const options = argumentsOf({
  'database-url': process.env.DATABASE_URL,
  accounts: 'tmp/bench/accounts.json',
  port: '3312',
});
const masterKey = process.env.HAVEN_MASTER_KEY;
if (!options['database-url'] || !masterKey) {
  console.error(
    'Usage: HAVEN_MASTER_KEY=… npm run bench:adversary -- --database-url URL --accounts FILE [--months N] [--no-release]',
  );
  process.exit(2);
}
const databaseUrl = options['database-url'];
const accounts = JSON.parse(readFileSync(options.accounts, 'utf8'));
const solveSeconds = Number(options['solve-seconds'] ?? 20);
const minutes = Number(options.minutes ?? 60);
const command = `HAVEN_MASTER_KEY=… npm run bench:adversary -- --database-url ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')} --accounts ${options.accounts}${options.months ? ` --months ${options.months}` : ''} --solve-seconds ${solveSeconds} --minutes ${minutes}`;
const seconds = (since) => Math.round((performance.now() - since) / 100) / 10;
const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** The attacker of the security tests and its model, compiled from their TypeScript as they are (types stripped). */
async function loadAdversary() {
  mkdirSync(path.join(root, 'tmp/bench'), { recursive: true });
  for (const name of ['statistics-adversary', 'statistics-adversary-model']) {
    const source = readFileSync(path.join(root, `tests/security/${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(path.join(root, `tmp/bench/${name}.js`), outputText);
  }
  return {
    ...(await import(pathToFileURL(path.join(root, 'tmp/bench/statistics-adversary.js')).href)),
    ...(await import(pathToFileURL(path.join(root, 'tmp/bench/statistics-adversary-model.js')).href)),
  };
}

/** The API's compiled code (`apps/api/dist`, built by `npm run data:generate`): its catalogue, and its counts without protection. */
const dist = (file) => import(pathToFileURL(path.join(root, 'apps/api/dist', file)).href);

/**
 * The true value of every figure the release published: the same grouped counts as the
 * release, in one snapshot, with the identity as protection. Known to the benchmark, not to
 * the attacker: it checks the model is sound and says what a pinned figure is pinned to.
 */
async function exactFigures(ranges, cut) {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    HAVEN_DEMO: 'false',
    DATABASE_OWNER_URL: databaseUrl,
    DATABASE_URL: applicationUrlOf(databaseUrl),
    HAVEN_MASTER_KEY: masterKey,
    LOG_LEVEL: 'warn',
  });
  await import('reflect-metadata');
  const [{ withCommandContext }, { StatisticsModule }, { StatisticsReleaseRepository }, catalogue, release, service] =
    await Promise.all([
      dist('cli/command-context.js'),
      dist('modules/statistics/statistics.module.js'),
      dist('modules/statistics/statistics-release.repository.js'),
      dist('modules/statistics/statistics-catalogue.js'),
      dist('modules/statistics/statistics-release.js'),
      dist('modules/statistics/statistics.service.js'),
    ]);
  const exact = (count) => ({ value: count, display: String(count), suppressed: false });
  const truthOf = new Map();
  await withCommandContext([StatisticsModule], (context) =>
    context.get(StatisticsReleaseRepository).inSnapshot(async (transaction) => {
      const repository = context.get(StatisticsReleaseRepository);
      const scopes = [release.ALL_SCOPE, ...(await repository.organisationScopes(transaction))];
      for (const [granularity, range] of Object.entries(ranges)) {
        for (const definition of catalogue.TABLES) {
          const census =
            definition.source === 'occupancy' ? service.censusMonths({ ...range, granularity }, cut) : undefined;
          const counts = await repository.countTable(
            transaction,
            definition,
            { from: range.from, to: range.to, granularity },
            null,
            service.consentFilter('totals', definition.dimensions.length > 0),
            census,
          );
          for (const scope of scopes)
            for (const period of range.periods) {
              const slice = release.tableSlice(
                definition,
                period,
                counts.filter((count) => count.scope === scope && count.period === period),
                exact,
                scope,
              );
              for (const [kind, figures] of [
                ['cell', slice.cells],
                ['total', slice.totals],
                ['people', slice.population],
              ])
                for (const figure of figures)
                  truthOf.set(
                    `${scope}|${definition.code}|${granularity}|${kind}|${figure.key.join('|')}`,
                    figure.value,
                  );
            }
        }
        const counts = await repository.countIndicators(
          transaction,
          { from: range.from, to: range.to, granularity },
          null,
          service.consentFilter('totals', false),
        );
        for (const scope of scopes)
          for (const period of range.periods) {
            const slice = release.indicatorSlice(
              catalogue.INDICATORS,
              period,
              counts.filter((count) => count.scope === scope && count.period === period),
              exact,
              scope,
            );
            for (const [indicator, figure] of Object.entries(slice))
              truthOf.set(`${scope}|indicators|${granularity}|${indicator}|${period}`, figure.value);
          }
      }
    }),
  );
  return { truthOf, tables: catalogue.TABLES, indicators: catalogue.INDICATORS, allScope: release.ALL_SCOPE };
}

const machine = await machineState(databaseUrl);
console.log(
  `Statistics adversary, ${accounts.cases.toLocaleString('en')} cases: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, load average ${machine.loadAverage} at the start, PostgreSQL ${machine.postgres}`,
);
console.log(`Reproduce: ${command}`);
const { attack, publishedModel } = await loadAdversary();
const started = performance.now();

if (!options['no-release']) {
  const releaseStarted = performance.now();
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
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`The release failed (${code})`);
  console.log(`Release (revision): ${seconds(releaseStarted)} s`);
}

const api = await startApi({ databaseUrl, masterKey, port: Number(options.port) });
let report;
try {
  const manager = await signIn(api.baseUrl, { email: accounts.roles.manager.email, password: accounts.password });
  const catalogue = await (await fetch(`${api.baseUrl}/api/statistics/tables`, { headers: manager.headers })).json();
  const organisations = catalogue.organisations.map((entry) => entry.organisation);
  const cut = new Date(catalogue.release.cutAt);
  // Every ended period of the release (five calendar years, the current one included), or the last N months.
  const monthIndex = (month) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const monthAt = (index) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  const lastEnded = monthIndex(cut.toISOString().slice(0, 7)) - 1;
  const windowStart = (cut.getUTCFullYear() - 4) * 12;
  let first = options.months ? Math.max(windowStart, lastEnded - Number(options.months) + 1) : windowStart;
  first -= first % 3; // whole quarters…
  if (!options.months) first -= first % 12; // …and whole years over the full window
  const months = Array.from({ length: lastEnded - first + 1 }, (_, index) => monthAt(first + index));
  const from = months[0];
  const to = months.at(-1);
  const periodEnd = (month, length) => {
    const index = monthIndex(month);
    return monthAt(index - (index % length) + length - 1);
  };
  console.log(
    `Collecting ${from} to ${to} (${months.length} months) for ${organisations.length} organisations and all of them…`,
  );

  // 2. Everything a manager can read: every table and the indicator report, every scope, by month, quarter and year.
  const collectStarted = performance.now();
  const tableCodes = catalogue.tables.map((entry) => entry.table);
  const scopes = [null, ...organisations];
  const quartersIn = [
    ...new Set(months.map((month) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`)),
  ];
  const ranges = {
    month: { from, to, periods: months },
    quarter: { from, to: periodEnd(to, 3), periods: quartersIn },
    year: {
      from: `${from.slice(0, 4)}-01`,
      to: periodEnd(to, 12),
      periods: [...new Set(months.map((month) => month.slice(0, 4)))],
    },
  };
  const published = new Map();
  let requests = 0;
  const get = async (session, url) => {
    requests += 1;
    const response = await fetch(`${api.baseUrl}${url}`, { headers: session.headers });
    return { status: response.status, body: response.ok ? await response.json() : await response.text() };
  };
  /** Every figure of one scope, keyed as the model names them; `[x]` (a period the release holds nothing for) left out. */
  const readScope = async (session, scopeKey, query) => {
    const figures = new Map();
    for (const granularity of ['month', 'quarter', 'year']) {
      // A quarter or year asked for ends with its last month: the open one's figures come back `[x]` and are left out.
      const range = `from=${ranges[granularity].from}&to=${ranges[granularity].to}&granularity=${granularity}${query}`;
      for (const code of tableCodes) {
        const { status, body } = await get(session, `/api/statistics/tables/${code}?${range}`);
        if (status !== 200) throw new Error(`${code} ${range}: ${status} ${body}`);
        for (const [kind, list] of [
          ['cell', body.cells],
          ['total', body.totals],
          ['people', body.population],
        ])
          for (const figure of list)
            if (figure.display !== '[x]')
              figures.set(`${scopeKey}|${code}|${granularity}|${kind}|${figure.key.join('|')}`, figure);
      }
      const { status, body } = await get(session, `/api/statistics/indicators?${range}`);
      if (status === 403) continue; // a role without the indicator report
      if (status !== 200) throw new Error(`indicators ${range}: ${status} ${body}`);
      for (const indicator of body.indicators)
        for (const figure of indicator.values)
          if (figure.display !== '[x]')
            figures.set(`${scopeKey}|indicators|${granularity}|${indicator.indicator}|${figure.key[0]}`, figure);
    }
    return figures;
  };
  for (const scope of scopes)
    for (const [key, figure] of await readScope(manager, scope ?? null, scope ? `&organisationIds=${scope}` : ''))
      published.set(key, figure);
  // The all-organisations scope is named as the release names it once the catalogue is known (below).
  const secretsFile = `${options.accounts}.supervisors.json`;
  const secrets = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {};
  const domain = accounts.roles.supervisor.email.split('@')[1].split('.').slice(1).join('.');
  let supervisorFigures = 0;
  const supervisorDifferences = [];
  for (let index = 1; index <= organisations.length; index += 1) {
    const email = `supervisor1@shelter${index}.${domain}`;
    let session;
    try {
      session = await signIn(api.baseUrl, {
        email,
        password: accounts.password,
        totpSecret: secrets[email],
        onEnrolled: (secret) => {
          secrets[email] = secret;
          writeFileSync(secretsFile, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
        },
      });
    } catch {
      continue; // fewer shelter organisations than scopes (none is generated without cases)
    }
    const me = await (await fetch(`${api.baseUrl}/api/auth/me`, { headers: session.headers })).json();
    // A supervisor reads their organisation's scope: the manager's figures of that organisation, nothing new to model.
    for (const [key, figure] of await readScope(session, me.organisation.id, '')) {
      supervisorFigures += 1;
      const manager = published.get(key);
      if (!manager || manager.display !== figure.display || manager.value !== figure.value)
        supervisorDifferences.push(key);
    }
  }
  if (supervisorDifferences.length)
    throw new Error(`A supervisor read figures the manager does not: ${supervisorDifferences.slice(0, 5).join(', ')}`);
  const collectSeconds = seconds(collectStarted);
  console.log(
    `Collected ${published.size} figures in ${requests} requests (${supervisorFigures} read by supervisors, the same as the manager's) in ${collectSeconds} s`,
  );

  // 3. The truth (not known to the attacker), and the model.
  const truthStarted = performance.now();
  const exact = await exactFigures(ranges, cut);
  const named = new Map(
    [...published].map(([key, figure]) => [key.startsWith('null|') ? `${exact.allScope}${key.slice(4)}` : key, figure]),
  );
  const model = publishedModel({
    published: named,
    truthOf: exact.truthOf,
    tables: exact.tables,
    indicators: exact.indicators,
    allScope: exact.allScope,
    organisations,
    months,
  });
  if (model.missingTruth.length)
    throw new Error(
      `No true count for ${model.missingTruth.length} figures, e.g. ${model.missingTruth.slice(0, 3).join(', ')}`,
    );
  console.log(
    `Model: ${model.observations.length} figures (one unknown each), ${model.linkages.length} relations, ${model.dropped} relations the data break left out; truth recounted in ${seconds(truthStarted)} s`,
  );

  // 4. The attack.
  const attackStarted = performance.now();
  const loadBefore = loadAverage();
  const loads = [os.loadavg()[0]];
  let result;
  try {
    result = await attack(
      model.observations,
      model.linkages,
      model.keys.length,
      Number(catalogue.controls.k),
      model.truth,
      undefined,
      {
        timeLimitSeconds: solveSeconds,
        deadline: Date.now() + minutes * 60_000,
        progress: (message) => {
          // The solver blocks the event loop: the load is sampled between components.
          loads.push(os.loadavg()[0]);
          console.log(`  ${seconds(attackStarted)} s: ${message}`);
        },
      },
    );
  } finally {
    loads.push(os.loadavg()[0]);
  }
  const attackSeconds = seconds(attackStarted);
  const pinned = result.pinnedByPropagation.length + result.pinnedByIntegerProgramme.length;
  console.log(
    `\nAttack: ${result.targets} hidden or small figures targeted over ${result.components} independent components; ${result.solves} integer programmes (${result.timeLimitsHit} stopped at the ${solveSeconds} s limit) in ${attackSeconds} s (load average ${loadBefore} before, ${loadAverage()} after; 1-minute load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during)`,
  );
  console.log(
    `Hidden figures pinned: ${pinned} (${result.pinnedByPropagation.length} by interval propagation, ${result.pinnedByIntegerProgramme.length} by integer programming) — must be 0`,
  );
  console.log(`Not decided (a solve hit its time limit, or the deadline passed): ${result.undecided.length}`);
  for (const line of [...result.pinnedByPropagation, ...result.pinnedByIntegerProgramme].slice(0, 20))
    console.log(`  pinned: ${line}`);
  for (const line of result.undecided.slice(0, 20)) console.log(`  undecided: ${line}`);
  console.log(`Total ${seconds(started)} s. Reproduce: ${command}`);
  report = {
    machine,
    command,
    cases: accounts.cases,
    organisations: organisations.length,
    months: { from, to, count: months.length },
    requests,
    figures: model.observations.length,
    relations: model.linkages.length,
    dropped: model.dropped,
    targets: result.targets,
    components: result.components,
    solves: result.solves,
    timeLimitsHit: result.timeLimitsHit,
    solveSeconds,
    minutes,
    pinned,
    undecided: result.undecided,
    pinnedByPropagation: result.pinnedByPropagation,
    pinnedByIntegerProgramme: result.pinnedByIntegerProgramme,
    load: { before: loadBefore, after: loadAverage(), min: Math.min(...loads), max: Math.max(...loads) },
    seconds: { collect: collectSeconds, attack: attackSeconds, total: seconds(started) },
  };
  writeFileSync(path.join(root, 'tmp/bench/statistics-adversary.json'), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await api.stop();
}
process.exit(report?.pinned === 0 && report.undecided.length === 0 ? 0 : 1);
