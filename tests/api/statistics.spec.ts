import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { z } from 'zod';
import { defineAbilityFor } from '@haven/access';
import {
  STATISTICS_TABLES,
  STATISTICS_TEXTS,
  statisticsValueLabel,
  type PublishedFigure,
  type PublishedStatisticsTable,
  type StatisticsLanguage,
} from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { MAX_PERTURBATION } from '@haven/disclosure';
import { routeTable } from '../../apps/api/src/core/http/route-table.js';
import { EnvelopeEncryption } from '../../apps/api/src/core/crypto/envelope-encryption.js';
import { StatisticsProjector } from '../../apps/api/src/modules/statistics/statistics-projector.service.js';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { ReleaseInForce } from '../../apps/api/src/modules/statistics/release-in-force.js';
import { TABLES } from '../../apps/api/src/modules/statistics/statistics-catalogue.js';
import type { TableCounts } from '../../apps/api/src/modules/statistics/statistics-publisher.js';
import {
  StatisticsRepository,
  type CountRequest,
} from '../../apps/api/src/modules/statistics/statistics.repository.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Anonymised statistics against a real database. Synthetic cases are inserted with SQL
 * (the triggers queue them as for any change) and projected by the refresher:
 *
 * - shelter A, 2025-Q1: 40 cases with a statistics consent — 25 Active, 12 FollowUp,
 *   3 Closed; 30 Feminine aged 24, 8 Masculine aged 33, 2 of unspecified sex aged 50;
 *   services, shelter stays, referrals (12 completed, 12 declined), training and follow-up
 *   visits for some of them;
 * - shelter A, 2025-Q2: 30 Active cases with consent, and 5 without;
 * - shelter A, 2025-07: one survivor (Masculine, 60, from AF) — the differencing target;
 * - shelter B, 2025-02: one case.
 */
/** Polls until the condition holds (an announcement crosses a database connection: no fixed delay), failing after 30 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (const started = Date.now(); !(await condition()); ) {
    if (Date.now() - started > 30_000) throw new Error('condition not reached within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const A_2025 = (extra = '') => `from=2025-01&to=2025-12&granularity=quarter${extra}`;
const FORBIDDEN_FIELD = /^(id|ids|.*Id|.*Ids|reference|.*Reference|name|.*Name|notes?|.*Notes?)$/;
/** The marks of hidden figures with k = 11: a small group, a period the release holds nothing for. */
const SMALL = '<11';
const WITHHELD = '[x]';

async function seed(harness: TestApp): Promise<void> {
  const client = new pg.Client({ connectionString: harness.database.url });
  await client.connect();
  const { shelterA, shelterB, clinic } = harness.organisations;
  const caseworker = harness.people.caseworker.id;
  const supervisor = harness.people.supervisor.id;
  const sql = (text: string, params: unknown[] = []) => client.query(text, params);
  try {
    const insertCases = (prefix: string, count: number, organisation: string, columns: Record<string, string>) =>
      sql(
        `INSERT INTO app."case" (reference, organisation_id, status, risk_level, sex, nationality, age_at_registration, exploitation_types, profile, registered_by, registered_at)
         SELECT '${prefix}-' || lpad(g::text, 4, '0'), $1, ${columns.status}, 'medium', ${columns.sex}, ${columns.nationality}, ${columns.age},
                ${columns.exploitation}, '{"traffickingStatus":"ActualVictimOfTrafficking"}'::jsonb, $2, ${columns.registeredAt}
           FROM generate_series(1, ${count}) AS g`,
        [organisation, caseworker],
      );
    await insertCases('HV-Q1', 40, shelterA, {
      status: `CASE WHEN g <= 25 THEN 'Active' WHEN g <= 37 THEN 'FollowUp' ELSE 'Closed' END`,
      sex: `CASE WHEN g <= 30 THEN 'Feminine' WHEN g <= 38 THEN 'Masculine' ELSE 'NonSpecifiedUnknown' END`,
      age: `CASE WHEN g <= 30 THEN 24 WHEN g <= 38 THEN 33 ELSE 50 END`,
      nationality: `CASE WHEN g <= 20 THEN 'NG' WHEN g <= 32 THEN 'ER' ELSE 'UA' END`,
      exploitation: `CASE WHEN g <= 30 THEN ARRAY['SexualExploitation'] ELSE ARRAY['ForcedLabour'] END`,
      registeredAt: `'2025-01-10T12:00:00Z'::timestamptz + g * interval '1 day'`,
    });
    const q2 = {
      status: `'Active'`,
      sex: `'Feminine'`,
      age: '19',
      nationality: `'NG'`,
      exploitation: `ARRAY['ForcedLabour']`,
      registeredAt: `'2025-04-05T12:00:00Z'::timestamptz + g * interval '1 day'`,
    };
    await insertCases('HV-Q2', 30, shelterA, q2);
    await insertCases('HV-NC', 5, shelterA, q2);
    await insertCases('HV-ONE', 1, shelterA, {
      status: `'Active'`,
      sex: `'Masculine'`,
      age: '60',
      nationality: `'AF'`,
      exploitation: `ARRAY['OrganRemoval']`,
      registeredAt: `'2025-07-20T12:00:00Z'::timestamptz`,
    });
    await insertCases('HV-B', 1, shelterB, {
      ...q2,
      age: '5',
      nationality: `'VN'`,
      registeredAt: `'2025-02-14T12:00:00Z'::timestamptz`,
    });
    await sql(
      // Shelter B's survivor is five: her consent counts only with her assent recorded beside it.
      `INSERT INTO app.consent (case_id, purpose, given_on, method, interpreter_used, recorded_by, child_assent, assent_explained_for_age)
       SELECT id, 'statistics', '2025-01-01', 'written', false, $1,
              CASE WHEN age_at_registration < 18 THEN 'given' END, CASE WHEN age_at_registration < 18 THEN true END
         FROM app."case" WHERE reference !~ '^HV-NC-'`,
      [caseworker],
    );
    const q1 = (from: number, to: number) =>
      `SELECT id FROM app."case" WHERE reference BETWEEN 'HV-Q1-${String(from).padStart(4, '0')}' AND 'HV-Q1-${String(to).padStart(4, '0')}'`;
    const service = (cases: string, type: string, on: string) =>
      sql(
        `INSERT INTO app.service_record (case_id, type, delivered_on, outcome, recorded_by) SELECT id, $1, $2, 'completed', $3 FROM (${cases}) c`,
        [type, on, caseworker],
      );
    await service(q1(1, 30), 'medical', '2025-02-20');
    await service(q1(1, 12), 'legal', '2025-03-01');
    await service(q1(31, 33), 'shelter', '2025-02-02');
    await service(`SELECT id FROM app."case" WHERE reference = 'HV-B-0001'`, 'medical', '2025-02-20');
    await service(q1(1, 12), 'return', '2025-05-02');
    await service(q1(1, 12), 'postArrival', '2025-06-01');
    await service(q1(1, 12), 'reintegration', '2025-08-01');
    const shelter = await sql(
      `INSERT INTO app.shelter (organisation_id, name, kind, area, capacity, wrapped_key, sealed_address) VALUES ($1, 'Stats shelter', 'women', 'North', 40, '\\x00', '\\x00') RETURNING id`,
      [shelterA],
    );
    await sql(
      `INSERT INTO app.placement (case_id, shelter_id, from_date, to_date, exit_reason, placed_by) SELECT id, $1, '2025-01-10', '2025-03-20', 'reintegrated', $2 FROM (${q1(1, 12)}) c`,
      [shelter.rows[0].id, caseworker],
    );
    await sql(
      `INSERT INTO app.referral (case_id, from_organisation_id, to_organisation_id, services, urgency, lens, status, sent_by, sent_at, responded_at, closed_at)
       SELECT c.id, $1, $2, ARRAY['medical'], 'routine', ARRAY['basic'],
              CASE WHEN c.reference <= 'HV-Q1-0012' THEN 'completed' ELSE 'declined' END, $3, '2025-02-01T09:00:00Z',
              CASE WHEN c.reference <= 'HV-Q1-0012' THEN '2025-02-02T09:00:00Z'::timestamptz ELSE '2025-02-11T09:00:00Z'::timestamptz END,
              CASE WHEN c.reference <= 'HV-Q1-0012' THEN '2025-04-10T09:00:00Z'::timestamptz ELSE NULL END
         FROM app."case" c WHERE c.reference BETWEEN 'HV-Q1-0001' AND 'HV-Q1-0024'`,
      [shelterA, clinic, caseworker],
    );
    const programme = await sql(
      `INSERT INTO app.training_programme (owner_organisation_id, provider_organisation_id, trade, place, starts_on, ends_on, seats, language, created_by)
       VALUES ($1, $2, 'Tailoring', 'Town', '2025-02-01', '2025-05-01', 20, 'en', $3) RETURNING id`,
      [shelterA, clinic, supervisor],
    );
    await sql(
      `INSERT INTO app.enrolment (programme_id, case_id, status, certificate_obtained, outcome, outcome_recorded_on, created_by, created_at, completed_at)
       SELECT $1, id, 'completed', true, 'selfEmployed', '2025-09-10', $2, '2025-02-01T09:00:00Z', '2025-05-01T09:00:00Z' FROM (${q1(1, 12)}) c`,
      [programme.rows[0].id, caseworker],
    );
    await sql(
      `INSERT INTO app.follow_up_visit (case_id, months_after, due_on, visited_on, economic_score, social_score, psychosocial_score)
       SELECT id, 3, '2025-08-01', '2025-08-05', 4, 4, 5 FROM (${q1(1, 12)}) c`,
    );
  } finally {
    await client.end();
  }
}

const figures = (table: PublishedStatisticsTable) => [...table.cells, ...table.totals, ...table.population];
const inPeriod = (table: PublishedStatisticsTable, period: string) =>
  figures(table).filter((figure) => figure.key[0] === period);
const cell = (table: PublishedStatisticsTable, ...key: string[]) =>
  table.cells.find((figure) => figure.key.join('|') === key.join('|'));
const periodTotal = (table: PublishedStatisticsTable, period: string) =>
  table.totals.find((figure) => figure.key[0] === period && figure.key.slice(1).every((part) => part === null));

/** A minimal RFC 4180 reader. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (char !== '\r') field += char;
  }
  return rows;
}

/**
 * The rows a download must hold, rebuilt from the JSON as published: the period, then each dimension's code and its
 * label in the download's language (English unless asked otherwise).
 */
function expectedRows(table: PublishedStatisticsTable, language: StatisticsLanguage = 'en'): string[][] {
  const texts = STATISTICS_TEXTS[language];
  const percentages = table.percentages !== null;
  const [, ...dimensions] = table.dimensions;
  const label = (dimension: string, code: string | null) =>
    code === null ? texts.total : statisticsValueLabel(texts, language, dimension, code);
  const row = (figure: PublishedFigure) => [
    figure.key[0]!,
    ...dimensions.flatMap((dimension, index) => [
      figure.key[index + 1] ?? 'Total',
      label(dimension, figure.key[index + 1] ?? null),
    ]),
    figure.display,
    ...(percentages
      ? [figure.percentage === null || figure.percentage === undefined ? '' : String(figure.percentage)]
      : []),
  ];
  return [
    [
      'period',
      ...dimensions.flatMap((dimension) => [dimension, `${dimension}Label`]),
      'count',
      ...(percentages ? ['percentage'] : []),
    ],
    ...table.cells.map(row),
    ...table.totals.map(row),
    ...table.population.map((figure) => [
      figure.key[0]!,
      ...dimensions.flatMap(() => ['All people', texts.allPeople]),
      figure.display,
      ...(percentages ? [''] : []),
    ]),
  ];
}

/** A download's figures, and the notes after the empty line that follows them. */
function splitNotes(rows: string[][]): [string[][], string[][]] {
  const blank = rows.findIndex((row) => row.length === 1 && row[0] === '');
  return blank === -1 ? [rows, []] : [rows.slice(0, blank), rows.slice(blank + 1)];
}

/** Every property name anywhere in a JSON schema. */
function propertyNames(schema: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => propertyNames(item, names));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object')
        Object.keys(value).forEach((name) => names.add(name));
      propertyNames(value, names);
    }
  }
  return names;
}

describe('anonymised statistics', () => {
  let harness: TestApp;
  let manager: HttpSession;
  let supervisor: HttpSession;
  let onlyA: string;

  beforeAll(async () => {
    harness = await startTestApp({ environment: { STATS_REFRESH_INTERVAL_SECONDS: '0' } });
    await seed(harness);
    [manager, supervisor] = await Promise.all([harness.signInAs('manager'), harness.signInAs('supervisor')]);
    onlyA = `&organisationIds=${harness.organisations.shelterA}`;
    // Nothing is published before the first release.
    expect((await manager.get(`/api/statistics/tables/cases-by-status?${A_2025()}`)).status).toBe(503);
    await harness.app.get(StatisticsReleases).publish();
  }, 300_000);
  afterAll(() => harness.close());

  const table = async (session: HttpSession, code: string, query: string) => {
    const response = await session.get(`/api/statistics/tables/${code}?${query}`);
    expect({ status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual({
      status: 200,
      body: 'ok',
    });
    return response.body as PublishedStatisticsTable;
  };

  /** The exact number of people of each seeded group, as the seed above makes them. */
  const within = (figure: PublishedFigure | undefined, exact: number) => {
    expect(figure).toBeDefined();
    if (exact === 0) return expect(figure).toMatchObject({ value: 0, display: '0' });
    if (exact < 11) return expect(figure).toMatchObject({ value: null, display: SMALL, suppressed: true });
    if (figure!.value === null)
      return expect({ exact, display: figure!.display, couldBeMovedBelow: exact < 11 + MAX_PERTURBATION }).toEqual({
        exact,
        display: SMALL,
        couldBeMovedBelow: true,
      });
    expect({
      exact,
      value: figure!.value,
      close: Math.abs(figure!.value - exact) <= MAX_PERTURBATION && figure!.value >= 11,
    }).toEqual({ exact, value: figure!.value, close: true });
  };

  it('lists the fixed tables, the indicators with their definitions, the controls in force and the release served', async () => {
    const response = await manager.get('/api/statistics/tables');
    expect(response.status).toBe(200);
    expect(response.body.tables.map((entry: { table: string }) => entry.table)).toEqual([...STATISTICS_TABLES]);
    expect(response.body.indicators).toHaveLength(7);
    for (const indicator of response.body.indicators) expect(indicator.definition.length).toBeGreaterThan(20);
    expect(response.body.controls).toMatchObject({
      k: 11,
      maxPerturbation: MAX_PERTURBATION,
      maxDimensions: 3,
      withoutConsent: 'totals',
      epsilonPerRelease: null,
    });
    expect(response.body.release).toMatchObject({ kind: 'monthly', label: expect.stringContaining('Monthly release') });
    expect(response.body.organisations.map((entry: { label: string }) => entry.label)).toEqual(
      expect.arrayContaining(['Test Shelter A', 'Test Shelter B']),
    );
  });

  it('sends its words in the language asked for: descriptions, definitions, the label columns and the notes of the files', async () => {
    const arabic = await manager.get('/api/statistics/tables').set('Accept-Language', 'ar-EG, en;q=0.5');
    expect(arabic.status).toBe(200);
    const byStatus = arabic.body.tables.find((entry: { table: string }) => entry.table === 'cases-by-status');
    expect(byStatus.description).toBe(STATISTICS_TEXTS.ar.tables['cases-by-status'].description);
    expect(byStatus.description).toMatch(/^الأشخاص المسجَّلون/);
    // Arabic words, acronyms such as HTCDS aside.
    for (const indicator of arabic.body.indicators) expect(indicator.definition).not.toMatch(/[a-z]{3}/);

    const french = await manager.get(`/api/statistics/indicators?${A_2025(onlyA)}&language=fr`);
    expect(french.status).toBe(200);
    expect(french.body.indicators.at(-1)).toMatchObject({
      indicator: 'referrals-completed',
      title: 'Orientations menées à terme',
    });

    // A download names its language (a link carries the browser's Accept-Language, not the app's).
    const published = await table(manager, 'cases-by-status', A_2025(onlyA));
    const csv = await manager
      .get(`/api/statistics/tables/cases-by-status/download?${A_2025(onlyA)}&format=csv&language=fr`)
      .set('Accept-Language', 'ar');
    expect(csv.status).toBe(200);
    const [rows, notes] = splitNotes(parseCsv(csv.text));
    expect(rows).toEqual(expectedRows(published, 'fr'));
    expect(rows[0]!.slice(0, 3)).toEqual(['period', 'status', 'statusLabel']);
    const active = rows.find((row) => row[1] === 'Active');
    expect(active?.[2]).toBe('Actif');
    expect(rows.find((row) => row[1] === 'Total')?.[2]).toBe('Total');
    // The notes at the foot are French too, from the same texts: their labels, and each sentence with its values.
    const frenchNotes = STATISTICS_TEXTS.fr.notes;
    expect(notes.map((note) => note[0])).toEqual([
      frenchNotes.labels.table,
      frenchNotes.labels.description,
      frenchNotes.labels.periods,
      frenchNotes.labels.release,
      frenchNotes.labels.method,
      frenchNotes.labels.smallGroups,
      frenchNotes.labels.totals,
      frenchNotes.labels.notYetEnded,
      frenchNotes.labels.withheld,
      frenchNotes.labels.countedIn,
      frenchNotes.labels.withoutConsent,
    ]);
    const note = (label: string) => notes.find((entry) => entry[0] === label)?.[1];
    expect(note('Tableau')).toBe('Nouveaux dossiers par statut actuel');
    expect(note('Périodes')).toMatch(/^De 2025-\S+ à 2025-\S+, par (mois|trimestre|année)$/);
    expect(note('Méthode')).toMatch(/^Méthode de la clé de cellule : .*au plus \d+ /);
    expect(note('Totaux')).toBe(frenchNotes.totals);
    expect(notes.flat().join(' ')).not.toMatch(/\{\w+\}|Small groups|Each total|People \(cases\)/);

    const indicators = await manager.get(`/api/statistics/indicators/download?${A_2025(onlyA)}&format=csv&language=ar`);
    const [indicatorRows, indicatorNotes] = splitNotes(parseCsv(indicators.text));
    expect(indicatorNotes[0]).toEqual([
      STATISTICS_TEXTS.ar.notes.labels.report,
      STATISTICS_TEXTS.ar.notes.indicatorsReport,
    ]);
    expect(indicatorNotes.map((entry) => entry[0])).toContain('المجموعات الصغيرة');
    expect(indicatorRows[1]!.slice(0, 2)).toEqual([
      'migrants-protected-or-assisted',
      STATISTICS_TEXTS.ar.indicators['migrants-protected-or-assisted'].title,
    ]);

    const unknown = await manager.get(`/api/statistics/tables/cases-by-status?${A_2025(onlyA)}&language=xx`);
    expect(unknown.status).toBe(400);
  });

  it('answers every table at once, as a dashboard asks, from the stored release', async () => {
    const responses = await Promise.all(
      STATISTICS_TABLES.map((code) => manager.get(`/api/statistics/tables/${code}?from=2025-01&to=2025-12`)),
    );
    expect(responses.map((response) => response.status)).toEqual(STATISTICS_TABLES.map(() => 200));
    expect(new Set(responses.map((response) => response.body.release.cutAt)).size).toBe(1);
  });

  it('never shows 1…k−1 people as a number, keeps 0, and moves the rest by at most the stated maximum', async () => {
    const byStatus = await table(manager, 'cases-by-status', A_2025(onlyA));
    expect(byStatus.dimensions).toEqual(['period', 'status']);
    within(cell(byStatus, '2025-Q1', 'Closed'), 3);
    within(cell(byStatus, '2025-Q1', 'Active'), 25);
    within(cell(byStatus, '2025-Q1', 'FollowUp'), 12);
    within(periodTotal(byStatus, '2025-Q1'), 40);
    within(cell(byStatus, '2025-Q3', 'Active'), 1);
    within(cell(byStatus, '2025-Q4', 'Active'), 0);
    const pyramid = await table(manager, 'age-sex-pyramid', A_2025(onlyA));
    within(cell(pyramid, '2025-Q1', '30-38', 'Masculine'), 8);
    within(cell(pyramid, '2025-Q1', '48+', 'NonSpecifiedUnknown'), 2);
    within(cell(pyramid, '2025-Q1', '24-26', 'Feminine'), 30);
    for (const code of STATISTICS_TABLES) {
      const published = await table(manager, code, A_2025(onlyA));
      expect(published.dimensions[0]).toBe('period');
      expect(published.dimensions.length).toBeLessThanOrEqual(3);
      for (const figure of figures(published)) {
        expect(figure.suppressed).toBe(figure.value === null);
        if (figure.value === null) expect([SMALL, WITHHELD]).toContain(figure.display);
        else
          expect({
            code,
            display: figure.display,
            ok: figure.display === String(figure.value) && (figure.value === 0 || figure.value >= 11),
          }).toEqual({ code, display: figure.display, ok: true });
      }
    }
  });

  it('gives the same people the same figure in every table, scope and request, and no total across periods', async () => {
    // New cases with a consent of shelter A in 2025-Q1: the same 40 people are the total of five tables.
    const totals = await Promise.all(
      ['cases-by-status', 'cases-by-region', 'cases-by-nationality', 'age-sex-pyramid'].map(async (code) =>
        periodTotal(await table(manager, code, A_2025(onlyA)), '2025-Q1'),
      ),
    );
    expect(new Set(totals.map((figure) => figure!.display)).size).toBe(1);
    // The organisation alone, asked by its supervisor or by the manager, twenty times at once: one answer.
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () => table(manager, 'cases-by-status', A_2025(onlyA))),
      ...Array.from({ length: 10 }, () => table(supervisor, 'cases-by-status', A_2025())),
    ]);
    for (const answer of answers)
      expect({ cells: answer.cells, totals: answer.totals, population: answer.population }).toEqual({
        cells: answers[0]!.cells,
        totals: answers[0]!.totals,
        population: answers[0]!.population,
      });
    // A period's figures do not depend on the range it is asked in.
    const [shorter, longer] = await Promise.all([
      table(manager, 'cases-by-status', `from=2025-01&to=2025-06&granularity=quarter${onlyA}`),
      table(manager, 'cases-by-status', A_2025(onlyA)),
    ]);
    for (const period of ['2025-Q1', '2025-Q2']) expect(inPeriod(longer, period)).toEqual(inPeriod(shorter, period));
    expect(figures(longer).every((figure) => figure.key[0] !== null)).toBe(true);
    // The people of 2025-Q3 are one survivor: the quarter, the year's July and the month agree on the mark.
    const monthly = await table(manager, 'cases-by-status', `from=2025-01&to=2025-12&granularity=month${onlyA}`);
    expect(periodTotal(monthly, '2025-07')!.display).toBe(periodTotal(longer, '2025-Q3')!.display);
  });

  it('serves the stored release: a period is published once, by the first release after it ends, and afterwards only in a labelled revision', async () => {
    const releases = harness.app.get(StatisticsReleases);
    const before = await table(manager, 'cases-by-status', A_2025(onlyA));
    const served = before.release;
    await queryDatabase(
      harness.database.url,
      `UPDATE app."case" SET status = 'FollowUp' WHERE reference BETWEEN 'HV-Q2-0001' AND 'HV-Q2-0012'`,
    );
    // A case registered through the API now: in the current month, which has not ended.
    const caseworker = await harness.signInAs('caseworker');
    expect((await caseworker.post('/api/cases', registration())).status).toBe(201);
    const now = new Date();
    const thisMonth = now.toISOString().slice(0, 7);
    const currentQuery = `from=${thisMonth}&to=${thisMonth}&granularity=month${onlyA}`;
    const currentBefore = await table(manager, 'cases-by-status', currentQuery);
    expect({ open: currentBefore.openPeriods, withheld: currentBefore.withheldPeriods }).toEqual({
      open: [thisMonth],
      withheld: [],
    });
    expect(figures(currentBefore).every((figure) => figure.display === WITHHELD)).toBe(true);
    // Read again and again: nothing is counted on request.
    for (let read = 0; read < 5; read += 1) {
      const again = await table(manager, 'cases-by-status', A_2025(onlyA));
      expect(again).toEqual(before);
    }
    expect(await queryDatabase(harness.database.url, 'SELECT 1 FROM app.stats_pending')).not.toHaveLength(0);

    // Within the month nothing has ended: a release asked for now keeps the one in force.
    expect(new Date((await releases.publish()).cutAt).toISOString()).toBe(served.cutAt);
    expect(await table(manager, 'cases-by-status', currentQuery)).toEqual(currentBefore);

    // The first release after the month ends publishes it, once; 2025 is copied, not counted again.
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 3));
    const monthly = await releases.publish({ now: nextMonth });
    expect(monthly.kind).toBe('monthly');
    const afterMonthly = await table(manager, 'cases-by-status', A_2025(onlyA));
    expect(afterMonthly.release).toMatchObject({ kind: 'monthly', cutAt: nextMonth.toISOString() });
    expect(afterMonthly.cells).toEqual(before.cells);
    expect(afterMonthly.totals).toEqual(before.totals);
    // The new survivor has no statistics consent yet: in the month's people, not in a breakdown.
    const currentAfter = await table(manager, 'cases-by-status', currentQuery);
    expect({
      open: currentAfter.openPeriods,
      population: currentAfter.population.map((figure) => figure.display),
    }).toEqual({ open: [], population: [SMALL] });

    const revision = await releases.publish({ revision: true });
    expect(revision).toMatchObject({ kind: 'revision', label: expect.stringContaining('Revision') });
    const revised = await table(manager, 'cases-by-status', A_2025(onlyA));
    within(cell(revised, '2025-Q2', 'FollowUp'), 12);
    within(cell(revised, '2025-Q2', 'Active'), 18);
    expect(revised.release).toMatchObject({ kind: 'revision' });
  }, 300_000);

  it('publishes one organisation or all of them together, and offers those when asked for another grouping', async () => {
    // Comma-separated, or the key repeated as the OpenAPI document describes a list (and the web client sends it).
    for (const organisations of [
      `&organisationIds=${harness.organisations.shelterA},${harness.organisations.shelterB}`,
      `&organisationIds=${harness.organisations.shelterA}&organisationIds=${harness.organisations.shelterB}`,
    ]) {
      const both = await manager.get(`/api/statistics/tables/cases-by-status?${A_2025(organisations)}`);
      expect(both.status).toBe(400);
      expect(both.body.errors).toEqual([
        { field: 'organisationIds', message: expect.stringContaining('one organisation') },
      ]);
    }
    // Shelter B's one survivor: shown, as a small group, rather than refused.
    const onlyB = await table(manager, 'cases-by-status', A_2025(`&organisationIds=${harness.organisations.shelterB}`));
    within(periodTotal(onlyB, '2025-Q1'), 1);
    const indicators = await manager.get(
      `/api/statistics/indicators?${A_2025(`&organisationIds=${harness.organisations.shelterB}`)}`,
    );
    expect(indicators.status).toBe(200);
  });

  it('serves answers kept from the release in force only to callers allowed their scope', async () => {
    // The manager reads shelter B first, so its answers are kept; the supervisor of shelter A still cannot read them.
    const onlyB = A_2025(`&organisationIds=${harness.organisations.shelterB}`);
    const managersB = await table(manager, 'cases-by-status', onlyB);
    await manager.get(`/api/statistics/indicators?${onlyB}`);
    expect((await supervisor.get(`/api/statistics/tables/cases-by-status?${onlyB}`)).status).toBe(403);
    expect((await supervisor.get(`/api/statistics/indicators?${onlyB}`)).status).toBe(403);
    // The supervisor's own scope is shelter A's, the same answer as the manager's for A, never B's.
    const own = await supervisor.get(`/api/statistics/tables/cases-by-status?${A_2025()}`);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toMatch(/^application\/json/);
    expect(own.body).toEqual(await table(manager, 'cases-by-status', A_2025(onlyA)));
    expect(own.body.cells).not.toEqual(managersB.cells);
  });

  it('sends a kept answer gzipped to a reader who accepts it, and 304 without a body to one who already holds it', async () => {
    const path = `/api/statistics/tables/cases-by-nationality?from=2025-01&to=2025-12&granularity=month`;
    const plain = await manager.get(path).set('Accept-Encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await manager.get(path).set('Accept-Encoding', 'gzip, deflate, br');
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(zipped.body).toEqual(plain.body);
    expect(Number(zipped.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']) / 2);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    // gzip refused (q=0): the plain bytes.
    const refused = await manager.get(path).set('Accept-Encoding', 'gzip;q=0, identity');
    expect({ encoding: refused.headers['content-encoding'], etag: refused.headers.etag }).toEqual({
      encoding: undefined,
      etag: plain.headers.etag,
    });
    // A reader holding either form is told it is unchanged, with no body; another tag gets the answer.
    for (const etag of [plain.headers.etag, zipped.headers.etag, `W/${plain.headers.etag}`]) {
      const again = await manager.get(path).set('If-None-Match', etag!).set('Accept-Encoding', 'gzip');
      expect({ status: again.status, text: again.text ?? '' }).toEqual({ status: 304, text: '' });
    }
    const other = await manager.get(path).set('If-None-Match', '"something-else"');
    expect(other.status).toBe(200);
    expect(other.body).toEqual(plain.body);
    // Another scope's answer has another tag: holding one organisation's table never answers 304 for another's.
    const onlyB = await manager
      .get(`${path}&organisationIds=${harness.organisations.shelterB}`)
      .set('If-None-Match', plain.headers.etag!);
    expect(onlyB.status).toBe(200);
  });

  it('serves a release stored by another process as soon as it commits, and the one in force again when it is removed', async () => {
    // Releases are kept in memory while their changes are announced: a release stored outside this process (a
    // command, another replica) must replace the kept one, and its removal bring the previous one back.
    const inForce = harness.app.get(ReleaseInForce);
    expect(inForce.keeping).toBe(true);
    const label = async () =>
      ((await manager.get('/api/statistics/tables')).body as { release: { label: string } | null }).release?.label;
    const before = await label();
    const [{ id }] = await queryDatabase<{ id: string }>(
      harness.database.url,
      `INSERT INTO stats.release (kind, label, cut_at, epsilon, periods_counted, published_at)
       VALUES ('revision', 'Stored elsewhere', now(), NULL, 0, clock_timestamp()) RETURNING id`,
    );
    try {
      await waitFor(async () => (await label()) === 'Stored elsewhere');
    } finally {
      await queryDatabase(harness.database.url, `DELETE FROM stats.release WHERE id = $1`, [id]);
    }
    await waitFor(async () => (await label()) === before);
  });

  it('refuses free filters, periods that do not fit the granularity, finer periods and unknown tables', async () => {
    for (const query of [
      'search=Ayo',
      'caseId=1',
      'granularity=week',
      'from=2025-02&to=2025-12',
      'from=2025-01&to=2025-11',
      'from=2025-01-03',
      'organisationIds=not-an-id',
      'from=2000-01&to=2025-12&granularity=month',
    ]) {
      const response = await manager.get(`/api/statistics/tables/cases-by-status?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
    expect((await manager.get('/api/statistics/tables/everything')).status).toBe(404);
    expect((await manager.get(`/api/statistics/tables/cases-by-status/download?${A_2025(onlyA)}`)).status).toBe(400);
  });

  it('marks periods the release holds nothing for as withheld', async () => {
    const old = await table(manager, 'cases-by-status', `from=2015-01&to=2019-12&granularity=year${onlyA}`);
    expect(old.withheldPeriods).toEqual(['2015', '2016', '2017', '2018', '2019']);
    expect(figures(old).every((figure) => figure.display === WITHHELD)).toBe(true);
  });

  it('counts people without a statistics consent only in the people of each period (the default)', async () => {
    const byStatus = await table(manager, 'cases-by-status', A_2025(onlyA));
    expect(byStatus.withoutConsent).toBe('totals');
    within(
      byStatus.population.find((figure) => figure.key[0] === '2025-Q2'),
      35,
    );
  });

  it('publishes every fixed table from the same release', async () => {
    const assistance = await table(manager, 'assistance-by-type', A_2025(onlyA));
    within(cell(assistance, '2025-Q1', 'shelter'), 3);
    within(cell(assistance, '2025-Q1', 'medical'), 30);
    within(cell(assistance, '2025-Q1', 'legal'), 12);
    const occupancy = await table(manager, 'shelter-occupancy', A_2025(onlyA));
    within(cell(occupancy, '2025-Q1'), 12);
    const rate = occupancy.occupancy?.find((entry) => entry.period === '2025-Q1');
    expect(rate?.bedCapacity).toBe(40);
    const q1 = cell(occupancy, '2025-Q1')!;
    expect(rate?.occupancyRate).toBe(q1.value === null ? null : Math.round((q1.value * 1000) / 40) / 10);
    const referrals = await table(manager, 'referral-outcomes', A_2025(onlyA));
    within(cell(referrals, '2025-Q1', 'completed'), 12);
    within(cell(referrals, '2025-Q1', 'declined'), 12);
    within(cell(referrals, '2025-Q1', 'withdrawn'), 0);
    within(cell(await table(manager, 'referral-response-times', A_2025(onlyA)), '2025-Q1', 'within2Days'), 12);
    within(cell(await table(manager, 'placement-lengths', A_2025(onlyA)), '2025-Q1', '1to3Months'), 12);
    const completion = await table(manager, 'training-completion', A_2025(onlyA));
    const completed = cell(completion, '2025-Q1', 'completedWithCertificate')!;
    within(completed, 12);
    // Percentages come from the published figures (the line's total is protected on its own).
    const completionTotal = periodTotal(completion, '2025-Q1')!;
    expect(completed.percentage).toBe(
      completed.value === null || !completionTotal.value
        ? null
        : Math.round((completed.value * 1000) / completionTotal.value) / 10,
    );
    within(cell(await table(manager, 'training-outcomes', A_2025(onlyA)), '2025-Q3', 'selfEmployed'), 12);
    within(cell(await table(manager, 'reintegration-score-bands', A_2025(onlyA)), '2025-Q3', '4-5'), 12);
    within(cell(await table(manager, 'cases-by-region', A_2025(onlyA)), '2025-Q2', 'Western Africa'), 30);
  });

  it('reports the donor indicators with their definitions, from the same release', async () => {
    const response = await manager.get(`/api/statistics/indicators?${A_2025(onlyA)}`);
    expect(response.status).toBe(200);
    const value = (indicator: string, period: string) =>
      response.body.indicators
        .find((entry: { indicator: string }) => entry.indicator === indicator)
        .values.find((figure: PublishedFigure) => figure.key[0] === period);
    within(value('migrants-protected-or-assisted', '2025-Q1'), 35);
    within(value('victims-of-trafficking-assisted', '2025-Q1'), 35);
    within(value('voluntary-returns-supported', '2025-Q2'), 12);
    within(value('voluntary-returns-supported', '2025-Q1'), 0);
    within(value('returning-migrants-post-arrival-assistance', '2025-Q2'), 12);
    within(value('returning-migrants-reintegration-assistance', '2025-Q3'), 12);
    within(value('vocational-training-completed', '2025-Q2'), 12);
    within(value('referrals-completed', '2025-Q2'), 12);
    within(value('referrals-completed', '2025-Q1'), 0);

    const csv = await manager.get(`/api/statistics/indicators/download?${A_2025(onlyA)}&format=csv`);
    expect(csv.status).toBe(200);
    const [rows, notes] = splitNotes(parseCsv(csv.text));
    expect(rows[0]).toEqual(['indicator', 'indicatorLabel', 'definition', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(rows).toHaveLength(8);
    for (const [index, entry] of (
      response.body.indicators as { indicator: string; title: string; definition: string; values: PublishedFigure[] }[]
    ).entries()) {
      expect(rows[index + 1]).toEqual([
        entry.indicator,
        entry.title,
        entry.definition,
        ...entry.values.map((figure) => figure.display),
      ]);
    }
    expect(notes.map((note) => note[0])).toEqual(
      expect.arrayContaining(['Release', 'Method', 'Totals', 'Small groups']),
    );

    const xlsx = await manager
      .get(`/api/statistics/indicators/download?${A_2025(onlyA)}&format=xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheetRows: string[][] = [];
    workbook
      .getWorksheet('Statistics')!
      .eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1).map(String)));
    expect(sheetRows).toEqual(rows);
  });

  it('downloads a table as CSV and XLSX exactly as published, with what its totals mean, neutralised against formulas, and audits it', async () => {
    const rowsOfAll: string[][] = [];
    for (const code of ['cases-by-status', 'age-sex-pyramid', 'shelter-occupancy']) {
      const published = await table(manager, code, A_2025(onlyA));
      const csv = await manager.get(`/api/statistics/tables/${code}/download?${A_2025(onlyA)}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain(`statistics-${code}_2025-01_2025-12.csv`);
      const [rows, notes] = splitNotes(parseCsv(csv.text));
      rowsOfAll.push(...rows);
      const expected = expectedRows(published);
      if (published.occupancy) {
        expect(rows.map((row) => row.slice(0, -2))).toEqual(expected);
        expect(rows[0]!.slice(-2)).toEqual(['bedCapacity', 'occupancyRate']);
      } else {
        expect(rows).toEqual(expected);
      }
      expect(notes.find((note) => note[0] === 'Totals')?.[1]).toMatch(/need not match the sum/);
      for (const value of [...rows, ...notes].flat())
        expect(/^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(value)).toBe(false);

      const xlsx = await manager
        .get(`/api/statistics/tables/${code}/download?${A_2025(onlyA)}&format=xlsx`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.getWorksheet('Statistics')!;
      const sheetRows: string[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) =>
        sheetRows.push(
          (row.values as unknown[])
            .slice(1)
            .map((value) => (value === undefined || value === null ? '' : String(value))),
        ),
      );
      expect(sheetRows.map((row) => [...row, ...new Array(rows[0]!.length - row.length).fill('')])).toEqual(rows);
      // The workbook says what each mark means and what totals are.
      const about: string[][] = [];
      workbook
        .getWorksheet('About')!
        .eachRow((row) => about.push([String(row.getCell(1).value), String(row.getCell(2).value)]));
      expect(about).toEqual(notes);
      for (const mark of [SMALL, WITHHELD]) expect(about.some(([, line]) => line!.startsWith(`${mark}:`))).toBe(true);
    }
    expect(rowsOfAll.some((row) => row.includes(SMALL))).toBe(true);
    const audit = await queryDatabase<{ action: string; category: string; actor_user_id: string }>(
      harness.database.url,
      `SELECT action, category, actor_user_id FROM audit.event WHERE action = 'statistics.exported'`,
    );
    expect(audit.length).toBeGreaterThanOrEqual(7);
    expect(
      audit.every((event) => event.category === 'system' && event.actor_user_id === harness.people.manager.id),
    ).toBe(true);
  });

  it('queues a change for the projection in its own transaction', async () => {
    await queryDatabase(harness.database.url, `UPDATE app."case" SET status = 'Closed' WHERE reference = 'HV-Q2-0020'`);
    expect(await queryDatabase(harness.database.url, `SELECT 1 FROM app.stats_pending`)).toHaveLength(1);
    const caseworker = await harness.signInAs('caseworker');
    const created = await caseworker.post('/api/cases', registration());
    expect(created.status).toBe(201);
    expect(
      await queryDatabase(harness.database.url, 'SELECT 1 FROM app.stats_pending WHERE case_id = $1', [
        created.body.id,
      ]),
    ).toHaveLength(1);
  });

  it('stores nothing in a release but published figures', async () => {
    const raw = JSON.stringify(await queryDatabase(harness.database.url, 'SELECT * FROM stats.release_figure'));
    const cases = await queryDatabase<{ id: string; reference: string }>(
      harness.database.url,
      'SELECT id, reference FROM app."case"',
    );
    for (const { id, reference } of cases) {
      expect(raw).not.toContain(id);
      expect(raw).not.toContain(reference);
    }
    const keys = await queryDatabase<{ key: string }>(
      harness.database.url,
      `SELECT encode(person_key, 'hex') AS key FROM stats.case_row`,
    );
    for (const { key } of keys) expect(raw).not.toContain(key);
  });

  it('rebuilds from scratch to exactly what the incremental refresh built', async () => {
    const projector = harness.app.get(StatisticsProjector);
    await projector.refresh(Number.MAX_SAFE_INTEGER);
    const snapshot = async () => {
      const tables: Record<string, unknown[]> = {};
      for (const name of [
        'case_row',
        'service_row',
        'referral_row',
        'placement_row',
        'enrolment_row',
        'follow_up_row',
      ]) {
        tables[name] = await queryDatabase(harness.database.url, `SELECT * FROM stats.${name} ORDER BY 1, 2`);
      }
      return tables;
    };
    const incremental = await snapshot();
    expect(incremental.case_row!.length).toBe(79);
    await queryDatabase(harness.database.url, `UPDATE stats.case_row SET status = 'Closed'`);
    expect(await projector.rebuild()).toBe(79);
    expect(await snapshot()).toEqual(incremental);
    expect(await queryDatabase(harness.database.url, 'SELECT 1 FROM app.stats_pending')).toHaveLength(0);
  });

  it('keeps the new-case summary equal to a count over every case row, through changes, deletions and the rebuild', async () => {
    const repository = harness.app.get(StatisticsRepository);
    const projector = harness.app.get(StatisticsProjector);
    const newCaseTables = TABLES.filter(
      (definition) => definition.source === 'cases' || definition.source === 'caseExploitation',
    );
    expect(newCaseTables).toHaveLength(5);
    const requests: CountRequest[] = [];
    for (const granularity of ['month', 'quarter', 'year'] as const) {
      for (const organisationIds of [null, [harness.organisations.shelterA], [harness.organisations.shelterB]]) {
        for (const consent of [
          { inBreakdowns: false, inTotals: true },
          { inBreakdowns: true, inTotals: true },
          { inBreakdowns: false, inTotals: false },
        ]) {
          requests.push({ fromMonth: '2025-01', toMonth: '2025-12', granularity, organisationIds, consent });
        }
      }
    }
    const sorted = (counts: TableCounts) =>
      [...counts.periods.entries()]
        .map(([period, { cells, population, organisations }]) => ({
          period,
          population,
          organisations: [...organisations].sort(),
          // A group with nobody in it is no figure either way.
          cells: cells
            .filter((cell) => cell.count > 0)
            .map((cell) => `${cell.key.join('|')}=${cell.count}`)
            .sort(),
        }))
        .sort((a, b) => a.period.localeCompare(b.period))
        .concat([{ period: 'all', population: counts.population, organisations: [], cells: [] }]);
    const expectSummaryEqualsRows = async () => {
      for (const definition of newCaseTables) {
        for (const request of requests) {
          const summed = await repository.countTable(definition, request);
          expect(sorted(summed.value)).toEqual(sorted(await repository.countOverRows(definition, request)));
        }
      }
    };

    await projector.refresh(Number.MAX_SAFE_INTEGER);
    await expectSummaryEqualsRows();
    const before = await queryDatabase<{ version: string }>(
      harness.database.url,
      'SELECT version::text AS version FROM stats.projection_state',
    );
    // A status, a sex and an exploitation type changed, a consent withdrawn, a case moved to another organisation, one deleted.
    await queryDatabase(
      harness.database.url,
      `UPDATE app."case" SET status = 'Closed', sex = 'Masculine', exploitation_types = ARRAY['ForcedLabour', 'ForcedMarriage'] WHERE reference BETWEEN 'HV-Q1-0001' AND 'HV-Q1-0005'`,
    );
    await queryDatabase(
      harness.database.url,
      `UPDATE app.consent SET withdrawn_on = '2025-06-01' WHERE case_id IN (SELECT id FROM app."case" WHERE reference BETWEEN 'HV-Q1-0006' AND 'HV-Q1-0008')`,
    );
    await queryDatabase(
      harness.database.url,
      `UPDATE app."case" SET organisation_id = $1 WHERE reference = 'HV-Q1-0009'`,
      [harness.organisations.shelterB],
    );
    await queryDatabase(harness.database.url, `DELETE FROM app."case" WHERE reference = 'HV-Q1-0040'`);
    await projector.refresh(Number.MAX_SAFE_INTEGER);
    const after = await queryDatabase<{ version: string }>(
      harness.database.url,
      'SELECT version::text AS version FROM stats.projection_state',
    );
    expect(BigInt(after[0]!.version)).toBeGreaterThan(BigInt(before[0]!.version));
    await expectSummaryEqualsRows();
    // No group of the summary has fewer than nobody, or is left empty, and nothing is counted twice.
    expect(
      await queryDatabase(harness.database.url, 'SELECT 1 FROM stats.new_case_count WHERE people <= 0'),
    ).toHaveLength(0);
    expect(
      await queryDatabase(
        harness.database.url,
        `SELECT SUM(people)::int AS people FROM stats.new_case_count WHERE breakdown = 'people'`,
      ),
    ).toEqual(
      await queryDatabase(harness.database.url, 'SELECT count(*)::int AS people FROM stats.case_row WHERE new_case'),
    );

    await projector.rebuild();
    await expectSummaryEqualsRows();
    // The rebuild filled the summary once at the end, and left it kept statement by statement again.
    await queryDatabase(
      harness.database.url,
      `UPDATE app."case" SET status = 'Active' WHERE reference BETWEEN 'HV-Q1-0001' AND 'HV-Q1-0003'`,
    );
    await projector.refresh(Number.MAX_SAFE_INTEGER);
    await expectSummaryEqualsRows();
  });

  it('keeps no case id, reference or date finer than a month in the stats schema', async () => {
    const raw = JSON.stringify(await queryDatabase(harness.database.url, 'SELECT * FROM stats.case_row'));
    const cases = await queryDatabase<{ id: string; reference: string }>(
      harness.database.url,
      'SELECT id, reference FROM app."case"',
    );
    for (const { id, reference } of cases) {
      expect(raw).not.toContain(id);
      expect(raw).not.toContain(reference);
    }
    expect(raw).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('shows a supervisor the same dashboard for their own organisation only', async () => {
    const own = await table(supervisor, 'cases-by-status', A_2025());
    const managerView = await table(manager, 'cases-by-status', A_2025(onlyA));
    expect(own.cells).toEqual(managerView.cells);
    expect(own.totals).toEqual(managerView.totals);
    const other = await supervisor.get(
      `/api/statistics/tables/cases-by-status?${A_2025(`&organisationIds=${harness.organisations.shelterB}`)}`,
    );
    expect(other.status).toBe(403);
    const catalogue = await supervisor.get('/api/statistics/tables');
    expect(catalogue.body.organisations).toEqual([
      { organisation: harness.organisations.shelterA, label: 'Test Shelter A' },
    ]);
  });

  it('refuses statistics to caseworkers, partners and administrators', async () => {
    for (const person of ['caseworker', 'partner', 'admin'] as const) {
      const session = await harness.signInAs(person);
      for (const path of [
        '/api/statistics/tables',
        `/api/statistics/indicators?${A_2025()}`,
        `/api/statistics/indicators/download?${A_2025()}&format=csv`,
      ]) {
        expect({ person, path, status: (await session.get(path)).status }).toEqual({ person, path, status: 403 });
      }
      // Routes that name a table answer like any route addressing a resource (docs/architecture.md, rule 1).
      for (const path of [
        `/api/statistics/tables/cases-by-status?${A_2025()}`,
        `/api/statistics/tables/cases-by-status/download?${A_2025()}&format=csv`,
      ]) {
        expect({ person, path, status: (await session.get(path)).status }).toEqual({ person, path, status: 404 });
      }
    }
  });

  it('gives the manager no route that returns a row about a case (route table)', async () => {
    const caseworker = await harness.signInAs('caseworker');
    const identified = await caseworker.post(
      '/api/cases',
      registration({ givenName: 'Zarifa', familyName: 'Routetable' }),
    );
    await caseworker.post(`/api/cases/${identified.body.id}/notes`, { body: 'Private note text for the route check' });
    const cases = await queryDatabase<{ id: string; reference: string }>(
      harness.database.url,
      'SELECT id, reference FROM app."case"',
    );

    const ability = defineAbilityFor({
      id: harness.people.manager.id,
      role: 'manager',
      organisationId: harness.people.manager.organisationId,
    });
    const allowed = routeTable(harness.app).filter(
      (route) => route.isPublic || (route.access && ability.can(route.access.action, route.access.subject)),
    );
    const subjects = new Set(allowed.filter((route) => route.access).map((route) => route.access!.subject));
    // The manager's own account, statistics and the programme's targets: nothing about a case, a referral, a person.
    expect(
      [...subjects].every((subject) => ['Session', 'Notification', 'Statistics', 'ProgrammeTarget'].includes(subject)),
    ).toBe(true);
    const statistics = allowed.filter((route) => route.access?.subject === 'Statistics');
    // Seven statistics routes and three of the programme's results (the report, its file, the targets).
    expect(statistics.length).toBe(10);

    for (const route of statistics) {
      expect(route.method).toBe('GET');
      if (route.contract?.response) {
        const names = [...propertyNames(z.toJSONSchema(route.contract.response, { unrepresentable: 'any' }))];
        expect({ route: route.path, forbidden: names.filter((name) => FORBIDDEN_FIELD.test(name)) }).toEqual({
          route: route.path,
          forbidden: [],
        });
      }
    }
    for (const route of allowed.filter(
      (candidate) => candidate.method === 'GET' && !candidate.path.startsWith('/api/docs'),
    )) {
      const path = route.path.replace(':table', 'cases-by-status');
      const query =
        route.access?.subject === 'Statistics'
          ? `?${A_2025(onlyA)}${path.endsWith('download') ? '&format=csv' : ''}`
          : '';
      const response = await manager.get(`${path}${query}`);
      const text = response.text;
      for (const { id, reference } of cases) {
        expect(text).not.toContain(id);
        expect(text).not.toContain(reference);
      }
      expect(text).not.toMatch(/Zarifa|Routetable|Private note text/);
    }
  });
});

describe('statistics settings', () => {
  const byStatus = async (harness: TestApp) => {
    const manager = await harness.signInAs('manager');
    const response = await manager.get(
      `/api/statistics/tables/cases-by-status?${A_2025(`&organisationIds=${harness.organisations.shelterA}`)}`,
    );
    return { manager, response };
  };

  it.each([
    ['exclude', { active: 30, population: 35 - 5 }],
    ['include', { active: 35, population: 35 }],
  ] as const)(
    'counts people without a statistics consent as configured: %s',
    async (mode, expected) => {
      const harness = await startTestApp({
        environment: { STATS_REFRESH_INTERVAL_SECONDS: '0', STATS_WITHOUT_CONSENT: mode },
      });
      try {
        await seed(harness);
        await harness.app.get(StatisticsReleases).publish();
        const { response } = await byStatus(harness);
        expect(response.status).toBe(200);
        expect(response.body.withoutConsent).toBe(mode);
        const active = cell(response.body, '2025-Q2', 'Active')!;
        const population = response.body.population.find((figure: PublishedFigure) => figure.key[0] === '2025-Q2')!;
        expect(Math.abs(active.value! - expected.active)).toBeLessThanOrEqual(MAX_PERTURBATION);
        expect(Math.abs(population.value - expected.population)).toBeLessThanOrEqual(MAX_PERTURBATION);
        // The same people, the same figure: with everyone counted everywhere, the table's total is the period's people.
        if (mode === 'include') expect(periodTotal(response.body, '2025-Q2')!.display).toBe(population.display);
      } finally {
        await harness.close();
      }
    },
    240_000,
  );

  it('with differential privacy, spends the budget once per release of the schedule, however often it is read, and never beyond it', async () => {
    const harness = await startTestApp({
      environment: { STATS_REFRESH_INTERVAL_SECONDS: '0', STATS_EPSILON_PER_RELEASE: '1', STATS_EPSILON_BUDGET: '2' },
    });
    try {
      await seed(harness);
      const releases = harness.app.get(StatisticsReleases);
      const first = await releases.publish();
      expect(first).toMatchObject({ kind: 'monthly', epsilon: 1 });
      const ledger = () =>
        queryDatabase(harness.database.url, 'SELECT period, spent, releases FROM stats.epsilon_ledger');
      expect(await ledger()).toEqual([{ period: 'lifetime', spent: 1, releases: 1 }]);
      // Twenty readers at once, two organisations: nothing more is spent, and everyone reads the same figures.
      const manager = await harness.signInAs('manager');
      const reads = await Promise.all(
        Array.from({ length: 20 }, () => manager.get(`/api/statistics/tables/cases-by-status?${A_2025()}`)),
      );
      expect(reads.map((read) => read.status)).toEqual(reads.map(() => 200));
      for (const read of reads) expect(read.body.cells).toEqual(reads[0]!.body.cells);
      expect(reads[0]!.body.epsilon).toBe(1);
      expect(await ledger()).toEqual([{ period: 'lifetime', spent: 1, releases: 1 }]);
      // Small figures are decided on the noisy counts: no figure of 1…k−1 is shown.
      for (const figure of figures(reads[0]!.body))
        if (figure.value !== null) expect(figure.value === 0 || figure.value >= 11).toBe(true);
      // Within the month nothing has ended, so nothing is published (nor spent): the monthly release stays.
      expect((await releases.publish()).id).toBe(first.id);
      expect(await ledger()).toEqual([{ period: 'lifetime', spent: 1, releases: 1 }]);
      // A revision is a release: it spends. A second one has no period left to revise (each is revised once): the
      // revision stays in force and nothing is spent.
      const revision = await releases.publish({ revision: true });
      expect(await ledger()).toEqual([{ period: 'lifetime', spent: 2, releases: 2 }]);
      expect((await releases.publish({ revision: true })).id).toBe(revision.id);
      expect(await ledger()).toEqual([{ period: 'lifetime', spent: 2, releases: 2 }]);
      // Beyond the budget, no release is made and the last one stays served.
      const now = new Date();
      const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 3));
      await expect(releases.publish({ now: nextMonth })).rejects.toThrow(/budget/i);
      expect(await ledger()).toEqual([{ period: 'lifetime', spent: 2, releases: 2 }]);
      expect((await byStatus(harness)).response.body.release.kind).toBe('revision');
    } finally {
      await harness.close();
    }
  }, 240_000);
});

describe('statistics rebuild', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await startTestApp({ environment: { STATS_REFRESH_INTERVAL_SECONDS: '0' } });
    await seed(harness);
    // A survivor transferred twice (A → B → A), returned by the second transfer: one person across three cases.
    const { shelterA, shelterB } = harness.organisations;
    const caseworker = harness.people.caseworker.id;
    const chain: string[] = [];
    for (const [index, organisation] of [shelterA, shelterB, shelterA].entries()) {
      const [row] = await queryDatabase<{ id: string }>(
        harness.database.url,
        `INSERT INTO app."case" (reference, organisation_id, status, risk_level, sex, nationality, age_at_registration, exploitation_types, profile, registered_by, registered_at, transferred_from_case_id)
         VALUES ($1, $2, 'Active', 'medium', 'Feminine', 'NG', 30, ARRAY['ForcedLabour'], '{}'::jsonb, $3, '2025-03-0${index + 1}T12:00:00Z', $4) RETURNING id`,
        [`HV-TR-000${index + 1}`, organisation, caseworker, chain[index - 1] ?? null],
      );
      chain.push(row!.id);
    }
    await queryDatabase(
      harness.database.url,
      `INSERT INTO app.transfer (case_id, from_organisation_id, to_organisation_id, for_return, status, proposed_by, received_case_id)
       VALUES ($1, $2, $3, false, 'accepted', $5, $6), ($6, $3, $2, true, 'accepted', $5, $4)`,
      [chain[0], shelterA, shelterB, chain[2], caseworker, chain[1]],
    );
  });
  afterAll(() => harness.close());

  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const name of ['case_row', 'service_row', 'referral_row', 'placement_row', 'enrolment_row', 'follow_up_row']) {
      tables[name] = await queryDatabase(harness.database.url, `SELECT * FROM stats.${name} ORDER BY 1, 2`);
    }
    return tables;
  };

  it('reads the sources in chunks of any size to exactly what the incremental refresh built', async () => {
    const projector = harness.app.get(StatisticsProjector);
    await projector.refresh(Number.MAX_SAFE_INTEGER);
    const incremental = await snapshot();
    expect(incremental.case_row).toHaveLength(80);
    // Cases whose services, referrals, stays, enrolments and visits fall on either side of chunk boundaries.
    for (const casesPerChunk of [1, 2, 7, 79, 80, 81]) {
      await queryDatabase(harness.database.url, `DELETE FROM stats.case_row`);
      const progress: [number, number][] = [];
      expect(
        await projector.rebuild({ casesPerChunk, onProgress: (projected, total) => progress.push([projected, total]) }),
      ).toBe(80);
      expect({ casesPerChunk, rows: await snapshot() }).toEqual({ casesPerChunk, rows: incremental });
      expect(progress).toHaveLength(Math.ceil(80 / casesPerChunk));
      expect(progress.at(-1)).toEqual([80, 80]);
    }
  });

  it('counts a transferred survivor as one person, returned in each of their cases', async () => {
    const crypto = harness.app.get(EnvelopeEncryption);
    const chain = await queryDatabase<{ id: string }>(
      harness.database.url,
      `SELECT id FROM app."case" WHERE reference LIKE 'HV-TR-%' ORDER BY reference`,
    );
    const rows = await queryDatabase<{ person_key: Buffer; new_case: boolean; returned: boolean }>(
      harness.database.url,
      `SELECT person_key, new_case, returned FROM stats.case_row WHERE row_key = ANY($1::bytea[])`,
      [chain.map(({ id }) => crypto.keyedHash('stats-row', id))],
    );
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row.person_key.toString('hex')))).toEqual(
      new Set([crypto.keyedHash('stats-person', chain[0]!.id).toString('hex')]),
    );
    expect(rows.filter((row) => row.new_case)).toHaveLength(1);
    expect(rows.filter((row) => row.returned)).toHaveLength(2);
  });
});
