import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { CASE_REFERENCE_PATTERN } from '@haven/contracts';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';

type Role = keyof E2eServer['users'];

const TIMEOUT = 120_000;
const NOT_FOUND = 'This page does not exist or you do not have access to it';
// A synthetic survivor; the alias is checked never to appear outside the identity section.
const SURVIVOR = {
  givenName: 'Juniper',
  familyName: 'Testcase',
  estimatedAge: '19',
  sex: 'Female',
  nationality: 'Nigeria',
};

/**
 * The journeys of docs/architecture.md that the first release supports, driven in Chromium against the real API
 * serving the built web app: late-night intake by a caseworker, and the do-no-harm limits for a partner
 * and a programme manager. Every main screen is also checked with axe-core.
 */
describe('browser journeys', () => {
  let journey: Journey;
  let server: E2eServer;
  let registered: { url: string; reference: string } | undefined;

  beforeAll(async () => {
    journey = await startJourney();
    server = journey.server;
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  /**
   * Each person gets a fresh browser profile: no cookies, no stored language. Reduced motion turns off
   * transitions, so contrast checks never catch a notification halfway through fading.
   */
  function openBrowser(): Promise<Page> {
    return journey.newPage({}, 15_000);
  }

  async function signIn(page: Page, role: Role): Promise<void> {
    await signInThroughPage(page, server.users[role]);
  }

  async function expectNoSeriousA11yViolations(page: Page, screen: string): Promise<void> {
    expect(await seriousA11yViolations(page, screen)).toEqual([]);
  }

  async function expectNotFoundPage(page: Page): Promise<void> {
    await page.getByRole('heading', { level: 1, name: NOT_FOUND }).waitFor();
  }

  it(
    'a caseworker registers a case at intake, finds it by reference and reveals the identity',
    async () => {
      const page = await openBrowser();

      // Signed-out visitors are sent to sign-in, wherever they were going.
      await page.goto('/cases');
      await page.waitForURL('**/sign-in');
      await page.getByRole('heading', { level: 1, name: 'Sign in to Haven' }).waitFor();
      await expectNoSeriousA11yViolations(page, 'sign-in');

      await page.getByRole('textbox', { name: 'E-mail address' }).fill(server.users.caseworker.email);
      await page.getByRole('textbox', { name: 'Password' }).fill(server.users.caseworker.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Caseworkers see case data: the second step asks for the code from their authenticator app.
      await page.getByRole('textbox', { name: 'Authentication code' }).fill(await server.users.caseworker.nextCode());
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL('**/cases');
      await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
      await page.getByText('No cases yet').or(page.getByRole('table')).first().waitFor();
      await expectNoSeriousA11yViolations(page, 'case list');

      await page.getByRole('navigation').getByRole('link', { name: 'Register case' }).click();
      await page.getByRole('heading', { level: 1, name: 'Register a case' }).waitFor();
      await page.getByRole('textbox', { name: 'Given name or alias' }).fill(SURVIVOR.givenName);
      await page.getByRole('textbox', { name: 'Family name' }).fill(SURVIVOR.familyName);
      await page.getByRole('textbox', { name: 'Estimated age in years' }).fill(SURVIVOR.estimatedAge);
      await page.getByRole('combobox', { name: 'Sex' }).click();
      await page.getByRole('option', { name: SURVIVOR.sex, exact: true }).click();
      await page.getByRole('combobox', { name: 'Nationality' }).fill(SURVIVOR.nationality);
      await page.getByRole('option', { name: SURVIVOR.nationality, exact: true }).click();
      await page.getByRole('radio', { name: 'High' }).check();
      await page.getByRole('combobox', { name: 'Forms of exploitation' }).click();
      await page.getByRole('option', { name: 'Forced labour', exact: true }).click();
      await page.keyboard.press('Escape');
      await expectNoSeriousA11yViolations(page, 'register form');

      await page.getByRole('button', { name: 'Register case' }).click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 2, name: 'Profile' }).waitFor();
      const reference = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
      expect(reference).toMatch(CASE_REFERENCE_PATTERN);
      registered = { url: new URL(page.url()).pathname, reference };
      // Identity is hidden until asked for.
      expect(await page.getByText(SURVIVOR.givenName).count()).toBe(0);
      await expectNoSeriousA11yViolations(page, 'case page');

      // Find it again the way a colleague would: by its reference, typed in lower case.
      await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
      await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
      await page.getByRole('textbox', { name: 'Search by reference' }).fill(reference.toLowerCase());
      await page.keyboard.press('Enter');
      await page.waitForURL(/[?&]reference=/);
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: reference }) });
      await row.waitFor();
      expect(await page.getByRole('row').count()).toBe(2); // header + the one match
      expect(await page.getByText(SURVIVOR.givenName).count()).toBe(0); // lists never show names

      await row.getByRole('link', { name: reference }).click();
      await page.waitForURL(`**${registered.url}`);
      // Identity has a tab of its own, and is still hidden until asked for there.
      await page.getByRole('tab', { name: 'Identity' }).click();
      await page.getByRole('button', { name: 'Show identity' }).click();
      await page.getByText(SURVIVOR.givenName, { exact: true }).waitFor();
      await page.getByText(SURVIVOR.familyName, { exact: true }).waitFor();

      await page.getByRole('button', { name: 'Hide identity' }).click();
      await page.getByRole('button', { name: 'Show identity' }).waitFor();
      expect(await page.getByText(SURVIVOR.givenName).count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'the caseworker starts her morning round on my work and follows a count to its filtered list',
    async () => {
      if (!registered) throw new Error('needs the case registered by the caseworker journey');
      const page = await openBrowser();
      await signIn(page, 'caseworker');
      await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
      const summary = page.getByRole('region', { name: 'Summary' });
      await summary.getByRole('link', { name: /^Due today\s*\d+/ }).waitFor();
      await expectNoSeriousA11yViolations(page, 'my work');

      // "Active cases" is the case list filtered to active cases, with her new case in it.
      await summary.getByRole('link', { name: /^Active cases\s*\d+/ }).click();
      await page.waitForURL(/\/cases\?status=Active$/);
      await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
      expect(await page.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('Active');
      await page.getByRole('link', { name: registered.reference }).waitFor();

      // A count of my work's own lists narrows my work to that list, with the way back to everything.
      await page.getByRole('navigation').getByRole('link', { name: 'My work' }).click();
      await summary.getByRole('link', { name: /^Overdue tasks\s*\d+/ }).click();
      await page.waitForURL(/\/\?show=overdue$/);
      await page.getByText('Showing only: Overdue tasks').waitFor();
      expect(await page.getByRole('heading', { level: 2, name: 'Due this week', exact: true }).count()).toBe(0);
      await page.getByRole('link', { name: 'Show all my work' }).click();
      await page.getByRole('heading', { level: 2, name: 'Due this week', exact: true }).waitFor();
    },
    TIMEOUT,
  );

  it(
    "a partner opening that case's address sees the not-found page",
    async () => {
      if (!registered) throw new Error('needs the case registered by the caseworker journey');
      const page = await openBrowser();
      await signIn(page, 'partner');
      await page.goto(registered.url);
      await expectNotFoundPage(page);
      expect(await page.getByText(registered.reference).count()).toBe(0);
      expect(await page.getByText(SURVIVOR.givenName).count()).toBe(0);
      await expectNoSeriousA11yViolations(page, 'not-found page');
    },
    TIMEOUT,
  );

  it(
    'a manager gets no case list and no navigation to cases',
    async () => {
      const page = await openBrowser();
      const caseRequests: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/cases')) caseRequests.push(request.url());
      });

      await signIn(page, 'manager');
      await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
      expect(await page.getByRole('link', { name: 'Cases' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Register case' }).count()).toBe(0);

      await page.goto('/cases');
      await expectNotFoundPage(page);
      expect(await page.getByRole('table').count()).toBe(0);
      // The screens do not even ask the API for case data on a manager's behalf.
      expect(caseRequests).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'switching to Arabic lays the page out right-to-left and is remembered',
    async () => {
      const page = await openBrowser();
      await page.goto('/sign-in');
      await page.getByRole('heading', { level: 1, name: 'Sign in to Haven' }).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('ltr');

      await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
      await page.locator('html[dir="rtl"]').waitFor({ state: 'attached' });
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      await page.getByRole('heading', { level: 1, name: 'تسجيل الدخول إلى Haven' }).waitFor();
      await expectNoSeriousA11yViolations(page, 'sign-in (Arabic)');

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'تسجيل الدخول إلى Haven' }).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    },
    TIMEOUT,
  );
});
