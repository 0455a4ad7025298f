import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import { startJourney, type Journey } from '../support/journey.js';
import { registration, type TestApp } from '../support/test-app.js';

// Generous: the journey signs in three people and the machine running it may be busy.
const TIMEOUT = 180_000;
const DEPUTY_EMAIL = 'deputy@test.haven.test';
// A synthetic survivor; nothing here describes a real person.
const SURVIVOR = { givenName: 'Marigold', familyName: 'Auditcase' };

/**
 * Something looks wrong (docs/architecture.md, journey 9), in Chromium against the real API: a supervisor who is not the
 * case's assignee views a survivor's identity; the other supervisor is alerted, opens the case's access log
 * from the alert and sees who viewed it, when and from where. The administrator's audit page shows sign-in
 * events, and no case.
 */
describe('access log journey', () => {
  let journey: Journey;
  let harness: TestApp;
  let caseId: string;
  let reference: string;

  beforeAll(async () => {
    journey = await startJourney();
    harness = journey.harness;
    // A second supervisor of the same shelter: the colleague whose identity view raises the alert.
    await harness.addPerson({
      email: DEPUTY_EMAIL,
      displayName: 'Test deputy',
      role: 'supervisor',
      organisation: 'shelterA',
    });
    const registered = await (await harness.signInAs('caseworker')).post('/api/cases', registration(SURVIVOR));
    caseId = registered.body.id;
    reference = registered.body.reference;
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  /** Someone signing in through the page, with the harness's authenticator for the second step. */
  const person = (email: string) => journey.credentials(email);

  const openBrowser = (): Promise<Page> => journey.newPage({}, 15_000);

  it(
    'a colleague views the identity; the supervisor is alerted, opens the access log and sees who, when and from where',
    async () => {
      // The colleague, not assigned to the case, shows the identity.
      const colleague = await openBrowser();
      await signInThroughPage(colleague, await person(DEPUTY_EMAIL));
      await colleague.goto(`/cases/${caseId}?tab=identity`);
      await colleague.getByRole('button', { name: 'Show identity' }).click();
      await colleague.getByText(SURVIVOR.familyName).waitFor();

      // The supervisor sees the alert in the bell: the case reference and the colleague, no survivor name.
      const supervisor = await openBrowser();
      await signInThroughPage(supervisor, await person(harness.people.supervisor.email));
      await supervisor.getByRole('button', { name: 'Notifications, 1 unread' }).click();
      const alert = supervisor.getByRole('menuitem', {
        name: new RegExp(`Test deputy viewed the identity of ${reference}`),
      });
      await alert.waitFor();
      expect(await supervisor.getByRole('menu').innerText()).not.toContain(SURVIVOR.givenName);
      await alert.click();

      // The alert opens the case's access log.
      await supervisor.waitForURL(
        (url) => url.pathname === `/cases/${caseId}` && url.searchParams.get('tab') === 'access-log',
      );
      await supervisor.getByRole('tab', { name: 'Access log', selected: true }).waitFor();
      const table = supervisor.getByTestId('audit-events');
      const row = table.getByRole('row').filter({ hasText: 'Viewed the identity' }).filter({ hasText: 'Test deputy' });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('Supervisor, Test Shelter A');
      expect(text).toContain('Not assigned to them');
      expect(text).toMatch(/127\.0\.0\.1|::1/);
      expect(await row.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await table.innerText()).not.toContain(SURVIVOR.familyName);
      expect(await seriousA11yViolations(supervisor, 'case access log')).toEqual([]);

      // Only identity views.
      await supervisor.getByRole('combobox', { name: 'Show', exact: true }).click();
      await supervisor.getByRole('option', { name: 'Identity views', exact: true }).click();
      await table.getByRole('row').filter({ hasText: 'Registered the case' }).waitFor({ state: 'detached' });
      const actions = await table.locator('tbody tr').allInnerTexts();
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.every((line) => line.includes('Viewed the identity'))).toBe(true);

      // A caseworker has no access log tab.
      const caseworker = await openBrowser();
      await signInThroughPage(caseworker, await person(harness.people.caseworker.email));
      await caseworker.goto(`/cases/${caseId}`);
      await caseworker.getByRole('tab', { name: 'Profile' }).waitFor();
      expect(await caseworker.getByRole('tab', { name: 'Access log' }).count()).toBe(0);
      expect(await caseworker.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'the administrator’s audit page shows sign-in events and no case',
    async () => {
      const admin = await openBrowser();
      await signInThroughPage(admin, await person(harness.people.admin.email));
      await admin.getByRole('link', { name: 'Audit' }).click();
      await admin.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
      const table = admin.getByTestId('audit-events');
      await table
        .getByRole('row')
        .filter({ hasText: 'Signed in' })
        .filter({ hasText: 'Test deputy' })
        .first()
        .waitFor();
      const text = await table.innerText();
      expect(text).not.toContain(reference);
      expect(text).not.toContain('Viewed the identity');
      expect(await seriousA11yViolations(admin, 'audit events')).toEqual([]);

      await admin.getByRole('combobox', { name: 'Show', exact: true }).click();
      await admin.getByRole('option', { name: 'System changes', exact: true }).click();
      await table.getByRole('row').filter({ hasText: 'Signed in' }).first().waitFor({ state: 'detached' });
      await table.getByRole('row').filter({ hasText: 'Read the audit events' }).first().waitFor();
      expect(await table.innerText()).not.toContain('Signed in');
    },
    TIMEOUT,
  );
});
