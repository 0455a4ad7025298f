import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { TEST_PASSWORD, type TestApp } from './test-app.js';

/** What the sign-in page needs to sign someone in, second step included (`signInThroughPage`). */
export interface PageCredentials {
  email: string;
  password: string;
  nextCode: () => Promise<string>;
}

/**
 * A browser journey's set-up: Haven serving the built web app on a fresh database, and Chromium.
 * It starts the API, so it lives here rather than in libs/testing (no library imports an app;
 * docs/architecture.md, "Decisions").
 */
export interface Journey {
  server: E2eServer;
  /** The harness behind the server, for set-up a browser cannot do (accounts, cases through the API, SQL). */
  harness: TestApp;
  browser: Browser;
  /**
   * A page in a browser window of its own (a person's own cookies), in British English on a
   * desktop screen unless `options` say otherwise; closed with the journey. Its window is
   * `page.context()`.
   */
  newPage(options?: BrowserContextOptions, defaultTimeout?: number): Promise<Page>;
  /**
   * Sign-in details of anyone the harness knows (its people, and those added with `addPerson`),
   * enrolled in a second factor first when their role needs one.
   */
  credentials(email: string): Promise<PageCredentials>;
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
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const { harness } = server;
  const contexts: BrowserContext[] = [];
  return {
    server,
    harness,
    browser,
    async newPage(options = {}, defaultTimeout = 20_000) {
      const context: BrowserContext = await browser.newContext({
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
    async credentials(email) {
      await harness.twoFactor.prepare(email);
      return { email, password: TEST_PASSWORD, nextCode: () => harness.twoFactor.nextCode(email) };
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await server.stop();
    },
  };
}
