import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { horizontalOverflow, signInThroughPage } from '../support/browser.js';
import { startJourney, type Journey } from '../support/journey.js';
import { registration, type TestApp, type TestPerson } from '../support/test-app.js';
import { referToClinic } from '../support/case-fixtures.js';

// Generous: five people sign in and each opens every page of theirs twice, on a machine that may be busy.
const TIMEOUT = 600_000;
const PHONE = { width: 360, height: 740 };
const LANGUAGES = ['en', 'ar'] as const;
// Synthetic survivors; nothing here describes a real person.
const SURVIVORS = [
  { givenName: 'Wilhelmina-Josephine', familyName: 'Featherstonehaugh-Abernathy' },
  { givenName: 'Tesfay', familyName: 'Gebremariam' },
];

/**
 * Haven on a phone (docs/architecture.md, "Every list is a ResponsiveTable"): at 360 px, in English and in Arabic,
 * no main page of any role is wider than the screen — every page of the role's navigation, and the page each
 * works on (a case, a referral). The header's controls stay on the screen: the menu that holds the language and
 * signing out opens inside it.
 */
describe('phone width', () => {
  let journey: Journey;
  let harness: TestApp;
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    journey = await startJourney();
    harness = journey.harness;
    const caseworker = await harness.signInAs('caseworker');
    const cases = [];
    for (const survivor of SURVIVORS) cases.push((await caseworker.post('/api/cases', registration(survivor))).body);
    caseId = cases[0].id;
    // A referral to the clinic, so that the partner's inbox and referral page have something to show.
    referralId = await referToClinic(harness, caseworker, caseId, ['basicProfile']);
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  /** Opens a page and waits until its heading is shown and nothing is loading any more. */
  const open = async (page: Page, path: string) => {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
  };

  const ROLES: { person: TestPerson; extra: () => string[] }[] = [
    { person: 'caseworker', extra: () => [`/cases/${caseId}`] },
    { person: 'supervisor', extra: () => [`/cases/${caseId}`] },
    { person: 'partner', extra: () => [`/referrals/${referralId}`] },
    { person: 'manager', extra: () => [] },
    { person: 'admin', extra: () => [] },
  ];

  for (const { person, extra } of ROLES) {
    it(
      `no main page of the ${person} is wider than a 360 px screen, in English and Arabic`,
      async () => {
        const page = await journey.newPage({ viewport: PHONE, hasTouch: true }, 20_000);
        await signInThroughPage(page, await journey.credentials(harness.people[person].email));
        const problems: string[] = [];
        for (const language of LANGUAGES) {
          await page.evaluate(`window.localStorage.setItem('haven.language', ${JSON.stringify(language)})`);
          await page.goto('/');
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          expect(await page.evaluate<string>('document.documentElement.lang')).toBe(language);
          // Every page of the role's navigation (the same links the navigation button shows), and the page they work on.
          const links = await page
            .locator('#main-navigation a')
            .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
          const paths = [...new Set([...links, ...extra()])];
          expect(paths.length).toBeGreaterThan(1);
          for (const path of paths) {
            await open(page, path);
            const found = await horizontalOverflow(page);
            if (found)
              problems.push(
                `${language} ${path}: ${found.scrollWidth} px wide on a ${found.clientWidth} px screen — ${found.culprits.join('; ')}`,
              );
          }

          // The bell's count (the partner has one: the new referral) is drawn whole, not cut off by the bell's button.
          // Cut off means: some box around it hides what overflows it (or the screen's edge), and it reaches past that box.
          const badgeCut = await page.evaluate<boolean>(`
            Array.from(document.querySelectorAll('header .mantine-Indicator-indicator')).some((badge) => {
              const box = badge.getBoundingClientRect();
              if (box.top < 0 || box.left < 0 || box.right > document.documentElement.clientWidth) return true;
              for (let around = badge.parentElement; around; around = around.parentElement) {
                const style = getComputedStyle(around);
                if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
                const edge = around.getBoundingClientRect();
                if (box.top < edge.top || box.left < edge.left || box.right > edge.right || box.bottom > edge.bottom)
                  return true;
              }
              return false;
            })`);
          if (person === 'partner')
            expect(await page.locator('header .mantine-Indicator-indicator').count()).toBeGreaterThan(0);
          expect(badgeCut).toBe(false);

          // The header's menu is on the screen and holds the language and signing out.
          const menuButton = page.getByRole('button', {
            name: language === 'en' ? 'Account, language and sign-out' : 'الحساب واللغة وتسجيل الخروج',
          });
          await menuButton.click();
          expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
          const signOut = page.getByRole('menuitem', { name: language === 'en' ? 'Sign out' : 'تسجيل الخروج' });
          await signOut.waitFor();
          const box = await signOut.boundingBox();
          expect(box).not.toBeNull();
          expect(box!.x).toBeGreaterThanOrEqual(0);
          expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
          await page.keyboard.press('Escape');
          expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
        }
        expect(problems).toEqual([]);
      },
      TIMEOUT,
    );
  }
});
