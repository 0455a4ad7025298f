import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HAVEN_CONFIG, loadConfig, parseMasterKey, type HavenConfig } from '../config/config.js';
import { AuditModule } from '../core/audit/audit.module.js';
import { CryptoModule } from '../core/crypto/crypto.module.js';
import { scopedDatabaseModule } from '../core/database/database.module.js';
import { startEmbeddedPostgres } from '../core/database/embedded-postgres.js';
import { prepareDatabase } from '../core/database/prepare-database.js';
import { StatisticsModule } from '../modules/statistics/statistics.module.js';
import { StatisticsProjector } from '../modules/statistics/statistics-projector.service.js';

const PROGRESS_EVERY_MS = 5_000;

/**
 * `npm run stats:rebuild` — rebuilds the anonymised statistics projection from the case
 * tables, in one transaction (statistics keep reading the old rows until it commits).
 * Needs the same HAVEN_MASTER_KEY as the API: the projection's row keys are keyed
 * hashes. Exit code 0 when done, 1 on error.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, config.embeddedDatabasePort);
  const ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl ?? embedded!.url;
  // Without a configured key, the key the API generated in the data folder (development).
  const masterKey = config.masterKey ?? parseMasterKey(readFileSync(path.resolve(config.dataDir, 'master.key'), 'utf8').trim());
  const settings: HavenConfig = { ...config, masterKey, statistics: { ...config.statistics, refreshIntervalSeconds: 0 } };

  @Global()
  @Module({ providers: [{ provide: HAVEN_CONFIG, useValue: settings }], exports: [HAVEN_CONFIG] })
  class ConfigModule {}

  try {
    const { applicationUrl } = await prepareDatabase({
      ownerUrl,
      applicationUrl: config.databaseOwnerUrl ? config.databaseUrl : undefined,
      dataDir: config.dataDir,
      production: config.environment === 'production',
    });

    @Module({ imports: [ConfigModule, scopedDatabaseModule(applicationUrl), CryptoModule, AuditModule, StatisticsModule] })
    class RebuildStatisticsModule {}

    const context = await NestFactory.createApplicationContext(RebuildStatisticsModule, { logger: ['error'] });
    try {
      const started = Date.now();
      let reported = started;
      // A line every few seconds (also in a log, where a redrawn bar would not show).
      const count = await context.get(StatisticsProjector).rebuild({
        onProgress: (projected, total) => {
          if (Date.now() - reported < PROGRESS_EVERY_MS) return;
          reported = Date.now();
          const seconds = (reported - started) / 1000;
          console.log(
            `Statistics: ${projected} of ${total} cases projected (${Math.floor((100 * projected) / Math.max(total, 1))}%, ${Math.round(projected / seconds)}/s)`,
          );
        },
      });
      console.log(`Statistics rebuilt: ${count} cases projected in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return 0;
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
    console.error('Statistics rebuild failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
