import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { PublishedStatisticsTable } from '@haven/contracts';
import type { HttpSession } from '@haven/testing';
import {
  OPEN_DATA_QUASI_IDENTIFIERS,
  openDataRecordOf,
  type OpenDataRecord,
} from '../../apps/api/src/modules/statistics/open-data.js';
import { StatisticsReleaseRepository } from '../../apps/api/src/modules/statistics/statistics-release.repository.js';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { insertOpenDataPeople, readOpenData } from '../support/open-data-people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What the attacker does not know and wants to learn: the type of exploitation. */
const SENSITIVE = ['isForcedLabour', 'isSexualExploit', 'isOtherExploit'] as const;

interface Learned {
  target: OpenDataRecord;
  candidates: number;
  /** The type of exploitation every candidate shares: what the attacker learns. */
  learned: string;
}

/**
 * The linkage attack. The attacker knows a survivor's gender, age, citizenship and year of
 * registration (a neighbour, an employer), and holds everything a manager can download:
 * every published table and the open-data file. The nationality table by year tells them
 * whether someone of that citizenship was registered that year (a figure other than 0);
 * then they look for the records of the file that can be the survivor — a value published
 * as it is or at any level of the published generalisation ladders. When every such record
 * shows the same type of exploitation, the attacker learns it, however many records there
 * are: 1 singles her out, 40 of one type tell the same (homogeneity). Records that publish
 * no type teach nothing.
 */
function linkageAttack(
  published: readonly Record<string, string>[],
  nationalityByYear: PublishedStatisticsTable,
  targets: readonly OpenDataRecord[],
): Learned[] {
  const known = OPEN_DATA_QUASI_IDENTIFIERS.filter(
    (quasi) => !quasi.fields.some((field) => SENSITIVE.includes(field as never)),
  );
  const learned: Learned[] = [];
  for (const target of targets) {
    const cell = nationalityByYear.cells.find(
      (figure) => figure.key[0] === target.yearOfRegistration && figure.key[1] === target.citizenship,
    );
    // The table says nobody of her citizenship was registered that year: nothing to look for.
    if (!cell || cell.display === '0') continue;
    const candidates = published.filter((record) =>
      known.every((quasi) => {
        const original = quasi.fields.map((field) => target[field as keyof OpenDataRecord]);
        const levels = [original, ...quasi.steps.map((step) => step.apply(original))];
        return levels.some((values) => quasi.fields.every((field, index) => record[field] === values[index]));
      }),
    );
    if (candidates.length === 0) continue;
    const sensitive = new Set(candidates.map((record) => SENSITIVE.map((field) => record[field]).join('|')));
    if (sensitive.size !== 1) continue;
    const [shared] = sensitive;
    if (shared!.split('|').every((value) => value === '')) continue;
    learned.push({ target, candidates: candidates.length, learned: shared!.replaceAll('|', '') });
  }
  return learned;
}

describe('open data against a linkage attack', () => {
  let harness: TestApp;
  let manager: HttpSession;

  beforeAll(async () => {
    harness = await startTestApp({ environment: { STATS_REFRESH_INTERVAL_SECONDS: '0' } });
    await insertOpenDataPeople(harness);
    manager = await harness.signInAs('manager');
    await harness.app.get(StatisticsReleases).publish();
  }, 300_000);
  afterAll(() => harness.close());

  it('tells nobody’s type of exploitation from the file and the tables, where the same file without k-anonymity and l-diversity gives it away', async () => {
    const table = await manager.get(
      '/api/statistics/tables/cases-by-nationality?from=2025-01&to=2025-12&granularity=year',
    );
    expect(table.status).toBe(200);
    const nationalityByYear = table.body as PublishedStatisticsTable;
    const file = await manager.get('/api/statistics/open-data?format=csv');
    expect(file.status).toBe(200);
    const { records: published } = readOpenData(file.text);

    // Every consenting person of an ended year, as the attacker knows them (and as the export is made from).
    const people = await harness.app
      .get(StatisticsReleaseRepository)
      .openDataSources(harness.app.get(DataSource).manager, `${new Date().getUTCFullYear()}-01`, null);
    const targets = people.map(openDataRecordOf);
    expect(targets).toHaveLength(91);

    // The same records without k-anonymity: the attack works — the man from AF and the women from GH are found,
    // and what was done to them is learned; so is what was done to the 15 men of ER aged 30-38, all of forced labour.
    const unprotected = linkageAttack(targets, nationalityByYear, targets);
    expect(unprotected.map((found) => [found.target.citizenship, found.candidates, found.learned])).toEqual(
      expect.arrayContaining([
        ['AF', 1, '001'],
        ['GH', 3, '010'],
        ['ER', 15, '100'],
      ]),
    );
    // The tables alone never show either of the first two as a number.
    for (const nationality of ['AF', 'GH'])
      expect(
        nationalityByYear.cells.find((figure) => figure.key[0] === '2025' && figure.key[1] === nationality)?.display,
      ).toBe('<11');

    // The file as published: nobody's type, whatever the number of records that can be her.
    expect(published.length).toBeGreaterThan(0);
    expect(linkageAttack(published, nationalityByYear, targets)).toEqual([]);
  });
});
