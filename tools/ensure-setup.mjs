/**
 * What the README's two commands need before they can run, installed when missing:
 * the npm packages (from the lock file) and, for the tests, Debian's Chromium (browser
 * journeys) and PgBouncer (the connection-pooler suite).
 * Uses only Node's standard library, since it runs before the packages exist.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

export function ensurePackages() {
  const marker = 'node_modules/.package-lock.json';
  const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
  if (stale) {
    console.log('Installing npm packages from package-lock.json …');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

export const CHROMIUM = '/usr/bin/chromium';
export const PGBOUNCER = '/usr/sbin/pgbouncer';

export function ensureChromium() {
  ensureDebianPackage(CHROMIUM, 'chromium', 'Browser tests need Chromium');
}

export function ensurePgBouncer() {
  ensureDebianPackage(PGBOUNCER, 'pgbouncer', 'The connection-pooler tests need PgBouncer');
}

function ensureDebianPackage(program, packageName, why) {
  if (existsSync(program)) return;
  if (process.getuid?.() !== 0) {
    console.error(`${why} at ${program}: install Debian's package (sudo apt-get install ${packageName}).`);
    return;
  }
  console.log(`Installing Debian's ${packageName} for the tests …`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', packageName]);
}
