import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startJourney, type Journey } from '../support/journey.js';
import { registration, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const TIMEOUT = 180_000;

/**
 * "Slow 3G" as Chrome DevTools defines it: 400 ms round trip, about 400 kbit/s each way
 * (DevTools uses 500 kbit/s × 0.8). Set through the DevTools protocol, so every request
 * of the page — documents, scripts, API calls — pays it.
 */
const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};

/**
 * Budgets, in bytes over the link from a cold browser cache, not in seconds: on slow 3G the
 * bytes are most of the wait (the times are printed, and docs/benchmarks.md records them), and a
 * test must not fail because the machine running it is busy.
 * - The sign-in form: 450 kB (about 390 kB cross today: the initial JavaScript, under 250 kB
 *   by `npm run bundle:report`, the styles, the sign-in screen and its form validation). At
 *   400 kbit/s that is 9 s of bandwidth, inside the 15 s the form must be usable in.
 * - After pressing "Sign in", the case list: 150 kB (about 100 kB today: sign-in and its second
 *   step, the session, the list's route chunks and the first page of cases), 3 s of bandwidth
 *   inside the 10 s the list must be interactive in.
 */
const BUDGET_SIGN_IN_FORM_BYTES = 450_000;
const BUDGET_CASE_LIST_BYTES = 150_000;

describe('the case list on a slow mobile connection', () => {
  let journey: Journey;
  let harness: TestApp;
  const references: string[] = [];

  beforeAll(async () => {
    journey = await startJourney();
    harness = journey.harness;
    // A full first page of the caseworker's cases (synthetic people).
    const caseworker = await harness.signInAs('caseworker');
    for (let index = 0; index < 25; index += 1) {
      const response = await caseworker.post(
        '/api/cases',
        registration({ givenName: `Slowlink${index}`, familyName: 'Sample' }),
      );
      expect(response.status).toBe(201);
      references.push(response.body.reference as string);
    }
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  it(
    'reaches an interactive case list under slow 3G from a cold cache, within its budget of bytes',
    async () => {
      const page = await journey.newPage({ viewport: { width: 390, height: 844 } }, 60_000);
      const devtools = await page.context().newCDPSession(page);
      await devtools.send('Network.enable');
      await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
      await devtools.send('Network.emulateNetworkConditions', SLOW_3G);
      let transferred = 0;
      devtools.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
        transferred += event.encodedDataLength;
      });

      const opened = Date.now();
      await page.goto('/cases', { waitUntil: 'commit' });
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      const signInFormMs = Date.now() - opened;
      const firstLoadBytes = transferred;

      // The form of the page already loaded (signInThroughPage would load it again).
      await page.getByRole('textbox', { name: 'E-mail address' }).fill(harness.people.caseworker.email);
      await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
      const submitted = Date.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The second step, as the caseworker's authenticator app would answer it.
      const codeField = page.getByRole('textbox', { name: 'Authentication code' });
      await codeField.fill(await harness.twoFactor.nextCode(harness.people.caseworker.email));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL('**/cases');
      const newest = page.getByRole('table').getByRole('link', { name: references[references.length - 1]! });
      await newest.waitFor();
      await expect(newest.isEnabled()).resolves.toBe(true);
      const caseListMs = Date.now() - submitted;

      console.log(
        `slow 3G: sign-in form ${signInFormMs} ms (${Math.round(firstLoadBytes / 1000)} kB transferred), ` +
          `case list ${caseListMs} ms after signing in (${Math.round((transferred - firstLoadBytes) / 1000)} kB more)`,
      );
      expect(firstLoadBytes).toBeLessThanOrEqual(BUDGET_SIGN_IN_FORM_BYTES);
      expect(transferred - firstLoadBytes).toBeLessThanOrEqual(BUDGET_CASE_LIST_BYTES);
      // Interactive: the row's link opens the case.
      await newest.click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    },
    TIMEOUT,
  );
});
