import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadConfig } from '../config/config.js';
import { AuditModule } from '../core/audit/audit.module.js';
import { AuditService } from '../core/audit/audit.service.js';
import { verificationReport, VERIFY_EXIT } from '../core/audit/audit-verification.js';
import { dataSourceOptions } from '../core/database/data-source-options.js';
import { startEmbeddedPostgres } from '../core/database/embedded-postgres.js';
import { TransactionModule } from '../core/database/transaction-host.js';

/**
 * `npm run audit:verify` — walks the audit hash chain and reports the first broken
 * link (event id and position). Exit code 0 when intact, 2 when broken, 1 on error.
 */
export async function verifyAuditDatabase(url: string, print: (line: string) => void = console.log): Promise<number> {
  @Module({
    imports: [
      TypeOrmModule.forRoot({ ...dataSourceOptions(url), autoLoadEntities: true }),
      TransactionModule,
      AuditModule,
    ],
  })
  class VerifyAuditModule {}

  const context = await NestFactory.createApplicationContext(VerifyAuditModule, { logger: ['error'] });
  try {
    const report = verificationReport(await context.get(AuditService).verify());
    print(report.message);
    return report.exitCode;
  } finally {
    await context.close();
  }
}

async function main(): Promise<number> {
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(config.dataDir, config.embeddedDatabasePort);
  try {
    return await verifyAuditDatabase(config.databaseUrl ?? embedded!.url);
  } finally {
    await embedded?.stop();
  }
}

// Run only when started as the command, so tests can import verifyAuditDatabase.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('Audit verification failed:', error instanceof Error ? error.message : error);
      process.exit(VERIFY_EXIT.error);
    },
  );
}
