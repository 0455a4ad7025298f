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
 * 2. collects, through the API, every figure of the four tables over new cases with a
 *    statistics consent (by status, region, nationality, age band and sex) that a manager
 *    can read — every organisation alone and all together, by month, quarter and year,
 *    over every ended period of the release — and what each organisation's supervisor
 *    reads for their own;
 * 3. models the true counts as the security test does: one unknown per organisation,
 *    month, table and combination of values (and per organisation and month for people
 *    without a statistics consent), every published figure a bound on a sum of them, and
 *    every table over the same people per organisation and month; the truth comes from
 *    the projection (`stats.case_row`), read as the database owner;
 * 4. runs the attack (interval propagation, then exact integer programming with HiGHS)
 *    and prints how many hidden or small figures it pinned — it must be 0 — with the time
 *    each stage took and the command that reproduces it.
 *
 * Options: --months N (only the last N ended months, and the quarters and years within
 * them: a smaller model when the whole window takes too long), --port 3312, --no-release.
 * Results: printed, and as JSON in tmp/bench/statistics-adversary.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
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
const command = `HAVEN_MASTER_KEY=… npm run bench:adversary -- --database-url ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')} --accounts ${options.accounts}${options.months ? ` --months ${options.months}` : ''}`;
const seconds = (since) => Math.round((performance.now() - since) / 100) / 10;
const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** The attacker of the security tests, compiled from its TypeScript as it is (one file, types stripped). */
async function loadAdversary() {
  const source = readFileSync(path.join(root, 'tests/security/statistics-adversary.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  mkdirSync(path.join(root, 'tmp/bench'), { recursive: true });
  const file = path.join(root, 'tmp/bench/statistics-adversary.mjs');
  writeFileSync(file, outputText);
  return import(pathToFileURL(file).href);
}

/** The four tables over the same people, with the projection's column of each dimension (statistics-catalogue.ts). */
const TABLES = {
  'cases-by-status': ['status'],
  'cases-by-region': ['region'],
  'cases-by-nationality': ['nationality'],
  'age-sex-pyramid': ['age_band', 'sex'],
};

const machine = await machineState(databaseUrl);
console.log(
  `Statistics adversary, ${accounts.cases.toLocaleString('en')} cases: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, load average ${machine.loadAverage} at the start, PostgreSQL ${machine.postgres}`,
);
console.log(`Reproduce: ${command}`);
const { attack } = await loadAdversary();
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

const owner = new pg.Client({ connectionString: databaseUrl });
await owner.connect();
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
  const monthsOf = (period) =>
    /^\d{4}$/.test(period)
      ? months.filter((month) => month.startsWith(period))
      : /Q(\d)$/.test(period)
        ? months.filter(
            (month) =>
              month.startsWith(period.slice(0, 4)) &&
              Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1 === Number(period.slice(-1)),
          )
        : [period];
  console.log(
    `Collecting ${from} to ${to} (${months.length} months) for ${organisations.length} organisations and all of them…`,
  );

  // 2. Everything a manager can read of these tables, and each supervisor's own organisation.
  const collectStarted = performance.now();
  const collected = [];
  const read = async (session, scopeOf, query) => {
    for (const code of Object.keys(TABLES)) {
      for (const granularity of ['month', 'quarter', 'year']) {
        // A quarter or year asked for must end with its last month: the open one's figures come back `[x]` and are skipped.
        const end = granularity === 'month' ? to : periodEnd(to, granularity === 'quarter' ? 3 : 12);
        const url = `/api/statistics/tables/${code}?from=${from}&to=${end}&granularity=${granularity}${query}`;
        const response = await fetch(`${api.baseUrl}${url}`, { headers: session.headers });
        if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
        collected.push({ scope: scopeOf, table: await response.json() });
      }
    }
  };
  await read(manager, null, '');
  for (const organisation of organisations) await read(manager, organisation, `&organisationIds=${organisation}`);
  const secretsFile = `${options.accounts}.supervisors.json`;
  const secrets = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {};
  const domain = accounts.roles.supervisor.email.split('@')[1].split('.').slice(1).join('.');
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
    await read(session, me.organisation.id, '');
  }
  const collectSeconds = seconds(collectStarted);

  // 3. The truth, per organisation, month, consent and values, from the projection (not known to the attacker).
  const { rows } = await owner.query(
    `SELECT organisation_id::text AS organisation, registered_month AS month, consented, status, region, nationality, age_band, sex,
            count(DISTINCT person_key)::int AS people
       FROM stats.case_row WHERE new_case AND registered_month BETWEEN $1 AND $2
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
    [from, to],
  );
  const atomIndex = new Map();
  const truth = [];
  const atom = (key) => {
    let index = atomIndex.get(key);
    if (index === undefined) {
      index = truth.length;
      atomIndex.set(key, index);
      truth.push(0);
    }
    return index;
  };
  for (const row of rows) {
    if (!row.consented) {
      truth[atom(`nc|${row.organisation}|${row.month}`)] += row.people;
      continue;
    }
    for (const [code, fields] of Object.entries(TABLES))
      truth[atom(`${code}|${row.organisation}|${row.month}|${fields.map((field) => row[field]).join('|')}`)] +=
        row.people;
  }
  for (const organisation of organisations) for (const month of months) atom(`nc|${organisation}|${month}`);
  const byGroup = new Map();
  for (const [key, index] of atomIndex) {
    const [table, organisation, month, ...values] = key.split('|');
    const group = `${table}|${organisation}|${month}`;
    if (!byGroup.has(group)) byGroup.set(group, []);
    byGroup.get(group).push({ index, values });
  }
  const atomsOf = (code, scope, periodMonths, values) =>
    scope.flatMap((organisation) =>
      periodMonths.flatMap((month) =>
        (byGroup.get(`${code}|${organisation}|${month}`) ?? [])
          .filter((entry) => values.every((value, position) => value === null || value === entry.values[position]))
          .map((entry) => entry.index),
      ),
    );
  const observations = [];
  let emptyShownAsZero = 0;
  for (const { scope: scopeId, table } of collected) {
    const scope = scopeId ? [scopeId] : organisations;
    const parts = [
      ...table.cells.map((figure) => [figure, false]),
      ...table.totals.map((figure) => [figure, false]),
      ...table.population.map((figure) => [figure, true]),
    ];
    for (const [figure, population] of parts) {
      if (figure.display === '[x]') continue; // a period the release holds nothing for
      const periodMonths = monthsOf(figure.key[0]);
      let atoms = atomsOf(table.table, scope, periodMonths, figure.key.slice(1));
      if (population)
        atoms = [
          ...atoms,
          ...scope.flatMap((organisation) => periodMonths.map((month) => atom(`nc|${organisation}|${month}`))),
        ];
      if (atoms.length === 0) {
        // Nobody has this combination: the figure must show 0 (and then says nothing the attacker can use).
        if (figure.display !== '0')
          throw new Error(`${table.table} ${figure.key.join(' ')} has nobody but shows ${figure.display}`);
        emptyShownAsZero += 1;
        continue;
      }
      observations.push({
        label: `${table.table} ${scopeId ? `org ${organisations.indexOf(scopeId) + 1}` : 'all'} ${figure.key.map((part) => part ?? '*').join(' ')}`,
        atoms,
        display: figure.display,
        value: figure.value,
      });
    }
  }
  // The same people in every table: per organisation and month, each table's cells add up to the same number.
  const linkages = [];
  for (const organisation of organisations) {
    for (const month of months) {
      const [firstTable, ...others] = Object.entries(TABLES).map(([code, fields]) =>
        atomsOf(
          code,
          [organisation],
          [month],
          fields.map(() => null),
        ),
      );
      for (const other of others) linkages.push({ label: `${organisation} ${month}`, plus: firstTable, minus: other });
    }
  }
  console.log(
    `Collected ${collected.length} tables in ${collectSeconds} s: ${observations.length} figures over ${truth.length} unknowns, ${linkages.length} links between tables (${emptyShownAsZero} empty combinations shown 0)`,
  );

  // 4. The attack.
  const attackStarted = performance.now();
  const loadBefore = loadAverage();
  const result = await attack(observations, linkages, truth.length, Number(catalogue.controls.k), truth);
  const attackSeconds = seconds(attackStarted);
  const pinned = result.pinnedByPropagation.length + result.pinnedByIntegerProgramme.length;
  console.log(
    `\nAttack: ${result.targets} hidden or small figures targeted, ${result.solves} integer programmes solved in ${attackSeconds} s (load average ${loadBefore} before, ${loadAverage()} after)`,
  );
  console.log(
    `Hidden figures pinned: ${pinned} (${result.pinnedByPropagation.length} by interval propagation, ${result.pinnedByIntegerProgramme.length} by integer programming) — must be 0`,
  );
  for (const line of [...result.pinnedByPropagation, ...result.pinnedByIntegerProgramme].slice(0, 20))
    console.log(`  pinned: ${line}`);
  console.log(`Total ${seconds(started)} s. Reproduce: ${command}`);
  report = {
    machine,
    command,
    cases: accounts.cases,
    organisations: organisations.length,
    months: { from, to, count: months.length },
    tables: collected.length,
    figures: observations.length,
    unknowns: truth.length,
    links: linkages.length,
    targets: result.targets,
    solves: result.solves,
    pinned,
    pinnedByPropagation: result.pinnedByPropagation,
    pinnedByIntegerProgramme: result.pinnedByIntegerProgramme,
    seconds: { collect: collectSeconds, attack: attackSeconds, total: seconds(started) },
  };
  writeFileSync(path.join(root, 'tmp/bench/statistics-adversary.json'), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await api.stop();
  await owner.end();
}
process.exit(report?.pinned === 0 ? 0 : 1);
