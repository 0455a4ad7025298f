import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { classSizes } from '@haven/disclosure';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { StatisticsProjector } from '../../apps/api/src/modules/statistics/statistics-projector.service.js';
import { OPEN_DATA_FIELDS } from '../../apps/api/src/modules/statistics/open-data.js';
import { OPEN_DATA_PEOPLE, insertOpenDataPeople, insertPeople, readOpenData } from '../support/open-data-people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Every count of a report below k shown as a number: none may be. */
function smallCountsIn(report: unknown): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const entry = value as Record<string, unknown>;
      if ('display' in entry && typeof entry.value === 'number' && entry.value > 0 && entry.value < 11)
        found.push(entry);
      if (
        'display' in entry &&
        /^\d+$/.test(String(entry.display)) &&
        Number(entry.display) > 0 &&
        Number(entry.display) < 11
      )
        found.push(entry);
      Object.values(entry).forEach(walk);
    }
  };
  walk(report);
  return found;
}

/** The combinations of the exploitation flags each group sharing the other published values shows. */
function flagsByGroup(records: readonly Record<string, string>[]): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const record of records) {
    const key = ['yearOfRegistration', 'gender', 'ageBroad', 'majorityStatus', 'citizenship']
      .map((field) => record[field])
      .join('|');
    const flags = ['isForcedLabour', 'isSexualExploit', 'isOtherExploit'].map((field) => record[field]).join('');
    groups.set(key, (groups.get(key) ?? new Set()).add(flags));
  }
  return groups;
}

describe('open data', () => {
  let harness: TestApp;
  let manager: HttpSession;

  beforeAll(async () => {
    // Cases without a statistics consent count in every table in this mode: never in the export.
    harness = await startTestApp({
      environment: { STATS_REFRESH_INTERVAL_SECONDS: '0', STATS_WITHOUT_CONSENT: 'include' },
    });
    await insertOpenDataPeople(harness);
    manager = await harness.signInAs('manager');
    await harness.app.get(StatisticsReleases).publish();
  }, 300_000);
  afterAll(() => harness.close());

  const download = async () => {
    const response = await manager.get('/api/statistics/open-data?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="open-data_\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    return { text: response.text, ...readOpenData(response.text) };
  };

  it('publishes only the hub’s fields, every combination of them shared by at least 11 people', async () => {
    const { header, records } = await download();
    expect(header).toEqual([...OPEN_DATA_FIELDS]);
    expect(records.length).toBeGreaterThan(0);
    // Every published field is a quasi-identifier: each combination of them is a class.
    for (const size of classSizes(records, header).values()) expect(size).toBeGreaterThanOrEqual(11);
    // Years, never dates or months.
    expect(records.every((record) => /^\d{4}(-\d{4})?$|^$/.test(record.yearOfRegistration!))).toBe(true);
  });

  it('generalises the rare combinations, suppresses what stays rare, keeps every group diverse in its type, and says so', async () => {
    const response = await manager.get('/api/statistics/open-data/report');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      k: 11,
      l: 2,
      fields: [...OPEN_DATA_FIELDS],
      years: { from: '2025', to: '2025' },
      recordsOut: OPEN_DATA_PEOPLE.exported,
    });
    expect(response.body.byYear).toHaveLength(1);
    const [year] = response.body.byYear;
    // Four people suppressed (the GH women, the AF man): a count under 11 shows <11, as a small figure of the
    // tables does; the people who went in, which the file's rows plus those would give, only as under 87 + 11.
    expect(year).toMatchObject({
      year: '2025',
      recordsIn: { value: null, display: `<${OPEN_DATA_PEOPLE.exported + 11}` },
      recordsOut: OPEN_DATA_PEOPLE.exported,
      suppressed: { value: null, display: '<11' },
      classesSuppressed: { value: null, display: '<11' },
    });
    expect(smallCountsIn(response.body)).toEqual([]);
    const levels = Object.fromEntries(
      year.generalisation.map((applied: { quasiIdentifier: string; level: number; published: string }) => [
        applied.quasiIdentifier,
        [applied.level, applied.published],
      ]),
    );
    // The men of ER are 15 of forced labour aged 30-38 and 12 of organ removal aged 39-47: two classes of more than
    // 11, each one type. Published in the wider band 30+, they are one group of two types.
    expect(levels).toEqual({
      age: [1, expect.stringContaining('wider age band')],
      citizenship: [0, expect.stringContaining('country')],
      gender: [0, 'gender'],
      year: [0, 'year'],
      exploitation: [0, 'type of exploitation flags'],
    });

    const { records } = await download();
    expect(records.some((record) => ['GH', 'AF'].includes(record.citizenship!))).toBe(false);
    const men = records.filter((record) => record.gender === 'Male');
    expect(men).toHaveLength(27);
    expect(men.every((record) => record.ageBroad === '30+' && record.citizenship === 'ER')).toBe(true);
    expect(men.filter((record) => record.isForcedLabour === '1')).toHaveLength(15);
    expect(men.filter((record) => record.isOtherExploit === '1')).toHaveLength(12);
    // Every group of the file sharing year, gender, age and citizenship shows two types of exploitation or more.
    for (const types of flagsByGroup(records).values()) expect(types.size).toBeGreaterThanOrEqual(2);
  });

  it('holds only people with a statistics consent, whatever the tables count', async () => {
    const { records } = await download();
    // 48 + 12 NG women with consent; the GH women are suppressed; the 5 without and the 12 of this year are not there.
    expect(records).toHaveLength(OPEN_DATA_PEOPLE.exported);
    expect(records.filter((record) => record.gender === 'Female')).toHaveLength(60);
  });

  it('publishes each year once: later releases copy its records unchanged, whoever is added, withdraws or is corrected, and differ from it by whole years', async () => {
    const first = await download();
    const client = new pg.Client({ connectionString: harness.database.url });
    await client.connect();
    try {
      // Added to 2025 since: a man of ER, and two more GH women, who would make the GH women a class of 5.
      await insertPeople(client, harness, 'OD-LATE', 1, {
        sex: 'Masculine',
        age: 33,
        nationality: 'ER',
        type: 'ForcedLabour',
      });
      await insertPeople(client, harness, 'OD-GH2', 2, {
        sex: 'Feminine',
        age: 24,
        nationality: 'GH',
        type: 'SexualExploitation',
      });
      // Three women withdraw their statistics consent; one case is corrected (another type of exploitation).
      await client.query(
        `UPDATE app.consent SET withdrawn_on = '2026-01-02' WHERE case_id IN (SELECT id FROM app."case" WHERE reference IN ('OD-NG-0001', 'OD-NG-0002', 'OD-NL-0001'))`,
      );
      await client.query(
        `UPDATE app."case" SET exploitation_types = ARRAY['ForcedLabour'] WHERE reference = 'OD-NG-0003'`,
      );
    } finally {
      await client.end();
    }
    const projector = harness.app.get(StatisticsProjector);
    for (let pass = 0; pass < 100; pass += 1) if ((await projector.refresh()).upToDate) break;
    // The release in force is a lookup of its frozen file.
    expect((await download()).text).toEqual(first.text);
    const firstReport = (await manager.get('/api/statistics/open-data/report')).body;

    // A revision recounts the tables, never a published year of the file.
    await harness.app.get(StatisticsReleases).publish({ revision: true });
    const revised = await download();
    expect(revised.text).toEqual(first.text);
    // The next year ends: the release after adds it (the 12 women registered this year), and copies 2025.
    const nextYear = new Date().getUTCFullYear() + 1;
    await harness.app.get(StatisticsReleases).publish({ now: new Date(Date.UTC(nextYear, 0, 1, 3)) });
    const after = await download();
    const rowsOf = (file: { text: string }, year: string) =>
      file.text.split('\r\n').filter((line) => line.startsWith(`${year},`));
    expect(rowsOf(after, '2025')).toEqual(rowsOf(first, '2025'));
    expect(rowsOf(after, '2025')).toHaveLength(OPEN_DATA_PEOPLE.exported);
    const thisYear = String(nextYear - 1);
    expect(rowsOf(after, thisYear)).toHaveLength(OPEN_DATA_PEOPLE.thisYear);
    const report = (await manager.get('/api/statistics/open-data/report')).body;
    expect(report.years).toEqual({ from: '2025', to: thisYear });
    expect(report.byYear[0]).toEqual(firstReport.byYear[0]);
    expect(report.byYear[1]).toMatchObject({ year: thisYear, recordsOut: OPEN_DATA_PEOPLE.thisYear });
    expect(smallCountsIn(report)).toEqual([]);

    // Whoever holds the three files and subtracts them class by class finds whole classes of the year added, never
    // a group of 1…10 people.
    const files = [first, revised, after];
    for (const [index, older] of files.entries())
      for (const newer of files.slice(index + 1)) {
        const before = classSizes(older.records, [...OPEN_DATA_FIELDS]);
        const later = classSizes(newer.records, [...OPEN_DATA_FIELDS]);
        for (const key of new Set([...before.keys(), ...later.keys()])) {
          const difference = Math.abs((later.get(key) ?? 0) - (before.get(key) ?? 0));
          expect(difference === 0 || difference >= 11).toBe(true);
        }
      }
  });

  it('is for managers, as CSV only, and every download is audited', async () => {
    const supervisor = await harness.signInAs('supervisor');
    expect((await supervisor.get('/api/statistics/open-data?format=csv')).status).toBe(403);
    expect((await supervisor.get('/api/statistics/open-data/report')).status).toBe(403);
    const refused = await manager.get('/api/statistics/open-data?format=xlsx');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('format');

    const audit = await queryDatabase<{ category: string; actor_user_id: string }>(
      harness.database.url,
      `SELECT category, actor_user_id FROM audit.event WHERE action = 'statistics.exported' AND subject_id = 'open-data'`,
    );
    expect(audit.length).toBeGreaterThanOrEqual(6);
    expect(
      audit.every((event) => event.category === 'system' && event.actor_user_id === harness.people.manager.id),
    ).toBe(true);
  });
});

describe('open data with differential privacy', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({
      environment: { STATS_REFRESH_INTERVAL_SECONDS: '0', STATS_EPSILON_PER_RELEASE: '1', STATS_EPSILON_BUDGET: '2' },
    });
    await insertOpenDataPeople(harness);
    await harness.app.get(StatisticsReleases).publish();
  }, 300_000);
  afterAll(() => harness.close());

  it('builds no file, and refuses the file and the report, saying why: record-level data would bypass the privacy budget', async () => {
    expect(await queryDatabase(harness.database.url, 'SELECT release_id FROM stats.release_open_data')).toEqual([]);
    const manager = await harness.signInAs('manager');
    for (const path of ['/api/statistics/open-data?format=csv', '/api/statistics/open-data/report']) {
      const response = await manager.get(path);
      expect(response.status).toBe(409);
      expect(JSON.stringify(response.body)).toMatch(/differential privacy/);
      expect(JSON.stringify(response.body)).toMatch(/privacy budget/);
    }
    const audit = await queryDatabase(
      harness.database.url,
      `SELECT 1 FROM audit.event WHERE action = 'statistics.exported' AND subject_id = 'open-data'`,
    );
    expect(audit).toEqual([]);
  });
});
