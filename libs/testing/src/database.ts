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
export const TEST_APPLICATION_PASSWORD = 'test-only-application-role';

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

/**
 * A database that later test databases are copied from, so each test file does not run every
 * migration again (a copy takes a fraction of the time). `key` names its content: when the
 * migrations change, the key changes and a new template is built; an old one is never reused.
 */
export interface TestDatabaseTemplate {
  key: string;
  /** Fills a fresh database (e.g. runs the migrations) at the administrator's URL given. */
  build(url: string): Promise<void>;
}

/**
 * A fresh database per test file, so suites run in parallel without seeing each other's rows:
 * empty, or a copy of the template when one is given.
 */
export async function createTestDatabase(template?: TestDatabaseTemplate): Promise<TestDatabase> {
  const name = `haven_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const source = template ? await ensureTemplate(template) : undefined;
  await withAdminClient((client) =>
    client.query(source ? `CREATE DATABASE "${name}" TEMPLATE "${source}"` : `CREATE DATABASE "${name}"`),
  );
  const url = databaseUrl(name);
  const applicationUrl = new URL(url);
  applicationUrl.username = TEST_APPLICATION_ROLE;
  applicationUrl.password = TEST_APPLICATION_PASSWORD;
  return {
    url,
    applicationUrl: applicationUrl.toString(),
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

function databaseUrl(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The template's database name, built once per server and key. Workers starting together wait
 * on one advisory lock; the template is built under another name and renamed when complete, so
 * a build that dies half-way is never copied.
 */
async function ensureTemplate(template: TestDatabaseTemplate): Promise<string> {
  const name = `haven_template_${template.key}`;
  const exists = (client: pg.Client) =>
    client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]).then((result) => result.rowCount === 1);
  return withAdminClient(async (client) => {
    if (await exists(client)) return name;
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      if (await exists(client)) return name;
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      await template.build(databaseUrl(building));
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      return name;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
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
