import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { totpCode } from '../../apps/api/src/core/auth/totp.js';
import { UsersService } from '../../apps/api/src/core/users/users.service.js';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';
import { TEST_PASSWORD } from '../support/test-app.js';

const TIMEOUT = 90_000;

/**
 * Two-step sign-in in Chromium against the real API serving the built web app: a new caseworker is
 * held on the enrolment page, scans (reads) the key, confirms a code, sees the recovery codes once,
 * reaches their work; then signs in again with a code, and once with a recovery code.
 */
describe('two-factor sign-in journey', () => {
  let journey: Journey;
  let server: E2eServer;

  beforeAll(async () => {
    journey = await startJourney();
    server = journey.server;
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  function openBrowser(): Promise<Page> {
    return journey.newPage({}, 15_000);
  }

  it(
    'enrols a new caseworker with the QR page, then signs them in with a code and with a recovery code',
    async () => {
      const { harness } = server;
      const email = 'new.caseworker@test.haven.test';
      await harness.app.get(UsersService).create({
        email,
        displayName: 'New Caseworker',
        role: 'caseworker',
        organisationId: harness.organisations.shelterA,
        password: TEST_PASSWORD,
      });

      const page = await openBrowser();
      await signInThroughPage(page, { email, password: TEST_PASSWORD });
      // The role sees case data: nothing but enrolment until a second factor is set up.
      await page.waitForURL('**/two-factor/enrol');
      await page.goto('/cases');
      await page.waitForURL('**/two-factor/enrol');
      await page.getByRole('button', { name: 'Begin' }).click();
      await page.getByRole('img', { name: 'QR code to add Haven to your authenticator app' }).waitFor();
      expect(await seriousA11yViolations(page, 'enrolment')).toEqual([]);
      const secret = (await page.getByTestId('manual-key').innerText()).replace(/\s+/g, '');
      harness.twoFactor.advance();
      await page
        .getByRole('textbox', { name: 'Code from the app' })
        .fill(await totpCode(secret, harness.twoFactor.now()));
      await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
      const codes = (await page.getByTestId('recovery-codes').innerText())
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      expect(codes).toHaveLength(10);
      await page.getByRole('button', { name: 'I have saved my codes — continue' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('link', { name: 'Security' }).click();
      await page.getByText('You have 10 unused recovery codes.').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');

      // Again, with a code from the app.
      await signInThroughPage(page, {
        email,
        password: TEST_PASSWORD,
        nextCode: async () => {
          expect(await seriousA11yViolations(page, 'second step')).toEqual([]);
          expect(await page.getByRole('textbox', { name: 'Authentication code' }).getAttribute('autocomplete')).toBe(
            'one-time-code',
          );
          harness.twoFactor.advance();
          return totpCode(secret, harness.twoFactor.now());
        },
      });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');

      // And with a recovery code, which then no longer counts.
      await page.getByRole('textbox', { name: 'E-mail address' }).fill(email);
      await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0]!);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      await page.goto('/security');
      await page.getByText('You have 9 unused recovery codes.').waitFor();
    },
    TIMEOUT * 2,
  );

  it(
    'lets an admin reset a second factor from the users screen, after confirming',
    async () => {
      const page = await openBrowser();
      await signInThroughPage(page, server.users.admin);
      await page.getByRole('link', { name: 'Users' }).click();
      // Each account's actions are in its own menu.
      await page.getByRole('button', { name: 'Actions for Test caseworker' }).click();
      await page.getByRole('menuitem', { name: 'Reset two-step verification' }).click();
      await page.getByRole('button', { name: 'Reset and sign out' }).click();
      await page
        .getByText('Two-step verification was reset for Test caseworker; all their sessions have ended.')
        .waitFor();
      expect(await seriousA11yViolations(page, 'users')).toEqual([]);
      expect(
        await server.harness.app.get(UsersService).findActiveById(server.harness.people.caseworker.id),
      ).not.toBeNull();
    },
    TIMEOUT,
  );
});
