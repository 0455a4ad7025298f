import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import { ConfigurationError, loadConfig, parseMasterKey, type HavenConfig } from './config/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './core/database/embedded-postgres.js';
import { prepareDatabase } from './core/database/prepare-database.js';
import { createHavenApp } from './create-app.js';
import { DemoDataService } from './demo/demo-data.service.js';
import { DemoHistoryService } from './demo/demo-history.service.js';
import { NameIndexBackfill } from './modules/cases/name-index-backfill.service.js';

const logger = new Logger('Haven');

/** Outside production without HAVEN_MASTER_KEY, a random key is kept in the data folder. */
function localMasterKey(config: HavenConfig): Buffer {
  const file = path.resolve(config.dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    logger.warn(`No HAVEN_MASTER_KEY: generated one in ${file} (set HAVEN_MASTER_KEY in production).`);
  }
  return parseMasterKey(readFileSync(file, 'utf8').trim());
}

async function start(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl;
  if (!ownerUrl) {
    logger.log(`No DATABASE_URL: starting the embedded PostgreSQL in ${path.resolve(config.dataDir)}`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedDatabasePort);
    ownerUrl = embedded.url;
  }
  // Migrations as the owner; requests as the application role, which row-level security applies to.
  const { applicationUrl: databaseUrl, appliedMigrations } = await prepareDatabase({
    ownerUrl,
    applicationUrl: config.databaseOwnerUrl ? config.databaseUrl : undefined,
    dataDir: config.dataDir,
    production: config.environment === 'production',
  });
  if (appliedMigrations.length) logger.log(`Applied migrations: ${appliedMigrations.join(', ')}`);

  const app = await createHavenApp({
    ...config,
    databaseUrl,
    masterKey: config.masterKey ?? localMasterKey(config),
    webDistDir: config.webDistDir ?? fileURLToPath(new URL('../../web/dist', import.meta.url)),
  });
  if (config.demo) {
    await app.get(DemoDataService).loadOnce();
    // Three years of casework, so that every statistics table and indicator has figures (then a release).
    await app.get(DemoHistoryService).loadOnce();
  }
  await app.listen(config.port, config.host);
  logger.log(`Haven is listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`);
  // Cases registered before the name index, or indexed by older rules (and the demo's bulk-loaded
  // cases): indexed in the background, so that a large caseload does not hold the start.
  void app
    .get(NameIndexBackfill)
    .run()
    .catch((error: unknown) => logger.error(`Name index: ${error instanceof Error ? error.message : String(error)}`));

  const stop = async () => {
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

start().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(`Haven cannot start: ${error.message}`);
  } else {
    console.error('Haven failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
