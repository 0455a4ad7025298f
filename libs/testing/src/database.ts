import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** As the server's administrator (the schema owner): migrations, and checking what is really stored. */
  url: string;
  /** As the application role, which row-level security applies to: what the API under test uses. */
  applicationUrl: string;
  drop(): Promise<void>;
}

/**
 * The application role of every test database. Roles belong to the whole server, so
 * suites running at once share it; each database grants it its own privileges.
 */
export const TEST_APPLICATION_ROLE = 'haven_test_app';
const TEST_APPLICATION_PASSWORD = 'test-only-application-role';

/** The server the tests run against: TEST_DATABASE_URL, or the embedded one the global set-up started. */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set (the Jest global set-up sets it to an embedded PostgreSQL)');
  return url;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database per test file, so suites run in parallel without seeing each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `haven_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  const applicationUrl = new URL(url);
  applicationUrl.username = TEST_APPLICATION_ROLE;
  applicationUrl.password = TEST_APPLICATION_PASSWORD;
  return {
    url: url.toString(),
    applicationUrl: applicationUrl.toString(),
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs SQL directly, bypassing the API: for checking what is really stored (e.g. no plaintext names). */
export async function queryDatabase<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
