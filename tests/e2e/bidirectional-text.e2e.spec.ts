import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';

const TIMEOUT = 180_000;
const ARABIC_ALIAS = '\u0633\u0627\u0631\u0629';
/** Digits first: after an unisolated Arabic alias, the algorithm would move them to the Arabic side. */
const LATIN_ALIAS = '2 Amira';
const SPOOFED_NAME = 'Amira \u202enosnhoJ\u202c';
/** Free text may hold direction controls (mixed writing); shown isolated, an open one ends with the text. */
const OPEN_OVERRIDE_MESSAGE = 'Please call \u202eback';

const LABELS = {
  en: {
    givenName: 'Given name or alias',
    register: 'Register case',
    showIdentity: 'Show identity',
    directionError: 'Remove the text-direction control (U+202E)',
  },
  ar: {
    givenName:
      '\u0627\u0644\u0627\u0633\u0645 \u0627\u0644\u0623\u0648\u0644 \u0623\u0648 \u0627\u0633\u0645 \u0645\u0633\u062a\u0639\u0627\u0631',
    register: '\u062a\u0633\u062c\u064a\u0644 \u0627\u0644\u062d\u0627\u0644\u0629',
    showIdentity: '\u0625\u0638\u0647\u0627\u0631 \u0627\u0644\u0647\u0648\u064a\u0629',
    directionError:
      '\u0627\u062d\u0630\u0641 \u062d\u0631\u0641 \u0627\u0644\u062a\u062d\u0643\u0645 \u0641\u064a \u0627\u062a\u062c\u0627\u0647 \u0627\u0644\u0646\u0635 (U+202E)',
  },
} as const;

/**
 * Text in two directions, as the browser lays it out: a name with a direction override is refused
 * on the registration form with a message in the reader's language, and on the identity tab each
 * alias is isolated, so an Arabic alias cannot carry the digits of the next one to its side —
 * checked on the rendered positions of the characters, in English and in Arabic.
 */
describe('names in two directions', () => {
  let journey: Journey;
  let server: E2eServer;
  let page: Page;
  let partnerPage: Page;
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    journey = await startJourney();
    server = journey.server;
    page = await journey.newPage({}, 30_000);
    await signInThroughPage(page, server.users.caseworker);
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const created = await page.request.post('/api/cases', {
      data: {
        givenName: 'Amira',
        familyName: 'Johnson',
        aliases: [ARABIC_ALIAS, LATIN_ALIAS],
        estimatedAge: 30,
        sex: 'Feminine',
        nationality: 'SY',
      },
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(created.status()).toBe(201);
    caseId = ((await created.json()) as { id: string }).id;

    // The same aliases in a partner's referral view, with a message that leaves a direction override open.
    const admin = await signedInPage(server.users.admin);
    const clinic = (
      await call<{ items: { id: string; name: string }[] }>(admin, 'GET', '/api/organisations?q=Test%20Clinic')
    ).items.find((entry) => entry.name === 'Test Clinic');
    if (!clinic) throw new Error('the test clinic is not in the directory');
    await call(admin, 'PATCH', `/api/organisations/${clinic.id}`, {
      services: ['medical'],
      country: 'IT',
      acceptingReferrals: true,
    });
    await call(page, 'POST', `/api/cases/${caseId}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: clinic.id,
      givenOn: '2026-01-10',
      method: 'verbal',
    });
    referralId = (
      await call<{ id: string }>(page, 'POST', `/api/cases/${caseId}/referrals`, {
        toOrganisationId: clinic.id,
        services: ['medical'],
        lens: ['identity'],
        message: OPEN_OVERRIDE_MESSAGE,
      })
    ).id;
    partnerPage = await signedInPage(server.users.partner);
  }, TIMEOUT);

  async function signedInPage(user: E2eServer['users']['partner']): Promise<Page> {
    const opened = await journey.newPage({}, 30_000);
    await signInThroughPage(opened, user);
    return opened;
  }

  async function call<T>(on: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown): Promise<T> {
    const me = (await (await on.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const response = await on.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
    if (!response.ok()) throw new Error(`${method} ${url} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  afterAll(() => journey?.stop(), TIMEOUT);

  async function useLanguage(language: 'en' | 'ar', on: Page = page): Promise<void> {
    await on.evaluate(`window.localStorage.setItem('haven.language', ${JSON.stringify(language)})`);
  }

  /** Where the first character of `needle` is drawn, from the left edge of the viewport (run in the page, as text: no DOM types here). */
  async function leftOf(container: string, needle: string, on: Page = page): Promise<number> {
    return on.evaluate<number>(`(() => {
      const root = document.querySelector(${JSON.stringify(container)});
      const text = ${JSON.stringify(needle)};
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const offset = node.textContent.indexOf(text);
        if (offset < 0) continue;
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getBoundingClientRect().left;
      }
      throw new Error('not shown: ' + text);
    })()`);
  }

  for (const language of ['en', 'ar'] as const) {
    it(
      `refuses a name with a direction override on the registration form, in ${language}`,
      async () => {
        await useLanguage(language);
        await page.goto('/cases/new');
        await page.getByRole('textbox', { name: LABELS[language].givenName }).fill(SPOOFED_NAME);
        await page.getByRole('button', { name: LABELS[language].register }).click();
        const field = page.getByRole('textbox', { name: LABELS[language].givenName });
        await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
        const described = (await field.getAttribute('aria-describedby')) ?? '';
        const messages = await Promise.all(
          described
            .split(/\s+/)
            .filter(Boolean)
            .map((id) => page.locator(`[id="${id}"]`).textContent()),
        );
        // The code point is an interpolated value, isolated in Arabic: compare without the isolates.
        expect(messages.join(' ').replace(/[\u2066-\u2069]/g, '')).toContain(LABELS[language].directionError);
        expect(page.url()).toContain('/cases/new');
      },
      TIMEOUT,
    );

    it(
      `shows each alias isolated on the identity tab, so one cannot reorder the next, in ${language}`,
      async () => {
        await useLanguage(language);
        await page.goto(`/cases/${caseId}?tab=identity`);
        await page.getByRole('button', { name: LABELS[language].showIdentity }).click();
        await page.getByText(LATIN_ALIAS).first().waitFor();
        expect(await page.locator('html').getAttribute('dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
        await page.evaluate(
          `[...document.querySelectorAll('dd')].find((dd) => dd.textContent.includes(${JSON.stringify(LATIN_ALIAS)})).setAttribute('data-aliases', '')`,
        );
        const digit = await leftOf('[data-aliases]', '2');
        const latin = await leftOf('[data-aliases]', 'Amira');
        const arabic = await leftOf('[data-aliases]', ARABIC_ALIAS);
        // "2 Amira" reads left to right in both languages: the digit stays before the name.
        expect(digit).toBeLessThan(latin);
        // The first alias comes first in the reading direction, and the second alias keeps its digit.
        if (language === 'en') {
          expect(arabic).toBeLessThan(digit);
        } else {
          expect(arabic).toBeGreaterThan(latin);
        }
        // Each alias is its own isolated run.
        const aliases = page.locator('dd bdi');
        await expect(aliases.allTextContents()).resolves.toEqual(expect.arrayContaining([ARABIC_ALIAS, LATIN_ALIAS]));
        const isolation = await page.evaluate<string>(
          `getComputedStyle(document.querySelector('[data-aliases] bdi') ?? document.body).unicodeBidi`,
        );
        expect(isolation).toBe('isolate');
      },
      TIMEOUT,
    );

    it(
      `shows the aliases isolated in the partner's referral view, and ends an open override with its message, in ${language}`,
      async () => {
        await useLanguage(language, partnerPage);
        await partnerPage.goto(`/referrals/${referralId}`);
        await partnerPage.getByText(LATIN_ALIAS).first().waitFor();
        await partnerPage.evaluate(
          `[...document.querySelectorAll('dd')].find((dd) => dd.textContent.includes(${JSON.stringify(LATIN_ALIAS)})).setAttribute('data-aliases', '')`,
        );
        const digit = await leftOf('[data-aliases]', '2', partnerPage);
        const latin = await leftOf('[data-aliases]', 'Amira', partnerPage);
        const arabic = await leftOf('[data-aliases]', ARABIC_ALIAS, partnerPage);
        expect(digit).toBeLessThan(latin);
        if (language === 'en') expect(arabic).toBeLessThan(digit);
        else expect(arabic).toBeGreaterThan(latin);
        // The message is its own isolated paragraph: what follows it is laid out as if it were not there.
        const message = await partnerPage.evaluate<string | null>(
          `(() => { const node = [...document.querySelectorAll('.free-text')].find((element) => element.textContent.includes('Please call')); return node ? getComputedStyle(node).unicodeBidi : null; })()`,
        );
        expect(message).toBe('plaintext');
      },
      TIMEOUT,
    );
  }
});
