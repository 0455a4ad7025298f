#!/usr/bin/env node
/**
 * `npm run bench:backup -- --server-url postgres://postgres@127.0.0.1:5432/postgres`
 *
 * A pg_dump / pg_restore round trip, checked:
 *   1. creates a source database on the server, fills it with synthetic cases
 *      (tools/generate-data.mjs) and lets the API write some history through its own
 *      routes (registrations, identity reads), so the audit chain is not empty;
 *   2. `pg_dump --format=custom` of it, `pg_restore` into a new database;
 *   3. compares the row count of every table in the app, audit and stats schemas;
 *   4. decrypts a sample of survivor identities in both databases with the master key
 *      (the API's own envelope encryption) and compares them field by field;
 *   5. verifies the audit hash chain of the restored database (apps/api/dist/cli/verify-audit.js).
 * Exits 1 on any difference. The master key is not in the dump: without it the restored
 * identities cannot be opened, which is why it is backed up apart (README).
 *
 * pg_dump refuses a server newer than itself, so the client tools must be at least the
 * server's major version: this script uses the ones on PATH (or --bin DIR) and checks.
 * The embedded PostgreSQL of `npm start` (18) ships no pg_dump; use the server's tools.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { applicationUrlOf, argumentsOf, root, signIn, startApi } from './lib.mjs';

const options = argumentsOf({
  'server-url': process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  cases: '5000',
  sample: '200',
  bin: '',
  port: '3196',
  keep: false,
});
const tool = (name) => (options.bin ? path.join(options.bin, name) : name);
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const { EnvelopeEncryption } = await import(path.join(root, 'apps/api/dist/core/crypto/envelope-encryption.js'));
const { identityAssociatedData } = await import(path.join(root, 'apps/api/dist/modules/cases/identity-keys.js'));

const suffix = `${Date.now()}`;
const databaseUrl = (name) => {
  const url = new URL(options['server-url']);
  url.pathname = `/${name}`;
  return url.toString();
};
const source = `haven_backup_source_${suffix}`;
const restored = `haven_backup_restored_${suffix}`;
const masterKey = randomBytes(32).toString('base64');
const folder = path.join(os.tmpdir(), `haven-backup-${suffix}`);
mkdirSync(folder, { recursive: true });
const dumpFile = path.join(folder, 'haven.dump');

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.error?.message}`,
    );
  return result.stdout;
}

const admin = new pg.Client({ connectionString: options['server-url'] });
await admin.connect();
const {
  rows: [{ server_version_num: serverVersionNum, server_version: serverVersion }],
} = await admin.query(
  `SELECT current_setting('server_version_num') AS server_version_num, current_setting('server_version') AS server_version`,
);
const serverMajor = Math.floor(Number(serverVersionNum) / 10000);
const dumpVersion = run(tool('pg_dump'), ['--version']).trim();
const dumpMajor = Number(/(\d+)(?:\.\d+)?/.exec(dumpVersion.replace(/^[^\d]*/, ''))?.[1]);
log(`server PostgreSQL ${serverVersion}; ${dumpVersion}`);
if (!(dumpMajor >= serverMajor)) {
  console.error(
    `pg_dump ${dumpMajor} cannot dump a PostgreSQL ${serverMajor} server: use client tools of version ${serverMajor} or newer (--bin).`,
  );
  process.exit(2);
}

const summary = {
  date: new Date().toISOString(),
  server: serverVersion,
  client: dumpVersion,
  cases: Number(options.cases),
};
try {
  await admin.query(`CREATE DATABASE ${source}`);
  await admin.query(`CREATE DATABASE ${restored}`);

  // 1. A source database with synthetic cases and some history written by the API itself.
  const accountsFile = path.join(folder, 'accounts.json');
  const generated = spawnSync(
    process.execPath,
    [
      path.join(root, 'tools/generate-data.mjs'),
      '--cases',
      options.cases,
      '--database-url',
      databaseUrl(source),
      '--master-key',
      masterKey,
      '--accounts',
      accountsFile,
      '--quiet',
    ],
    { stdio: 'inherit' },
  );
  if (generated.status !== 0) throw new Error('Data generation failed');
  const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));
  const api = await startApi({ databaseUrl: databaseUrl(source), masterKey, port: Number(options.port) });
  try {
    const caseworker = await signIn(api.baseUrl, {
      email: accounts.roles.caseworker.email,
      password: accounts.password,
      totpSecret: accounts.roles.caseworker.totpSecret,
      onEnrolled: () => undefined,
    });
    for (let index = 0; index < 10; index += 1) {
      const response = await fetch(`${api.baseUrl}/api/cases`, {
        method: 'POST',
        headers: { ...caseworker.headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          givenName: `Backup${index}`,
          familyName: 'Sample',
          estimatedAge: 30,
          sex: 'Feminine',
          nationality: 'ER',
          riskLevel: 'low',
          exploitationTypes: ['Servitude'],
        }),
      });
      if (response.status !== 201) throw new Error(`Registration failed: ${response.status}`);
      const created = await response.json();
      const identity = await fetch(`${api.baseUrl}/api/cases/${created.id}/identity`, { headers: caseworker.headers });
      if (identity.status !== 200) throw new Error(`Identity read failed: ${identity.status}`);
    }
  } finally {
    await api.stop();
  }

  // 2. The round trip.
  let started = Date.now();
  run(tool('pg_dump'), ['--format=custom', '--no-owner', '--file', dumpFile, databaseUrl(source)]);
  summary.dumpSeconds = (Date.now() - started) / 1000;
  summary.dumpMb = Math.round((statSync(dumpFile).size / 1024 ** 2) * 10) / 10;
  log(`pg_dump: ${summary.dumpMb} MB in ${summary.dumpSeconds.toFixed(1)} s`);
  started = Date.now();
  run(tool('pg_restore'), ['--no-owner', '--exit-on-error', '--dbname', databaseUrl(restored), dumpFile]);
  summary.restoreSeconds = (Date.now() - started) / 1000;
  log(`pg_restore: ${summary.restoreSeconds.toFixed(1)} s`);

  // 3. Row counts of every table.
  const before = new pg.Client({ connectionString: databaseUrl(source) });
  const after = new pg.Client({ connectionString: databaseUrl(restored) });
  await before.connect();
  await after.connect();
  const counts = async (client) => {
    const { rows: tables } = await client.query(
      `SELECT schemaname || '.' || quote_ident(tablename) AS name FROM pg_tables WHERE schemaname IN ('app', 'audit', 'stats', 'public') ORDER BY 1`,
    );
    const result = {};
    for (const { name } of tables)
      result[name] = (await client.query(`SELECT count(*)::int AS n FROM ${name}`)).rows[0].n;
    return result;
  };
  const [countsBefore, countsAfter] = [await counts(before), await counts(after)];
  const tableDifferences = Object.keys({ ...countsBefore, ...countsAfter }).filter(
    (name) => countsBefore[name] !== countsAfter[name],
  );
  summary.tables = Object.keys(countsBefore).length;
  summary.rows = Object.values(countsBefore).reduce((sum, n) => sum + n, 0);
  summary.tableDifferences = tableDifferences.map((name) => ({
    table: name,
    before: countsBefore[name],
    after: countsAfter[name],
  }));
  log(`${summary.tables} tables, ${summary.rows} rows; ${tableDifferences.length} tables differ`);

  // 4. A sample of identities, decrypted on both sides.
  const encryption = new EnvelopeEncryption(Buffer.from(masterKey, 'base64'));
  const { rows: sample } = await before.query(
    `SELECT k.case_id, k.wrapped_key, i.sealed_payload FROM app.case_key k JOIN app.survivor_identity i ON i.case_id = k.case_id ORDER BY random() LIMIT $1`,
    [Number(options.sample)],
  );
  const open = (row) =>
    encryption.openJson(
      encryption.unwrapDataKey(row.case_id, row.wrapped_key),
      row.sealed_payload,
      identityAssociatedData(row.case_id),
    );
  let identical = 0;
  const identityDifferences = [];
  for (const row of sample) {
    const {
      rows: [copy],
    } = await after.query(
      `SELECT k.case_id, k.wrapped_key, i.sealed_payload FROM app.case_key k JOIN app.survivor_identity i ON i.case_id = k.case_id WHERE k.case_id = $1`,
      [row.case_id],
    );
    try {
      if (copy && JSON.stringify(open(row)) === JSON.stringify(open(copy))) identical += 1;
      else identityDifferences.push(row.case_id);
    } catch (error) {
      identityDifferences.push(`${row.case_id}: ${error.message}`);
    }
  }
  summary.identitiesCompared = sample.length;
  summary.identitiesIdentical = identical;
  summary.identityDifferences = identityDifferences;
  log(`identities: ${identical} of ${sample.length} decrypt to the same values after the restore`);
  await before.end();
  await after.end();

  // 5. The audit chain of the restored database.
  const verify = spawnSync(process.execPath, [path.join(root, 'apps/api/dist/cli/verify-audit.js')], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: applicationUrlOf(databaseUrl(restored)),
      DATABASE_OWNER_URL: databaseUrl(restored),
      HAVEN_MASTER_KEY: masterKey,
      NODE_ENV: 'production',
      HAVEN_DEMO: 'false',
    },
  });
  summary.auditVerify = (verify.stdout || verify.stderr).trim();
  summary.auditIntact = verify.status === 0;
  log(summary.auditVerify);
} finally {
  if (!options.keep) {
    await admin.query(`DROP DATABASE IF EXISTS ${source} WITH (FORCE)`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${restored} WITH (FORCE)`).catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  }
  await admin.end();
}

mkdirSync(path.join(root, 'tmp/bench'), { recursive: true });
writeFileSync(path.join(root, 'tmp/bench/backup-restore.json'), JSON.stringify(summary, null, 2));
const checks = [
  ['every table has the same number of rows', summary.tableDifferences.length === 0],
  [
    'every sampled identity decrypts to the same values',
    summary.identitiesIdentical === summary.identitiesCompared && summary.identitiesCompared > 0,
  ],
  ['the audit chain of the restored database is intact', summary.auditIntact],
];
for (const [name, ok] of checks) console.log(`${ok ? '✔' : '✘'} ${name}`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
