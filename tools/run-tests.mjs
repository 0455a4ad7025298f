#!/usr/bin/env node
/**
 * `npm test`: every check and test suite, then one summary line `N passed, N failed`.
 *   1. lint (Nx module boundaries included) and type checks, one result each;
 *   2. the web app's production build (the browser journeys run against it);
 *   3. the OpenAPI document, written to tmp/openapi.json without starting the server, linted
 *      by Redocly CLI (redocly.yaml: the recommended rules, warnings as errors), and the web
 *      client's types generated from it compared with the checked-in ones (no drift);
 *   4. Jest, one project group after another (see JEST_PHASES): unit and web component tests,
 *      the API and security suites against a real PostgreSQL (TEST_DATABASE_URL, or an embedded
 *      server started by the Jest global set-up), then the browser journeys on their own, with
 *      everything the API logs at debug level written to tmp/api-test.log;
 *   5. when HAVEN_LTS_NODE names a second Node.js binary (`.ci/run` installs the LTS line
 *      there), the unit tests again and the API and security suites on that runtime instead of
 *      the machine's; every run's results are added to the sum;
 *   6. the API log of both runs scanned for the synthetic survivor names the suites register;
 *   7. `npm audit --omit=dev`: no high or critical advisory. When the advisory service
 *      cannot be reached the check is reported as not run: neither passed nor failed.
 * Extra arguments go to Jest (one run per runtime instead of the phases), e.g. `npm test -- --selectProjects api`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium, ensurePackages, ensurePgBouncer } from './ensure-setup.mjs';

ensurePackages();
ensureChromium();
ensurePgBouncer();

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
checkOpenApiDocument();

// The test harness (tests/support/test-app.ts) sends the API's logs here instead of the terminal.
const apiLogFile = path.resolve('tmp/api-test.log');
rmSync(apiLogFile, { force: true });
env.HAVEN_TEST_LOG_FILE = apiLogFile;
env.HAVEN_TEST_LOG_LEVEL = env.HAVEN_TEST_LOG_LEVEL ?? 'debug';

/**
 * The Jest projects in groups, run one group after another. All in one run, a browser journey
 * (an API, Chromium's processes and PostgreSQL beside its Jest worker) left the jsdom and API
 * suites next to it a fraction of a core, and their waits for the screen or the database grew
 * several-fold; so the journeys run in a group of their own.
 * On the production image's runtime (HAVEN_LTS_NODE, installed by `.ci/run`) the API and security
 * suites run there instead of on the machine's Node.js: the browser journeys still run the whole
 * API in-process on the machine's Node.js, so both supported runtimes serve every route.
 */
const JEST_PHASES = [
  { name: 'unit-web', projects: ['unit', 'web'], workers: 2 },
  { name: 'api-security', projects: ['api', 'security'], workers: 2, onLtsWhenPresent: true },
  { name: 'e2e', projects: ['e2e'], workers: 2 },
];

const ltsNode = process.env.HAVEN_LTS_NODE;
if (ltsNode && !existsSync(ltsNode)) {
  console.log(`✘ HAVEN_LTS_NODE is ${ltsNode}, which does not exist`);
  failed += 1;
}
const hasLtsNode = Boolean(ltsNode && existsSync(ltsNode));
if (jestArgs.length) {
  // Given arguments, they choose what runs: once on each runtime.
  runJest(process.execPath, 'tmp/jest-results.json', jestArgs);
  if (hasLtsNode) runJest(path.resolve(ltsNode), 'tmp/jest-results-lts.json', jestArgs);
} else {
  for (const phase of JEST_PHASES) {
    const nodeBinary = phase.onLtsWhenPresent && hasLtsNode ? path.resolve(ltsNode) : process.execPath;
    runJest(nodeBinary, `tmp/jest-results-${phase.name}.json`, [
      '--selectProjects',
      ...phase.projects,
      `--maxWorkers=${phase.workers}`,
    ]);
  }
  if (hasLtsNode)
    runJest(path.resolve(ltsNode), 'tmp/jest-results-unit-lts.json', ['--selectProjects', 'unit', '--maxWorkers=2']);
}

checkApiLogs();
checkAdvisories();

if (notRun.length) {
  console.log(`\n⚠ ${notRun.length} check(s) could not run and are counted neither as passed nor as failed:`);
  for (const reason of notRun) console.log(`  - ${reason}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** One Jest run on the given Node.js binary, its tests (from the JSON results) added to the sum. */
function runJest(nodeBinary, resultsFile, args) {
  rmSync(resultsFile, { force: true });
  const version = spawnSync(nodeBinary, ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'unknown version';
  run(`jest on Node.js ${version}`, nodeBinary, [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    ...(args.some((arg) => arg.startsWith('--maxWorkers')) ? [] : ['--maxWorkers=2']),
    '--json',
    `--outputFile=${resultsFile}`,
    ...args,
  ]);
  if (!existsSync(resultsFile)) {
    failed += 1;
    return;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  console.log(
    `  Node.js ${version}: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numRuntimeErrorTestSuites} suite(s) broken`,
  );
  passed += results.numPassedTests;
  // A suite that fails before running its tests (e.g. a broken import) counts as one failure.
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
  if (results.numTotalTests === 0) failed += 1;
}

/**
 * The OpenAPI document as the server would serve it, written by apps/api/src/cli/write-openapi.ts
 * (Nest's preview mode: no server, no database) and linted offline by Redocly CLI.
 */
function checkOpenApiDocument() {
  const label = 'OpenAPI document: Redocly lint (recommended rules, warnings as errors)';
  const redoclyEnv = { ...env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  const steps = [
    ['npx', ['tsc', '-b', 'apps/api']],
    ['node', ['apps/api/dist/cli/write-openapi.js', 'tmp/openapi.json']],
    ['node', ['node_modules/@redocly/cli/bin/cli.js', 'lint', '--config=redocly.yaml', 'tmp/openapi.json']],
  ];
  console.log(`\n▶ ${label}`);
  let ok = true;
  for (const [command, args] of steps) {
    console.log(`  ${command} ${args.join(' ')}`);
    if (spawnSync(command, args, { stdio: 'inherit', env: redoclyEnv }).status !== 0) {
      ok = false;
      break;
    }
  }
  console.log(`${ok ? '✔' : '✘'} ${label}`);
  if (ok) passed += 1;
  else failed += 1;
  if (ok) checkWebClientTypes();
}

/**
 * The web client's types (apps/web/src/app/api/schema.d.ts) are generated from the OpenAPI document; regenerated
 * into tmp/ and compared, so a route changed without regenerating them fails here rather than in a browser.
 */
function checkWebClientTypes() {
  const label = 'Web client types: apps/web/src/app/api/schema.d.ts matches the OpenAPI document';
  const checkedIn = 'apps/web/src/app/api/schema.d.ts';
  console.log(`\n▶ ${label}`);
  const generated = spawnSync('npx', ['openapi-typescript', 'tmp/openapi.json', '-o', 'tmp/schema.d.ts'], {
    stdio: 'inherit',
    env,
  });
  const ok =
    generated.status === 0 &&
    existsSync(checkedIn) &&
    readFileSync('tmp/schema.d.ts', 'utf8') === readFileSync(checkedIn, 'utf8');
  if (!ok) {
    console.log(`  ${checkedIn} is not what the OpenAPI document gives. Regenerate it:`);
    console.log(
      `  npx tsc -b apps/api && node apps/api/dist/cli/write-openapi.js tmp/openapi.json && npx openapi-typescript tmp/openapi.json -o ${checkedIn}`,
    );
  }
  console.log(`${ok ? '✔' : '✘'} ${label}`);
  if (ok) passed += 1;
  else failed += 1;
}

/** The text of every TypeScript file under a folder. */
function sourcesUnder(folder) {
  return readdirSync(folder).flatMap((entry) => {
    const file = path.join(folder, entry);
    if (statSync(file).isDirectory()) return sourcesUnder(file);
    return file.endsWith('.ts') ? [readFileSync(file, 'utf8')] : [];
  });
}

/**
 * Every `givenName`/`familyName`/`aliases` literal in the suites and in libs/testing (whose
 * `newCase` draws from a written-out list): the synthetic survivors the run registered. Words the API's own source contains (e.g. "Hidden") are left out: the API
 * may log them for reasons that have nothing to do with a person.
 */
function syntheticNames() {
  const names = new Set();
  for (const text of [...sourcesUnder('tests'), ...sourcesUnder('libs/testing/src')]) {
    for (const match of text.matchAll(/(?:givenName|familyName|aliases)\s*:\s*\[?\s*['"]([^'"$]{4,})['"]/g))
      names.add(match[1]);
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
    for (const name of names)
      if (new RegExp(`\\b${name}\\b`, 'i').test(line)) hits.push(`line ${index + 1}: "${name}"`);
  }
  for (const hit of hits.slice(0, 20)) console.log(`  ${hit}`);
  const ok = hits.length === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${names.length} names)`);
  if (ok) passed += 1;
  else failed += 1;
}

/**
 * `npm audit --omit=dev`: fails on a high or critical advisory in the production dependencies.
 * When the advisory source does not answer (offline, or a registry mirror that does not offer
 * the audit endpoint and answers 405), the check says so in plain words and counts as not run:
 * an unanswered audit is not a clean one, and nothing was checked.
 */
function checkAdvisories() {
  const label = 'dependency advisories: npm audit --omit=dev (fails on high or critical)';
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
    const reason = unreachableReason(report, result);
    notRun.push(`dependency advisories NOT CHECKED: the advisory source could not be reached (${reason})`);
    console.log(`⚠ NOT CHECKED — the advisory source could not be reached: ${reason}.`);
    console.log('  No dependency was checked against known advisories; this is neither a pass nor a failure.');
    console.log('  Run `npm audit --omit=dev` where the registry answers its audit endpoint.');
    return;
  }
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  for (const [name, advisory] of Object.entries(report.vulnerabilities ?? {})) {
    if (advisory.severity === 'high' || advisory.severity === 'critical')
      console.log(`  ${advisory.severity}: ${name} ${advisory.range ?? ''}`);
  }
  console.log(
    `${serious === 0 ? '✔' : '✘'} ${label}: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
  );
  if (serious === 0) passed += 1;
  else failed += 1;
}

/** Why `npm audit` gave no counts, in words: the HTTP status when the source answered one. */
function unreachableReason(report, result) {
  if (result.error) return result.error.code === 'ETIMEDOUT' ? 'no answer within 2 minutes' : result.error.message;
  if (report.statusCode === 405)
    return 'the registry answered 405 Method Not Allowed: it does not offer the audit endpoint';
  if (report.statusCode) return `the registry answered HTTP ${report.statusCode}`;
  const said = report.message || report.error?.summary || (result.stderr || '').trim().split('\n').pop();
  return said || 'no answer';
}
