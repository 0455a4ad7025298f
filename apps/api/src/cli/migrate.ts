import 'reflect-metadata';
import { ConfigurationError, loadConfig } from '../config/config.js';
import { startEmbeddedPostgres } from '../core/database/embedded-postgres.js';
import { prepareDatabase } from '../core/database/prepare-database.js';

/**
 * `npm run db:migrate` (in the image: `node apps/api/dist/cli/migrate.js`) — prepares the
 * database as the API does at start and nothing else: pending migrations and the application
 * role's grants as the DATABASE_OWNER_URL owner, then the check that the DATABASE_URL role sees
 * no further than row-level security allows. Meant to run once per release before the new
 * replicas (docker/kubernetes/migrate-job.yaml); replicas still prepare the database at start
 * under the same advisory lock, so they wait for a running migration and then find nothing to do.
 * Reads the same configuration as the API (in production that includes HAVEN_MASTER_KEY, which
 * it does not use). Exit code 0 when the database is ready, 1 otherwise.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(config.dataDir, config.embeddedDatabasePort);
  try {
    const { appliedMigrations } = await prepareDatabase({
      ownerUrl: config.databaseOwnerUrl ?? config.databaseUrl ?? embedded!.url,
      applicationUrl: config.databaseOwnerUrl ? config.databaseUrl : undefined,
      dataDir: config.dataDir,
      production: config.environment === 'production',
    });
    console.log(
      appliedMigrations.length
        ? `Database ready: applied ${appliedMigrations.join(', ')}.`
        : 'Database ready: no pending migration.',
    );
    return 0;
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) console.error(`Haven cannot migrate: ${error.message}`);
    else console.error('Migration failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
