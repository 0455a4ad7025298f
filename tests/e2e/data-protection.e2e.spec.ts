import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { queryDatabase } from '@haven/testing';
import { readAesZip } from '../support/aes-zip.js';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import { closedCaseWithText, type CaseWithText } from '../support/case-fixtures.js';
import { startJourney, type Journey } from '../support/journey.js';
import { registration, type TestApp } from '../support/test-app.js';

const TIMEOUT = 180_000;
const PASSWORD = 'Lantern-river-stone-84';

/**
 * docs/architecture.md, journey 8: a survivor asks what Haven holds about her, and later asks for it to be erased. The
 * supervisor produces her data export (an encrypted archive, downloaded in the browser and opened here with
 * the password), then records the erasure: her identity becomes unreadable, the case says it was erased,
 * and the audit shows who did it.
 */
describe('data protection journey', () => {
  let journey: Journey;
  let harness: TestApp;
  let page: Page;
  let survivor: CaseWithText;
  let transferredCopyId: string;

  /** Another person in a browser profile of their own. */
  async function openAs(person: 'otherSupervisor' | 'admin' | 'colleague'): Promise<Page> {
    const opened = await journey.newPage({}, 15_000);
    await signInThroughPage(opened, await journey.credentials(harness.people[person].email));
    return opened;
  }

  beforeAll(async () => {
    journey = await startJourney();
    harness = journey.harness;
    const [caseworker, supervisor, partner] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('supervisor'),
      harness.signInAs('partner'),
    ]);
    survivor = await closedCaseWithText(harness, { caseworker, supervisor, partner }, 'Liesbeth');
    // She had moved to shelter B: its copy of her case is B's to erase.
    const reopened = await supervisor.post(`/api/cases/${survivor.id}/reopen`, {
      version: (await supervisor.get(`/api/cases/${survivor.id}`)).body.version,
      reason: 'Moving',
    });
    expect(reopened.status).toBe(200);
    await caseworker.post(`/api/cases/${survivor.id}/consents`, {
      purpose: 'transfer',
      recipientOrganisationId: harness.organisations.shelterB,
      givenOn: '2026-01-01',
      method: 'written',
    });
    const proposed = await supervisor.post(`/api/cases/${survivor.id}/transfers`, {
      toOrganisationId: harness.organisations.shelterB,
    });
    const otherSupervisor = await harness.signInAs('otherSupervisor');
    const accepted = await otherSupervisor.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: proposed.body.version,
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    transferredCopyId = accepted.body.receivedCaseId;
    // A case of the caseworker's that her colleague may not open.
    expect(
      (
        await caseworker.post(
          '/api/cases',
          registration({ givenName: 'Duplicata', familyName: 'Hiddenfield', estimatedAge: 29 }),
        )
      ).status,
    ).toBe(201);
    page = await journey.newPage({ acceptDownloads: true }, 15_000);
    await signInThroughPage(page, await journey.credentials(harness.people.supervisor.email));
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  async function openDataProtection(): Promise<void> {
    await page.goto(`/cases/${survivor.id}`);
    await page.getByRole('tab', { name: 'Data protection', exact: true }).click();
    await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Data protection' }).waitFor();
  }

  it(
    'the supervisor exports her data in a password-protected archive',
    async () => {
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
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name: 'Create and download' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`haven-access-export-${survivor.reference}.zip`);
      const zip = readFileSync((await download.path())!);
      expect(() => readAesZip(zip, 'Lantern-river-stone-85')).toThrow();
      const data = JSON.parse(readAesZip(zip, PASSWORD).get('case-data.json')!.toString('utf8'));
      expect(data.identity).toMatchObject({ givenName: 'Liesbeth', familyName: 'Syntheticson' });
      await page.getByText('The encrypted export was downloaded.').waitFor();
      await dialog.waitFor({ state: 'detached' });
    },
    TIMEOUT,
  );

  it(
    'then records her erasure: the identity shows as erased and the audit names the supervisor',
    async () => {
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
      await dialog
        .getByLabel(`Type the case reference ${survivor.reference} to confirm`)
        .fill(survivor.reference.toLowerCase());
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

      const audit = await queryDatabase<{ actor_user_id: string }>(
        harness.database.url,
        `SELECT actor_user_id FROM audit.event WHERE action = 'case.erased' AND subject_id = $1`,
        [survivor.id],
      );
      expect(audit).toEqual([{ actor_user_id: harness.people.supervisor.id }]);
    },
    TIMEOUT,
  );

  it(
    'the other organisation holding a copy confirms the erasure request on that copy',
    async () => {
      const other = await openAs('otherSupervisor');
      await other.goto(`/cases/${transferredCopyId}?tab=dataProtection`);
      const requested = other.getByTestId('erasure-requested');
      await requested.getByText('Erasure requested by another organisation').waitFor();
      await requested.getByText('Test Shelter A recorded', { exact: false }).waitFor();
      expect(await seriousA11yViolations(other, 'erasure request')).toEqual([]);
      await requested.getByRole('button', { name: 'Confirm erasure' }).click();
      const dialog = other.getByRole('dialog', { name: 'Confirm the erasure of this copy' });
      const reference = (
        await queryDatabase<{ reference: string }>(
          harness.database.url,
          'SELECT reference FROM app."case" WHERE id = $1',
          [transferredCopyId],
        )
      )[0]!.reference;
      await dialog.getByLabel(`Type the case reference ${reference} to confirm`).fill(survivor.reference);
      await dialog.getByRole('button', { name: 'Erase this copy' }).click();
      await dialog.getByText('This is not the case reference').waitFor();
      expect(await seriousA11yViolations(other, 'confirm erasure dialog')).toEqual([]);
      await dialog.getByLabel(`Type the case reference ${reference} to confirm`).fill(reference);
      await dialog.getByRole('button', { name: 'Erase this copy' }).click();
      await dialog.waitFor({ state: 'detached' });
      await other.getByTestId('anonymised-notice').getByText('Erased at the survivor’s request').waitFor();
      expect(await other.getByTestId('erasure-requested').count()).toBe(0);
      // The requesting supervisor's tab says the request was confirmed.
      await openDataProtection();
      await page.getByTestId('anonymised-notice').getByText('0 waiting, 1 confirmed', { exact: false }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'the retention screen holds the configured floor, and the organisation’s supervisors see the change in their audit view',
    async () => {
      const admin = await openAs('admin');
      await admin.goto('/admin/retention');
      await admin.getByText('The minimum allowed on this server is 12 months.', { exact: false }).waitFor();
      const period = admin.getByRole('textbox', { name: 'Months after closure for Test Shelter A' });
      await period.fill('6');
      await admin.getByRole('button', { name: 'Save the retention period of Test Shelter A' }).click();
      await admin.getByText('From 12 to 1200 months, or empty').waitFor();
      expect(await seriousA11yViolations(admin, 'retention below the floor')).toEqual([]);
      await period.fill('24');
      await admin.getByRole('button', { name: 'Save the retention period of Test Shelter A' }).click();
      await admin.getByText('Retention period of Test Shelter A saved.').waitFor();

      await page.goto('/audit');
      await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
      await page.getByText('Changed the retention period').first().waitFor();
      expect(await page.getByText('Signed in').count()).toBe(0);
      expect(await seriousA11yViolations(page, 'supervisor audit view')).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a colleague registering a person already registered in a case she cannot open is warned without its reference',
    async () => {
      const colleague = await openAs('colleague');
      await colleague.goto('/cases/new');
      await colleague.getByRole('textbox', { name: 'Given name or alias' }).fill('Duplicata');
      await colleague.getByRole('textbox', { name: 'Family name' }).fill('Hiddenfield');
      await colleague.getByRole('textbox', { name: 'Estimated age in years' }).fill('29');
      const warning = colleague.getByTestId('duplicate-withheld');
      await warning.getByText('in a case you cannot open', { exact: false }).waitFor();
      expect(await colleague.getByText(/HV-[0-9A-Z]{4}-[0-9A-Z]{4}/).count()).toBe(0);
      expect(await seriousA11yViolations(colleague, 'withheld duplicate warning')).toEqual([]);
    },
    TIMEOUT,
  );
});
