import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { STATISTICS_TEXTS } from '@haven/contracts';
import { queryDatabase } from '@haven/testing';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';

type Role = keyof E2eServer['users'];

const TIMEOUT = 120_000;
/** First fewer people than the minimum cell size (11 by default), then enough for the quarter to be published. */
const FEW_CASES = 3;
const MORE_CASES = 11;
const SMALL_GROUP_LEGEND = '<11 = fewer than 11 people (or a few more, moved below 11); 0 means no one.';
const TOTALS_LEGEND = /Totals are protected on their own/;

/**
 * The donor report (docs/architecture.md, journey 7), in Chromium against the real API serving the built web app: the
 * manager lands on the statistics dashboard, reads a chart and its published table with the legend, opens the
 * methodology page and the indicator report with its definitions, and downloads a table as CSV. Figures come
 * from stored releases of ended periods only: a few people show as small groups rather than a refusal, cases
 * registered since the release do not show until the next one, and nothing on the way names or links to a case.
 */
describe('statistics journey', () => {
  let journey: Journey;
  let server: E2eServer;
  let manager: Page;
  let caseworker: Page;

  beforeAll(async () => {
    journey = await startJourney();
    server = journey.server;
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  function openBrowser(): Promise<Page> {
    return journey.newPage({ acceptDownloads: true }, 15_000);
  }

  async function signIn(page: Page, role: Role): Promise<void> {
    await signInThroughPage(page, server.users[role]);
  }

  async function expectNoSeriousA11yViolations(page: Page, screen: string): Promise<void> {
    expect(await seriousA11yViolations(page, screen)).toEqual([]);
  }

  /**
   * Synthetic cases registered by the caseworker through the API, as the registration screen would, each with a
   * statistics consent so that it counts in the breakdowns (by sex, by age band), not only in the totals. Releases
   * publish ended periods only, so their registration is then moved into the last ended quarter (what the dashboard
   * shows first), as if they had been registered then.
   */
  async function registerCases(count: number, offset: number): Promise<void> {
    const me = (await (await caseworker.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': me.csrfToken };
    for (let index = offset; index < offset + count; index += 1) {
      const response = await caseworker.request.post('/api/cases', {
        headers,
        data: {
          givenName: `Sample${index}`,
          estimatedAge: 20 + (index % 10),
          sex: index % 2 ? 'Masculine' : 'Feminine',
          nationality: 'GH',
          exploitationTypes: ['ForcedLabour'],
        },
      });
      expect(response.status()).toBe(201);
      const { id } = (await response.json()) as { id: string };
      const consent = await caseworker.request.post(`/api/cases/${id}/consents`, {
        headers,
        data: { purpose: 'statistics', givenOn: new Date().toISOString().slice(0, 10), method: 'written' },
      });
      expect(consent.status()).toBe(201);
      await queryDatabase(
        server.harness.database.url,
        `UPDATE app."case" SET registered_at = date_trunc('quarter', now()) - interval '15 days' WHERE id = $1`,
        [id],
      );
    }
  }

  /** Nothing a manager sees may name, number or lead to a case. */
  async function expectNoCaseTrace(page: Page): Promise<void> {
    expect(await page.locator('body').innerText()).not.toMatch(/HV-/);
    expect(await page.locator('a[href^="/cases"]').count()).toBe(0);
  }

  /** The first release; afterwards, within the month, a revision (the only release that counts an ended period again). */
  const publish = (revision = false) => server.harness.app.get(StatisticsReleases).publish({ revision });

  it(
    'with only a few people registered, the manager sees small groups, not a refusal, and nothing new before the next release',
    async () => {
      caseworker = await openBrowser();
      await signIn(caseworker, 'caseworker');
      await registerCases(FEW_CASES, 0);
      await publish();
      // Registered after the release: not in the figures until the next one.
      await registerCases(MORE_CASES, FEW_CASES);

      manager = await openBrowser();
      await signIn(manager, 'manager');
      await manager.waitForURL((url) => url.pathname === '/statistics');
      const card = manager.getByRole('region', { name: 'New cases by current status' });
      await card.getByRole('table').waitFor();
      await expect(card.getByRole('cell', { name: '<11', exact: true }).count()).resolves.toBeGreaterThan(0);
      await expect(card.getByRole('table').innerText()).resolves.not.toMatch(/(^|\s)(1[1-9]|[2-9]\d)(\s|$)/);
      await expectNoCaseTrace(manager);
      await expectNoSeriousA11yViolations(manager, 'statistics dashboard (few people)');
    },
    TIMEOUT,
  );

  it(
    'the manager lands on the dashboard, reads a chart and its published table, and downloads it as CSV',
    async () => {
      await publish(true);
      await manager.goto('/');
      await manager.waitForURL((url) => url.pathname === '/statistics');
      await manager.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
      await manager.getByText(SMALL_GROUP_LEGEND).waitFor();
      await manager.getByText(TOTALS_LEGEND).waitFor();

      const card = manager.getByRole('region', { name: 'New cases by current status' });
      await card.getByRole('table').waitFor();
      await card.getByRole('img', { name: /Chart of “New cases by current status”/ }).waitFor();
      await expect(card.getByRole('rowheader', { name: 'Total' }).count()).resolves.toBeGreaterThan(0);
      // Which release the figures come from, under each table.
      await card.getByText(/^From the Revision of .*\d/).waitFor();

      // 14 people, 7 of each sex: each sex is a small group and shows <11 in the table as published.
      const pyramid = manager.getByRole('region', { name: 'New cases by age band and sex' });
      await pyramid.getByRole('table').waitFor();
      await expect(pyramid.getByRole('cell', { name: '<11', exact: true }).count()).resolves.toBeGreaterThan(0);
      await expect(pyramid.getByRole('table').innerText()).resolves.not.toMatch(/(^|\s)[1-9](\s|$)/);

      const [download] = await Promise.all([
        manager.waitForEvent('download'),
        card.getByRole('link', { name: 'Download “New cases by current status” as CSV' }).click(),
      ]);
      const file = await download.path();
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const firstLine = text.split(/\r?\n/)[0] ?? '';
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      // A header row: names, separated by commas, not figures.
      expect(firstLine).toMatch(/^[^\d,][^,]*(,[^,]+)+$/);
      expect(firstLine.toLowerCase()).toContain('period');
      // The file says what its totals mean.
      expect(text).toMatch(/Totals,.*need not match the sum/);

      const [pyramidDownload] = await Promise.all([
        manager.waitForEvent('download'),
        pyramid.getByRole('link', { name: 'Download “New cases by age band and sex” as CSV' }).click(),
      ]);
      const pyramidCsv = readFileSync(await pyramidDownload.path(), 'utf8');
      expect(pyramidCsv).toContain(',<11');

      await expect(manager.getByRole('navigation').getByRole('link', { name: 'Cases' }).count()).resolves.toBe(0);
      await expectNoCaseTrace(manager);
      await expectNoSeriousA11yViolations(manager, 'statistics dashboard');
    },
    2 * TIMEOUT,
  );

  it(
    'the manager follows the legend to the page that says how the statistics are protected',
    async () => {
      await manager.goto('/statistics');
      await manager.getByRole('link', { name: 'How the statistics are protected' }).click();
      await manager.waitForURL((url) => url.pathname === '/statistics/methodology');
      await manager.getByRole('heading', { level: 1, name: 'How the statistics are protected' }).waitFor();
      for (const heading of [
        'Releases, not live counts',
        'The cell key method',
        'Small groups',
        'Totals that may not add up',
        'Differential privacy',
      ]) {
        await manager.getByRole('heading', { level: 2, name: heading }).waitFor();
      }
      await manager.getByText(/It is off here/).waitFor();
      await expectNoSeriousA11yViolations(manager, 'statistics methodology');
    },
    TIMEOUT,
  );

  it(
    'the manager opens the indicator report, each indicator with its definition',
    async () => {
      await manager.goto('/statistics');
      await manager.getByRole('navigation').getByRole('link', { name: 'Indicators' }).click();
      await manager.getByRole('heading', { level: 1, name: 'Indicator report' }).waitFor();
      const first = manager
        .getByRole('region')
        .filter({ has: manager.getByText('Definition:') })
        .first();
      await first.waitFor();
      expect(await manager.getByText('Definition:').count()).toBeGreaterThanOrEqual(1);
      await manager.getByText(/^From the Revision of .*\d/).waitFor();
      await manager.getByRole('link', { name: 'Download “Indicator report” as CSV' }).waitFor();
      await expectNoCaseTrace(manager);
      await expectNoSeriousA11yViolations(manager, 'indicator report');
    },
    TIMEOUT,
  );

  it(
    'in French and in Arabic, the dashboard, the indicator report and the file speak the reader’s language, and no filter label is cut off',
    async () => {
      for (const language of ['fr', 'ar'] as const) {
        const texts = STATISTICS_TEXTS[language];
        await manager.evaluate(`window.localStorage.setItem('haven.language', ${JSON.stringify(language)})`);
        for (const width of [1280, 375]) {
          await manager.setViewportSize({ width, height: 900 });
          await manager.goto('/statistics');
          const card = manager.getByRole('region', { name: texts.tables['cases-by-status'].title });
          await card.getByRole('table').waitFor();
          await card.getByText(texts.tables['cases-by-status'].description).waitFor();
          const shown = await card.innerText();
          for (const code of ['FollowUp', 'ClosedReferred', 'Active']) expect(shown).not.toContain(code);
          // Every label and every chosen value of the filters is whole: nothing wider than its box.
          const cut = await manager.evaluate<string[]>(`
            [...document.querySelectorAll('fieldset label, fieldset legend, fieldset input, fieldset [class*="SegmentedControl-label"]')]
              .filter((element) => element.scrollWidth > element.clientWidth + 1)
              .map((element) => element.textContent || element.value)
          `);
          expect({ language, width, cut }).toEqual({ language, width, cut: [] });
        }
        await manager.setViewportSize({ width: 1280, height: 900 });
        const card = manager.getByRole('region', { name: texts.tables['cases-by-status'].title });
        const [download] = await Promise.all([
          manager.waitForEvent('download'),
          card.locator('a[href*="format=csv"]').click(),
        ]);
        const rows = readFileSync(await download.path(), 'utf8')
          .split(/\r?\n/)
          .map((line) => line.split(','));
        expect(rows[0]!.slice(0, 3)).toEqual(['period', 'status', 'statusLabel']);
        expect(rows.find((row) => row[1] === 'Active')?.[2]).toBe(texts.values.status!.Active);

        await manager.goto('/statistics/indicators');
        const definition = texts.indicators['referrals-completed'].definition;
        await manager.getByText(definition).waitFor();
        await manager.getByRole('heading', { level: 2, name: texts.indicators['referrals-completed'].title }).waitFor();
        await expectNoSeriousA11yViolations(manager, `indicator report (${language})`);
      }
      await manager.evaluate(`window.localStorage.setItem('haven.language', 'en')`);
    },
    3 * TIMEOUT,
  );
});
