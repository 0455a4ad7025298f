import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, signInThroughPage } from '../support/browser.js';
import { startJourney, type Journey } from '../support/journey.js';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';

const TIMEOUT = 180_000;

/** A day in the middle of the last ended quarter: the results page shows the last four ended quarters first. */
function dayInLastQuarter(): string {
  const today = new Date();
  const quarterStart = new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3, 1));
  return new Date(quarterStart.getTime() - 45 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The programme's results (docs/architecture.md, "Programme registers"), in Chromium against the real API: a
 * supervisor imports the spreadsheets partners sent — institutions, a capacity-building event, a campaign — each
 * checked first, and adds an institution through the form; the manager sets a target, reads the four headline results with progress against it, and
 * downloads the report as XLSX laid out as a results framework.
 */
describe('programme results journey', () => {
  let journey: Journey;
  let supervisor: Page;
  let manager: Page;
  const day = dayInLastQuarter();

  beforeAll(async () => {
    journey = await startJourney();
  }, TIMEOUT);
  afterAll(() => journey?.stop(), TIMEOUT);

  async function importFile(page: Page, register: string, csv: string, rows: string): Promise<void> {
    await page.getByRole('tab', { name: register }).click();
    await page.getByRole('button', { name: 'Import a spreadsheet' }).click();
    const dialog = page.getByRole('dialog', { name: `Import into ${register}` });
    await dialog.getByRole('textbox', { name: 'File contents' }).fill(csv);
    await dialog.getByRole('button', { name: 'Check' }).click();
    await dialog.getByText(`${rows} ready to import.`).waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText(/imported\.$/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
  }

  it(
    'a supervisor imports institutions, an event and a campaign, each checked first, and a bad file writes nothing',
    async () => {
      supervisor = await journey.newPage();
      await signInThroughPage(supervisor, journey.server.users.supervisor);
      await supervisor.getByRole('navigation').getByRole('link', { name: 'Programme' }).click();
      await supervisor.getByRole('heading', { level: 1, name: 'Programme registers' }).waitFor();
      await supervisor.getByText(/Nothing is recorded in this register yet/).waitFor();
      expect(await seriousA11yViolations(supervisor, 'programme registers')).toEqual([]);

      // A file with a mistake: the check names the line and the column, and Import stays off.
      await supervisor.getByRole('button', { name: 'Import a spreadsheet' }).click();
      const dialog = supervisor.getByRole('dialog', { name: 'Import into Information campaigns' });
      await dialog
        .getByRole('textbox', { name: 'File contents' })
        .fill(
          `title,startsOn,endsOn,country,area,channel,targetGroup,method,source,reach.female.18to24\nRadio,${day},2000-01-01,NE,Agadez,radio,youth,audienceEstimate,Survey,500`,
        );
      await dialog.getByRole('button', { name: 'Check' }).click();
      const problem = dialog.getByRole('row', { name: /Cannot be before the start/ });
      await expect(problem.innerText()).resolves.toMatch(/2\s+endsOn/);
      await expect(dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).resolves.toBe(true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await importFile(
        supervisor,
        'Institutions',
        'name,sector,organisationType,country\nLabour inspectorate,nationalPublic,CentralGovernmentOrganisation,NE\nRegional police academy,nationalPublic,LawEnforcement,NE',
        '2 rows are',
      );
      await importFile(
        supervisor,
        'Capacity building',
        `topic,startsOn,endsOn,country,area,format,institution,institutionCountry,women,men\nVictim identification,${day},${day},NE,Niamey,inPerson,Labour inspectorate,NE,4,6\nVictim identification,${day},${day},NE,Niamey,inPerson,Regional police academy,NE,2,9`,
        '2 rows are',
      );
      await importFile(
        supervisor,
        'Information campaigns',
        `title,startsOn,endsOn,country,area,channel,targetGroup,method,source,reach.female.18to24,reach.male.18to24\nRadio drama,${day},${day},NE,Agadez,radio,potentialMigrants,audienceEstimate,Broadcaster survey,6000,4000`,
        '1 row is',
      );
      const row = supervisor.getByRole('row', { name: /Radio drama/ });
      await expect(row.innerText()).resolves.toContain('10,000 people reached');

      // One record added through the form, with the focus inside it while it is open.
      await supervisor.getByRole('tab', { name: 'Institutions' }).click();
      await supervisor.getByRole('button', { name: 'Add an institution' }).click();
      const form = supervisor.getByRole('dialog', { name: 'Add an institution' });
      await supervisor.waitForFunction(
        `document.activeElement?.closest('[role=dialog]')?.textContent?.includes('Add an institution') === true`,
      );
      await form.getByRole('textbox', { name: /^Name/ }).fill('Municipal youth office');
      await form.getByRole('combobox', { name: /^Sector/ }).click();
      await supervisor.getByRole('option', { name: 'Local public institution' }).click();
      await form.getByRole('combobox', { name: /^Kind of organisation/ }).click();
      await supervisor.getByRole('option', { name: 'Local government' }).click();
      await form.getByRole('combobox', { name: /^Country/ }).fill('Niger');
      await supervisor.getByRole('option', { name: 'Niger', exact: true }).click();
      expect(await seriousA11yViolations(supervisor, 'institution form')).toEqual([]);
      await form.getByRole('button', { name: 'Add', exact: true }).click();
      await form.waitFor({ state: 'hidden' });
      await supervisor.getByRole('row', { name: /Municipal youth office/ }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'the manager sets a target, reads the four headline results with progress, and downloads the XLSX',
    async () => {
      await journey.server.harness.app.get(StatisticsReleases).publish();
      manager = await journey.newPage({ acceptDownloads: true });
      await signInThroughPage(manager, journey.server.users.manager);
      await manager.goto('/statistics/indicators');
      await manager.getByRole('link', { name: 'Results against targets' }).click();
      await manager.getByRole('heading', { level: 1, name: 'Results against targets' }).waitFor();

      await manager.getByRole('button', { name: 'Set a target' }).click();
      const dialog = manager.getByRole('dialog', { name: 'Set a target' });
      await dialog.getByRole('combobox', { name: /^Result/ }).click();
      await manager
        .getByRole('option', {
          name: 'National and local institutions and non-state actors directly supported through capacity building on migration management',
        })
        .click();
      await dialog.getByRole('textbox', { name: /^Year/ }).fill(day.slice(0, 4));
      await dialog.getByRole('textbox', { name: /^Baseline/ }).fill('0');
      await dialog.getByRole('textbox', { name: /^Target/ }).fill('8');
      await dialog.getByRole('button', { name: 'Save target' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const institutions = manager.getByRole('region', {
        name: 'National and local institutions and non-state actors directly supported through capacity building on migration management',
      });
      await expect(institutions.getByText('25%').count()).resolves.toBe(1);
      const reached = manager.getByRole('region', {
        name: 'Migrants or potential migrants reached by information campaigns on migration and the risks of irregular migration',
      });
      await expect(reached.getByRole('table').innerText()).resolves.toContain('10,000');
      await manager.getByRole('region', { name: 'Projects by diaspora members' }).waitFor();
      await manager
        .getByRole('region', { name: 'Migrants in transit and forcibly displaced people protected or assisted' })
        .waitFor();
      expect(await seriousA11yViolations(manager, 'programme results')).toEqual([]);

      const [download] = await Promise.all([
        manager.waitForEvent('download'),
        manager.getByRole('link', { name: /XLSX/ }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^programme-results_.*\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        readFileSync((await download.path())!) as unknown as Parameters<typeof workbook.xlsx.load>[0],
      );
      const cells = workbook.worksheets.flatMap((sheet) =>
        sheet.getSheetValues().flatMap((line) => (Array.isArray(line) ? line.map((cell) => String(cell ?? '')) : [])),
      );
      expect(cells).toContain('Projects by diaspora members');
      expect(cells).toContain('% achieved');
      expect(cells).toContain('25%');
    },
    TIMEOUT,
  );
});
