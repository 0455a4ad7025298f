import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/config.js';
import { API_PREFIX } from '../create-app.js';
import { buildOpenApiDocument } from '../core/http/openapi.js';
import { routeTable } from '../core/http/route-table.js';

/**
 * The OpenAPI document the server serves at /api/docs-json, built without a server or a
 * database: Nest's preview mode reads the modules and controllers but builds no provider, so
 * no connection is opened. `npm test` lints what this writes (tests/api/openapi.spec.ts checks
 * it equals the served document).
 */
export async function openApiDocumentWithoutServer(version: string): Promise<Record<string, unknown>> {
  // The database address is never used in preview mode; the configuration only needs one.
  const config = { ...loadConfig({ NODE_ENV: 'test' }), databaseUrl: 'postgres://preview.invalid/haven' };
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: ['error'] });
  return buildOpenApiDocument(routeTable(app, API_PREFIX), version);
}

/** `node apps/api/dist/cli/write-openapi.js <file>` writes the document as JSON. */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: write-openapi.js <output file>');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(await openApiDocumentWithoutServer(process.env.npm_package_version ?? '0.1.0'), null, 2)}\n`,
  );
  console.log(`OpenAPI document written to ${file}`);
}

// Run only when started as the command, so tests can import openApiDocumentWithoutServer.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error('Could not write the OpenAPI document:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
