#!/usr/bin/env node
/**
 * `npm test`: every check and test suite, then one summary line `N passed, N failed`.
 *   1. lint (Nx module boundaries included) and type checks, one result each;
 *   2. the web app's production build (the browser journeys run against it);
 *   3. Jest: unit, api, security and e2e projects against a real PostgreSQL
 *      (TEST_DATABASE_URL, or an embedded server started by the Jest global set-up),
 *      with everything the API logs at debug level written to tmp/api-test.log;
 *   4. that log scanned for the synthetic survivor names the suites register;
 *   5. `npm audit --omit=dev`: no high or critical advisory. When the advisory service
 *      cannot be reached the check is reported as not run: neither passed nor failed.
 * Extra arguments go to Jest, e.g. `npm test -- --selectProjects api`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium, ensurePackages } from './ensure-setup.mjs';

ensurePackages();
ensureChromium();

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const jestArgs = process.argv.slice(2);
let passed = 0;
let failed = 0;
const notRun = [];

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label}`);
  return ok;
}

function check(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else failed += 1;
}

if (jestArgs.length === 0) {
  check('lint', 'npm', ['run', '--silent', 'lint']);
  check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
}
check('web build', 'npx', ['nx', 'run', 'web:build', '--skip-nx-cache']);
// Initial JavaScript of the web app within its budget (250 kB gzipped; docs/benchmarks.md).
check('bundle budget', 'node', ['tools/bundle-report.mjs']);

mkdirSync('tmp', { recursive: true });
const resultsFile = 'tmp/jest-results.json';
rmSync(resultsFile, { force: true });
// The test harness (tests/support/test-app.ts) sends the API's logs here instead of the terminal.
const apiLogFile = path.resolve('tmp/api-test.log');
rmSync(apiLogFile, { force: true });
env.HAVEN_TEST_LOG_FILE = apiLogFile;
env.HAVEN_TEST_LOG_LEVEL = env.HAVEN_TEST_LOG_LEVEL ?? 'debug';
run('jest', 'node', ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js', '--maxWorkers=2', '--json', `--outputFile=${resultsFile}`, ...jestArgs]);
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed += results.numPassedTests;
  // A suite that fails before running its tests (e.g. a broken import) counts as one failure.
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
  if (results.numTotalTests === 0) failed += 1;
} else {
  failed += 1;
}

checkApiLogs();
checkAdvisories();

if (notRun.length) {
  console.log(`\n⚠ ${notRun.length} check(s) could not run and are counted neither as passed nor as failed:`);
  for (const reason of notRun) console.log(`  - ${reason}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** The text of every TypeScript file under a folder. */
function sourcesUnder(folder) {
  return readdirSync(folder).flatMap((entry) => {
    const file = path.join(folder, entry);
    if (statSync(file).isDirectory()) return sourcesUnder(file);
    return file.endsWith('.ts') ? [readFileSync(file, 'utf8')] : [];
  });
}

/**
 * Every `givenName`/`familyName`/`aliases` literal in the suites: the synthetic survivors the
 * run registered. Words the API's own source contains (e.g. "Hidden") are left out: the API
 * may log them for reasons that have nothing to do with a person.
 */
function syntheticNames() {
  const names = new Set();
  for (const text of sourcesUnder('tests')) {
    for (const match of text.matchAll(/(?:givenName|familyName|aliases)\s*:\s*\[?\s*['"]([^'"$]{4,})['"]/g)) names.add(match[1]);
  }
  const api = sourcesUnder('apps/api/src').join('\n');
  return [...names].filter((name) => !new RegExp(`\\b${name}\\b`, 'i').test(api));
}

/** No survivor name in what the API logged during the whole run (tests/security/no-personal-data.spec.ts checks one run in depth). */
function checkApiLogs() {
  const label = 'no survivor names in the API logs of the test run';
  console.log(`\n▶ ${label}: ${path.relative(process.cwd(), apiLogFile)}`);
  if (!existsSync(apiLogFile)) {
    notRun.push(`${label}: nothing was logged (did Jest run?)`);
    console.log(`⚠ ${label}: could not run, no log file`);
    return;
  }
  const names = syntheticNames();
  const hits = [];
  for (const [index, line] of readFileSync(apiLogFile, 'utf8').split('\n').entries()) {
    for (const name of names) if (new RegExp(`\\b${name}\\b`, 'i').test(line)) hits.push(`line ${index + 1}: "${name}"`);
  }
  for (const hit of hits.slice(0, 20)) console.log(`  ${hit}`);
  const ok = hits.length === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${names.length} names)`);
  if (ok) passed += 1;
  else failed += 1;
}

/**
 * `npm audit --omit=dev`: fails on a high or critical advisory in the production dependencies.
 * When the registry's advisory endpoint does not answer (offline, or a mirror without it),
 * the check says so and counts as not run: an unanswered audit is not a clean one.
 */
function checkAdvisories() {
  const label = 'npm audit --omit=dev (no high or critical advisory)';
  console.log(`\n▶ ${label}`);
  const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', env, timeout: 120_000 });
  let report;
  try {
    report = JSON.parse(result.stdout || '{}');
  } catch {
    report = {};
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const reason = report.message ?? report.error?.summary ?? result.error?.message ?? (result.stderr || '').trim().split('\n').pop() ?? 'no answer';
    notRun.push(`${label}: the advisory service could not be reached (${reason})`);
    console.log(`⚠ ${label}: COULD NOT RUN — ${reason}. This is not a pass.`);
    return;
  }
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  for (const [name, advisory] of Object.entries(report.vulnerabilities ?? {})) {
    if (advisory.severity === 'high' || advisory.severity === 'critical') console.log(`  ${advisory.severity}: ${name}`);
  }
  console.log(`${serious === 0 ? '✔' : '✘'} ${label}: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`);
  if (serious === 0) passed += 1;
  else failed += 1;
}
