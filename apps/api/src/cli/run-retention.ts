import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { loadConfig, parseMasterKey, type HavenConfig } from '../config/config.js';
import { startEmbeddedPostgres } from '../core/database/embedded-postgres.js';
import { prepareDatabase } from '../core/database/prepare-database.js';
import { RetentionService } from '../modules/data-protection/retention.service.js';

/**
 * `npm run retention:run` — one run of the retention job now (docs/architecture.md, rule 10): closed
 * cases past their organisation's retention period are anonymised. Prints what it did per
 * organisation; the run is recorded and audited like a scheduled one. Needs the same
 * HAVEN_MASTER_KEY as the API. Exit code 0 when every case was anonymised, 1 otherwise.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, config.embeddedDatabasePort);
  const ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl ?? embedded!.url;
  // Without a configured key, the key the API generated in the data folder (development).
  const masterKey = config.masterKey ?? parseMasterKey(readFileSync(path.resolve(config.dataDir, 'master.key'), 'utf8').trim());
  // The whole application (every feature registers how to clear its text), without its timers or demo data.
  try {
    // Migrations and grants as the owner; the run itself as the application role, under row-level security.
    const { applicationUrl } = await prepareDatabase({
      ownerUrl,
      applicationUrl: config.databaseOwnerUrl ? config.databaseUrl : undefined,
      dataDir: config.dataDir,
      production: config.environment === 'production',
    });
    const settings: HavenConfig & { databaseUrl: string } = {
      ...config,
      databaseUrl: applicationUrl,
      masterKey,
      demo: false,
      retention: { ...config.retention, scheduled: false },
      statistics: { ...config.statistics, refreshIntervalSeconds: 0 },
    };
    const context = await NestFactory.createApplicationContext(AppModule.forRoot(settings), { logger: ['error'] });
    try {
      const run = await context.get(RetentionService).run('command');
      for (const organisation of run.organisations) {
        console.log(`Organisation ${organisation.organisationId}: ${organisation.anonymised} anonymised, ${organisation.failed} failed.`);
      }
      console.log(`Retention run ${run.id}: ${run.anonymised} cases anonymised, ${run.failed} failed, ${run.organisations.length} organisations with a retention period.`);
      return run.failed ? 1 : 0;
    } finally {
      await context.close();
    }
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Retention run failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
