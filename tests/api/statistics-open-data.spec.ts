import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { classSizes } from '@haven/disclosure';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { StatisticsProjector } from '../../apps/api/src/modules/statistics/statistics-projector.service.js';
import { OPEN_DATA_FIELDS } from '../../apps/api/src/modules/statistics/open-data.js';
import { OPEN_DATA_PEOPLE, insertOpenDataPeople, insertPeople, readOpenData } from '../support/open-data-people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

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
    return readOpenData(response.text);
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

  it('generalises the rare combinations, suppresses what stays rare, and says so', async () => {
    const response = await manager.get('/api/statistics/open-data/report');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      k: 11,
      fields: [...OPEN_DATA_FIELDS],
      years: { from: '2025', to: '2025' },
      recordsIn: OPEN_DATA_PEOPLE.consented,
      recordsOut: OPEN_DATA_PEOPLE.exported,
      suppressed: 1,
      classesSuppressed: 1,
    });
    const levels = Object.fromEntries(
      response.body.generalisation.map((applied: { quasiIdentifier: string; level: number; published: string }) => [
        applied.quasiIdentifier,
        [applied.level, applied.published],
      ]),
    );
    expect(levels).toEqual({
      age: [0, expect.stringContaining('age band')],
      citizenship: [1, 'UN M49 region'],
      gender: [0, 'gender'],
      year: [0, 'year'],
      exploitation: [0, 'type of exploitation flags'],
    });

    const { records } = await download();
    // The three GH women are published with the NG women, under their region; the AF man is gone.
    expect(records.filter((record) => record.citizenship === 'Western Africa')).toHaveLength(63);
    expect(records.some((record) => ['NG', 'GH', 'AF', 'ER'].includes(record.citizenship!))).toBe(false);
    expect(records.some((record) => record.ageBroad === '48+' || record.isOtherExploit === '1')).toBe(false);
    expect(records.filter((record) => record.gender === 'Male')).toEqual(
      Array(15).fill({
        yearOfRegistration: '2025',
        gender: 'Male',
        ageBroad: '30-38',
        majorityStatus: 'Adult',
        citizenship: 'Eastern Africa',
        isForcedLabour: '1',
        isSexualExploit: '0',
        isOtherExploit: '0',
      }),
    );
  });

  it('holds only people with a statistics consent, whatever the tables count', async () => {
    const { records } = await download();
    // 60 NG + 3 GH women with consent; the 5 without and the 12 of this year are not there.
    expect(records).toHaveLength(OPEN_DATA_PEOPLE.exported);
    expect(records.filter((record) => record.gender === 'Female')).toHaveLength(63);
  });

  it('is the release’s frozen file: a person registered since is in it from the next release only', async () => {
    const before = (await download()).records;
    const client = new pg.Client({ connectionString: harness.database.url });
    await client.connect();
    try {
      await insertPeople(client, harness, 'OD-LATE', 1, {
        sex: 'Masculine',
        age: 33,
        nationality: 'ER',
        type: 'ForcedLabour',
      });
    } finally {
      await client.end();
    }
    const projector = harness.app.get(StatisticsProjector);
    for (let pass = 0; pass < 100; pass += 1) if ((await projector.refresh()).upToDate) break;
    expect((await download()).records).toEqual(before);

    await harness.app.get(StatisticsReleases).publish({ revision: true });
    const after = (await download()).records;
    expect(after.filter((record) => record.gender === 'Male')).toHaveLength(16);
    // 80 people now: 4 (the GH women and the AF man) may be suppressed without generalising anyone.
    const report = await manager.get('/api/statistics/open-data/report');
    expect(report.body).toMatchObject({ recordsIn: OPEN_DATA_PEOPLE.consented + 1, suppressed: 4 });
    for (const size of classSizes(after, [...OPEN_DATA_FIELDS]).values()) expect(size).toBeGreaterThanOrEqual(11);
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
    expect(audit.length).toBeGreaterThanOrEqual(4);
    expect(
      audit.every((event) => event.category === 'system' && event.actor_user_id === harness.people.manager.id),
    ).toBe(true);
  });
});
