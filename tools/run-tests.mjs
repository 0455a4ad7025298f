#!/usr/bin/env node
/**
 * `npm test`: every check and test suite, then one summary line `N passed, N failed`.
 *   1. lint (Nx module boundaries included) and type checks, one result each;
 *   2. the web app's production build (the browser journeys run against it);
 *   3. Jest: unit, api, security and e2e projects against a real PostgreSQL
 *      (TEST_DATABASE_URL, or an embedded server started by the Jest global set-up).
 * Extra arguments go to Jest, e.g. `npm test -- --selectProjects api`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium, ensurePackages } from './ensure-setup.mjs';

ensurePackages();
ensureChromium();

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const jestArgs = process.argv.slice(2);
let passed = 0;
let failed = 0;

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

mkdirSync('tmp', { recursive: true });
const resultsFile = 'tmp/jest-results.json';
rmSync(resultsFile, { force: true });
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

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
