import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';
import { registration } from '../support/test-app.js';

type Role = keyof E2eServer['users'];

const TIMEOUT = 240_000;

/**
 * A child's return (docs/architecture.md, "Children"): a 16-year-old is registered, screened a presumed victim of
 * trafficking and clear of protection concerns; her return is refused because no best-interests determination stands; the caseworker appoints her
 * guardian, records an age assessment, a best-interests assessment and a determination on the Child tab; a
 * supervisor approves the determination; the return the gate refused is then recorded.
 */
describe('a child’s return journey', () => {
  let journey: Journey;
  let server: E2eServer;

  beforeAll(async () => {
    journey = await startJourney();
    server = journey.server;
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  const openBrowser = (): Promise<Page> => journey.newPage({}, 15_000);

  async function signIn(page: Page, role: Role): Promise<void> {
    await signInThroughPage(page, server.users[role]);
  }

  async function api<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
    if (!response.ok()) throw new Error(`${method} ${url} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function choose(
    page: Page,
    scope: ReturnType<Page['getByRole']>,
    combobox: string,
    option: string,
  ): Promise<void> {
    await scope.getByRole('combobox', { name: combobox, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  async function recordReturnService(page: Page) {
    await page.getByRole('tab', { name: 'Services', exact: true }).click();
    await page.getByRole('button', { name: 'Record service' }).click();
    const service = page.getByRole('dialog', { name: 'Record service' });
    await choose(page, service, 'Service', 'Return assistance');
    await choose(page, service, 'Outcome', 'Completed');
    await service.getByRole('button', { name: 'Save service' }).click();
    return service;
  }

  it(
    'holds her return until a supervisor approves a best-interests determination, then lets it go ahead',
    async () => {
      const caseworker = await openBrowser();
      const supervisor = await openBrowser();
      await Promise.all([signIn(caseworker, 'caseworker'), signIn(supervisor, 'supervisor')]);

      // Set-up through the API: a 16-year-old, screened a presumed victim of trafficking, with no protection need.
      const created = await api<{ id: string }>(
        caseworker,
        'POST',
        '/api/cases',
        registration({ givenName: 'Lucia', estimatedAge: 16 }),
      );
      const screening = await api<{ proposal: string }>(
        caseworker,
        'POST',
        `/api/cases/${created.id}/identification/screenings`,
        {
          screenedOn: '2026-11-02',
          language: 'en',
          answers: {
            drNatureOfJob: 'yes',
            drWages: 'yes',
            exExcessiveHours: 'yes',
            exLowPay: 'yes',
            cdDocuments: 'yes',
            cdDebtBondage: 'yes',
          },
        },
      );
      expect(screening.proposal).toBe('presumedVictim');
      await api(caseworker, 'POST', `/api/cases/${created.id}/assessments`, {
        type: 'protection',
        fearOfReturn: false,
        asylumIntention: false,
        outcome: 'noProtectionNeed',
      });

      await caseworker.goto(`/cases/${created.id}`);
      await caseworker.getByRole('heading', { level: 1 }).waitFor();
      await caseworker.getByText('Child', { exact: true }).first().waitFor();

      // Her return is refused: no determination stands.
      const refused = await recordReturnService(caseworker);
      await refused
        .getByRole('alert')
        .filter({ hasText: 'Return not allowed' })
        .getByText('She is a child and no best-interests determination approved by a supervisor stands.')
        .waitFor();
      await caseworker.keyboard.press('Escape');
      await refused.waitFor({ state: 'hidden' });

      // The Child tab: guardian, age assessment, best-interests assessment and determination.
      await caseworker.getByRole('tab', { name: 'Child', exact: true }).click();
      await caseworker.getByText('Under 18 by the age given at registration').waitFor();

      await caseworker.getByRole('button', { name: 'Appoint a guardian' }).click();
      const guardian = caseworker.getByRole('dialog', { name: 'Appoint a guardian' });
      await guardian.getByLabel("Guardian's name").fill('Gianna Tutelari');
      await guardian.getByLabel('Organisation or office').fill('Municipal Guardianship Office');
      await guardian.getByRole('button', { name: 'Save' }).click();
      await caseworker.getByText('Gianna Tutelari — Municipal Guardianship Office').waitFor();

      await caseworker.getByRole('button', { name: 'Record an age assessment' }).click();
      const age = caseworker.getByRole('dialog', { name: 'Record an age assessment' });
      await choose(caseworker, age, 'Method', 'Documents');
      await age.getByLabel('Age found (years)').fill('16');
      await age.getByLabel('Assessed by').fill('Civil registry');
      await age.getByRole('button', { name: 'Save' }).click();
      await caseworker.getByText('16 years').waitFor();

      for (const [kind, summary] of [
        ['Best-interests assessment (BIA)', 'Her mother and school were visited by the social services back home.'],
        ['Best-interests determination (BID)', 'Return to her mother is in her best interests; reception arranged.'],
      ] as const) {
        await caseworker.getByRole('button', { name: 'Record an assessment or determination' }).click();
        const record = caseworker.getByRole('dialog', { name: 'Record an assessment or determination' });
        await record.getByRole('radio', { name: kind }).check();
        await record.getByLabel('Findings, or the determination and its grounds').fill(summary);
        await record.getByRole('button', { name: 'Save' }).click();
        await caseworker.getByText(summary).waitFor();
      }
      await caseworker.getByText('Waiting for approval').waitFor();
      expect(await seriousA11yViolations(caseworker, 'the Child tab')).toEqual([]);

      // A supervisor approves the determination.
      await supervisor.goto(`/cases/${created.id}?tab=child`);
      await supervisor.getByRole('button', { name: 'Approve' }).click();
      const decision = supervisor.getByRole('dialog', { name: 'Decide on the determination' });
      await decision.getByLabel('Reason').fill('The panel agreed with the assessment and her views.');
      await decision.getByRole('button', { name: 'Approve' }).click();
      await supervisor.getByText('An approved determination stands.').waitFor();

      // The return the gate refused now goes ahead.
      await caseworker.reload();
      const accepted = await recordReturnService(caseworker);
      await accepted.waitFor({ state: 'hidden' });
      await caseworker.getByRole('rowheader', { name: 'Return assistance' }).waitFor();
    },
    TIMEOUT,
  );
});
