import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { queryDatabase } from '@haven/testing';
import { readAesZip } from '../support/aes-zip.js';
import { launchChromium, seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import { closedCaseWithText, type CaseWithText } from '../support/case-fixtures.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const TIMEOUT = 180_000;
const PASSWORD = 'Lantern-river-stone-84';

/**
 * JOURNEYS.md scene 8: a survivor asks what Haven holds about her, and later asks for it to be erased. The
 * supervisor produces her data export (an encrypted archive, downloaded in the browser and opened here with
 * the password), then records the erasure: her identity becomes unreadable, the case says it was erased,
 * and the audit shows who did it.
 */
describe('data protection journey', () => {
  let harness: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let survivor: CaseWithText;

  beforeAll(async () => {
    if (!existsSync(path.resolve('apps/web/dist/index.html'))) {
      throw new Error('The web app is not built: run `npx nx build web` first.');
    }
    harness = await startTestApp({ listen: true, webDistDir: path.resolve('apps/web/dist') });
    const [caseworker, supervisor, partner] = await Promise.all([harness.signInAs('caseworker'), harness.signInAs('supervisor'), harness.signInAs('partner')]);
    survivor = await closedCaseWithText(harness, { caseworker, supervisor, partner }, 'Liesbeth');
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: harness.baseUrl, locale: 'en-GB', reducedMotion: 'reduce', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await signInThroughPage(page, { email: harness.people.supervisor.email, password: TEST_PASSWORD, nextCode: () => harness.twoFactor.nextCode(harness.people.supervisor.email) });
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await harness?.close();
  }, TIMEOUT);

  async function openDataProtection(): Promise<void> {
    await page.goto(`/cases/${survivor.id}`);
    await page.getByRole('tab', { name: 'Data protection', exact: true }).click();
    await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Data protection' }).waitFor();
  }

  it('the supervisor exports her data in a password-protected archive', async () => {
    await openDataProtection();
    expect(await seriousA11yViolations(page, 'data protection tab')).toEqual([]);
    await page.getByRole('button', { name: 'Export her data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the survivor’s data' });
    await dialog.getByLabel('Archive password').fill('too-short-1');
    await dialog.getByLabel('Password again').fill('too-short-1');
    await dialog.getByRole('button', { name: 'Create and download' }).click();
    await dialog.getByText('At least 12 characters').first().waitFor();
    expect(await seriousA11yViolations(page, 'export dialog')).toEqual([]);
    // Judged as she types, like an account password: no composition rule, but no breached password.
    await dialog.getByLabel('Archive password').fill('password1234');
    await dialog.getByText('A common or breached password, or too close to one').waitFor();

    await dialog.getByLabel('Archive password').fill(PASSWORD);
    await dialog.getByLabel('Password again').fill(PASSWORD);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Create and download' }).click()]);
    expect(download.suggestedFilename()).toBe(`haven-access-export-${survivor.reference}.zip`);
    const zip = readFileSync((await download.path())!);
    expect(() => readAesZip(zip, 'Lantern-river-stone-85')).toThrow();
    const data = JSON.parse(readAesZip(zip, PASSWORD).get('case-data.json')!.toString('utf8'));
    expect(data.identity).toMatchObject({ givenName: 'Liesbeth', familyName: 'Syntheticson' });
    await page.getByText('The encrypted export was downloaded.').waitFor();
    await dialog.waitFor({ state: 'detached' });
  }, TIMEOUT);

  it('then records her erasure: the identity shows as erased and the audit names the supervisor', async () => {
    await page.getByRole('button', { name: 'Record erasure request' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record an erasure request' });
    await dialog.getByRole('combobox', { name: 'Reason' }).click();
    await page.getByRole('option', { name: 'The survivor asked for erasure' }).click();
    await dialog.getByRole('combobox', { name: 'How the request was received' }).click();
    await page.getByRole('option', { name: 'In person' }).click();
    await dialog.getByLabel(`Type the case reference ${survivor.reference} to confirm`).fill('HV-WRONG-REF');
    await dialog.getByRole('button', { name: 'Erase' }).click();
    await dialog.getByText('This is not the case reference').waitFor();
    expect(await seriousA11yViolations(page, 'erasure dialog')).toEqual([]);
    await dialog.getByLabel(`Type the case reference ${survivor.reference} to confirm`).fill(survivor.reference.toLowerCase());
    await dialog.getByRole('button', { name: 'Erase' }).click();
    await dialog.waitFor({ state: 'detached' });

    const notice = page.getByTestId('anonymised-notice');
    await notice.getByText('Erased at the survivor’s request').waitFor();
    await notice.getByText('Recorded by Test supervisor.', { exact: false }).waitFor();

    await page.getByRole('tab', { name: 'Identity', exact: true }).click();
    await page.getByTestId('identity-erased').waitFor();
    expect(await page.getByRole('button', { name: 'Show identity' }).count()).toBe(0);
    expect(await page.getByText('Liesbeth').count()).toBe(0);
    expect(await seriousA11yViolations(page, 'erased identity')).toEqual([]);

    const audit = await queryDatabase<{ actor_user_id: string }>(harness.database.url, `SELECT actor_user_id FROM audit.event WHERE action = 'case.erased' AND subject_id = $1`, [survivor.id]);
    expect(audit).toEqual([{ actor_user_id: harness.people.supervisor.id }]);
  }, TIMEOUT);
});
