import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';

/**
 * A browser journey's set-up: Haven serving the built web app on a fresh database, and Chromium.
 * It starts the API, so it lives here rather than in libs/testing (no library imports an app).
 */
export interface Journey {
  server: E2eServer;
  browser: Browser;
  /**
   * A page in a browser window of its own (a person's own cookies), in British English on a
   * desktop screen unless `options` say otherwise; closed with the journey.
   */
  newPage(options?: BrowserContextOptions, defaultTimeout?: number): Promise<Page>;
  stop(): Promise<void>;
}

/** Starts a journey; refuses at once when the web app has not been built. */
export async function startJourney(): Promise<Journey> {
  if (!existsSync(path.resolve('apps/web/dist/index.html'))) {
    throw new Error(
      'The web app is not built: run `npx nx build web` (or `npx vite build --config apps/web/vite.config.ts`) first.',
    );
  }
  const server = await startE2eServer();
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    async newPage(options = {}, defaultTimeout = 20_000) {
      const context = await browser.newContext({
        baseURL: server.baseUrl,
        locale: 'en-GB',
        reducedMotion: 'reduce',
        viewport: { width: 1280, height: 900 },
        ...options,
      });
      context.setDefaultTimeout(defaultTimeout);
      contexts.push(context);
      return context.newPage();
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await server.stop();
    },
  };
}
