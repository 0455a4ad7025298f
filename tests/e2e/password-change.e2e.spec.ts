import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';
import { TEST_PASSWORD } from '../support/test-app.js';

const TIMEOUT = 120_000;
const NEW_PASSWORD = 'Orchard-violet-river-31';

/**
 * A manager changes her password on the Security page. The reasons a new password is refused appear
 * as she types, in her language, judged by the same estimator as the API (loaded only on this
 * screen); the accepted one signs her in next time.
 */
describe('changing one’s password', () => {
  let journey: Journey;
  let server: E2eServer;
  let page: Page;

  beforeAll(async () => {
    journey = await startJourney();
    server = journey.server;
    page = await journey.newPage();
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  it(
    'shows why a new password is refused as she types, in English, French and Arabic, then changes it',
    async () => {
      const estimatorRequests: string[] = [];
      page.on('request', (sent) => {
        if (/password-estimator/.test(sent.url())) estimatorRequests.push(sent.url());
      });
      await signInThroughPage(page, { email: server.users.manager.email, password: TEST_PASSWORD });
      await page.waitForURL((url) => url.pathname === '/');
      // The dictionaries are not part of the first load.
      expect(estimatorRequests).toEqual([]);

      await page.getByRole('link', { name: 'Security' }).click();
      await page.getByRole('heading', { name: 'Password' }).waitFor();
      const newPassword = page.getByLabel(/^New password\s*\*?$/);
      await newPassword.fill('aaaaaaaaaaaa');
      await page.getByText('Repeated characters or words are easy to guess').waitFor();
      expect(estimatorRequests).toHaveLength(1);
      await newPassword.fill('password1234');
      await page.getByText('A common or breached password, or too close to one').waitFor();
      // The manager's display name is "Test manager".
      await newPassword.fill('Manager-orchard-river');
      await page.getByText('Must not contain your name').waitFor();
      await newPassword.fill('short');
      await page.getByText('Use at least 12 characters').waitFor();
      expect(await seriousA11yViolations(page, 'password change')).toEqual([]);

      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await newPassword.fill('Manager-orchard-river');
      await page.getByText('Ne doit pas contenir votre nom').waitFor();
      await page.getByRole('combobox', { name: 'Langue' }).selectOption('ar');
      await page.getByText('يجب ألا تحتوي على اسمك').waitFor();
      await page.getByRole('combobox', { name: 'اللغة' }).selectOption('en');

      // A refused password is not sent.
      await page.getByLabel('Current password').fill(TEST_PASSWORD);
      await page.getByLabel('New password again').fill('Manager-orchard-river');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Must not contain your name').waitFor();

      await newPassword.fill(NEW_PASSWORD);
      await page.getByText('This password can be used.').waitFor();
      await page.getByLabel('New password again').fill('Orchard-violet-river-32');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('The two new passwords differ').waitFor();
      await page.getByLabel('New password again').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Your password was changed. Your other sessions have been signed out.').waitFor();

      const login = (password: string) =>
        request(server.baseUrl).post('/api/auth/login').send({ email: server.users.manager.email, password });
      expect((await login(NEW_PASSWORD)).status).toBe(200);
      expect((await login(TEST_PASSWORD)).status).toBe(401);
    },
    TIMEOUT,
  );
});
