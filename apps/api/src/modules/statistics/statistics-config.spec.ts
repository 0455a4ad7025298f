import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig } from '../../config/config.js';
import { censusMonths, consentFilter } from './statistics.service.js';
import { periodRange } from './statistics-publisher.js';

describe('statistics settings', () => {
  it('defaults to k = 11, the cell key method (no differential privacy), a release at 02:00 UTC, and counting people without consent only in totals', () => {
    expect(loadConfig({}).statistics).toEqual({
      minCellSize: 11,
      epsilonPerRelease: null,
      epsilonBudget: 10,
      withoutConsent: 'totals',
      releaseHour: 2,
      managerOrganisationIds: null,
      refreshIntervalSeconds: 60,
      refreshMaxBeforeServing: 5000,
    });
  });

  it('refuses to start with k below 5, a release hour that is not one, or more epsilon per release than the budget', () => {
    expect(() => loadConfig({ STATS_MIN_CELL_SIZE: '4' })).toThrow(/STATS_MIN_CELL_SIZE must be at least 5/);
    expect(() => loadConfig({ STATS_RELEASE_HOUR: '24' })).toThrow(ConfigurationError);
    expect(() => loadConfig({ STATS_EPSILON_PER_RELEASE: '3', STATS_EPSILON_BUDGET: '2' })).toThrow(
      /larger than STATS_EPSILON_BUDGET/,
    );
    expect(() => loadConfig({ STATS_WITHOUT_CONSENT: 'sometimes' })).toThrow(/STATS_WITHOUT_CONSENT/);
    expect(() => loadConfig({ STATS_MANAGER_ORGANISATION_IDS: 'shelter-a' })).toThrow(/STATS_MANAGER_ORGANISATION_IDS/);
  });

  it('reads the organisations managers see', () => {
    const id = '0b0e7a54-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(loadConfig({ STATS_MANAGER_ORGANISATION_IDS: ` ${id} ,` }).statistics.managerOrganisationIds).toEqual([id]);
  });
});

describe('consent modes', () => {
  it('counts people without a statistics consent in totals only, nowhere, or everywhere', () => {
    expect(consentFilter('totals', true)).toEqual({ inBreakdowns: false, inTotals: true });
    expect(consentFilter('exclude', true)).toEqual({ inBreakdowns: false, inTotals: false });
    expect(consentFilter('include', true)).toEqual({ inBreakdowns: true, inTotals: true });
    // A table by period only has no breakdown: its figure is a total.
    expect(consentFilter('totals', false)).toEqual({ inBreakdowns: true, inTotals: true });
    expect(consentFilter('exclude', false)).toEqual({ inBreakdowns: false, inTotals: false });
  });
});

describe('census months of the occupancy table', () => {
  it('takes each period’s last month, or the latest census day passed, and none for a period still to come', () => {
    const range = periodRange(
      { from: '2026-07', to: '2027-03', granularity: 'quarter' },
      new Date('2026-11-28T00:00:00Z'),
    );
    expect([...censusMonths(range, new Date('2026-11-28T00:00:00Z'))]).toEqual([
      ['2026-Q3', '2026-09'],
      ['2026-Q4', '2026-11'],
      ['2027-Q1', null],
    ]);
    expect(censusMonths(range, new Date('2026-11-10T00:00:00Z')).get('2026-Q4')).toBe('2026-10');
  });
});
