import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';

type Role = keyof E2eServer['users'];

const TIMEOUT = 180_000;
// A synthetic survivor; nothing here describes a real person.
const SURVIVOR = {
  givenName: 'Primrose',
  familyName: 'Testcase',
  estimatedAge: '27',
  sex: 'Female',
  nationality: 'Ghana',
};
const CLINIC = 'Test Clinic';

/**
 * A referral to a clinic and the clinic's side (docs/architecture.md, journeys 3 and 4), in Chromium against the real API:
 * the caseworker refers with a narrow lens after checking the preview shows no name; the partner is notified,
 * sees only that lens, accepts, records the consultation and completes; the caseworker sees the outcome and
 * the service on the case. A second referral is withdrawn, and the partner loses access to it.
 */
describe('referral journey', () => {
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

  async function signIn(page: Page, role: Role): Promise<void> {
    await signInThroughPage(page, server.users[role]);
  }

  /** A request as the signed-in user, with the anti-forgery token the session carries. */
  async function api<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown): Promise<T> {
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
    if (!response.ok()) throw new Error(`${method} ${url} answered ${response.status()}: ${await response.text()}`);
    return (response.status() === 204 ? undefined : await response.json()) as T;
  }

  async function expectNoSeriousA11yViolations(page: Page, screen: string): Promise<void> {
    expect(await seriousA11yViolations(page, screen)).toEqual([]);
  }

  async function confirmSaved(page: Page, message: string): Promise<void> {
    await page.getByText(message).first().waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
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

  it(
    'refers to the clinic through a narrow lens; the clinic accepts, records a service and completes; a withdrawn referral disappears',
    async () => {
      const caseworker = await openBrowser();
      const admin = await openBrowser();
      await Promise.all([signIn(caseworker, 'caseworker'), signIn(admin, 'admin')]);

      // The clinic offers medical care and takes referrals (set up by the administrator, as in production).
      const directory = await api<{ items: { id: string; name: string }[] }>(
        caseworker,
        'GET',
        `/api/organisations?q=${encodeURIComponent(CLINIC)}`,
      );
      const clinic = directory.items.find((entry) => entry.name === CLINIC);
      if (!clinic) throw new Error('the test clinic is not in the directory');
      await api(admin, 'PATCH', `/api/organisations/${clinic.id}`, {
        services: ['medical', 'psychosocial'],
        country: 'IT',
        acceptingReferrals: true,
      });

      // Scene 1 in short: the caseworker registers the survivor.
      await caseworker.getByRole('navigation').getByRole('link', { name: 'Register case' }).click();
      await caseworker.getByRole('textbox', { name: 'Given name or alias' }).fill(SURVIVOR.givenName);
      await caseworker.getByRole('textbox', { name: 'Family name' }).fill(SURVIVOR.familyName);
      await caseworker.getByRole('textbox', { name: 'Estimated age in years' }).fill(SURVIVOR.estimatedAge);
      await caseworker.getByRole('combobox', { name: 'Sex' }).click();
      await caseworker.getByRole('option', { name: SURVIVOR.sex, exact: true }).click();
      await caseworker.getByRole('combobox', { name: 'Nationality' }).fill(SURVIVOR.nationality);
      await caseworker.getByRole('option', { name: SURVIVOR.nationality, exact: true }).click();
      await caseworker.getByRole('radio', { name: 'Medium' }).check();
      await caseworker.getByRole('button', { name: 'Register case' }).click();
      await caseworker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      const caseUrl = new URL(caseworker.url()).pathname;
      const caseId = caseUrl.split('/').pop() ?? '';

      // Consent to assistance and a needs assessment for the health section; the referral consent is recorded in the dialog.
      await api(caseworker, 'POST', `/api/cases/${caseId}/consents`, {
        purpose: 'assistance',
        givenOn: '2026-01-10',
        method: 'verbal',
        interpreterUsed: false,
      });
      await api(caseworker, 'POST', `/api/cases/${caseId}/assessments`, {
        type: 'needs',
        needs: [
          { area: 'medical', level: 'high' },
          { area: 'legal', level: 'medium' },
        ],
      });

      // Scene 3: refer, with a lens of basic profile + health needs, checking the preview first.
      await caseworker.goto(`${caseUrl}?tab=referrals`);
      await caseworker.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Referrals' }).waitFor();
      await caseworker.getByRole('button', { name: 'Refer', exact: true }).click();
      const dialog = caseworker.getByRole('dialog', { name: 'Refer to a partner' });
      // The name search has the focus: no list opens over the partners.
      await caseworker.waitForFunction(`document.activeElement?.getAttribute('placeholder') === 'Search by name'`);
      expect(await caseworker.getByRole('listbox').count()).toBe(0);
      await choose(caseworker, dialog, 'Service', 'Medical care');
      await dialog.getByRole('radio', { name: CLINIC }).check();
      await dialog.getByRole('checkbox', { name: 'Health needs' }).check();
      // No consent for the clinic yet: it is recorded here, for the clinic, and nothing chosen is lost.
      await dialog.getByText(`No referral consent is recorded for ${CLINIC}`, { exact: false }).waitFor();
      await dialog.getByRole('button', { name: 'Record her consent here' }).click();
      const consent = dialog.getByRole('group', { name: `Her consent to be referred to ${CLINIC}` });
      await consent.getByRole('radio', { name: 'Verbal' }).check();
      await consent.getByRole('checkbox', { name: 'Given through an interpreter' }).check();
      await consent.getByRole('combobox', { name: 'Language interpreted' }).click();
      await caseworker.getByRole('option', { name: 'Amharic', exact: true }).click();
      await consent.getByRole('button', { name: 'Save consent' }).click();
      await dialog.getByText(`Consent recorded: the survivor agreed on`).waitFor();
      expect(await dialog.getByRole('radio', { name: CLINIC }).isChecked()).toBe(true);
      expect(await dialog.getByRole('checkbox', { name: 'Medical care' }).isChecked()).toBe(true);
      expect(await dialog.getByRole('checkbox', { name: 'Health needs' }).isChecked()).toBe(true);
      const preview = dialog.getByRole('region', { name: 'Preview: exactly what the partner will see' });
      await preview.getByRole('heading', { name: 'Health needs' }).waitFor();
      await preview.getByText('Medical care: High').waitFor();
      await preview.getByText('No name or contact details are shared.').waitFor();
      const previewText = (await preview.textContent()) ?? '';
      expect(previewText).not.toContain(SURVIVOR.givenName);
      expect(previewText).not.toContain(SURVIVOR.familyName);
      // The legal need is not in the lens, so it is not in the preview either.
      expect(previewText).not.toContain('Legal');
      await expectNoSeriousA11yViolations(caseworker, 'send referral dialog');
      await dialog.getByRole('button', { name: 'Send referral' }).click();
      await confirmSaved(caseworker, 'The referral was sent.');
      const sentCard = caseworker.getByRole('article', { name: CLINIC });
      await sentCard.getByText('Sent', { exact: true }).waitFor();

      // Scene 4: the clinic sees one new referral, through the bell and in the inbox (its home).
      const partner = await openBrowser();
      await signIn(partner, 'partner');
      await partner.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
      await partner.getByText('All (1)').waitFor();
      // Home is the inbox, at its own address and under one name.
      await partner.waitForURL(/\/referrals$/);
      const partnerNavigation = partner.getByRole('navigation');
      expect(await partnerNavigation.getByRole('link', { name: 'Cases' }).count()).toBe(0);
      expect(await partnerNavigation.getByRole('link', { name: 'Home' }).count()).toBe(0);
      await partnerNavigation.getByRole('link', { name: 'Inbox' }).waitFor();
      // The line tells this referral apart: its code, and her sex and age band as the lens shares them.
      const line = partner.getByRole('row').filter({ hasText: 'Test Shelter' });
      expect(await line.getByRole('rowheader').textContent()).toMatch(/^R-[0-9A-F]{4}-[0-9A-F]{4}$/);
      await line.getByText(`${SURVIVOR.sex}, 25–34`).waitFor();
      await partner.getByRole('button', { name: 'Notifications, 1 unread' }).click();
      await partner.getByRole('menuitem', { name: /New referral received/ }).click();
      await partner.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
      const referralUrl = new URL(partner.url()).pathname;
      await partner.getByRole('heading', { level: 1, name: 'Referral from Test Shelter' }).waitFor();
      await partner.getByRole('heading', { name: 'Health needs' }).waitFor();
      const partnerText = (await partner.getByRole('main').textContent()) ?? '';
      expect(partnerText).not.toContain(SURVIVOR.givenName);
      expect(partnerText).not.toContain(SURVIVOR.familyName);
      expect(partnerText).not.toMatch(/HV-/);
      await partner.getByRole('button', { name: 'Notifications' }).waitFor();
      await expectNoSeriousA11yViolations(partner, 'partner referral page');

      // Accepting asks first, naming the referral.
      await partner.getByRole('button', { name: 'Accept referral' }).click();
      const acceptance = partner.getByRole('dialog', { name: 'Accept the referral' });
      await acceptance.getByRole('button', { name: 'Cancel' }).waitFor();
      expect(await acceptance.textContent()).toMatch(
        /Accept referral R-[0-9A-F]{4}-[0-9A-F]{4} from .*Test Shelter.*\?/,
      );
      await acceptance.getByRole('button', { name: 'Accept referral' }).click();
      await partner.getByText('The referral was accepted.').first().waitFor();
      await partner.getByRole('button', { name: 'Record service given' }).click();
      const service = partner.getByRole('dialog', { name: 'Record service given' });
      // The service asked for is already chosen.
      expect(await service.getByRole('combobox', { name: 'Service', exact: true }).inputValue()).toBe('Medical care');
      await choose(partner, service, 'Outcome', 'Completed');
      await service.getByRole('textbox', { name: 'Notes' }).fill('General consultation, follow-up in a month');
      await service.getByRole('button', { name: 'Save service' }).click();
      await confirmSaved(partner, 'The service was recorded.');
      await partner.getByRole('button', { name: 'Complete referral' }).click();
      const complete = partner.getByRole('dialog', { name: 'Complete referral' });
      await choose(partner, complete, 'Outcome', 'Completed');
      await complete.getByRole('button', { name: 'Complete referral' }).click();
      await confirmSaved(partner, 'The referral was completed.');
      // Closed: what was shared is gone, what the clinic recorded stays.
      await partner.getByText('This referral is completed.', { exact: false }).waitFor();
      expect(await partner.getByRole('heading', { name: 'Health needs' }).count()).toBe(0);
      await partner.getByText('General consultation, follow-up in a month').waitFor();

      // Back at the shelter: the outcome on the referral and the clinic's service on the case.
      await caseworker.reload();
      await sentCard.getByText('Completed', { exact: true }).waitFor();
      await sentCard.getByText('Outcome: Completed').waitFor();
      await caseworker.getByRole('tab', { name: 'Services', exact: true }).click();
      const serviceRow = caseworker.getByRole('row').filter({ hasText: CLINIC });
      await serviceRow.getByText('Medical care').waitFor();

      // A second referral is withdrawn; the clinic then finds nothing at its address.
      const second = await api<{ id: string }>(caseworker, 'POST', `/api/cases/${caseId}/referrals`, {
        toOrganisationId: clinic.id,
        services: ['psychosocial'],
        urgency: 'routine',
        lens: ['basicProfile'],
      });
      // Sent from elsewhere (the API), so the page is opened afresh rather than trusting what it holds.
      await caseworker.goto(`${caseUrl}?tab=referrals`);
      await caseworker.getByRole('button', { name: `Withdraw the referral to ${CLINIC}` }).click();
      const withdraw = caseworker.getByRole('dialog', { name: 'Withdraw the referral' });
      await withdraw.getByRole('button', { name: 'Withdraw referral' }).click();
      await confirmSaved(caseworker, 'The referral was withdrawn.');
      await caseworker.getByText('Withdrawn', { exact: true }).waitFor();

      await partner.goto(`/referrals/${second.id}`);
      await partner
        .getByRole('heading', { level: 1, name: 'This page does not exist or you do not have access to it' })
        .waitFor();
      // The completed one is still reachable, with only what the clinic recorded.
      await partner.goto(referralUrl);
      await partner.getByText('General consultation, follow-up in a month').waitFor();

      // The inbox a page at a time: 25 more referrals fill its first page, and the oldest,
      // completed one moves to the second; the counts by state are those of the whole inbox.
      for (let count = 0; count < 25; count += 1) {
        await api(caseworker, 'POST', `/api/cases/${caseId}/referrals`, {
          toOrganisationId: clinic.id,
          services: ['psychosocial'],
          urgency: 'routine',
          lens: ['basicProfile'],
        });
      }
      await partner.goto('/referrals');
      await partner.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
      await partner.getByText('All (26)').waitFor();
      await partner.getByText('Sent (25)').waitFor();
      await partner.getByText('Referrals in this view: 26').waitFor();
      const inboxRows = partner.getByRole('table').getByRole('row');
      expect(await inboxRows.count()).toBe(26);
      await expectNoSeriousA11yViolations(partner, 'partner inbox, first page');
      await partner
        .getByRole('navigation', { name: 'Pages of the inbox' })
        .getByRole('button', { name: 'Next page' })
        .click();
      await partner.waitForURL(/[?&]cursor=/);
      await inboxRows.nth(1).getByText('Completed', { exact: true }).waitFor();
      expect(await inboxRows.count()).toBe(2);
      // A state's filter starts on its own first page.
      await partner.getByText('Completed (1)').click();
      await partner.getByText('Referrals in this view: 1').waitFor();
      expect(new URL(partner.url()).searchParams.get('cursor')).toBeNull();
      expect(new URL(partner.url()).searchParams.get('status')).toBe('completed');
    },
    TIMEOUT,
  );
});
