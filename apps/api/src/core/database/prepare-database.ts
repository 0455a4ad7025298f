import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { ConfigurationError } from '../../config/config.js';
import {
  checkApplicationConnection,
  ensureApplicationRole,
  grantApplicationPrivileges,
  roleOf,
  withCredentials,
} from './application-role.js';
import { JOB_LOCK_SPACE } from './exclusive-jobs.js';
import { runMigrations } from './migrate.js';

/** The role Haven keeps for itself when it is given only an owner's connection (development, `npm start`). */
export const LOCAL_APPLICATION_ROLE = 'haven_app';

export interface PreparedDatabase {
  /** Where requests are served: the application role. */
  applicationUrl: string;
  appliedMigrations: string[];
}

export interface PrepareDatabaseOptions {
  ownerUrl: string;
  /** The application's own connection when configured (DATABASE_URL next to DATABASE_OWNER_URL). */
  applicationUrl?: string;
  /** Where the local application role's password is kept when none is configured. */
  dataDir: string;
  production: boolean;
}

/**
 * As the owner: applies pending migrations, makes sure the application role exists
 * and holds exactly its grants. Then checks that the application's connection cannot
 * see past row-level security: in production a connection that could (superuser,
 * BYPASSRLS, owner) stops the start, elsewhere it is a loud warning.
 */
export function prepareDatabase(options: PrepareDatabaseOptions): Promise<PreparedDatabase> {
  return oneReplicaAtATime(options.ownerUrl, () => prepare(options));
}

/**
 * Replicas started together (a rolling update, a scaled deployment) prepare the database one
 * after another: two runs of the same migration or of the grants at once would fail or interleave.
 * The lock is a session lock: it goes with the connection, also when a starting replica dies.
 */
async function oneReplicaAtATime<T>(ownerUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'haven-setup' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [JOB_LOCK_SPACE, 'prepare-database']);
    return await work();
  } finally {
    await client.end();
  }
}

async function prepare(options: PrepareDatabaseOptions): Promise<PreparedDatabase> {
  const logger = new Logger('Database');
  const appliedMigrations = await runMigrations(options.ownerUrl);
  let applicationUrl = options.applicationUrl;
  if (applicationUrl) {
    // A configured role is created (if the owner may) with the configured password, never altered.
    await ensureApplicationRole(
      options.ownerUrl,
      roleOf(applicationUrl),
      decodeURIComponent(new URL(applicationUrl).password),
    );
  } else {
    const password = localPassword(options.dataDir);
    await ensureApplicationRole(options.ownerUrl, LOCAL_APPLICATION_ROLE, password, { resetPassword: true });
    applicationUrl = withCredentials(options.ownerUrl, LOCAL_APPLICATION_ROLE, password);
  }
  const check = await checkApplicationConnection(applicationUrl);
  if (check.problems.length) {
    const message = `The application's database role "${check.role}" ${check.problems.join(', ')}: row-level security does not apply to it. Connect DATABASE_URL as a role that owns nothing (README: Production).`;
    if (options.production) throw new ConfigurationError(message);
    // Granting to (or revoking from) an owner or superuser would only disturb its own rights.
    logger.warn(message);
    return { applicationUrl, appliedMigrations };
  }
  await grantApplicationPrivileges(options.ownerUrl, roleOf(applicationUrl));
  return { applicationUrl, appliedMigrations };
}

/** A random password for the local application role, kept next to the embedded database. */
function localPassword(dataDir: string): string {
  const file = path.resolve(dataDir, 'app-db-password');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
