import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { RandomSource } from './differential-privacy.js';
import {
  DimensionNotAllowedError,
  DisclosureConfigError,
  InvalidTableError,
  PeriodTooFineError,
  PopulationBelowThresholdError,
  TooManyDimensionsError,
  UnprotectableTableError,
} from './errors.js';
import { PROTECTED_DISPLAY, publishTable, smallCountDisplay, type TableInput } from './publish.js';

const SMALL = smallCountDisplay(11);

const periodBySex: TableInput = {
  dimensions: [
    { name: 'period', values: ['2026-Q1', '2026-Q2'] },
    { name: 'sex', values: ['Feminine', 'Masculine', 'NonSpecifiedUnknown'] },
  ],
  counts: [
    { key: ['2026-Q1', 'Feminine'], count: 42 },
    { key: ['2026-Q1', 'Masculine'], count: 23 },
    { key: ['2026-Q1', 'NonSpecifiedUnknown'], count: 3 },
    { key: ['2026-Q2', 'Feminine'], count: 51 },
    { key: ['2026-Q2', 'Masculine'], count: 37 },
    // 2026-Q2 × NonSpecifiedUnknown is not listed: it counts 0.
  ],
};

const sequence = (...values: number[]): RandomSource => {
  let next = 0;
  return () => values[next++ % values.length]!;
};

describe('publishTable', () => {
  it('publishes every cell and total, hides small counts and what would reveal them, and rounds the rest', () => {
    const table = publishTable(periodBySex);
    expect(table).toMatchObject({ dimensions: ['period', 'sex'], k: 11, roundingBase: 5, percentages: null, epsilon: null });
    expect(table.cells.map(({ key, display }) => [...key, display])).toEqual([
      ['2026-Q1', 'Feminine', '40'],
      ['2026-Q1', 'Masculine', PROTECTED_DISPLAY],
      ['2026-Q1', 'NonSpecifiedUnknown', SMALL],
      ['2026-Q2', 'Feminine', '50'],
      ['2026-Q2', 'Masculine', '35'],
      ['2026-Q2', 'NonSpecifiedUnknown', '0'],
    ]);
    // 3 is small and so is its column total (the other cell of the column is 0): both show <11.
    // The cheapest cycle that protects them runs through 23 and the Masculine total, shown [c]
    // (hidden to protect a small group), so the grand total stays.
    expect(table.totals.map(({ key, display }) => [...key, display])).toEqual([
      ['2026-Q1', null, '70'],
      ['2026-Q2', null, '90'],
      [null, 'Feminine', '95'],
      [null, 'Masculine', PROTECTED_DISPLAY],
      [null, 'NonSpecifiedUnknown', SMALL],
      [null, null, '155'],
    ]);
    for (const figure of [...table.cells, ...table.totals]) {
      expect(figure.suppressed).toBe(figure.value === null);
      expect([SMALL, PROTECTED_DISPLAY].includes(figure.display)).toBe(figure.suppressed);
      expect('percentage' in figure).toBe(false);
    }
  });

  it('shows a small group as <k with the k in force, and a figure hidden to protect it as [c]', () => {
    const input: TableInput = {
      dimensions: [{ name: 'sex', values: ['Feminine', 'Masculine', 'NonSpecifiedUnknown'] }],
      counts: [
        { key: ['Feminine'], count: 40 },
        { key: ['Masculine'], count: 25 },
        { key: ['NonSpecifiedUnknown'], count: 6 },
      ],
    };
    expect(publishTable(input, { k: 7, roundingBase: 1 }).cells.map((cell) => cell.display)).toEqual(['40', PROTECTED_DISPLAY, '<7']);
    expect(publishTable(input, { k: 5, roundingBase: 1 }).cells.map((cell) => cell.display)).toEqual(['40', '25', '6']);
  });

  it('refuses a table in which a small group would be worked out whatever were hidden', () => {
    // k = 5: one region holds one person of each of four assistance types, four in all.
    const input: TableInput = {
      dimensions: [
        { name: 'region', values: ['North', 'South'] },
        { name: 'assistanceType', values: ['medical', 'legal', 'shelter', 'return'] },
      ],
      counts: ['medical', 'legal', 'shelter', 'return'].flatMap((type) => [
        { key: ['North', type], count: 1 },
        { key: ['South', type], count: 9 },
      ]),
    };
    expect(() => publishTable(input, { k: 5 })).toThrow(UnprotectableTableError);
  });

  it('rounds every total on its own, from unrounded counts', () => {
    const table = publishTable({
      dimensions: [{ name: 'status', values: ['Active', 'FollowUp', 'Closed'] }],
      counts: [
        { key: ['Active'], count: 12 },
        { key: ['FollowUp'], count: 12 },
        { key: ['Closed'], count: 12 },
      ],
    });
    expect(table.cells.map((cell) => cell.value)).toEqual([10, 10, 10]);
    expect(table.totals).toEqual([{ key: [null], value: 35, display: '35', suppressed: false }]);
  });

  it('computes percentages from published figures, and none where a figure is hidden', () => {
    // Shares of everyone: 40 of 155 (the published, rounded figures), not 42 of 156.
    const ofAll = publishTable(periodBySex, { percentages: { of: 'grandTotal' } });
    expect(ofAll.cells.map((cell) => cell.percentage)).toEqual([25.8, null, null, 32.3, 22.6, 0]);
    expect(ofAll.totals.map((total) => total.percentage)).toEqual([45.2, 58.1, 61.3, null, null, 100]);

    // The split by sex within each period: shares of the period's total.
    const bySex = publishTable(periodBySex, { percentages: { of: 'dimensionTotal', dimension: 'sex' } });
    expect(bySex.cells.map((cell) => cell.percentage)).toEqual([57.1, null, null, 55.6, 38.9, 0]);
    expect(bySex.totals.map((total) => total.percentage)).toEqual([100, 100, 61.3, null, null, 100]);
  });

  it('publishes no share whose denominator is hidden', () => {
    // The split by period within each sex: the Masculine total is hidden, so 2026-Q2 × Masculine (35) gets no share.
    const byPeriod = publishTable(periodBySex, { percentages: { of: 'dimensionTotal', dimension: 'period' } });
    expect(byPeriod.cells.map((cell) => [cell.display, cell.percentage])).toEqual([
      ['40', 42.1],
      [PROTECTED_DISPLAY, null],
      [SMALL, null],
      ['50', 52.6],
      ['35', null],
      ['0', null],
    ]);
  });

  it('adds noise before suppression and rounding, and never publishes a negative count', () => {
    const input: TableInput = {
      dimensions: [{ name: 'sex', values: ['Feminine', 'Masculine'] }],
      counts: [{ key: ['Feminine'], count: 10 }, { key: ['Masculine'], count: 30 }],
    };
    expect(publishTable(input, { roundingBase: 1 }).cells.map((cell) => cell.display)).toEqual([SMALL, PROTECTED_DISPLAY]);
    // Each cell draws two geometric variables; (0.75, 0) adds 1: 10 becomes 11, no longer small.
    const noisy = publishTable(input, { roundingBase: 1, noise: { epsilon: 1, random: sequence(0.75, 0) } });
    expect(noisy.cells.map((cell) => cell.value)).toEqual([11, 31]);
    expect(noisy.epsilon).toBe(1);
    // A large negative draw clamps at 0.
    const clamped = publishTable(input, { roundingBase: 1, noise: { epsilon: 1, random: sequence(0, 1 - 1e-12, 0, 0) } });
    expect(clamped.cells.map((cell) => cell.value)).toEqual([0, 30]);
  });

  it('publishes an empty selection as zeros', () => {
    const table = publishTable({ dimensions: [{ name: 'sex', values: ['Feminine', 'Masculine'] }], counts: [] });
    expect([...table.cells, ...table.totals].map((figure) => figure.display)).toEqual(['0', '0', '0']);
  });

  it('refuses a table covering 1…k−1 people', () => {
    const input: TableInput = { dimensions: [{ name: 'sex', values: ['Feminine'] }], counts: [{ key: ['Feminine'], count: 10 }] };
    expect(() => publishTable(input)).toThrow(PopulationBelowThresholdError);
    expect(() => publishTable(input, { k: 10 })).not.toThrow();
  });

  it('refuses dimensions off the list, more than three, and periods finer than a month', () => {
    const one = (name: string, values = ['a']) => ({ name, values });
    expect(() => publishTable({ dimensions: [one('shelter')], counts: [] })).toThrow(DimensionNotAllowedError);
    expect(() =>
      publishTable({ dimensions: [one('sex'), one('ageBand'), one('region'), one('status')], counts: [] }),
    ).toThrow(TooManyDimensionsError);
    expect(() => publishTable({ dimensions: [one('period', ['2026-03-02'])], counts: [] })).toThrow(PeriodTooFineError);
    expect(() => publishTable({ dimensions: [one('period', ['2026', '2026-03'])], counts: [] })).toThrow(InvalidTableError);
  });

  it('refuses input that does not describe a table', () => {
    const sex = { name: 'sex', values: ['Feminine', 'Masculine'] };
    const bad: TableInput[] = [
      { dimensions: [sex], counts: [{ key: ['Other'], count: 12 }] },
      { dimensions: [sex], counts: [{ key: ['Feminine', 'x'], count: 12 }] },
      { dimensions: [sex], counts: [{ key: ['Feminine'], count: -1 }] },
      { dimensions: [sex], counts: [{ key: ['Feminine'], count: 2.5 }] },
      { dimensions: [sex], counts: [{ key: ['Feminine'], count: 12 }, { key: ['Feminine'], count: 12 }] },
      { dimensions: [{ name: 'sex', values: [] }], counts: [] },
      { dimensions: [{ name: 'sex', values: ['Feminine', 'Feminine'] }], counts: [] },
    ];
    for (const input of bad) expect(() => publishTable(input)).toThrow(InvalidTableError);
    expect(() => publishTable({ dimensions: [sex], counts: [] }, { percentages: { of: 'dimensionTotal', dimension: 'period' } })).toThrow(
      InvalidTableError,
    );
  });

  it('refuses settings below the rules', () => {
    const input: TableInput = { dimensions: [{ name: 'sex', values: ['Feminine'] }], counts: [] };
    expect(() => publishTable(input, { k: 4 })).toThrow(DisclosureConfigError);
    expect(() => publishTable(input, { roundingBase: 12 })).toThrow(DisclosureConfigError);
    expect(() => publishTable(input, { noise: { epsilon: 0 } })).toThrow(DisclosureConfigError);
  });

  it('property: figures are rounded counts or hidden, small counts are always hidden, shares come from published figures', () => {
    const sizes = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 });
    const inputs = sizes.chain((dimensionSizes) =>
      fc.record({
        sizes: fc.constant(dimensionSizes),
        cells: fc.array(fc.nat({ max: 40 }), {
          minLength: dimensionSizes.reduce((product, size) => product * size, 1),
          maxLength: dimensionSizes.reduce((product, size) => product * size, 1),
        }),
        roundingBase: fc.constantFrom(1, 5, 10),
      }),
    );
    const names = ['region', 'assistanceType', 'trainingOutcome'];
    fc.assert(
      fc.property(inputs, ({ sizes: dimensionSizes, cells, roundingBase }) => {
        const dimensions = dimensionSizes.map((size, a) => ({ name: names[a]!, values: Array.from({ length: size }, (_, index) => `v${index}`) }));
        const counts = cells.map((count, cell) => ({
          key: dimensionSizes.map((size, a) => `v${Math.floor(cell / dimensionSizes.slice(a + 1).reduce((product, next) => product * next, 1)) % size}`),
          count,
        }));
        const population = cells.reduce((sum, count) => sum + count, 0);
        if (population > 0 && population < 11) {
          expect(() => publishTable({ dimensions, counts })).toThrow(PopulationBelowThresholdError);
          return;
        }
        let table: ReturnType<typeof publishTable>;
        try {
          table = publishTable({ dimensions, counts }, { roundingBase, percentages: { of: 'dimensionTotal', dimension: names[0]! } });
        } catch (error) {
          // A table some small count of which would be worked out whatever were hidden (suppression.spec.ts).
          expect(error).toBeInstanceOf(UnprotectableTableError);
          return;
        }
        const byKey = new Map(table.totals.map((total) => [JSON.stringify(total.key), total]));
        table.cells.forEach((cell, index) => {
          const count = cells[index]!;
          if (count > 0 && count < 11) expect(cell).toMatchObject({ suppressed: true, display: SMALL });
          if (count >= 11 && cell.suppressed) expect(cell.display).toBe(PROTECTED_DISPLAY);
          if (count === 0) expect(cell).toMatchObject({ value: 0, display: '0' });
          if (cell.value !== null) {
            expect(cell.value % roundingBase).toBe(0);
            expect(Math.abs(cell.value - count)).toBeLessThanOrEqual(roundingBase / 2);
          }
          const denominator = byKey.get(JSON.stringify([null, ...cell.key.slice(1)]))!;
          if (cell.value === null || denominator.value === null || denominator.value === 0) expect(cell.percentage).toBeNull();
          else expect(Math.abs(cell.percentage! - (100 * cell.value) / denominator.value)).toBeLessThanOrEqual(0.05 + 1e-9);
        });
      }),
      { numRuns: 200 },
    );
  });
});
