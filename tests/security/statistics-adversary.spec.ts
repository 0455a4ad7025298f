import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ageBandOf } from '@haven/disclosure';
import {
  STATISTICS_TABLES,
  type IndicatorReport,
  type PublishedFigure,
  type PublishedStatisticsTable,
} from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { regionOf } from '../../apps/api/src/modules/statistics/regions.js';
import { INDICATORS, TABLES as DEFINITIONS } from '../../apps/api/src/modules/statistics/statistics-catalogue.js';
import {
  ALL_SCOPE,
  indicatorSlice,
  tableSlice,
  type Protect,
} from '../../apps/api/src/modules/statistics/statistics-release.js';
import { StatisticsReleaseRepository } from '../../apps/api/src/modules/statistics/statistics-release.repository.js';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { censusMonths, consentFilter } from '../../apps/api/src/modules/statistics/statistics.service.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import { attack, figuresOf, type Linkage, type Observation } from './statistics-adversary.js';
import { publishedModel } from './statistics-adversary-model.js';

/**
 * The published statistics against an attacker who collects everything a manager and a
 * supervisor can ask for (statistics-adversary.ts says what the attacker knows and
 * does), over a generated year of cases in four organisations of very different sizes,
 * one of them tiny. It must pin no hidden or small figure to one value. Then a probing
 * attacker registers and edits cases one at a time, with a release every night, and
 * re-reads after each: nothing they read changes until the month has ended, and then
 * the month is published once.
 */

const K = 11;
/** The tables over the same people (new cases with a statistics consent), with the field of each dimension. */
const TABLES = {
  'cases-by-status': ['status'],
  'cases-by-region': ['region'],
  'cases-by-nationality': ['nationality'],
  'age-sex-pyramid': ['ageBand', 'sex'],
} as const;
type TableCode = keyof typeof TABLES;
const MONTHS = [
  '2025-01',
  '2025-02',
  '2025-03',
  '2025-04',
  '2025-05',
  '2025-06',
  '2025-07',
  '2025-08',
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
];
const ORGANISATIONS = [
  { name: 'Large Shelter', cases: 700 },
  { name: 'Middle Shelter', cases: 180 },
  { name: 'Small Shelter', cases: 45 },
  { name: 'Tiny Shelter', cases: 9 },
];
const NATIONALITIES = ['NG', 'NG', 'NG', 'ER', 'ER', 'UA', 'AF', 'VN', 'SY', 'RO'];
const STATUSES = ['Active', 'Active', 'Active', 'FollowUp', 'FollowUp', 'Closed', 'ClosedReferred'];
const SEXES = ['Feminine', 'Feminine', 'Feminine', 'Masculine', 'NonSpecifiedUnknown'];
const AGES = [15, 19, 22, 25, 25, 28, 33, 33, 41, 52];

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GeneratedCase {
  organisation: string;
  month: string;
  consented: boolean;
  values: Record<string, string>;
  age: number;
  sex: string;
  nationality: string;
  status: string;
  day: number;
}

async function generate(harness: TestApp): Promise<{ organisations: string[]; cases: GeneratedCase[] }> {
  const random = generator(20_251_207);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const client = new pg.Client({ connectionString: harness.database.url });
  await client.connect();
  try {
    const organisations: string[] = [];
    for (const organisation of ORGANISATIONS) {
      const { rows } = await client.query(
        `INSERT INTO app.organisation (name, kind) VALUES ($1, 'shelter') RETURNING id`,
        [organisation.name],
      );
      organisations.push(rows[0].id);
    }
    const cases: GeneratedCase[] = [];
    ORGANISATIONS.forEach((organisation, index) => {
      for (let count = 0; count < organisation.cases; count += 1) {
        const age = pick(AGES);
        const sex = pick(SEXES);
        const nationality = pick(NATIONALITIES);
        const status = pick(STATUSES);
        cases.push({
          organisation: organisations[index]!,
          month: pick(MONTHS),
          consented: random() < 0.93,
          age,
          sex,
          nationality,
          status,
          day: 1 + Math.floor(random() * 28),
          values: { status, region: regionOf(nationality), nationality, ageBand: ageBandOf(age), sex },
        });
      }
    });
    await client.query(
      `INSERT INTO app."case" (reference, organisation_id, status, risk_level, sex, nationality, age_at_registration, exploitation_types, profile, registered_by, registered_at)
       SELECT 'HV-GEN-' || lpad(u.n::text, 5, '0'), u.organisation, u.status, 'medium', u.sex, u.nationality, u.age, ARRAY['ForcedLabour'], '{}'::jsonb, $1,
              (u.month || '-' || lpad(u.day::text, 2, '0') || 'T12:00:00Z')::timestamptz
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[], $9::int[]) AS u(organisation, status, sex, nationality, age, month, day, n)`,
      [
        harness.people.caseworker.id,
        cases.map((entry) => entry.organisation),
        cases.map((entry) => entry.status),
        cases.map((entry) => entry.sex),
        cases.map((entry) => entry.nationality),
        cases.map((entry) => entry.age),
        cases.map((entry) => entry.month),
        cases.map((entry) => entry.day),
        cases.map((_, index) => index),
      ],
    );
    await client.query(
      // A child's consent counts only with her assent beside it (the 15-year-olds).
      `INSERT INTO app.consent (case_id, purpose, given_on, method, interpreter_used, recorded_by, child_assent, assent_explained_for_age)
       SELECT c.id, 'statistics', '2025-01-01', 'written', false, $1,
              CASE WHEN c.age_at_registration < 18 THEN 'given' END, CASE WHEN c.age_at_registration < 18 THEN true END
         FROM app."case" c
        WHERE c.reference = ANY($2::text[])`,
      [
        harness.people.caseworker.id,
        cases.flatMap((entry, index) => (entry.consented ? [`HV-GEN-${String(index).padStart(5, '0')}`] : [])),
      ],
    );
    // Activity for the other tables: services, referrals and follow-up visits of some of the cases, in their month or later.
    const caseIds: { id: string; reference: string }[] = (
      await client.query(`SELECT id, reference FROM app."case" WHERE reference LIKE 'HV-GEN-%' ORDER BY reference`)
    ).rows;
    const later = (month: string) =>
      MONTHS[MONTHS.indexOf(month) + Math.floor(random() * (MONTHS.length - MONTHS.indexOf(month)))]!;
    const services: [string, string, string][] = [];
    const referrals: [string, string, string, number][] = [];
    const visits: [string, string, number][] = [];
    caseIds.forEach(({ id }, index) => {
      const entry = cases[index]!;
      for (let count = Math.floor(random() * 3); count > 0; count -= 1)
        services.push([
          id,
          pick(['medical', 'legal', 'shelter', 'psychosocial', 'return', 'reintegration']),
          `${later(entry.month)}-${String(entry.day).padStart(2, '0')}`,
        ]);
      if (random() < 0.3)
        referrals.push([
          id,
          pick(['sent', 'accepted', 'declined', 'completed']),
          `${later(entry.month)}-${String(entry.day).padStart(2, '0')}`,
          Math.floor(random() * 40),
        ]);
      if (random() < 0.2)
        visits.push([id, `${later(entry.month)}-${String(entry.day).padStart(2, '0')}`, 1 + Math.floor(random() * 5)]);
    });
    await client.query(
      `INSERT INTO app.service_record (case_id, type, delivered_on, outcome, recorded_by) SELECT u.id, u.type, u.day::date, 'completed', $1 FROM unnest($2::uuid[], $3::text[], $4::text[]) AS u(id, type, day)`,
      [
        harness.people.caseworker.id,
        services.map((entry) => entry[0]),
        services.map((entry) => entry[1]),
        services.map((entry) => entry[2]),
      ],
    );
    await client.query(
      `INSERT INTO app.referral (case_id, from_organisation_id, to_organisation_id, services, urgency, lens, status, sent_by, sent_at, responded_at)
       SELECT u.id, c.organisation_id, $1, ARRAY['medical'], 'routine', ARRAY['basic'], u.status, $2, (u.day || 'T09:00:00Z')::timestamptz,
              CASE WHEN u.status = 'sent' THEN NULL ELSE (u.day || 'T09:00:00Z')::timestamptz + u.days * interval '1 day' END
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::int[]) AS u(id, status, day, days) JOIN app."case" c ON c.id = u.id`,
      [
        harness.organisations.clinic,
        harness.people.caseworker.id,
        referrals.map((entry) => entry[0]),
        referrals.map((entry) => entry[1]),
        referrals.map((entry) => entry[2]),
        referrals.map((entry) => entry[3]),
      ],
    );
    await client.query(
      `INSERT INTO app.follow_up_visit (case_id, months_after, due_on, visited_on, economic_score, social_score, psychosocial_score)
       SELECT u.id, 3, u.day::date, u.day::date, u.score, u.score, u.score FROM unnest($1::uuid[], $2::text[], $3::int[]) AS u(id, day, score)`,
      [visits.map((entry) => entry[0]), visits.map((entry) => entry[1]), visits.map((entry) => entry[2])],
    );
    return { organisations, cases };
  } finally {
    await client.end();
  }
}

const monthsOf = (period: string) =>
  /^\d{4}$/.test(period)
    ? MONTHS
    : /Q(\d)$/.test(period)
      ? MONTHS.slice((Number(period.slice(-1)) - 1) * 3, Number(period.slice(-1)) * 3)
      : [period];

describe('the statistics adversary itself', () => {
  // Atoms: a small group (1 person) and a large one (100) of one month; the total is the 101 of them.
  const truth = [1, 100];
  const figures = (shown: [string, number | null][]): Observation[] =>
    [[0], [1], [0, 1]].map((atoms, index) => ({
      label: ['small', 'large', 'total'][index]!,
      atoms,
      display: shown[index]![0],
      value: shown[index]![1],
    }));

  it('pins the small figures that exact totals, or the former ranges of its marks, give away', async () => {
    // Exact publication with suppression of the small figure only: 101 − 100 = 1.
    const exact = await attack(
      figures([
        ['<11', null],
        ['100', 100],
        ['101', 101],
      ]),
      [],
      2,
      K,
      truth,
      0,
    );
    expect(exact.pinnedByPropagation).toEqual(['small = 1']);
    // The review's example: one person in each of ten months, under a year of 10. Where `<11` meant 1…10 (no
    // perturbation), the ten months' sum forces every one of them to 1 and the year to 10.
    const months = Array.from(
      { length: 10 },
      (_, index): Observation => ({ label: `month ${index}`, atoms: [index], display: '<11', value: null }),
    );
    const year: Observation = {
      label: 'year',
      atoms: Array.from({ length: 10 }, (_, index) => index),
      display: '<11',
      value: null,
    };
    const unperturbed = await attack([...months, year], [], 10, K, Array(10).fill(1), 0);
    expect(unperturbed.pinnedByPropagation).toHaveLength(11);
  });

  it('cannot pin it when every count it could use may be moved by up to the maximum perturbation', async () => {
    const perturbed = await attack(
      figures([
        ['<11', null],
        ['102', 102],
        ['99', 99],
      ]),
      [],
      2,
      K,
      truth,
    );
    expect(perturbed).toMatchObject({ pinnedByPropagation: [], pinnedByIntegerProgramme: [] });
    // Only when both figures sit at opposite ends of their ranges at once (probability 10⁻⁶) is it pinned.
    const extreme = await attack(
      figures([
        ['<11', null],
        ['105', 105],
        ['96', 96],
      ]),
      [],
      2,
      K,
      truth,
    );
    expect(extreme.pinnedByPropagation).toEqual(['small = 1']);
    // The ten months: with the cell key method `<11` is 1…15, so the year is 10…15 and no month is pinned.
    const months = Array.from(
      { length: 10 },
      (_, index): Observation => ({ label: `month ${index}`, atoms: [index], display: '<11', value: null }),
    );
    const year: Observation = {
      label: 'year',
      atoms: Array.from({ length: 10 }, (_, index) => index),
      display: '<11',
      value: null,
    };
    expect(await attack([...months, year], [], 10, K, Array(10).fill(1))).toMatchObject({
      pinnedByPropagation: [],
      pinnedByIntegerProgramme: [],
    });
  });

  it('pins by integer programming what propagation cannot, and never counts a figure it could not decide as safe', async () => {
    // Two tables count the same five people (a = b); with their total shown exactly beside a known 100, a + b = 10, so
    // a = b = 5 — a fact only an integer programme sees (propagation stops at 1…9). The fourth atom, alone, stays open.
    const observations: Observation[] = [
      { label: 'a', atoms: [0], display: '<11', value: null },
      { label: 'b', atoms: [1], display: '<11', value: null },
      { label: 'c', atoms: [2], display: '100', value: 100 },
      { label: 'a + b + c', atoms: [0, 1, 2], display: '110', value: 110 },
      { label: 'd', atoms: [3], display: '<11', value: null },
    ];
    const linkages: Linkage[] = [{ label: 'same people', plus: [0], minus: [1] }];
    const truth = [5, 5, 100, 3];
    const solved = await attack(observations, linkages, 4, K, truth, 0);
    expect(solved).toMatchObject({
      pinnedByPropagation: [],
      pinnedByIntegerProgramme: ['a = 5', 'b = 5'],
      undecided: [],
      components: 2,
      timeLimitsHit: 0,
    });
    // Out of time (a deadline already passed): nothing is pinned and nothing cleared — every open figure is undecided.
    const late = await attack(observations, linkages, 4, K, truth, 0, { deadline: Date.now() - 1 });
    expect(late).toMatchObject({
      pinnedByIntegerProgramme: [],
      undecided: ['a (true value 5)', 'b (true value 5)', 'd (true value 3)'],
      solves: 0,
    });
  });
});

describe('statistics adversary', () => {
  let harness: TestApp;
  let manager: HttpSession;
  let supervisor: HttpSession;
  let generated: { organisations: string[]; cases: GeneratedCase[] };
  /** Every request the attacker makes, and its answer. */
  const collected = new Map<string, PublishedStatisticsTable>();

  /** Every table, for every organisation alone and all together, by month, quarter and year: what a manager can read. */
  const requests = () =>
    Object.keys(TABLES).flatMap((code) =>
      [undefined, ...generated.organisations, harness.organisations.shelterA].flatMap((organisation) =>
        (['month', 'quarter', 'year'] as const).map(
          (granularity) =>
            `/api/statistics/tables/${code}?from=2025-01&to=2025-12&granularity=${granularity}${organisation ? `&organisationIds=${organisation}` : ''}`,
        ),
      ),
    );

  const readAll = async (session: HttpSession, paths: string[]) => {
    const answers = new Map<string, PublishedStatisticsTable>();
    for (const path of paths) {
      const response = await session.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      answers.set(path, response.body as PublishedStatisticsTable);
    }
    return answers;
  };

  beforeAll(async () => {
    harness = await startTestApp({ environment: { STATS_REFRESH_INTERVAL_SECONDS: '0' } });
    generated = await generate(harness);
    await harness.app.get(StatisticsReleases).publish();
    [manager, supervisor] = await Promise.all([harness.signInAs('manager'), harness.signInAs('supervisor')]);
    for (const [path, table] of await readAll(manager, requests())) collected.set(path, table);
    // The supervisor's own organisation, as they see it (the same release: nothing new, but collected all the same).
    for (const code of Object.keys(TABLES)) {
      for (const granularity of ['month', 'quarter', 'year']) {
        const path = `/api/statistics/tables/${code}?from=2025-01&to=2025-12&granularity=${granularity}`;
        const response = await supervisor.get(path);
        expect(response.status).toBe(200);
        collected.set(`supervisor:${path}`, response.body as PublishedStatisticsTable);
      }
    }
  }, 600_000);
  afterAll(() => harness.close());

  it('pins no hidden or small figure, with interval propagation and exact integer programming over everything published', async () => {
    // Atoms: consenting new cases per table, organisation, month and combination of values; non-consenting ones per organisation and month.
    const atomIndex = new Map<string, number>();
    const truth: number[] = [];
    const atom = (key: string) => {
      let index = atomIndex.get(key);
      if (index === undefined) {
        index = truth.length;
        atomIndex.set(key, index);
        truth.push(0);
      }
      return index;
    };
    const organisations = [...generated.organisations, harness.organisations.shelterA];
    for (const entry of generated.cases) {
      if (!entry.consented) {
        truth[atom(`nc|${entry.organisation}|${entry.month}`)]! += 1;
        continue;
      }
      for (const [code, fields] of Object.entries(TABLES))
        truth[
          atom(`${code}|${entry.organisation}|${entry.month}|${fields.map((field) => entry.values[field]).join('|')}`)
        ]! += 1;
    }
    // Every organisation and month has its non-consenting atom (0 or more), so the attacker does not learn which are empty from the model.
    for (const organisation of organisations) for (const month of MONTHS) atom(`nc|${organisation}|${month}`);
    const byGroup = new Map<string, { index: number; values: string[] }[]>();
    for (const [key, index] of atomIndex) {
      const [table, organisation, month, ...values] = key.split('|');
      const group = `${table}|${organisation}|${month}`;
      byGroup.set(group, [...(byGroup.get(group) ?? []), { index, values }]);
    }
    const atomsOf = (code: TableCode, scope: string[], months: string[], values: (string | null)[]) =>
      scope.flatMap((organisation) =>
        months.flatMap((month) =>
          (byGroup.get(`${code}|${organisation}|${month}`) ?? [])
            .filter((entry) => values.every((value, position) => value === null || value === entry.values[position]))
            .map((entry) => entry.index),
        ),
      );

    const observations: Observation[] = [];
    for (const [path, table] of collected) {
      const code = table.table as TableCode;
      const organisationId = /organisationIds=([0-9a-f-]+)/.exec(path)?.[1];
      const scope = path.startsWith('supervisor:')
        ? [harness.organisations.shelterA]
        : organisationId
          ? [organisationId]
          : organisations;
      for (const { figure, population } of figuresOf(table)) {
        const months = monthsOf(figure.key[0]!);
        const values = figure.key.slice(1);
        let atoms = atomsOf(code, scope, months, values);
        if (population)
          atoms = [
            ...atoms,
            ...scope.flatMap((organisation) => months.map((month) => atom(`nc|${organisation}|${month}`))),
          ];
        // A combination no one has is not an atom: the figure must then show 0, which the model checks as a constraint with no terms.
        observations.push({
          label: `${code} ${organisationId ? `org ${organisations.indexOf(organisationId)}` : 'all'} ${figure.key.map((part) => part ?? '*').join(' ')}`,
          atoms,
          display: figure.display,
          value: figure.value,
        });
      }
    }
    for (const observation of observations) {
      if (observation.atoms.length === 0)
        expect({ label: observation.label, display: observation.display }).toEqual({
          label: observation.label,
          display: '0',
        });
    }
    // The same people in every table: per organisation and month, each table's cells add up to the same number.
    const linkages: Linkage[] = [];
    for (const organisation of organisations) {
      for (const month of MONTHS) {
        const [first, ...others] = Object.keys(TABLES).map((code) =>
          atomsOf(
            code as TableCode,
            [organisation],
            [month],
            TABLES[code as TableCode].map(() => null),
          ),
        );
        for (const other of others) linkages.push({ label: `${organisation} ${month}`, plus: first!, minus: other });
      }
    }

    const result = await attack(
      observations.filter((observation) => observation.atoms.length > 0),
      linkages,
      truth.length,
      K,
      truth,
    );
    expect(result.targets).toBeGreaterThan(200);
    expect(result.solves).toBeGreaterThanOrEqual(2);
    expect({
      pinnedByPropagation: result.pinnedByPropagation,
      pinnedByIntegerProgramme: result.pinnedByIntegerProgramme,
    }).toEqual({ pinnedByPropagation: [], pinnedByIntegerProgramme: [] });
  }, 900_000);

  it('pins no hidden or small figure of any table or indicator, knowing how periods, organisations, lines and tables relate', async () => {
    // Everything a manager and a supervisor can read: every table and the indicator report, every scope, by month, quarter and year.
    const organisations = [...generated.organisations, harness.organisations.shelterA, harness.organisations.shelterB];
    const scopes = [ALL_SCOPE, ...organisations];
    const granularities = ['month', 'quarter', 'year'] as const;
    const query = (granularity: string, scope: string) =>
      `from=2025-01&to=2025-12&granularity=${granularity}${scope === ALL_SCOPE ? '' : `&organisationIds=${scope}`}`;
    const published = new Map<string, PublishedFigure>();
    for (const scope of scopes) {
      for (const granularity of granularities) {
        for (const code of STATISTICS_TABLES) {
          const response = await manager.get(`/api/statistics/tables/${code}?${query(granularity, scope)}`);
          expect(response.status).toBe(200);
          const table = response.body as PublishedStatisticsTable;
          for (const [kind, figures] of [
            ['cell', table.cells],
            ['total', table.totals],
            ['people', table.population],
          ] as const) {
            for (const figure of figures)
              published.set(`${scope}|${code}|${granularity}|${kind}|${figure.key.join('|')}`, figure);
          }
        }
        const report = (await manager.get(`/api/statistics/indicators?${query(granularity, scope)}`))
          .body as IndicatorReport;
        for (const indicator of report.indicators)
          for (const figure of indicator.values)
            published.set(`${scope}|indicators|${granularity}|${indicator.indicator}|${figure.key[0]}`, figure);
      }
    }
    // The supervisor reads their organisation's scope: the same figures as the manager's (checked, so nothing new to model).
    for (const code of STATISTICS_TABLES) {
      const table = (await supervisor.get(`/api/statistics/tables/${code}?${query('quarter', ALL_SCOPE)}`))
        .body as PublishedStatisticsTable;
      for (const figure of table.cells)
        expect(figure).toEqual(
          published.get(`${harness.organisations.shelterA}|${code}|quarter|cell|${figure.key.join('|')}`),
        );
    }

    // The truth, known to the test only: the same counts recounted from the projection without protection.
    const exact: Protect = (count) => ({ value: count, display: String(count), suppressed: false });
    const repository = harness.app.get(StatisticsReleaseRepository);
    const truthOf = new Map<string, number>();
    const withoutConsent = 'totals' as const;
    await repository.inSnapshot(async ({ read: transaction }) => {
      for (const granularity of granularities) {
        const periods =
          granularity === 'year'
            ? ['2025']
            : granularity === 'quarter'
              ? ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']
              : MONTHS;
        const range = { from: '2025-01', to: '2025-12', granularity };
        for (const definition of DEFINITIONS) {
          const census =
            definition.source === 'occupancy' ? censusMonths({ ...range, periods }, new Date()) : undefined;
          const counts = await repository.countTable(
            transaction,
            definition,
            range,
            null,
            consentFilter(withoutConsent, definition.dimensions.length > 0),
            census,
          );
          for (const scope of scopes) {
            for (const period of periods) {
              const slice = tableSlice(
                definition,
                period,
                counts.filter((count) => count.scope === scope && count.period === period),
                exact,
                scope,
              );
              for (const [kind, figures] of [
                ['cell', slice.cells],
                ['total', slice.totals],
                ['people', slice.population],
              ] as const) {
                for (const figure of figures)
                  truthOf.set(
                    `${scope}|${definition.code}|${granularity}|${kind}|${figure.key.join('|')}`,
                    figure.value!,
                  );
              }
            }
          }
        }
        const counts = await repository.countIndicators(transaction, range, null, consentFilter(withoutConsent, false));
        for (const scope of scopes) {
          for (const period of periods) {
            const slice = indicatorSlice(
              INDICATORS,
              period,
              counts.filter((count) => count.scope === scope && count.period === period),
              exact,
              scope,
            );
            for (const [indicator, figure] of Object.entries(slice))
              truthOf.set(`${scope}|indicators|${granularity}|${indicator}|${period}`, figure.value!);
          }
        }
      }
    });

    // One unknown per published figure and every relation between them that holds by construction (the model's own file).
    const { observations, linkages, truth, keys, missingTruth, dropped } = publishedModel({
      published,
      truthOf,
      tables: DEFINITIONS,
      indicators: INDICATORS,
      allScope: ALL_SCOPE,
      organisations,
      months: MONTHS,
    });
    expect(missingTruth).toEqual([]);
    const result = await attack(observations, linkages, keys.length, K, truth);
    expect(dropped).toBe(0);
    expect(linkages.length).toBeGreaterThan(1000);
    expect(result.targets).toBeGreaterThan(500);
    expect({
      pinnedByPropagation: result.pinnedByPropagation,
      pinnedByIntegerProgramme: result.pinnedByIntegerProgramme,
    }).toEqual({ pinnedByPropagation: [], pinnedByIntegerProgramme: [] });
  }, 900_000);

  it('lets a prober who adds and edits cases one at a time, with a release every night of the month, learn nothing before the month ends', async () => {
    const releases = harness.app.get(StatisticsReleases);
    const caseworker = await harness.signInAs('caseworker');
    const start = new Date();
    const thisMonth = start.toISOString().slice(0, 7);
    const quarter = Math.floor(start.getUTCMonth() / 3);
    const year = start.getUTCFullYear();
    const monthEnd = Date.UTC(year, start.getUTCMonth() + 1, 1);
    // What the prober watches: every past table, and the current month, quarter and year of every table and scope.
    const current = Object.keys(TABLES).flatMap((code) =>
      [undefined, ...generated.organisations].flatMap((organisation) => {
        const scope = organisation ? `&organisationIds=${organisation}` : '';
        const quarterFrom = `${year}-${String(quarter * 3 + 1).padStart(2, '0')}`;
        const quarterTo = `${year}-${String(quarter * 3 + 3).padStart(2, '0')}`;
        return [
          `/api/statistics/tables/${code}?from=${thisMonth}&to=${thisMonth}&granularity=month${scope}`,
          `/api/statistics/tables/${code}?from=${quarterFrom}&to=${quarterTo}&granularity=quarter${scope}`,
          `/api/statistics/tables/${code}?from=${year}-01&to=${year}-12&granularity=year${scope}`,
        ];
      }),
    );
    const paths = [...requests(), ...current, '/api/statistics/indicators?granularity=month'];
    const first = await readAll(manager, paths);
    for (const path of current) expect({ path, open: first.get(path)!.openPeriods.length }).toEqual({ path, open: 1 });
    const nights = 5;
    for (let night = 1; night <= nights; night += 1) {
      // One new consenting survivor of a rare nationality, and one past case of the tiny organisation edited.
      const created = await caseworker.post(
        '/api/cases',
        registration({ nationality: 'AF', sex: 'Masculine', estimatedAge: 41 }),
      );
      expect(created.status).toBe(201);
      await queryDatabase(
        harness.database.url,
        `INSERT INTO app.consent (case_id, purpose, given_on, method, interpreter_used, recorded_by) VALUES ($1, 'statistics', now()::date, 'written', false, $2)`,
        [created.body.id, harness.people.caseworker.id],
      );
      await queryDatabase(
        harness.database.url,
        `UPDATE app."case" SET status = $2, nationality = $3 WHERE id = (SELECT id FROM app."case" WHERE organisation_id = $1 ORDER BY reference OFFSET $4 LIMIT 1)`,
        [generated.organisations[3]!, night % 2 ? 'Closed' : 'FollowUp', night % 2 ? 'SY' : 'AF', night],
      );
      // The night's release (any time before the month ends), then the morning's reading: every answer as on the first morning.
      await releases.publish({
        now: new Date(start.getTime() + ((monthEnd - start.getTime()) * night) / (nights + 1)),
      });
      const reread = await readAll(manager, paths);
      for (const path of paths) expect({ path, table: reread.get(path) }).toEqual({ path, table: first.get(path) });
    }
    // The first release after the month ends publishes the month once; 2025 was closed, so its figures stay as they were.
    await releases.publish({ now: new Date(monthEnd + 3 * 3600_000) });
    const after = await readAll(manager, paths);
    for (const path of requests()) {
      const [before, now] = [collected.get(path)!, after.get(path)!];
      expect({ path, cells: now.cells, totals: now.totals, population: now.population }).toEqual({
        path,
        cells: before.cells,
        totals: before.totals,
        population: before.population,
      });
      expect(now.release.kind).toBe('monthly');
    }
    const monthly = after.get(
      `/api/statistics/tables/cases-by-nationality?from=${thisMonth}&to=${thisMonth}&granularity=month`,
    )!;
    expect(monthly.openPeriods).toEqual([]);
    expect(figuresOf(monthly).some(({ figure }) => figure.display !== '[x]')).toBe(true);
  }, 600_000);
});
