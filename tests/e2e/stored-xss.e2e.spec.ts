import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';

const TIMEOUT = 180_000;
/** Markup that runs script if it is ever written into the page as HTML; each sets a flag the test reads. */
const IMG = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const SCRIPT = '<script>window.__xss=(window.__xss||0)+1</script>';
const SVG = '<svg onload="window.__xss=(window.__xss||0)+1"></svg>';
const HOSTILE_NOTE = `Said the man at the door wrote ${IMG} and ${SCRIPT}`;
const HOSTILE_TASK = `Check ${SVG} tomorrow`;
const HOSTILE_MESSAGE = `Urgent ${IMG} please`;
const HOSTILE_NAME = `Rosa${IMG}`;

/**
 * Stored cross-site scripting: free text entered by one user (a note, a task, a referral
 * message, a name) is shown to others as text. In Chromium against the real API and built
 * web app: no script runs, the text is visible literally, and the content security policy
 * reports no violation on the main screens (React escapes; the policy is the second line).
 */
describe('stored cross-site scripting', () => {
  let journey: Journey;
  let server: E2eServer;

  beforeAll(async () => {
    journey = await startJourney();
    server = journey.server;
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  /** A page that records script dialogs, page errors, console CSP reports and `securitypolicyviolation` events. */
  async function watchedPage(incidents: string[]): Promise<Page> {
    const page = await journey.newPage({}, 30_000);
    page.context().setDefaultNavigationTimeout(60_000);
    await page.addInitScript({
      content:
        "document.addEventListener('securitypolicyviolation', (event) => { (window.__csp ??= []).push(event.violatedDirective + ' ' + event.blockedURI); });",
    });
    page.on('dialog', (dialog) => {
      incidents.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text()))
        incidents.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
    return page;
  }

  async function api<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown): Promise<T> {
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
    if (!response.ok()) throw new Error(`${method} ${url} answered ${response.status()}: ${await response.text()}`);
    return (response.status() === 204 ? undefined : await response.json()) as T;
  }

  async function scriptsRan(page: Page): Promise<{ xss: number; csp: string[] }> {
    return page.evaluate(() => {
      const store = globalThis as unknown as { __xss?: number; __csp?: string[] };
      return { xss: store.__xss ?? 0, csp: store.__csp ?? [] };
    });
  }

  it('serves a policy that allows no inline script', async () => {
    const response = await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } });
    const policy = response.headers.get('content-security-policy') ?? '';
    const scriptSources = /script-src ([^;]*)/.exec(policy)?.[1] ?? /default-src ([^;]*)/.exec(policy)?.[1] ?? '';
    expect(scriptSources.split(/\s+/)).toEqual(["'self'"]);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-eval/);
  });

  it(
    'shows hostile free text as text on the main screens, runs no script and reports no policy violation',
    async () => {
      const incidents: string[] = [];
      const caseworker = await watchedPage(incidents);
      const admin = await watchedPage(incidents);
      await Promise.all([
        signInThroughPage(caseworker, server.users.caseworker),
        signInThroughPage(admin, server.users.admin),
      ]);

      const directory = await api<{ items: { id: string; name: string }[] }>(
        caseworker,
        'GET',
        '/api/organisations?q=Test%20Clinic',
      );
      const clinic = directory.items.find((entry) => entry.name === 'Test Clinic');
      if (!clinic) throw new Error('the test clinic is not in the directory');
      await api(admin, 'PATCH', `/api/organisations/${clinic.id}`, {
        services: ['medical'],
        country: 'IT',
        acceptingReferrals: true,
      });

      const created = await api<{ id: string }>(caseworker, 'POST', '/api/cases', {
        givenName: HOSTILE_NAME,
        familyName: 'Testcase',
        estimatedAge: 30,
        sex: 'Feminine',
        nationality: 'GH',
      });
      const caseUrl = `/cases/${created.id}`;
      await api(caseworker, 'POST', `/api/cases/${created.id}/notes`, { body: HOSTILE_NOTE });
      await api(caseworker, 'POST', `/api/cases/${created.id}/tasks`, { title: HOSTILE_TASK, dueOn: '2027-01-01' });
      await api(caseworker, 'POST', `/api/cases/${created.id}/consents`, {
        purpose: 'referral',
        recipientOrganisationId: clinic.id,
        givenOn: '2026-01-10',
        method: 'verbal',
      });
      const referral = await api<{ id: string }>(caseworker, 'POST', `/api/cases/${created.id}/referrals`, {
        toOrganisationId: clinic.id,
        services: ['medical'],
        lens: ['basicProfile'],
        message: HOSTILE_MESSAGE,
      });

      const screens: { page: Page; url: string; shows?: string }[] = [
        { page: caseworker, url: `${caseUrl}?tab=notes`, shows: HOSTILE_NOTE },
        { page: caseworker, url: `${caseUrl}?tab=tasks`, shows: HOSTILE_TASK },
        { page: caseworker, url: `${caseUrl}?tab=referrals` },
        { page: caseworker, url: caseUrl },
        { page: caseworker, url: `${caseUrl}?tab=history` },
        { page: caseworker, url: '/cases' },
        { page: caseworker, url: '/' },
      ];
      for (const screen of screens) {
        await screen.page.goto(screen.url);
        await screen.page.getByRole('main').waitFor();
        if (screen.shows) await screen.page.getByText(screen.shows, { exact: false }).first().waitFor();
        await screen.page.waitForLoadState('networkidle');
        const ran = await scriptsRan(screen.page);
        expect({ screen: screen.url, ...ran }).toEqual({ screen: screen.url, xss: 0, csp: [] });
      }
      // The name is shown (literally) once the identity is opened.
      await caseworker.goto(caseUrl);
      const reveal = caseworker.getByRole('button', { name: /show identity|identity/i }).first();
      if (await reveal.count()) await reveal.click();
      await caseworker.waitForLoadState('networkidle');
      expect(await scriptsRan(caseworker)).toEqual({ xss: 0, csp: [] });
      expect(await caseworker.locator('img[src="x"]').count()).toBe(0);

      // The partner's side: the referral message in the inbox and on the referral page.
      const partner = await watchedPage(incidents);
      await signInThroughPage(partner, server.users.partner);
      await partner.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
      await partner.getByText('All (1)').waitFor();
      await partner.waitForLoadState('networkidle');
      expect(await scriptsRan(partner)).toEqual({ xss: 0, csp: [] });
      await partner.goto(`/referrals/${referral.id}`);
      await partner.getByText(HOSTILE_MESSAGE, { exact: false }).first().waitFor();
      await partner.waitForLoadState('networkidle');
      expect(await scriptsRan(partner)).toEqual({ xss: 0, csp: [] });
      expect(await partner.locator('img[src="x"], svg[onload]').count()).toBe(0);

      expect(incidents).toEqual([]);
    },
    TIMEOUT,
  );
});
