import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadConfig } from '../config/config.js';
import { AuditModule } from '../core/audit/audit.module.js';
import { AuditService } from '../core/audit/audit.service.js';
import { dataSourceOptions } from '../core/database/data-source-options.js';
import { startEmbeddedPostgres } from '../core/database/embedded-postgres.js';

/**
 * `npm run audit:verify` — walks the audit hash chain and reports the first broken
 * link. Exit code 0 when intact, 2 when broken, 1 on error.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, config.embeddedDatabasePort);
  const url = config.databaseUrl ?? embedded!.url;

  @Module({ imports: [TypeOrmModule.forRoot(dataSourceOptions(url)), AuditModule] })
  class VerifyAuditModule {}

  const context = await NestFactory.createApplicationContext(VerifyAuditModule, { logger: ['error'] });
  try {
    const verdict = await context.get(AuditService).verify();
    if (verdict.firstBrokenId) {
      console.log(`Audit chain BROKEN at event ${verdict.firstBrokenId} (checked ${verdict.checked} events).`);
      return 2;
    }
    console.log(`Audit chain intact: ${verdict.checked} events verified.`);
    return 0;
  } finally {
    await context.close();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Audit verification failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
