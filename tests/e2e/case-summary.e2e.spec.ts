import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import { startJourney, type Journey } from '../support/journey.js';
import { registration, type TestApp } from '../support/test-app.js';
import { referToClinic } from '../support/case-fixtures.js';

const TIMEOUT = 240_000;
// A synthetic survivor; nothing here describes a real person.
const SURVIVOR = { givenName: 'Paperina', familyName: 'Printwell' };

/**
 * Printing a case summary (docs/architecture.md, "Printable summaries"): the assignee chooses sections and prints;
 * on paper (print media) only the document shows, under a running header naming who printed it and when; the
 * supervisor sees the print in the case's access log. The partner prints only what its referral shares.
 */
describe('printing a case summary', () => {
  let journey: Journey;
  let harness: TestApp;
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    journey = await startJourney();
    harness = journey.harness;
    const caseworker = await harness.signInAs('caseworker');
    caseId = (await caseworker.post('/api/cases', registration(SURVIVOR))).body.id;
    referralId = await referToClinic(harness, caseworker, caseId, ['basicProfile', 'healthNeeds']);
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  const visible = (page: Page, selector: string) => page.locator(selector).first().isVisible();

  it(
    'the assignee prints the chosen sections under a header with her name and the time; the access log shows it',
    async () => {
      const page = await journey.newPage();
      await signInThroughPage(page, await journey.credentials(harness.people.caseworker.email));
      await page.goto(`/cases/${caseId}`);
      await page.getByRole('link', { name: 'Print a summary' }).click();
      await page.getByRole('heading', { name: 'Print a summary', level: 1 }).waitFor();
      // The identity and the basic profile only.
      for (const name of ['Health needs', 'Legal needs', 'Risk', 'Trafficking profile'])
        await page.getByRole('checkbox', { name, exact: true }).uncheck();
      await page.getByRole('checkbox', { name: 'Identity', exact: true }).check();
      await page.getByText('This summary will show who she is').waitFor();
      expect(await seriousA11yViolations(page, 'summary picker')).toEqual([]);
      await page.getByRole('button', { name: 'Prepare summary' }).click();
      const document = page.getByRole('article');
      await document.getByRole('region', { name: 'Identity', exact: true }).waitFor();

      await page.emulateMedia({ media: 'print' });
      const header = page.getByTestId('print-running-header');
      expect(await header.isVisible()).toBe(true);
      const headerText = await header.innerText();
      expect(headerText).toContain('Test caseworker');
      expect(headerText).toMatch(/\d{1,2}:\d{2}/);
      // Repeated on every printed page: fixed to the page box.
      expect(
        await header.evaluate(
          (element) =>
            (
              element.ownerDocument.defaultView as { getComputedStyle(node: unknown): { position: string } }
            ).getComputedStyle(element).position,
        ),
      ).toBe('fixed');
      expect(await document.getByRole('region', { name: 'Basic profile' }).isVisible()).toBe(true);
      expect(await document.innerText()).toContain(SURVIVOR.familyName);
      expect(await document.getByRole('region', { name: 'Health needs' }).count()).toBe(0);
      // Nothing of the app around it goes on paper: no header, navigation, picker or buttons.
      expect(await visible(page, 'header')).toBe(false);
      expect(await visible(page, '#main-navigation')).toBe(false);
      expect(await page.getByRole('button', { name: 'Print', exact: true }).isVisible()).toBe(false);
      expect(await page.getByRole('checkbox', { name: 'Identity', exact: true }).isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.byteLength).toBeGreaterThan(1000);
      await page.emulateMedia({ media: 'screen' });

      // The supervisor's access log: the print, and the identity read it was.
      const supervisor = await journey.newPage();
      await signInThroughPage(supervisor, await journey.credentials(harness.people.supervisor.email));
      await supervisor.goto(`/cases/${caseId}?tab=access-log`);
      const log = supervisor.getByTestId('audit-events');
      await log
        .getByRole('row')
        .filter({ hasText: 'Printed a summary' })
        .filter({ hasText: 'Test caseworker' })
        .waitFor();
      await log
        .getByRole('row')
        .filter({ hasText: 'Viewed the identity' })
        .filter({ hasText: 'Test caseworker' })
        .waitFor();
    },
    TIMEOUT,
  );

  it(
    'the partner prints only what its referral shares',
    async () => {
      const page = await journey.newPage();
      await signInThroughPage(page, await journey.credentials(harness.people.partner.email));
      await page.goto(`/referrals/${referralId}`);
      await page.getByRole('link', { name: 'Print what this referral shares' }).click();
      await page.getByRole('heading', { name: 'Print a summary', level: 1 }).waitFor();
      const offered = await page
        .getByRole('checkbox')
        .evaluateAll((boxes) => boxes.map((box) => box.getAttribute('value')));
      expect(offered).toEqual(['basicProfile', 'healthNeeds']);
      await page.getByRole('checkbox', { name: 'Basic profile', exact: true }).uncheck();
      await page.getByRole('button', { name: 'Prepare summary' }).click();
      const document = page.getByRole('article');
      await document.getByRole('region', { name: 'Health needs' }).waitFor();

      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('print-running-header').innerText()).toContain('Test partner');
      expect(await document.getByRole('region', { name: 'Basic profile' }).count()).toBe(0);
      expect(await document.innerText()).not.toContain(SURVIVOR.familyName);
      expect(await visible(page, 'header')).toBe(false);
    },
    TIMEOUT,
  );
});
