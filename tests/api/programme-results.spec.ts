import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { programmeResultsSchema, type ProgrammeResults } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { MATRIX_CAMPAIGN as CAMPAIGN } from '../security/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The programme's four result statements, word for word (the donor's results framework). */
const HEADLINE_TITLES = [
  'Migrants in transit and forcibly displaced people protected or assisted',
  'Migrants or potential migrants reached by information campaigns on migration and the risks of irregular migration',
  'National and local institutions and non-state actors directly supported through capacity building on migration management',
  'Projects by diaspora members',
];
const YEAR_2025 = 'from=2025-01&to=2025-12&granularity=year';
const QUARTERS_2025 = 'from=2025-01&to=2025-12&granularity=quarter';

const campaign = (endsOn: string, people: number[]) => ({
  ...CAMPAIGN,
  startsOn: `${endsOn.slice(0, 7)}-01`,
  endsOn,
  reach: people.map((count, index) => ({ sex: index ? 'male' : 'female', ageBand: '25to59', people: count })),
});
const project = (startsOn: string, diasporaPromoters: boolean) => ({
  title: `Project ${startsOn}`,
  startsOn,
  endsOn: '2025-12-31',
  sector: 'trade',
  country: 'SN',
  area: 'Thiès',
  diasporaPromoters,
  promotersResidence: 'IT',
  investment: 10000,
  currency: 'EUR',
  jobsCreated: 3,
  returneesInvolved: false,
});

describe('programme results against targets', () => {
  let harness: TestApp;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let manager: HttpSession;
  const resultOf = (report: ProgrammeResults, code: string) => report.results.find((entry) => entry.result === code)!;

  beforeAll(async () => {
    harness = await startTestApp();
    [supervisor, otherSupervisor, manager] = await Promise.all([
      harness.signInAs('supervisor'),
      harness.signInAs('otherSupervisor'),
      harness.signInAs('manager'),
    ]);
    const add = async (session: HttpSession, register: string, fields: object) => {
      const response = await session.post(`/api/programme/${register}`, { fields });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    // Shelter A: 1,500 + 300 reached in Q1, 4 in Q3.
    await add(supervisor, 'campaigns', campaign('2025-02-15', [1000, 500]));
    await add(supervisor, 'campaigns', campaign('2025-03-31', [300]));
    await add(supervisor, 'campaigns', campaign('2025-08-10', [4]));
    // Two institutions, one of them at two events: three attendances, two institutions.
    const ministry = await add(supervisor, 'institutions', {
      name: 'Ministry of Interior',
      sector: 'nationalPublic',
      organisationType: 'CentralGovernmentOrganisation',
      country: 'SN',
    });
    const council = await add(supervisor, 'institutions', {
      name: 'Dakar city council',
      sector: 'localPublic',
      organisationType: 'LocalGovernmentOrganisation',
      country: 'SN',
    });
    const event = (endsOn: string, participants: string[]) => ({
      topic: `Training ${endsOn}`,
      startsOn: endsOn,
      endsOn,
      country: 'SN',
      area: 'Dakar',
      format: 'inPerson',
      participants: participants.map((institutionId) => ({ institutionId, women: 3, men: 3 })),
    });
    await add(supervisor, 'capacity-events', event('2025-04-10', [ministry, council]));
    await add(supervisor, 'capacity-events', event('2025-10-10', [ministry]));
    // Projects: two by diaspora promoters, one not (not counted).
    await add(supervisor, 'diaspora-projects', project('2025-01-20', true));
    await add(supervisor, 'diaspora-projects', project('2025-11-02', true));
    await add(supervisor, 'diaspora-projects', project('2025-05-05', false));
    // Shelter B's campaign: in the programme's figures, never in shelter A's.
    await add(otherSupervisor, 'campaigns', campaign('2025-06-30', [7000]));
    await harness.app.get(StatisticsReleases).publish();
  }, 180_000);
  afterAll(() => harness.close());

  it('titles the four headline results with the result statements, each with its definition, source and unit', async () => {
    const report = programmeResultsSchema.parse((await manager.get(`/api/programme-results?${YEAR_2025}`)).body);
    const headlines = report.results.filter((entry) => entry.headline);
    expect(headlines.map((entry) => entry.title)).toEqual(HEADLINE_TITLES);
    expect(headlines.map((entry) => entry.unit)).toEqual([
      'peoplePerPeriod',
      'peopleReachedPerCampaign',
      'institutions',
      'projects',
    ]);
    for (const entry of report.results) {
      expect(entry.definition.length).toBeGreaterThan(20);
      expect(entry.source.length).toBeGreaterThan(10);
    }
    // The case indicators follow the headline results.
    expect(report.results.map((entry) => entry.result)).toContain('vocational-training-completed');
  });

  it('counts reach as recorded, institutions once however many events, projects by diaspora promoters only', async () => {
    const year = programmeResultsSchema.parse((await manager.get(`/api/programme-results?${YEAR_2025}`)).body);
    expect(resultOf(year, 'people-reached-by-campaigns').values[0]!.value).toBe(1000 + 500 + 300 + 4 + 7000);
    expect(resultOf(year, 'institutions-supported').achieved).toBe(2);
    expect(resultOf(year, 'diaspora-projects').achieved).toBe(2);
    const quarters = programmeResultsSchema.parse((await manager.get(`/api/programme-results?${QUARTERS_2025}`)).body);
    expect(quarters.periods).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(resultOf(quarters, 'institutions-supported').values.map((figure) => figure.value)).toEqual([0, 2, 0, 1]);
    // Two institutions over the year, though three institution-quarters: counted once over the report.
    expect(resultOf(quarters, 'institutions-supported').achieved).toBe(2);
    // Register figures are published as recorded: four people reached in Q3 show as 4, since withholding them would
    // not hold (the year's figure less the other quarters gives them back), and they are no count of records about people.
    const reached = resultOf(quarters, 'people-reached-by-campaigns').values.map((figure) => figure.value);
    expect(reached).toEqual([1800, 7000, 4, 0]);
    expect(resultOf(year, 'people-reached-by-campaigns').values[0]!.value).toBe(reached.reduce((a, b) => a! + b!, 0));
  });

  it("gives a supervisor her own organisation's figures only", async () => {
    const own = programmeResultsSchema.parse((await supervisor.get(`/api/programme-results?${YEAR_2025}`)).body);
    expect(resultOf(own, 'people-reached-by-campaigns').values[0]!.value).toBe(1804);
    const other = programmeResultsSchema.parse((await otherSupervisor.get(`/api/programme-results?${YEAR_2025}`)).body);
    expect(resultOf(other, 'people-reached-by-campaigns').values[0]!.value).toBe(7000);
    expect(resultOf(other, 'institutions-supported').achieved).toBe(0);
  });

  it('reports progress against the targets managers set, and only managers set them', async () => {
    expect(
      (
        await supervisor.put('/api/programme-results/targets', {
          result: 'diaspora-projects',
          year: 2025,
          baseline: 0,
          target: 4,
        })
      ).status,
    ).toBe(403);
    const invalid = await manager.put('/api/programme-results/targets', {
      result: 'diaspora-projects',
      year: 2025,
      baseline: -1,
      target: 4,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe('baseline');
    for (const target of [
      { result: 'diaspora-projects', year: 2025, baseline: 1, target: 4 },
      { result: 'institutions-supported', year: 2025, baseline: 0, target: 5 },
      { result: 'institutions-supported', year: 2025, baseline: 0, target: 8 },
    ])
      expect((await manager.put('/api/programme-results/targets', target)).status).toBe(200);
    const report = programmeResultsSchema.parse((await manager.get(`/api/programme-results?${YEAR_2025}`)).body);
    expect(resultOf(report, 'diaspora-projects')).toMatchObject({
      baseline: 1,
      target: 4,
      achieved: 2,
      percentAchieved: 50,
    });
    // Setting a target again replaces it.
    expect(resultOf(report, 'institutions-supported')).toMatchObject({ target: 8, achieved: 2, percentAchieved: 25 });
    expect(resultOf(report, 'people-reached-by-campaigns')).toMatchObject({ target: null, percentAchieved: null });
    // Targets are the whole programme's: a supervisor's report of her own organisation, or the
    // manager's of one organisation, is not set against them.
    const ownReports = [
      await supervisor.get(`/api/programme-results?${YEAR_2025}`),
      await manager.get(`/api/programme-results?${YEAR_2025}&organisationIds=${harness.organisations.shelterA}`),
    ];
    for (const own of ownReports) {
      expect(own.status).toBe(200);
      expect(resultOf(programmeResultsSchema.parse(own.body), 'diaspora-projects')).toMatchObject({
        baseline: null,
        target: null,
        percentAchieved: null,
        achieved: 2,
      });
    }
    const audited = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'programme.target.set'",
    );
    expect(audited).toHaveLength(3);
  });

  it('downloads the report laid out as a results framework, as XLSX and CSV', async () => {
    const xlsx = await manager
      .get(`/api/programme-results/download?${YEAR_2025}&format=xlsx`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(
      /^attachment; filename="programme-results_2025-01_2025-12\.xlsx"/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const cells = workbook.worksheets.flatMap((sheet) =>
      sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map((cell) => String(cell ?? '')) : [])),
    );
    for (const title of HEADLINE_TITLES) expect(cells).toContain(title);
    for (const column of ['Achieved', 'Baseline', 'Target', '% achieved']) expect(cells).toContain(column);
    const csv = await manager.get(`/api/programme-results/download?${YEAR_2025}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain('Projects by diaspora members');
    expect(csv.text).toContain('50%');
  });
});
