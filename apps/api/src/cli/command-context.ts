import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Global, Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { HAVEN_CONFIG, loadConfig, parseMasterKey, type HavenConfig } from '../config/config.js';
import { AuditModule } from '../core/audit/audit.module.js';
import { CryptoModule } from '../core/crypto/crypto.module.js';
import { scopedDatabaseModule } from '../core/database/database.module.js';
import { TransactionModule } from '../core/database/transaction-host.js';
import { startEmbeddedPostgres } from '../core/database/embedded-postgres.js';
import { prepareDatabase } from '../core/database/prepare-database.js';

/**
 * What a command needs of Haven: the whole application (`'application'`: every feature, e.g.
 * retention, which needs every feature's way of clearing text) or only the given feature
 * modules, with the database, encryption and audit they rely on.
 */
export type CommandModules = 'application' | Type[];

/**
 * Runs a command's work in a Nest application context set up as the API would be, without its
 * timers or demo data: the same configuration (an embedded PostgreSQL in the data folder when
 * no DATABASE_URL is set), migrations and grants as the owner, then the work as the
 * application role, under row-level security. Without a configured HAVEN_MASTER_KEY it uses
 * the key the API generated in the data folder (development). Closes everything it opened.
 */
export async function withCommandContext<T>(
  modules: CommandModules,
  work: (context: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(config.dataDir, config.embeddedDatabasePort);
  const ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl ?? embedded!.url;
  const masterKey =
    config.masterKey ?? parseMasterKey(readFileSync(path.resolve(config.dataDir, 'master.key'), 'utf8').trim());
  try {
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
    const context = await NestFactory.createApplicationContext(
      modules === 'application' ? AppModule.forRoot(settings) : featuresModule(settings, modules),
      { logger: ['error'] },
    );
    try {
      return await work(context);
    } finally {
      await context.close();
    }
  } finally {
    await embedded?.stop();
  }
}

/** The given feature modules with the configuration, database, encryption and audit they rely on. */
function featuresModule(settings: HavenConfig & { databaseUrl: string }, features: Type[]): DynamicModule {
  @Global()
  @Module({ providers: [{ provide: HAVEN_CONFIG, useValue: settings }], exports: [HAVEN_CONFIG] })
  class CommandConfigModule {}

  @Module({})
  class CommandModule {}

  return {
    module: CommandModule,
    imports: [
      CommandConfigModule,
      scopedDatabaseModule(settings.databaseUrl),
      TransactionModule,
      CryptoModule,
      AuditModule,
      ...features,
    ],
  };
}
