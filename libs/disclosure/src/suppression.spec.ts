import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { publishTable, type PublishedTable } from './publish.js';
import { coordinatesOf, stridesOf, suppressTable, withMargins } from './suppression.js';

/**
 * An exact, independent check of what a reader can work out from a published table.
 *
 * The reader's knowledge: every published figure, that every line of the table adds up
 * (cells to row/column totals, and in three dimensions every line along every dimension),
 * and that a hidden figure is a whole number ≥ 1 (a published 0 is an empty cell, so
 * hidden ones are not empty). For a hidden entry, the question "can it hold a value in
 * [low, high]?" is answered by a complete search over whole-number tables: bounds
 * propagation along every line, then branching on the narrowest undecided entry. The
 * search only looks at tables within k of the true one, entry by entry: that keeps it
 * small and can only make the check harder to pass (a table it finds is a real one).
 */
interface ReaderView {
  readonly sizes: readonly number[];
  /** Published value, or null when hidden. */
  readonly published: readonly (number | null)[];
  /** The true counts, to know what "another value" is. */
  readonly truth: readonly number[];
  readonly k: number;
}

/** Every line: the entries along one dimension (value indices) and the total entry they add up to. */
function linesOf(sizes: readonly number[]): { total: number; members: number[] }[] {
  const strides = stridesOf(sizes);
  const count = sizes.reduce((product, size) => product * (size + 1), 1);
  const lines: { total: number; members: number[] }[] = [];
  for (let entry = 0; entry < count; entry += 1) {
    const coordinates = coordinatesOf(entry, sizes);
    sizes.forEach((size, a) => {
      if (coordinates[a] !== size) return;
      lines.push({ total: entry, members: Array.from({ length: size }, (_, index) => entry - (size - index) * strides[a]!) });
    });
  }
  return lines;
}

/** Tightens bounds until nothing changes; false when no table fits. */
function propagate(low: number[], high: number[], lines: readonly { total: number; members: number[] }[]): boolean {
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, members } of lines) {
      let sumLow = 0;
      let sumHigh = 0;
      for (const member of members) {
        sumLow += low[member]!;
        sumHigh += high[member]!;
      }
      if (sumLow > low[total]!) [low[total], changed] = [sumLow, true];
      if (sumHigh < high[total]!) [high[total], changed] = [sumHigh, true];
      if (low[total]! > high[total]!) return false;
      for (const member of members) {
        const newLow = low[total]! - (sumHigh - high[member]!);
        const newHigh = high[total]! - (sumLow - low[member]!);
        if (newLow > low[member]!) [low[member], changed] = [newLow, true];
        if (newHigh < high[member]!) [high[member], changed] = [newHigh, true];
        if (low[member]! > high[member]!) return false;
      }
    }
  }
  return true;
}

function solvable(low: number[], high: number[], lines: readonly { total: number; members: number[] }[]): boolean {
  if (!propagate(low, high, lines)) return false;
  let pick = -1;
  for (let entry = 0; entry < low.length; entry += 1) {
    if (low[entry]! < high[entry]! && (pick < 0 || high[entry]! - low[entry]! < high[pick]! - low[pick]!)) pick = entry;
  }
  // All entries fixed after propagation to a fixed point: every line adds up.
  if (pick < 0) return true;
  const middle = Math.floor((low[pick]! + high[pick]!) / 2);
  const lowerHigh = [...high];
  lowerHigh[pick] = middle;
  if (solvable([...low], lowerHigh, lines)) return true;
  const upperLow = [...low];
  upperLow[pick] = middle + 1;
  return solvable(upperLow, [...high], lines);
}

/** Whether some table consistent with the reader's knowledge has entry `entry` within [from, to]. */
function canHold(view: ReaderView, entry: number, from: number, to: number): boolean {
  const low = view.published.map((value, index) => value ?? Math.max(1, view.truth[index]! - view.k));
  const high = view.published.map((value, index) => value ?? view.truth[index]! + view.k);
  low[entry] = Math.max(low[entry]!, from);
  high[entry] = Math.min(high[entry]!, to);
  return low[entry]! <= high[entry]! && solvable(low, high, linesOf(view.sizes));
}

/** The reader's view of a published table, laid out with its totals like `withMargins`. */
function readerViewOf(table: PublishedTable, values: readonly (readonly string[])[], truth: readonly number[], k: number): ReaderView {
  const sizes = values.map((list) => list.length);
  const strides = stridesOf(sizes);
  const published = new Array<number | null>(truth.length).fill(null);
  for (const figure of [...table.cells, ...table.totals]) {
    const index = figure.key.reduce<number>((sum, value, a) => sum + (value === null ? sizes[a]! : values[a]!.indexOf(value)) * strides[a]!, 0);
    published[index] = figure.value;
  }
  return { sizes, published, truth, k };
}

const DIMENSION_NAMES = ['sex', 'ageBand', 'exploitationType'] as const;

/** Tables of 1–3 dimensions with 1–4 values each, many empty and many small cells: where suppression is hardest. */
const tables = fc
  .record({
    k: fc.constantFrom(5, 7, 11),
    sizes: fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 4 })),
      fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
      fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    ),
  })
  .chain(({ k, sizes }) =>
    fc.record({
      k: fc.constant(k),
      sizes: fc.constant(sizes as number[]),
      cells: fc.array(
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(0) },
          { weight: 4, arbitrary: fc.integer({ min: 1, max: k - 1 }) },
          { weight: 3, arbitrary: fc.integer({ min: k, max: 3 * k }) },
        ),
        { minLength: sizes.reduce((product, size) => product * size, 1), maxLength: sizes.reduce((product, size) => product * size, 1) },
      ),
    }),
  )
  // A table covering 1…k−1 people is refused outright (tested in publish.spec.ts).
  .filter(({ k, sizes, cells }) => {
    const population = withMargins(sizes, cells).entries.at(-1)!;
    return population === 0 || population >= k;
  });

function publish({ k, sizes, cells }: { k: number; sizes: number[]; cells: number[] }) {
  const values = sizes.map((size, a) => Array.from({ length: size }, (_, index) => `${DIMENSION_NAMES[a]}-${index}`));
  const counts: { key: string[]; count: number }[] = cells.map((count, cell) => ({
    key: sizes.map((_, a) => values[a]![Math.floor(cell / sizes.slice(a + 1).reduce((product, size) => product * size, 1)) % sizes[a]!]!),
    count,
  }));
  // Base 1: the guarantee must hold on exact figures, before rounding hides more.
  const table = publishTable({ dimensions: values.map((list, a) => ({ name: DIMENSION_NAMES[a]!, values: list })), counts }, { k, roundingBase: 1 });
  return { table, view: readerViewOf(table, values, withMargins(sizes, cells).entries, k) };
}

describe('complementary suppression', () => {
  it('adds the totals of a table to its cells', () => {
    // 2 × 3 table: rows (0, 1), columns (0, 1, 2); with totals a 3 × 4 array.
    expect(withMargins([2, 3], [1, 2, 3, 4, 5, 6]).entries).toEqual([1, 2, 3, 6, 4, 5, 6, 15, 5, 7, 9, 21]);
  });

  it('hides a small count with the smallest other count of its line in one dimension', () => {
    // Entries: 3, 20, 50 and the total 73. Hiding 3 alone would leave 73 − 20 − 50.
    expect(suppressTable(withMargins([3], [3, 20, 50]), 11)).toEqual([true, true, false, false]);
  });

  it('protects a lone small cell of a two-dimensional table with the cheapest rectangle', () => {
    //        a    b    c  | total
    // x      4   30   40  |  74
    // y     25   35   45  | 105
    // total 29   65   85  | 179
    const hidden = suppressTable(withMargins([2, 3], [4, 30, 40, 25, 35, 45]), 11);
    // 4 and the cheapest rectangle through it whose other cells can give up 7: 30, 25 and 35.
    expect(hidden).toEqual([true, true, false, false, true, true, false, false, false, false, false, false]);
  });

  it('never hides an empty cell and always hides a small one', () => {
    const table = withMargins([2, 2], [0, 3, 0, 40]);
    const hidden = suppressTable(table, 11);
    table.entries.forEach((value, entry) => {
      if (value === 0) expect(hidden[entry]).toBe(false);
      if (value > 0 && value < 11) expect(hidden[entry]).toBe(true);
    });
  });

  it('leaves a table without small counts untouched', () => {
    expect(suppressTable(withMargins([2, 2], [12, 0, 30, 11]), 11).some(Boolean)).toBe(false);
  });

  it('refuses k below 5 and counts that are not whole numbers', () => {
    expect(() => suppressTable(withMargins([2], [1, 2]), 4)).toThrow('at least 5');
    expect(() => suppressTable({ sizes: [1], entries: [1.5, 1.5] }, 11)).toThrow('whole numbers');
  });

  it('property: no hidden figure can be worked out, and no small one told from a large one', () => {
    fc.assert(
      fc.property(tables, (input) => {
        const { table, view } = publish(input);
        const { k } = input;
        view.truth.forEach((value, entry) => {
          const hidden = view.published[entry] === null;
          // Small counts are hidden, empty ones never.
          if (value > 0 && value < k) expect(hidden).toBe(true);
          if (value === 0) expect(hidden).toBe(false);
          if (!hidden) return;
          // The feasible interval of every hidden figure has width > 0 …
          const other = canHold(view, entry, 1, value - 1) || canHold(view, entry, value + 1, Infinity);
          expect({ entry, value, other }).toEqual({ entry, value, other: true });
          // … and for a small one it reaches k: the reader cannot tell it is small.
          if (value < k) expect({ entry, value, large: canHold(view, entry, k, Infinity) }).toEqual({ entry, value, large: true });
        });
        expect(table.cells.length + table.totals.length).toBe(view.truth.length);
      }),
      { numRuns: 300 },
    );
  });

  it('property: every line holding a hidden figure holds at least two', () => {
    fc.assert(
      fc.property(tables, (input) => {
        const { view } = publish(input);
        for (const { total, members } of linesOf(view.sizes)) {
          const hiddenCount = [total, ...members].filter((entry) => view.published[entry] === null).length;
          expect(hiddenCount === 0 || hiddenCount >= 2).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
