import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { TEST_APPLICATION_PASSWORD, TEST_APPLICATION_ROLE, testServerUrl } from '@haven/testing';

export const PGBOUNCER = '/usr/sbin/pgbouncer';

export interface PgBouncer {
  port: number;
  /** The same database and role, reached through the pooler. */
  rewrite(url: string): string;
  /** A command on PgBouncer's admin console (e.g. `SHOW POOLS`), as the application role. */
  admin(command: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/**
 * Debian's PgBouncer on a loopback port, in front of the test server, in the given pool mode.
 * It runs as the `postgres` system user when started as root (PgBouncer refuses to run as root).
 */
export async function startPgBouncer(poolMode: 'session' | 'transaction'): Promise<PgBouncer> {
  const server = new URL(testServerUrl());
  const port = await freePort();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'haven-pgbouncer-'));
  const users = path.join(folder, 'users.txt');
  // The password is passed on to the server (the embedded one asks for it); clients are trusted on loopback.
  writeFileSync(users, `"${TEST_APPLICATION_ROLE}" "${TEST_APPLICATION_PASSWORD}"\n`);
  const config = path.join(folder, 'pgbouncer.ini');
  writeFileSync(
    config,
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${users}`,
      `pool_mode = ${poolMode}`,
      `admin_users = ${TEST_APPLICATION_ROLE}`,
      'max_client_conn = 200',
      'default_pool_size = 40',
      '',
    ].join('\n'),
  );
  const runAs = process.getuid?.() === 0 ? ['-u', 'postgres'] : [];
  // mkdtemp makes the folder private: the pooler's user must read its configuration.
  if (runAs.length) chmodSync(folder, 0o755);
  const child = spawn(PGBOUNCER, [...runAs, config], { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    port,
    rewrite: (url) => {
      const through = new URL(url);
      through.hostname = '127.0.0.1';
      through.port = String(port);
      return through.toString();
    },
    admin: async (command) => {
      const client = new pg.Client({
        host: '127.0.0.1',
        port,
        database: 'pgbouncer',
        user: TEST_APPLICATION_ROLE,
        password: TEST_APPLICATION_PASSWORD,
      });
      await client.connect();
      try {
        return (await client.query(command)).rows;
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
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

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`PgBouncer exited (code ${child.exitCode}) before listening`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('PgBouncer did not listen within a minute');
}
