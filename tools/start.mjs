#!/usr/bin/env node
/**
 * `npm start`: builds what changed (Nx caches builds), then runs Haven on one port.
 * Without DATABASE_URL it starts an embedded PostgreSQL in .haven/ and loads demo data once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { ensurePackages } from './ensure-setup.mjs';

ensurePackages();

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,web', '--output-style=stream'], {
  stdio: 'inherit',
  env,
});
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, ['apps/api/dist/main.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
