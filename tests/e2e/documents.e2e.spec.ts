import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import exifr from 'exifr';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { horizontalOverflow, seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import { pdfWith, photoWithGps } from '../support/document-files.js';
import { startJourney, type Journey } from '../support/journey.js';
import { registration, type TestApp, type TestPerson } from '../support/test-app.js';

// Generous: two people sign in, files are re-encoded and sealed, on a machine that may be busy.
const TIMEOUT = 240_000;
const PHONE = { width: 360, height: 740 };
// A synthetic survivor; nothing here describes a real person.
const SURVIVOR = { givenName: 'Ondine', familyName: 'Filecase' };

/**
 * Files on a case in Chromium against the real API (docs/architecture.md, "Documents and photos"): the
 * caseworker drops a phone's photo (with its GPS position) and a PDF at once, sees them in the documents tab,
 * previews the photo in the page and downloads it — without the position or any EXIF; attaches a signed form
 * to a consent and finds it by that record; the supervisor's access log shows the download. At 360 px the
 * tab stays within the screen.
 */
describe('documents journey', () => {
  let journey: Journey;
  let harness: TestApp;
  let caseId: string;

  beforeAll(async () => {
    journey = await startJourney();
    harness = journey.harness;
    const caseworker = await harness.signInAs('caseworker');
    caseId = (await caseworker.post('/api/cases', registration(SURVIVOR))).body.id;
    const consent = await caseworker.post(`/api/cases/${caseId}/consents`, {
      purpose: 'assistance',
      givenOn: '2026-11-01',
      method: 'written',
    });
    expect(consent.status).toBe(201);
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  const signedIn = async (person: TestPerson, options = {}): Promise<Page> => {
    const page = await journey.newPage(options, 20_000);
    await signInThroughPage(page, await journey.credentials(harness.people[person].email));
    return page;
  };

  const openDocuments = async (page: Page) => {
    await page.goto(`/cases/${caseId}?tab=documents`);
    await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Documents and photos' }).waitFor();
  };

  /** Chooses an option of a Mantine select by its label. */
  const choose = async (page: Page, label: string, option: string) => {
    await page.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  const documentRow = (page: Page, title: string) =>
    page.getByRole('table', { name: 'Documents and photos' }).getByRole('row').filter({ hasText: title });

  it(
    'uploads a photo and a PDF at once, previews the photo and downloads it without its GPS position',
    async () => {
      const photo = await photoWithGps();
      expect(await exifr.gps(photo)).toMatchObject({ latitude: 51.5 });
      const page = await signedIn('caseworker');
      await openDocuments(page);
      await page.getByLabel('Choose files').setInputFiles([
        { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo },
        { name: 'Ondine-report.pdf', mimeType: 'application/pdf', buffer: await pdfWith('Clinic', 'Dr Sample') },
      ]);
      await page.getByRole('textbox', { name: /^Title of file 1/ }).fill('Photo at intake');
      await choose(page, 'Category of file 1', 'Photo');
      await page.getByRole('textbox', { name: /^Title of file 2/ }).fill('Medical report');
      await choose(page, 'Category of file 2', 'Medical');
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.getByText('Uploaded', { exact: true }).nth(1).waitFor();
      for (const name of ['Upload of file 1', 'Upload of file 2'])
        expect(await page.getByRole('progressbar', { name }).getAttribute('aria-valuenow')).toBe('100');

      // Both listed; the names the files had on the phone are never shown.
      await documentRow(page, 'Photo at intake').waitFor();
      await documentRow(page, 'Medical report').waitFor();
      const listed = await page.getByRole('table', { name: 'Documents and photos' }).innerText();
      expect(listed).not.toContain('IMG_2041');
      expect(listed).not.toContain('Ondine');
      expect(await seriousA11yViolations(page, 'documents tab')).toEqual([]);

      // The preview is the re-encoded image, shown as an image.
      await documentRow(page, 'Photo at intake').getByRole('button', { name: 'Preview' }).click();
      const preview = page
        .getByRole('dialog', { name: 'Photo at intake' })
        .getByRole('img', { name: 'Photo at intake' });
      await preview.waitFor();
      await page.waitForFunction(
        `Array.from(document.querySelectorAll('[role=dialog] img')).some((image) => image.complete && image.naturalWidth === 64)`,
      );
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download Photo at intake' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^haven-document-[0-9a-f]{8}\.jpg$/);
      const downloaded = await readFile((await download.path())!);
      expect((await sharp(downloaded).metadata()).format).toBe('jpeg');
      expect((await sharp(downloaded).metadata()).exif).toBeUndefined();
      expect(await exifr.parse(downloaded, true)).toBeUndefined();
      expect(await exifr.gps(downloaded)).toBeUndefined();
      expect(downloaded.includes(Buffer.from('Phonemaker'))).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'attaches a signed form to a consent, found in the documents tab by that record',
    async () => {
      const page = await signedIn('caseworker');
      await page.goto(`/cases/${caseId}?tab=consent`);
      await page.getByRole('button', { name: 'Attach a file' }).click();
      const dialog = page.getByRole('dialog', { name: 'Attach files to this record' });
      await dialog
        .getByLabel('Choose files')
        .setInputFiles([
          { name: 'consent-signed.pdf', mimeType: 'application/pdf', buffer: await pdfWith('Signed', 'Ondine') },
        ]);
      await dialog.getByRole('textbox', { name: /^Title of file 1/ }).fill('Signed consent form');
      // Preset to the category the record calls for.
      expect(await dialog.getByRole('combobox', { name: 'Category of file 1' }).inputValue()).toBe('Consent form');
      await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
      await dialog.getByText('Uploaded', { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      await openDocuments(page);
      await documentRow(page, 'Signed consent form').waitFor();
      await choose(page, 'Belongs to', 'Consent');
      await documentRow(page, 'Photo at intake').waitFor({ state: 'detached' });
      const rows = page.getByRole('table', { name: 'Documents and photos' }).locator('tbody tr');
      expect(await rows.count()).toBe(1);
      await documentRow(page, 'Signed consent form')
        .getByRole('button', { name: 'Consent: show only its files' })
        .click();
      await page.getByText('The files of one record (Consent).').waitFor();
      expect(await rows.count()).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'shows the download in the case’s access log',
    async () => {
      const page = await signedIn('supervisor');
      await page.goto(`/cases/${caseId}?tab=access-log`);
      await page.getByRole('tab', { name: 'Access log', selected: true }).waitFor();
      const row = page
        .getByTestId('audit-events')
        .getByRole('row')
        .filter({ hasText: 'Downloaded a file' })
        .filter({ hasText: 'Test caseworker' });
      await row.waitFor();
      expect(await row.count()).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'keeps the documents tab within a 360 px screen, in English and Arabic',
    async () => {
      const page = await signedIn('caseworker', { viewport: PHONE, hasTouch: true });
      const problems: string[] = [];
      for (const language of ['en', 'ar']) {
        await page.evaluate(`window.localStorage.setItem('haven.language', ${JSON.stringify(language)})`);
        await page.goto(`/cases/${caseId}?tab=documents`);
        await page.getByRole('tabpanel').getByRole('table').waitFor();
        await page.waitForLoadState('networkidle');
        const found = await horizontalOverflow(page);
        if (found)
          problems.push(
            `${language}: ${found.scrollWidth} px on ${found.clientWidth} px — ${found.culprits.join('; ')}`,
          );
      }
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
