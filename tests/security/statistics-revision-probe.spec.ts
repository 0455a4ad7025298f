import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PublishedFigure, PublishedStatisticsTable } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { attack } from './statistics-adversary.js';

/**
 * A prober who can edit cases of an ended period, and an operator who makes a labelled
 * revision after every edit (the worst case: revisions on demand). Each revision would be
 * one more perturbation of a count whose step the prober knows; enough of them average
 * the noise away. The rules (docs/architecture.md, "Statistics: releases and the cell key
 * method"): a figure depends only on its people, so a revision leaves every figure whose
 * people did not change exactly as it was; and a published period is revised at most
 * once, so the prober gets at most two perturbed values of a figure, whatever they edit.
 */

const K = 11;
/** Shelter A's new cases with a statistics consent: per month, how many of each status. */
const SEED: Record<string, Record<string, number>> = {
  '2025-01': { Active: 15 },
  '2025-02': { FollowUp: 13 },
  '2025-03': { Active: 20, FollowUp: 14, Closed: 12, ClosedReferred: 3 },
};
/** The periods an edit of a March 2025 case touches. */
const TOUCHED = new Set(['2025-03', '2025-Q1', '2025']);

describe('statistics revisions against a prober who edits one case at a time', () => {
  let harness: TestApp;
  let manager: HttpSession;
  let scopes: string[];

  beforeAll(async () => {
    harness = await startTestApp({ environment: { STATS_REFRESH_INTERVAL_SECONDS: '0' } });
    const cases = Object.entries(SEED).flatMap(([month, statuses]) =>
      Object.entries(statuses).flatMap(([status, count]) => Array.from({ length: count }, () => ({ month, status }))),
    );
    await queryDatabase(
      harness.database.url,
      `INSERT INTO app."case" (reference, organisation_id, status, risk_level, sex, nationality, age_at_registration, exploitation_types, profile, registered_by, registered_at)
       SELECT 'HV-REV-' || lpad(u.n::text, 4, '0'), $1, u.status, 'medium', 'Feminine', 'NG', 25, ARRAY['ForcedLabour'], '{}'::jsonb, $2,
              (u.month || '-10T12:00:00Z')::timestamptz
         FROM unnest($3::text[], $4::text[], $5::int[]) AS u(status, month, n)`,
      [
        harness.organisations.shelterA,
        harness.people.caseworker.id,
        cases.map((entry) => entry.status),
        cases.map((entry) => entry.month),
        cases.map((_, index) => index + 1),
      ],
    );
    await queryDatabase(
      harness.database.url,
      `INSERT INTO app.consent (case_id, purpose, given_on, method, interpreter_used, recorded_by)
       SELECT c.id, 'statistics', '2025-01-01', 'written', false, $1 FROM app."case" c WHERE c.reference LIKE 'HV-REV-%'`,
      [harness.people.caseworker.id],
    );
    manager = await harness.signInAs('manager');
    scopes = ['', `&organisationIds=${harness.organisations.shelterA}`];
  }, 300_000);
  afterAll(() => harness.close());

  /** Every figure of the new-cases-by-status table the manager can read for 2025, by scope, granularity and kind. */
  const readAll = async () => {
    const figures = new Map<string, PublishedFigure>();
    for (const scope of scopes) {
      for (const granularity of ['month', 'quarter', 'year']) {
        const response = await manager.get(
          `/api/statistics/tables/cases-by-status?from=2025-01&to=2025-12&granularity=${granularity}${scope}`,
        );
        expect(response.status).toBe(200);
        const table = response.body as PublishedStatisticsTable;
        for (const [kind, list] of [
          ['cell', table.cells],
          ['total', table.totals],
          ['people', table.population],
        ] as const)
          for (const figure of list)
            figures.set(`${scope ? 'A' : 'all'}|${kind}|${figure.key.map((part) => part ?? '*').join('|')}`, figure);
      }
    }
    return figures;
  };

  it('keeps unchanged figures through revisions and lets a period be revised once, however many edits follow', async () => {
    const releases = harness.app.get(StatisticsReleases);
    await releases.publish();
    const reads = [await readAll()];
    const kinds: string[] = [];
    const now = new Date();
    for (let step = 0; step < 5; step += 1) {
      // One more March 2025 case goes from Active to ClosedReferred (a small group of 3): a step of exactly one person
      // the prober knows.
      await queryDatabase(
        harness.database.url,
        `UPDATE app."case" SET status = 'ClosedReferred'
          WHERE id = (SELECT id FROM app."case" WHERE reference LIKE 'HV-REV-%' AND status = 'Active'
                         AND registered_at >= '2025-03-01' ORDER BY reference LIMIT 1)`,
      );
      // The monthly release of each following month, then a revision asked for straight after it.
      const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1 + step, 1, 3));
      await releases.publish({ now: monthStart });
      reads.push(await readAll());
      const revision = await releases.publish({ now: new Date(monthStart.getTime() + 3_600_000), revision: true });
      kinds.push(revision.kind);
      reads.push(await readAll());
    }
    expect(kinds[0]).toBe('revision');

    const keys = [...reads[0]!.keys()];
    expect(keys.length).toBeGreaterThan(100);
    const changed = new Map<string, number[]>();
    for (const key of keys) {
      const shown = reads.map((read) => JSON.stringify(read.get(key)));
      const steps = shown.flatMap((display, index) => (index > 0 && display !== shown[index - 1] ? [index] : []));
      if (steps.length) changed.set(key, steps);
    }
    // Only figures whose people changed can move: the Active and ClosedReferred cells of the touched periods. The totals, the
    // people, the other statuses and every other period hold the same people and keep the same figure.
    for (const key of changed.keys()) {
      const [, kind, period, status] = key.split('|');
      expect({
        key,
        touched: kind === 'cell' && TOUCHED.has(period!) && ['Active', 'ClosedReferred'].includes(status!),
      }).toEqual({ key, touched: true });
    }
    // And they move once: at the first revision (read 2: after the first monthly release and that revision), never
    // again — four more edits, each followed by a monthly release and a revision, change nothing.
    for (const [key, steps] of changed) expect({ key, steps }).toEqual({ key, steps: [2] });
    const finalRead = reads.at(-1)!;
    for (const key of keys) expect({ key, figure: finalRead.get(key) }).toEqual({ key, figure: reads[2]!.get(key) });

    // What the two values of a figure tell an attacker who knows the step: the count before (the rest and the edited
    // person) and after (the rest alone, or with them). Two perturbed values of counts one apart pin no small group.
    let targets = 0;
    const initial = (status: string, periods: string[]) =>
      periods.reduce((sum, month) => sum + (SEED[month]?.[status] ?? 0), 0);
    const monthsOf = (period: string) => (period === '2025-03' ? ['2025-03'] : ['2025-01', '2025-02', '2025-03']);
    const probed = keys.filter((key) => {
      const [, kind, period, status] = key.split('|');
      return kind === 'cell' && TOUCHED.has(period!) && ['Active', 'ClosedReferred'].includes(status!);
    });
    expect(probed).toHaveLength(12);
    for (const key of probed) {
      const [, , period, status] = key.split('|');
      const before = reads[1]!.get(key)!;
      const after = reads[2]!.get(key)!;
      const leaving = status === 'Active';
      const rest = initial(status!, monthsOf(period!)) - (leaving ? 1 : 0);
      const result = await attack(
        [
          { label: `${key} before`, atoms: leaving ? [0, 1] : [0], display: before.display, value: before.value },
          { label: `${key} after`, atoms: leaving ? [0] : [0, 1], display: after.display, value: after.value },
        ],
        [{ label: 'the edited person', plus: [1], minus: [], lower: 1, upper: 1 }],
        2,
        K,
        [rest, 1],
      );
      targets += result.targets;
      expect({ key, pinned: [...result.pinnedByPropagation, ...result.pinnedByIntegerProgramme] }).toEqual({
        key,
        pinned: [],
      });
    }
    // The ClosedReferred group of each touched period and scope (3, then 4) is a target both times.
    expect(targets).toBeGreaterThanOrEqual(6);
  }, 600_000);
});
