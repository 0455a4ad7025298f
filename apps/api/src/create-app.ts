import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import type { HavenConfig } from './config/config.js';
import { compressedAssets } from './core/http/compressed-assets.js';
import { buildOpenApiDocument } from './core/http/openapi.js';
import { OpenApiDocument } from './core/http/openapi-document.provider.js';
import { routeTable } from './core/http/route-table.js';

export const API_PREFIX = 'api';
const BODY_LIMIT = '100kb';

const LOG_LEVELS: Record<HavenConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/** Builds the HTTP application: security middleware, API routes, the web app's files. Does not listen. */
export async function createHavenApp(config: HavenConfig & { databaseUrl: string }): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: LOG_LEVELS[config.logLevel],
  });
  app.setGlobalPrefix(API_PREFIX);
  app.disable('x-powered-by');
  if (config.trustProxy)
    app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Mantine sets style attributes at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(cookieParser());
  // JSON only: a cross-site HTML form cannot send it, which closes login CSRF.
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(`/${API_PREFIX}/docs/assets`, express.static(swaggerUiAssets(), { index: false }));
  const webDist = config.webDistDir;
  if (webDist && existsSync(path.join(webDist, 'index.html'))) {
    // API requests skip the file handlers: otherwise each one costs a failed stat() of the build folder.
    const files = [compressedAssets(webDist), express.static(webDist, { index: false, maxAge: '1h' })];
    for (const handler of files) {
      app.use((request: Request, response: Response, next: NextFunction) =>
        request.path.startsWith(`/${API_PREFIX}/`) ? next() : handler(request, response, next),
      );
    }
    app.use(singlePageFallback(path.join(webDist, 'index.html')));
  }
  await app.init();
  app
    .get(OpenApiDocument)
    .set(buildOpenApiDocument(routeTable(app, API_PREFIX), process.env.npm_package_version ?? '0.1.0'));
  return app;
}

/** Any GET outside /api that accepts HTML gets the web app, whose router shows the page (or its 404). */
function singlePageFallback(indexFile: string) {
  return (request: Request, response: Response, next: NextFunction) => {
    if (
      request.method !== 'GET' ||
      request.path.startsWith(`/${API_PREFIX}/`) ||
      request.path === `/${API_PREFIX}` ||
      !request.accepts('html')
    ) {
      next();
      return;
    }
    response.setHeader('Cache-Control', 'no-store');
    response.sendFile(indexFile);
  };
}

function swaggerUiAssets(): string {
  return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}
