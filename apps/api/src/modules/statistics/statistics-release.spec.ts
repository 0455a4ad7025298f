import { describe, expect, it } from '@jest/globals';
import { CELL_KEY_MODULUS, MAX_PERTURBATION } from '@haven/disclosure';
import { INDICATORS, tableDefinition } from './statistics-catalogue.js';
import { cellKeyProtection, indicatorSlice, noiseProtection, periodStart, tableSlice } from './statistics-release.js';
import type { KeyedCount } from './statistics-release.repository.js';
import { figuresPerPerson } from './statistics-releases.service.js';
import { periodRange } from './statistics-publisher.js';

const byStatus = tableDefinition('cases-by-status')!;
const pyramid = tableDefinition('age-sex-pyramid')!;
const group = (
  values: (string | null)[],
  count: number,
  keySum: number,
  population = count,
  populationKeySum = keySum,
): KeyedCount => ({
  scope: 'all',
  period: '2026-Q1',
  values,
  count,
  keySum: String(keySum),
  populationCount: population,
  populationKeySum: String(populationKeySum),
});

describe('a release’s slice of a table', () => {
  const protect = cellKeyProtection(11);
  const groups = [
    group(['Active'], 25, 123_456_789),
    group(['FollowUp'], 12, 987_654_321),
    group(['Closed'], 3, 555),
    group([null], 40, 123_456_789 + 987_654_321 + 555, 45, 42),
  ];

  it('has every value of every dimension, then the total, and the period’s people', () => {
    const slice = tableSlice(byStatus, '2026-Q1', groups, protect, 'all');
    expect(slice.cells.map((cell) => cell.key)).toEqual(
      byStatus.dimensions[0]!.values.map((value) => ['2026-Q1', value]),
    );
    expect(slice.totals.map((total) => total.key)).toEqual([['2026-Q1', null]]);
    expect(slice.population.map((figure) => figure.key)).toEqual([['2026-Q1', null]]);
    expect(slice.cells.find((cell) => cell.key[1] === 'Closed')).toMatchObject({ value: null, display: '<11' });
    expect(slice.cells.find((cell) => cell.key[1] === 'ClosedReferred')).toMatchObject({ value: 0, display: '0' });
    for (const [figure, exact] of [
      [slice.cells[0]!, 25],
      [slice.totals[0]!, 40],
      [slice.population[0]!, 45],
    ] as const) {
      expect(
        figure.value === null ? exact < 11 + MAX_PERTURBATION : Math.abs(figure.value - exact) <= MAX_PERTURBATION,
      ).toBe(true);
    }
  });

  it('depends on nothing but the people of each figure: the same group gives the same figure in any table or scope', () => {
    const again = tableSlice(byStatus, '2026-Q1', [...groups].reverse(), protect, 'other scope');
    expect(again).toEqual(tableSlice(byStatus, '2026-Q1', groups, protect, 'all'));
    // The same people as a pyramid's total: the same figure.
    const asPyramid = tableSlice(
      pyramid,
      '2026-Q1',
      [group([null, null], 40, 123_456_789 + 987_654_321 + 555)],
      protect,
      'all',
    );
    expect(asPyramid.totals.at(-1)).toMatchObject({
      key: ['2026-Q1', null, null],
      display: tableSlice(byStatus, '2026-Q1', groups, protect, 'all').totals[0]!.display,
    });
    // One person more moves the cell key somewhere unrelated.
    const keys = Array.from(
      { length: 200 },
      (_, index) =>
        tableSlice(
          byStatus,
          '2026-Q1',
          [group(['Active'], 25, Math.floor(index * (CELL_KEY_MODULUS / 200)) + 17)],
          protect,
          'all',
        ).cells[0]!.value,
    );
    expect(new Set(keys).size).toBeGreaterThan(3);
    expect(keys.every((value) => value !== null && Math.abs(value - 25) <= MAX_PERTURBATION)).toBe(true);
  });

  it('computes percentages from the published figures', () => {
    const slice = tableSlice(byStatus, '2026-Q1', groups, protect, 'all');
    const total = slice.totals[0]!.value!;
    const active = slice.cells[0]!;
    expect(active.percentage).toBe(Math.round((active.value! * 1000) / total) / 10);
    expect(slice.cells.find((cell) => cell.key[1] === 'Closed')!.percentage).toBeNull();
  });

  it('publishes every indicator of a period, empty ones as 0', () => {
    const slice = indicatorSlice(
      INDICATORS,
      '2026-Q1',
      [{ ...group([], 30, 77), indicator: INDICATORS[0]!.code }],
      protect,
      'all',
    );
    expect(Object.keys(slice)).toEqual(INDICATORS.map((indicator) => indicator.code));
    expect(slice[INDICATORS[1]!.code]).toMatchObject({ value: 0, display: '0' });
    expect(Math.abs(slice[INDICATORS[0]!.code]!.value! - 30)).toBeLessThanOrEqual(MAX_PERTURBATION);
  });
});

describe('differential privacy in a release', () => {
  it('draws each figure once (the same people, the same draw), decides thresholds on the noisy count, and varies between empty cells', () => {
    const protect = noiseProtection(11, 0.5, 'secret');
    expect(protect(40, '12345', 'a')).toEqual(protect(40, '12345', 'b'));
    const empties = new Set(Array.from({ length: 50 }, (_, index) => protect(0, '0', `cell ${index}`).display));
    expect(empties.size).toBeGreaterThan(1);
    for (let index = 0; index < 200; index += 1) {
      const figure = protect(5, String(index * 7_919), 'x');
      expect(figure.value === null ? figure.display === '<11' : figure.value === 0 || figure.value >= 11).toBe(true);
    }
  });

  it('splits the release’s epsilon over every figure one person can be in among the periods counted', () => {
    const ranges = {
      month: periodRange({ from: '2026-11', to: '2026-12', granularity: 'month' }, new Date('2026-12-07T00:00:00Z')),
      quarter: periodRange(
        { from: '2026-10', to: '2026-12', granularity: 'quarter' },
        new Date('2026-12-07T00:00:00Z'),
      ),
      year: periodRange({ from: '2026-01', to: '2026-12', granularity: 'year' }, new Date('2026-12-07T00:00:00Z')),
    };
    const once = figuresPerPerson(ranges);
    expect(once).toBeGreaterThan(100);
    expect(
      figuresPerPerson({
        ...ranges,
        month: periodRange({ from: '2026-01', to: '2026-12', granularity: 'month' }, new Date('2026-12-07T00:00:00Z')),
      }),
    ).toBeGreaterThan(once);
  });
});

describe('release periods', () => {
  it('finds the first month of the period holding a month', () => {
    expect(periodStart('2026-11', 'month')).toBe('2026-11');
    expect(periodStart('2026-11', 'quarter')).toBe('2026-10');
    expect(periodStart('2026-11', 'year')).toBe('2026-01');
    expect(CELL_KEY_MODULUS).toBe(2 ** 52);
  });
});
