import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { CASE_REFERENCE_PATTERN } from '@haven/contracts';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import type { E2eServer } from '../support/e2e-server.js';
import { startJourney, type Journey } from '../support/journey.js';

type Role = keyof E2eServer['users'];

const TIMEOUT = 120_000;
const CASE_TABS = [
  'Profile',
  'Identity',
  'Identification',
  'Legal status',
  'Consent',
  'Assessments',
  'Plan',
  'Services',
  'Notes',
  'Documents',
  'Tasks',
  'History',
] as const;
// A synthetic survivor and plan; nothing here describes a real person.
const SURVIVOR = {
  givenName: 'Marigold',
  familyName: 'Sample',
  estimatedAge: '24',
  sex: 'Female',
  nationality: 'Ghana',
};
const GOAL = 'See a doctor about the recurring headaches';

/**
 * The work on one case from intake to closure (docs/architecture.md, journeys 1 and 2), in Chromium against the real API
 * serving the built web app: the caseworker registers a case, records a risk assessment and consent, and sends
 * a support plan for approval; the supervisor sees it in "my work" and approves it; the caseworker records a
 * service and asks to close the case; the supervisor approves the closure. Each tab of the case page is
 * checked with axe-core along the way.
 */
describe('case work journey', () => {
  let journey: Journey;
  let server: E2eServer;
  let caseworker: Page;
  let supervisor: Page;
  let theCase: { url: string; reference: string } | undefined;

  beforeAll(async () => {
    journey = await startJourney();
    server = journey.server;
  }, TIMEOUT);

  afterAll(() => journey?.stop(), TIMEOUT);

  /** A fresh browser profile per person; reduced motion so contrast checks never catch a fading dialog. */
  function openBrowser(): Promise<Page> {
    return journey.newPage({}, 15_000);
  }

  async function signIn(page: Page, role: Role): Promise<void> {
    await signInThroughPage(page, server.users[role]);
  }

  async function expectNoSeriousA11yViolations(page: Page, screen: string): Promise<void> {
    expect(await seriousA11yViolations(page, screen)).toEqual([]);
  }

  /** Opens a tab by keyboard-accessible role and waits for its panel's heading. */
  async function openTab(page: Page, tab: string, heading: string = tab): Promise<void> {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: heading }).waitFor();
  }

  /** Waits until the success message of a save has appeared and the dialog that made it has closed. */
  async function confirmSaved(page: Page, message: string): Promise<void> {
    await page.getByText(message).first().waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  function summaryValue(page: Page, label: string) {
    return page
      .locator('.summary-facts div')
      .filter({ has: page.locator('dt', { hasText: label }) })
      .locator('dd');
  }

  it(
    'a caseworker registers a case, assesses the risk, records consent and sends a plan for approval',
    async () => {
      caseworker = await openBrowser();
      await signIn(caseworker, 'caseworker');
      // The morning round starts at "my work", not at a list to search through.
      await caseworker.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
      await caseworker.getByRole('heading', { level: 2, name: 'Overdue tasks' }).waitFor();
      await expectNoSeriousA11yViolations(caseworker, 'my work (caseworker)');

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
      await caseworker.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Profile' }).waitFor();
      const reference = ((await caseworker.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
      expect(reference).toMatch(CASE_REFERENCE_PATTERN);
      theCase = { url: new URL(caseworker.url()).pathname, reference };

      // What intake left out is listed, each item leading to the tab where it is completed.
      const missing = caseworker.getByRole('region', { name: 'Still to complete' });
      await missing.getByRole('link', { name: 'Risk assessment' }).click();
      await caseworker.waitForURL(/\?tab=assessments$/);
      await caseworker.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Assessments' }).waitFor();
      expect(await caseworker.getByRole('tab', { name: 'Assessments' }).getAttribute('aria-selected')).toBe('true');

      await caseworker.getByRole('button', { name: 'Record assessment' }).click();
      const assessment = caseworker.getByRole('dialog', { name: 'Record assessment' });
      await assessment.getByRole('radio', { name: 'High' }).check();
      await assessment.getByRole('button', { name: 'Save assessment' }).click();
      await confirmSaved(caseworker, 'The assessment was recorded.');
      // A risk assessment moves the case's risk level.
      await summaryValue(caseworker, 'Risk').getByText('High').waitFor();
      await expectNoSeriousA11yViolations(caseworker, 'assessments tab');

      await openTab(caseworker, 'Consent');
      await caseworker.getByRole('button', { name: 'Record consent' }).click();
      const consent = caseworker.getByRole('dialog', { name: 'Record consent' });
      await consent.getByRole('combobox', { name: 'Purpose' }).click();
      await caseworker.getByRole('option', { name: 'Assistance', exact: true }).click();
      await consent.getByRole('radio', { name: 'Verbal' }).check();
      await consent.getByRole('checkbox', { name: 'Given through an interpreter' }).check();
      // The language is picked from the list (typed to narrow it); the interpreter's name is sealed by the API.
      await consent.getByRole('combobox', { name: 'Language interpreted' }).fill('Tigr');
      await caseworker.getByRole('option', { name: 'Tigrinya', exact: true }).click();
      await consent.getByRole('textbox', { name: 'Interpreter’s name' }).fill('Hewan Tolossa');
      await consent.getByRole('button', { name: 'Save consent' }).click();
      await confirmSaved(caseworker, 'The consent was recorded.');
      await caseworker.getByText('through an interpreter (Tigrinya) · Hewan Tolossa').waitFor();
      await summaryValue(caseworker, 'Consent to assistance').getByText('Granted').waitFor();
      await expectNoSeriousA11yViolations(caseworker, 'consent tab');

      await openTab(caseworker, 'Plan', 'Support plan');
      await caseworker.getByRole('button', { name: 'Add goal' }).click();
      const goal = caseworker.getByRole('dialog', { name: 'Add goal' });
      await goal.getByRole('combobox', { name: 'Area of support' }).click();
      await caseworker.getByRole('option', { name: 'Health', exact: true }).click();
      await goal.getByRole('textbox', { name: 'Objective' }).fill(GOAL);
      await goal.getByRole('button', { name: 'Add goal' }).click();
      await confirmSaved(caseworker, 'The goal was added.');
      await caseworker.getByRole('heading', { level: 3, name: GOAL }).waitFor();
      await caseworker.getByRole('button', { name: 'Send for approval' }).click();
      await caseworker.getByText('Waiting for approval', { exact: true }).waitFor();
      // Goals are frozen while the supervisor decides.
      expect(await caseworker.getByRole('button', { name: 'Add goal' }).count()).toBe(0);
      await expectNoSeriousA11yViolations(caseworker, 'plan tab (submitted)');

      // The next morning she finds the case by the survivor's name as a colleague spelled it
      // (Marygold for Marigold, in lower case): a search by name, not by a code she has to remember.
      await caseworker.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
      const find = caseworker.getByRole('search', { name: 'Find a case' });
      await find.getByRole('textbox', { name: 'Search by name' }).fill('Marygold sample');
      await find.getByRole('button', { name: 'Search', exact: true }).click();
      await caseworker.getByText('1 case', { exact: true }).waitFor();
      await caseworker.getByRole('link', { name: reference }).waitFor();
      // The name stays out of the address bar (and so out of the browser's history).
      expect(caseworker.url()).not.toMatch(/marygold|sample/i);
      await expectNoSeriousA11yViolations(caseworker, 'case list (search by name)');
      await caseworker.getByRole('link', { name: reference }).click();
      await caseworker.waitForURL((url) => url.pathname === theCase!.url);
    },
    TIMEOUT,
  );

  it(
    'the supervisor finds the plan in "my work" and approves it',
    async () => {
      if (!theCase) throw new Error('needs the case registered by the caseworker journey');
      supervisor = await openBrowser();
      await signIn(supervisor, 'supervisor');
      await supervisor.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
      const approvals = supervisor.getByRole('region', { name: 'Waiting for your decision' });
      const row = approvals.getByRole('row').filter({ hasText: theCase.reference }).filter({ hasText: 'Support plan' });
      await row.waitFor();
      await expectNoSeriousA11yViolations(supervisor, 'my work (supervisor)');

      await row.getByRole('link', { name: `Review Support plan for ${theCase.reference}` }).click();
      await supervisor.waitForURL(`**${theCase.url}?tab=plan`);
      await supervisor.getByRole('heading', { level: 3, name: GOAL }).waitFor();
      await supervisor.getByRole('button', { name: 'Approve plan' }).click();
      const decision = supervisor.getByRole('dialog', { name: 'Approve plan' });
      await expectNoSeriousA11yViolations(supervisor, 'approve plan dialog');
      await decision.getByRole('button', { name: 'Approve plan' }).click();
      await confirmSaved(supervisor, 'The plan was approved.');
      await supervisor.getByText('Approved', { exact: true }).waitFor();
      expect(await supervisor.getByRole('button', { name: 'Approve plan' }).count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'the caseworker sees the approval, records a service given and asks to close the case',
    async () => {
      if (!theCase) throw new Error('needs the case registered by the caseworker journey');
      await caseworker.goto(`${theCase.url}?tab=plan`);
      await caseworker.getByText('Approved', { exact: true }).waitFor();
      await caseworker.getByText(/^Approved by Test supervisor/).waitFor();

      await openTab(caseworker, 'Services', 'Services given');
      await caseworker.getByRole('button', { name: 'Record service' }).click();
      const service = caseworker.getByRole('dialog', { name: 'Record service' });
      await service.getByRole('combobox', { name: 'Service' }).click();
      await caseworker.getByRole('option', { name: 'Medical care', exact: true }).click();
      await service.getByRole('combobox', { name: 'Outcome' }).click();
      await caseworker.getByRole('option', { name: 'Completed', exact: true }).click();
      await service.getByRole('button', { name: 'Save service' }).click();
      await confirmSaved(caseworker, 'The service was recorded.');
      await caseworker.getByRole('row').filter({ hasText: 'Medical care' }).filter({ hasText: 'Completed' }).waitFor();
      await expectNoSeriousA11yViolations(caseworker, 'services tab');

      await caseworker.getByRole('button', { name: 'Request closure' }).click();
      const closure = caseworker.getByRole('dialog', { name: 'Request closure' });
      // Nothing is sent without a reason: the form says so next to the field.
      await closure.getByRole('button', { name: 'Request closure' }).click();
      await closure.getByText('Choose an option').waitFor();
      await closure.getByRole('combobox', { name: 'Reason for closing' }).click();
      await caseworker.getByRole('option', { name: 'Goals of the plan achieved' }).click();
      await expectNoSeriousA11yViolations(caseworker, 'closure dialog');
      await closure.getByRole('button', { name: 'Request closure' }).click();
      await confirmSaved(caseworker, 'Closure requested. A supervisor will decide.');
      await caseworker.getByText('Waiting for a supervisor’s decision. The case stays open until then.').waitFor();
      await summaryValue(caseworker, 'Status').getByText('Active').waitFor();
    },
    TIMEOUT,
  );

  it(
    'the supervisor approves the closure and the case shows Closed to both',
    async () => {
      if (!theCase) throw new Error('needs the case registered by the caseworker journey');
      await supervisor.goto('/');
      const approvals = supervisor.getByRole('region', { name: 'Waiting for your decision' });
      const row = approvals.getByRole('row').filter({ hasText: theCase.reference }).filter({ hasText: 'Case closure' });
      await row.getByRole('link', { name: `Review Case closure for ${theCase.reference}` }).click();
      await supervisor.waitForURL(`**${theCase.url}`);
      await supervisor.getByText('Test caseworker asked on', { exact: false }).waitFor();
      await supervisor.getByRole('button', { name: 'Approve closure' }).click();
      const decision = supervisor.getByRole('dialog', { name: 'Approve closure' });
      await decision
        .getByRole('textbox', { name: 'Comment (optional)' })
        .fill('Plan goals reached; follow-up agreed by phone.');
      await decision.getByRole('button', { name: 'Approve closure' }).click();
      await confirmSaved(supervisor, 'The case is closed.');
      await summaryValue(supervisor, 'Status').getByText('Closed').waitFor();

      await caseworker.reload();
      await summaryValue(caseworker, 'Status').getByText('Closed').waitFor();
      await caseworker.getByText('This case is closed.', { exact: false }).waitFor();
      // A closed case is read-only: no more closure requests, records or edits.
      expect(await caseworker.getByRole('button', { name: 'Request closure' }).count()).toBe(0);
      expect(await caseworker.getByRole('button', { name: 'Record service' }).count()).toBe(0);

      // The history tells the whole story, with the approval's comment.
      await openTab(caseworker, 'History');
      await caseworker.getByRole('cell', { name: 'Case closed' }).waitFor();
      await caseworker.getByRole('cell', { name: 'Plan approved' }).waitFor();
      await caseworker.getByText('“Plan goals reached; follow-up agreed by phone.”').waitFor();
    },
    TIMEOUT,
  );

  it(
    'every tab of the case page passes the accessibility check and is reachable by keyboard',
    async () => {
      if (!theCase) throw new Error('needs the case registered by the caseworker journey');
      await supervisor.goto(theCase.url);
      await supervisor.getByRole('tab', { name: 'Profile' }).focus();
      for (const [index, tab] of CASE_TABS.entries()) {
        if (index > 0) await supervisor.keyboard.press('ArrowRight');
        // Arrow keys move between tabs and open them; the address follows, so the tab can be linked to.
        await supervisor.getByRole('tab', { name: tab, exact: true, selected: true }).waitFor();
        await supervisor.getByRole('tabpanel').getByRole('heading', { level: 2 }).first().waitFor();
        await supervisor.waitForLoadState('networkidle');
        await expectNoSeriousA11yViolations(supervisor, `case page, ${tab} tab`);
      }
      expect(new URL(supervisor.url()).search).toBe('?tab=history');
    },
    TIMEOUT,
  );

  it(
    'two people editing the same case: the second save is refused, the input kept, and Reload brings the change in',
    async () => {
      const first = await openBrowser();
      await signIn(first, 'supervisor');
      const second = await openBrowser();
      await signIn(second, 'supervisor');

      await first.goto('/cases/new');
      await first.getByRole('textbox', { name: 'Given name or alias' }).fill('Juniper');
      await first.getByRole('textbox', { name: 'Estimated age in years' }).fill('31');
      await first.getByRole('combobox', { name: 'Sex' }).click();
      await first.getByRole('option', { name: 'Male', exact: true }).click();
      await first.getByRole('combobox', { name: 'Nationality' }).fill('Eritrea');
      await first.getByRole('option', { name: 'Eritrea', exact: true }).click();
      await first.getByRole('radio', { name: 'Medium' }).check();
      await first.getByRole('button', { name: 'Register case' }).click();
      await first.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await first.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Profile' }).waitFor();
      const url = new URL(first.url()).pathname;

      // The first person starts on the profile; meanwhile the second moves the case to another stage.
      await first.getByRole('button', { name: 'Edit profile' }).click();
      await first.getByRole('combobox', { name: 'How she came to us' }).click();
      await first.getByRole('option', { name: 'Labour inspection' }).click();
      await second.goto(url);
      await second.getByRole('button', { name: 'Change stage or status' }).click();
      await second.getByRole('dialog').getByRole('radio', { name: 'Assessment' }).check();
      await second.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await confirmSaved(second, 'The case was updated.');

      await first.getByRole('button', { name: 'Save profile' }).click();
      await first.getByText('Someone else changed this').waitFor();
      expect(await first.getByRole('combobox', { name: 'How she came to us' }).inputValue()).toBe('Labour inspection');
      await expectNoSeriousA11yViolations(first, 'conflict message');

      await first.getByRole('button', { name: 'Reload' }).click();
      await first.getByText('The latest version is loaded.', { exact: false }).waitFor();
      await summaryValue(first, 'Stage').getByText('Assessment').waitFor();
      await first.getByRole('button', { name: 'Save profile' }).click();
      await first.getByText('The profile was saved.').waitFor();
      await first.getByText('Labour inspection').waitFor();
      await summaryValue(first, 'Stage').getByText('Assessment').waitFor();
    },
    TIMEOUT,
  );

  it(
    'the supervisor hands two cases to a colleague at once from the case list, and their names show beside the references',
    async () => {
      const { harness } = server;
      const settings = `/api/organisations/${harness.organisations.shelterA}/settings`;
      const byApi = await harness.signInAs('caseworker');
      const asSupervisor = await harness.signInAs('supervisor');
      expect((await asSupervisor.patch(settings, { listsShowNames: true })).status).toBe(200);
      const references: string[] = [];
      for (const alias of ['Bell', 'Clover']) {
        const registered = await byApi.post('/api/cases', {
          givenName: `${alias}flower`,
          familyName: 'Handover',
          aliases: [alias],
          estimatedAge: 29,
          sex: 'Feminine',
          nationality: 'GH',
          riskLevel: 'medium',
        });
        expect(registered.status).toBe(201);
        references.push(registered.body.reference as string);
      }

      const page = await openBrowser();
      await signIn(page, 'supervisor');
      await page.goto('/cases');
      await page.getByRole('textbox', { name: 'Search by name' }).fill('Handover');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByText('Clover', { exact: true }).waitFor();
      // Ticked by keyboard: focus and Space, as for any checkbox.
      for (const reference of references) {
        await page.getByRole('checkbox', { name: `Select case ${reference}` }).focus();
        await page.keyboard.press('Space');
      }
      await page.getByRole('region', { name: 'Chosen cases' }).getByText('2 cases chosen').waitFor();
      await page.getByRole('button', { name: 'Reassign 2 cases…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Reassign 2 cases' });
      await dialog.getByRole('combobox', { name: 'Reassign to' }).click();
      await page.getByRole('listbox', { name: 'Reassign to' }).getByRole('option', { name: 'Test colleague' }).click();
      await expectNoSeriousA11yViolations(page, 'reassign cases dialog');
      await dialog.getByRole('button', { name: 'Reassign 2 cases to Test colleague' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByRole('status').getByText('2 cases reassigned to Test colleague.').waitFor();
      await expectNoSeriousA11yViolations(page, 'case list after reassignment');

      // The case header names her too, under the same rule.
      await page.getByRole('link', { name: references[0]! }).click();
      await page.getByRole('region', { name: references[0]! }).getByText('Bell', { exact: true }).waitFor();
      await summaryValue(page, 'Assigned to').getByText('Test colleague').waitFor();
      expect((await asSupervisor.patch(settings, { listsShowNames: false })).status).toBe(200);
    },
    TIMEOUT,
  );
});
