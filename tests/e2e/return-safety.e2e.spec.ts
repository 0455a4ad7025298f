import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';
import { registration } from '../support/test-app.js';

type Role = keyof E2eServer['users'];

const TIMEOUT = 180_000;
const CLINIC = 'Test Clinic';

/**
 * Return safety as people meet it (docs/architecture.md, journey 5, when it must not go ahead): a return referral the
 * clinic had accepted is suspended when a fear of return is recorded. The shelter sees why; recording a return
 * service is refused with the reasons and a link to the case's protection reviews; the clinic (in English and
 * in Arabic) sees only that a protection review is pending, and its completion is refused.
 */
describe('return safety journey', () => {
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

  async function api<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown): Promise<T> {
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
    if (!response.ok()) throw new Error(`${method} ${url} answered ${response.status()}: ${await response.text()}`);
    return (response.status() === 204 ? undefined : await response.json()) as T;
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
    'shows a suspended return on both sides, refuses its steps with the reasons, and leads the shelter to the protection review',
    async () => {
      const caseworker = await openBrowser();
      const admin = await openBrowser();
      const partner = await openBrowser();
      const partnerInArabic = await openBrowser();
      await Promise.all([signIn(caseworker, 'caseworker'), signIn(admin, 'admin'), signIn(partner, 'partner')]);

      const directory = await api<{ items: { id: string; name: string }[] }>(
        caseworker,
        'GET',
        `/api/organisations?q=${encodeURIComponent(CLINIC)}`,
      );
      const clinic = directory.items.find((entry) => entry.name === CLINIC)!;
      await api(admin, 'PATCH', `/api/organisations/${clinic.id}`, {
        services: ['medical', 'return'],
        country: 'IT',
        acceptingReferrals: true,
      });

      // Set-up through the API: a case cleared for return, a return referral the clinic accepted, then a fear of return.
      const created = await api<{ id: string }>(
        caseworker,
        'POST',
        '/api/cases',
        registration({ givenName: 'Marigold' }),
      );
      await api(caseworker, 'POST', `/api/cases/${created.id}/consents`, {
        purpose: 'referral',
        recipientOrganisationId: clinic.id,
        givenOn: '2026-01-10',
        method: 'written',
      });
      await api(caseworker, 'POST', `/api/cases/${created.id}/assessments`, {
        type: 'protection',
        fearOfReturn: false,
        asylumIntention: false,
        outcome: 'noProtectionNeed',
      });
      const sent = await api<{ id: string; version: number }>(
        caseworker,
        'POST',
        `/api/cases/${created.id}/referrals`,
        { toOrganisationId: clinic.id, services: ['return'], lens: ['basicProfile'] },
      );
      await api(partner, 'POST', `/api/referrals/${sent.id}/accept`, { version: sent.version });
      await api(caseworker, 'POST', `/api/cases/${created.id}/assessments`, {
        type: 'protection',
        fearOfReturn: true,
        asylumIntention: false,
        outcome: 'pending',
      });

      // The shelter sees the return held, and why.
      await caseworker.goto(`/cases/${created.id}?tab=referrals`);
      const card = caseworker.getByRole('article', { name: CLINIC });
      await card.getByText(/^Return suspended since/).waitFor();
      await card.getByText('The survivor has expressed a fear of return.').waitFor();
      // The held return names the protection review, and leads to it.
      await card.getByRole('link', { name: 'Open the protection reviews of this case' }).waitFor();
      expect(await seriousA11yViolations(caseworker, 'suspended return on the referrals tab')).toEqual([]);

      // Recording a return service is refused with the reasons and a way to the review that would clear them.
      await caseworker.getByRole('tab', { name: 'Services', exact: true }).click();
      await caseworker.getByRole('button', { name: 'Record service' }).click();
      const service = caseworker.getByRole('dialog', { name: 'Record service' });
      await choose(caseworker, service, 'Service', 'Return assistance');
      await choose(caseworker, service, 'Outcome', 'Completed');
      await service.getByRole('button', { name: 'Save service' }).click();
      const refusal = service.getByRole('alert').filter({ hasText: 'Return not allowed' });
      await refusal.getByText('The survivor has expressed a fear of return.').waitFor();
      await refusal.getByText('The protection screening has not concluded “no protection need”.').waitFor();
      await refusal.getByRole('link', { name: 'Open the protection reviews of this case' }).click();
      await caseworker.waitForURL(new RegExp(`/cases/${created.id}\\?tab=referrals`));
      await caseworker.getByRole('heading', { level: 2, name: 'Protection reviews' }).waitFor();
      // The reviews are brought into view and take the focus, so the way on is the next thing read.
      await caseworker.waitForFunction(`document.activeElement?.id === 'protection-reviews-heading'`);

      // The clinic learns only that a review is pending, and cannot complete the return.
      await partner.goto(`/referrals/${sent.id}`);
      await partner
        .getByText(
          'The sending organisation is reviewing the survivor’s protection needs. This return cannot go ahead until it has done so.',
        )
        .waitFor();
      expect((await partner.getByRole('main').textContent()) ?? '').not.toMatch(/fear|asylum/i);
      await partner.getByRole('button', { name: 'Complete referral' }).click();
      const complete = partner.getByRole('dialog', { name: 'Complete referral' });
      await choose(partner, complete, 'Outcome', 'Completed');
      await complete.getByRole('button', { name: 'Complete referral' }).click();
      await complete
        .getByRole('alert')
        .filter({ hasText: 'Return not allowed' })
        .getByText('The sending organisation must first record a protection review.')
        .waitFor();
      expect(await seriousA11yViolations(partner, 'refused completion of a suspended return')).toEqual([]);

      // The same page in Arabic (the language a person chose is kept in the browser).
      await signIn(partnerInArabic, 'partner');
      await partnerInArabic.evaluate("window.localStorage.setItem('haven.language', 'ar')");
      await partnerInArabic.goto(`/referrals/${sent.id}`);
      await partnerInArabic
        .getByText(
          'تراجع المنظمة المُرسِلة احتياجات الناجية إلى الحماية. لا يمكن أن تتم هذه العودة قبل انتهاء المراجعة.',
        )
        .waitFor();
    },
    TIMEOUT,
  );
});
