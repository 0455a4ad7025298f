import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { CASE_REFERENCE_PATTERN } from '@haven/contracts';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';

type Role = keyof E2eServer['users'];

const TIMEOUT = 120_000;
// Synthetic shelter, course and survivor; nothing here describes a real place or person.
const SHELTER = { name: 'Harbour House', area: 'North district', beds: '4', address: '12 Example Lane, Sampletown' };
const COURSE = { trade: 'Tailoring', place: 'Training room 2', seats: '8', language: 'English' };
const SURVIVOR = { givenName: 'Juniper', estimatedAge: '27', sex: 'Female', nationality: 'Nigeria' };

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Shelter and training (docs/architecture.md, journeys 1 and 6), in Chromium against the real API serving the built web
 * app: the supervisor sets up a shelter and a tailoring course run by the partner clinic; the caseworker
 * registers a survivor, places her in the shelter (the occupancy board counts her) and enrols her in the
 * course; the clinic, as the provider, records attendance, then completion with a certificate; the case shows
 * the enrolment completed. The occupancy board and the programme page are checked with axe-core.
 */
describe('shelter and training journey', () => {
  let journey: Journey;
  let server: E2eServer;
  let supervisor: Page;
  let caseworker: Page;
  let programmeUrl = '';
  let caseUrl = '';

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
    label: string,
    option: string | RegExp,
  ): Promise<void> {
    await scope.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).first().click();
  }

  function bedsOf(page: Page) {
    return page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: SHELTER.name }) })
      .getByTestId('beds');
  }

  it(
    'a supervisor sets up a shelter and a course run by the partner clinic',
    async () => {
      supervisor = await openBrowser();
      await signIn(supervisor, 'supervisor');
      await supervisor.getByRole('navigation').getByRole('link', { name: 'Shelters' }).click();
      await supervisor.getByRole('heading', { level: 1, name: 'Shelters' }).waitFor();
      await supervisor.getByRole('button', { name: 'New shelter' }).click();
      const form = supervisor.getByRole('dialog', { name: 'New shelter' });
      await form.getByRole('textbox', { name: 'Name' }).fill(SHELTER.name);
      await choose(supervisor, form, 'Who it is for', 'Women');
      await form.getByRole('textbox', { name: 'Beds' }).fill(SHELTER.beds);
      await form.getByRole('textbox', { name: 'Area' }).fill(SHELTER.area);
      await form.getByRole('textbox', { name: 'Exact address' }).fill(SHELTER.address);
      await form.getByRole('button', { name: 'Save shelter' }).click();
      await confirmSaved(supervisor, 'The shelter was added.');
      await supervisor.getByRole('heading', { level: 1, name: SHELTER.name }).waitFor();
      // The confidential address is not on the page until asked for.
      expect(await supervisor.getByText(SHELTER.address).count()).toBe(0);
      await supervisor.getByRole('button', { name: 'Show address' }).click();
      await supervisor.getByText(SHELTER.address).waitFor();
      await supervisor.getByRole('button', { name: 'Hide address' }).click();

      await supervisor.getByRole('navigation').getByRole('link', { name: 'Training' }).click();
      await supervisor.getByRole('heading', { level: 1, name: 'Training programmes' }).waitFor();
      await supervisor.getByRole('button', { name: 'New programme' }).click();
      const course = supervisor.getByRole('dialog', { name: 'New programme' });
      await course.getByRole('textbox', { name: 'Trade or course' }).fill(COURSE.trade);
      await choose(supervisor, course, 'Provider', 'Test Clinic');
      await course.getByRole('textbox', { name: 'Place' }).fill(COURSE.place);
      await course.getByLabel('Starts on').fill(isoDay(0));
      await course.getByLabel('Ends on').fill(isoDay(60));
      await course.getByRole('textbox', { name: 'Seats' }).fill(COURSE.seats);
      // Picked from the list, named in the reader's language: no code is typed.
      await course.getByRole('combobox', { name: 'Language' }).click();
      await supervisor
        .getByRole('listbox', { name: 'Language' })
        .getByRole('option', { name: COURSE.language, exact: true })
        .click();
      await course.getByRole('button', { name: 'Save programme' }).click();
      await confirmSaved(supervisor, 'The programme was created.');
      await supervisor.getByRole('heading', { level: 1, name: COURSE.trade }).waitFor();
      await supervisor
        .locator('dd')
        .filter({ hasText: /^English$/ })
        .waitFor();
      programmeUrl = new URL(supervisor.url()).pathname;
      expect(programmeUrl).toMatch(/^\/training\/[0-9a-f-]{36}$/);
    },
    TIMEOUT,
  );

  it(
    'a caseworker registers a survivor, places her in the shelter and enrols her in the course',
    async () => {
      caseworker = await openBrowser();
      await signIn(caseworker, 'caseworker');
      await caseworker.goto('/shelters');
      await bedsOf(caseworker).getByText(`0 of ${SHELTER.beds} beds taken`).waitFor();
      await expectNoSeriousA11yViolations(caseworker, 'occupancy board');

      await caseworker.getByRole('navigation').getByRole('link', { name: 'Register case' }).click();
      await caseworker.getByRole('textbox', { name: 'Given name or alias' }).fill(SURVIVOR.givenName);
      await caseworker.getByRole('textbox', { name: 'Estimated age in years' }).fill(SURVIVOR.estimatedAge);
      await choose(caseworker, caseworker.getByRole('main'), 'Sex', SURVIVOR.sex);
      await caseworker.getByRole('combobox', { name: 'Nationality' }).fill(SURVIVOR.nationality);
      await caseworker.getByRole('option', { name: SURVIVOR.nationality, exact: true }).click();
      await caseworker.getByRole('radio', { name: 'Medium' }).check();
      await caseworker.getByRole('button', { name: 'Register case' }).click();
      await caseworker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await caseworker.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Profile' }).waitFor();
      const reference = ((await caseworker.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
      expect(reference).toMatch(CASE_REFERENCE_PATTERN);
      caseUrl = new URL(caseworker.url()).pathname;

      await caseworker.getByRole('tab', { name: 'Placement', exact: true }).click();
      await caseworker.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Placement' }).waitFor();
      await caseworker.getByText('Not placed in a shelter').waitFor();
      await caseworker.getByRole('button', { name: 'Place in shelter' }).click();
      const place = caseworker.getByRole('dialog', { name: 'Place in shelter' });
      await choose(caseworker, place, 'Shelter', new RegExp(SHELTER.name));
      // The shelter's first room serves adult women (its kind): she takes bed 2 of it.
      await choose(caseworker, place, 'Bed', /^Bed 2$/);
      await place.getByRole('button', { name: 'Place in shelter' }).click();
      await confirmSaved(caseworker, 'The survivor was placed.');
      await caseworker.getByRole('heading', { level: 3, name: 'Current placement' }).waitFor();
      await caseworker.getByText('Bed 2 · Room 1').waitFor();

      // The board counts her, and lists her by reference only.
      await caseworker.getByRole('navigation').getByRole('link', { name: 'Shelters' }).click();
      await caseworker.getByRole('heading', { level: 1, name: 'Shelters' }).waitFor();
      // The board refreshes on opening: wait for the new count rather than reading the one shown first.
      await bedsOf(caseworker).getByText(`1 of ${SHELTER.beds} beds taken`).waitFor();
      await caseworker.getByRole('link', { name: reference }).first().waitFor();
      // Her bed shows her case reference; the others show as free.
      const beds = caseworker
        .getByRole('article')
        .filter({ has: caseworker.getByRole('heading', { name: SHELTER.name }) })
        .getByTestId('board-bed');
      await beds.filter({ hasText: 'Bed 2' }).getByRole('link', { name: reference }).waitFor();
      expect(await beds.filter({ hasText: 'free' }).count()).toBe(Number(SHELTER.beds) - 1);
      expect(await caseworker.getByText(SURVIVOR.givenName).count()).toBe(0);

      await caseworker.goto(`${caseUrl}?tab=training`);
      await caseworker.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Training' }).waitFor();
      await caseworker.getByRole('button', { name: 'Enrol in a programme' }).click();
      const enrol = caseworker.getByRole('dialog', { name: 'Enrol in a programme' });
      await choose(caseworker, enrol, 'Programme', new RegExp(COURSE.trade));
      await enrol.getByRole('button', { name: 'Enrol', exact: true }).click();
      await confirmSaved(caseworker, 'The survivor was enrolled.');
      await caseworker.getByTestId('case-enrolment').getByText('Enrolled').waitFor();
    },
    TIMEOUT,
  );

  it(
    'the clinic, as provider, records attendance and completion with a certificate; the case shows it',
    async () => {
      const clinic = await openBrowser();
      await signIn(clinic, 'partner');
      await clinic.getByRole('navigation').getByRole('link', { name: 'Training' }).click();
      await clinic.getByRole('link', { name: COURSE.trade }).click();
      await clinic.getByRole('heading', { level: 1, name: COURSE.trade }).waitFor();
      await expectNoSeriousA11yViolations(clinic, 'programme page (provider)');

      await clinic.getByRole('button', { name: /^Update enrolment/ }).click();
      let dialog = clinic.getByRole('dialog', { name: /^Update enrolment/ });
      await choose(clinic, dialog, 'Status', 'Attending');
      await dialog.getByRole('textbox', { name: 'Sessions attended' }).fill('4');
      await dialog.getByRole('textbox', { name: 'Sessions held in total' }).fill('10');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await confirmSaved(clinic, 'The enrolment was updated.');
      await clinic.getByRole('cell', { name: '4 of 10' }).waitFor();

      await clinic.getByRole('button', { name: /^Update enrolment/ }).click();
      dialog = clinic.getByRole('dialog', { name: /^Update enrolment/ });
      await choose(clinic, dialog, 'Status', 'Completed');
      await dialog.getByRole('textbox', { name: 'Sessions attended' }).fill('10');
      await dialog.getByRole('checkbox', { name: 'Certificate obtained' }).check();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await confirmSaved(clinic, 'The enrolment was updated.');
      await clinic.getByRole('cell', { name: '10 of 10' }).waitFor();

      await caseworker.reload();
      const row = caseworker.getByTestId('case-enrolment');
      await row.getByText('Completed').waitFor();
      await row.getByRole('cell', { name: 'Yes' }).waitFor();
      await expectNoSeriousA11yViolations(supervisor, 'programme page (owner)');
    },
    TIMEOUT,
  );
  it(
    'the caseworker schedules the follow-up visits and records the first with its scores',
    async () => {
      await caseworker.goto(`${caseUrl}?tab=reintegration`);
      await caseworker.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Reintegration' }).waitFor();
      await caseworker.getByRole('button', { name: 'Schedule visits' }).click();
      const schedule = caseworker.getByRole('dialog', { name: 'Schedule visits' });
      await schedule.getByRole('button', { name: 'Schedule visits' }).click();
      await confirmSaved(caseworker, 'The visits were scheduled.');
      await caseworker.getByRole('button', { name: 'Record visit (3 months)' }).click();
      const visit = caseworker.getByRole('dialog', { name: 'Record the 3-month visit' });
      for (const [label, score] of [
        ['Economic score', '3'],
        ['Social score', '4'],
        ['Psychosocial score', '2'],
      ] as const) {
        await visit.getByRole('radiogroup', { name: label, exact: true }).getByText(score, { exact: true }).click();
      }
      await visit.getByRole('button', { name: 'Save visit' }).click();
      await confirmSaved(caseworker, 'The visit was recorded.');
      // The chart's text alternative: the scores at each visit, as a table.
      await caseworker.getByRole('img', { name: /Line chart of the three scores/ }).waitFor();
      await caseworker.getByRole('cell', { name: '3 / 4 / 2' }).waitFor();
      await expectNoSeriousA11yViolations(caseworker, 'reintegration tab');
    },
    TIMEOUT,
  );
});
