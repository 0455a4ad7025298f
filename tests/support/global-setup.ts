import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// Jest loads the global set-up through CommonJS, where its ".js" → ".ts" mapping does not apply: no extension here.
import { startEmbeddedPostgres } from '../../apps/api/src/core/database/embedded-postgres';

/**
 * Without TEST_DATABASE_URL, one embedded PostgreSQL serves the whole run; every test
 * file then creates its own database on it. Workers inherit the URL from this process.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'haven-test-'));
  const server = await startEmbeddedPostgres(dataDir, await freePort(), 'postgres');
  process.env.TEST_DATABASE_URL = server.url;
  (globalThis as { __havenTestPostgres?: typeof server }).__havenTestPostgres = server;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
