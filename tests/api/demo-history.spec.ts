import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { classSizes } from '@haven/disclosure';
import { readOpenData } from '../support/open-data-people.js';
import { STATISTICS_TABLES, type IndicatorReport, type PublishedStatisticsTable } from '@haven/contracts';
import { queryDatabase } from '@haven/testing';
import { DemoHistoryService, HISTORY_CASES } from '../../apps/api/src/demo/demo-history.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The demo's three years of casework: spread over every shelter organisation and the
 * last 36 months, identities sealed as registration seals them, loaded within the demo's
 * time budget, and enough for a newcomer to see figures in every table and indicator.
 */
describe('demo history', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({ environment: { STATS_REFRESH_INTERVAL_SECONDS: '0' } });
    await harness.app.get(DemoHistoryService).loadOnce();
  }, 300_000);
  afterAll(() => harness.close());

  it('spreads the cases over every shelter organisation and the last three years, once', async () => {
    const perOrganisation = await queryDatabase<{ kind: string; cases: number }>(
      harness.database.url,
      `SELECT o.kind, count(c.id)::int AS cases FROM app.organisation o LEFT JOIN app."case" c ON c.organisation_id = o.id AND c.reference LIKE 'HV-HIST-%'
        WHERE o.kind = 'shelter' AND EXISTS (SELECT 1 FROM app."user" u WHERE u.organisation_id = o.id AND u.role IN ('caseworker', 'supervisor')) GROUP BY o.id, o.kind`,
    );
    expect(perOrganisation.length).toBeGreaterThanOrEqual(2);
    for (const row of perOrganisation) expect(row.cases).toBeGreaterThan(50);
    expect(perOrganisation.reduce((sum, row) => sum + row.cases, 0)).toBe(HISTORY_CASES);
    const [span] = await queryDatabase<{ months: number; future: number }>(
      harness.database.url,
      `SELECT count(DISTINCT to_char(registered_at, 'YYYY-MM'))::int AS months, count(*) FILTER (WHERE registered_at > now())::int AS future FROM app."case" WHERE reference LIKE 'HV-HIST-%'`,
    );
    expect(span).toEqual({ months: expect.any(Number), future: 0 });
    expect(span!.months).toBeGreaterThanOrEqual(36);
    await harness.app.get(DemoHistoryService).loadOnce();
    const [again] = await queryDatabase<{ cases: number }>(
      harness.database.url,
      `SELECT count(*)::int AS cases FROM app."case" WHERE reference LIKE 'HV-HIST-%'`,
    );
    expect(again!.cases).toBe(HISTORY_CASES);
  });

  it('seals every identity under its own key, readable through the case like a registered one', async () => {
    const supervisor = await harness.signInAs('supervisor');
    const [own] = await queryDatabase<{ id: string }>(
      harness.database.url,
      `SELECT id FROM app."case" WHERE reference LIKE 'HV-HIST-%' AND organisation_id = $1 LIMIT 1`,
      [harness.organisations.shelterA],
    );
    const identity = await supervisor.get(`/api/cases/${own!.id}/identity`);
    expect(identity.status).toBe(200);
    expect(identity.body.givenName).toEqual(expect.any(String));
    const [keys] = await queryDatabase<{ missing: number }>(
      harness.database.url,
      `SELECT count(*)::int AS missing FROM app."case" c WHERE c.reference LIKE 'HV-HIST-%' AND NOT EXISTS (SELECT 1 FROM app.case_key k JOIN app.survivor_identity i USING (case_id) WHERE k.case_id = c.id)`,
    );
    expect(keys!.missing).toBe(0);
    // A status comes from a formal decision: every case's is the one its decision gave.
    const [undecided] = await queryDatabase<{ cases: number }>(
      harness.database.url,
      `SELECT count(*)::int AS cases FROM app."case" c
        WHERE c.reference LIKE 'HV-HIST-%'
          AND c.profile ->> 'traffickingStatus' IS DISTINCT FROM
              (SELECT d.status FROM app.trafficking_status_decision d WHERE d.case_id = c.id ORDER BY d.decided_on DESC, d.recorded_at DESC LIMIT 1)`,
    );
    expect(undecided!.cases).toBe(0);
  });

  it('gives a newcomer figures in every table and indicator, by quarter, for all organisations', async () => {
    const manager = await harness.signInAs('manager');
    const year = new Date().getUTCFullYear() - 1;
    const range = `from=${year}-01&to=${year}-12&granularity=quarter`;
    for (const code of STATISTICS_TABLES) {
      const response = await manager.get(`/api/statistics/tables/${code}?${range}`);
      expect(response.status).toBe(200);
      const table = response.body as PublishedStatisticsTable;
      const numbers = [...table.cells, ...table.totals].filter((figure) => figure.value !== null && figure.value > 0);
      expect({ code, published: numbers.length > 0 }).toEqual({ code, published: true });
    }
    const report = (await manager.get(`/api/statistics/indicators?${range}`)).body as IndicatorReport;
    for (const indicator of report.indicators) {
      expect({
        indicator: indicator.indicator,
        published: indicator.values.some((figure) => figure.value !== null && figure.value > 0),
      }).toEqual({ indicator: indicator.indicator, published: true });
    }
  });

  it('gives the manager the open-data file of the demo release, every combination of its values shared by 11 or more', async () => {
    const manager = await harness.signInAs('manager');
    const response = await manager.get('/api/statistics/open-data?format=csv');
    expect(response.status).toBe(200);
    const { header, records } = readOpenData(response.text);
    expect(records.length).toBeGreaterThan(100);
    for (const size of classSizes(records, header).values()) expect(size).toBeGreaterThanOrEqual(11);
  });
});
