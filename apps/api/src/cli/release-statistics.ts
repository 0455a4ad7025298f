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
import { StatisticsReleases } from '../modules/statistics/statistics-releases.service.js';

/**
 * `npm run stats:release` — makes a statistics release now if a month has ended since the
 * latest (the schedule makes one after each month ends; open periods are never
 * published); `npm run stats:release -- --revision` recounts every ended period as a
 * labelled revision. Needs the same HAVEN_MASTER_KEY as the API (record keys and
 * noise come from keyed hashes). Exit code 0 when done, 1 on error.
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
    class ReleaseStatisticsModule {}

    const context = await NestFactory.createApplicationContext(ReleaseStatisticsModule, { logger: ['error'] });
    try {
      const started = Date.now();
      const releases = context.get(StatisticsReleases);
      const latest = await releases.latest();
      const release = await releases.publish({ revision: process.argv.includes('--revision') });
      if (release.id === latest?.id) console.log(`Statistics: no month has ended since the ${release.label}; it stays in force.`);
      else console.log(`Statistics: ${release.label} published in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
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
    console.error('Statistics release failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
