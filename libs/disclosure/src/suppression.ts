import { assertValidK, isSmallCount } from './cell-size.js';
import { InvalidTableError } from './errors.js';

/**
 * Primary and complementary cell suppression for tables of 1 to 3 dimensions with all
 * their marginal totals.
 *
 * ## The table
 * A table with dimension sizes n₁…n_d is handled together with its totals as one array
 * of (n₁+1)×…×(n_d+1) entries: along each dimension, index n_a stands for "all values"
 * (the total). So in two dimensions the entries are the cells, the row totals, the column
 * totals and the grand total; in three, also the totals over each pair of dimensions.
 * Every *line* — the entries along one dimension with the other coordinates fixed, total
 * rows and columns included — adds up: the sum of its value entries is its total entry.
 *
 * ## What a reader knows
 * Every published figure exactly (rounding only hides more, so the guarantee ignores
 * it), that every line adds up, and that a published 0 is an empty cell — so a hidden
 * entry holds at least 1. Every hidden entry looks the same: nothing published says
 * whether it was hidden for being small or to protect another. That is deliberate. Were
 * small entries shown `<k` and the others differently, a reader would know 1…k−1 of the
 * former and ≥ k of the latter, and in sparse three-dimensional tables those bounds pin
 * some small counts down even when every non-empty entry is hidden.
 *
 * ## The guarantee
 * - Every entry holding 1…k−1 people, cell or total, is hidden (primary suppression).
 * - For every such entry c there is a table, consistent with everything a reader knows,
 *   in which c holds k or more: **a reader cannot tell a hidden small count from a large
 *   one**, let alone recover it — by linear algebra across lines or by adding bounds.
 * - For every hidden entry there is such a table in which it holds another value: no
 *   hidden entry is determined. So every line holding a hidden entry holds at least two.
 *
 * ## How
 * A *move* is a set of entries and a sign for each, such that adding the signs keeps
 * every line adding up. Each small entry c is given a move, entirely hidden, in which c
 * goes up and every entry going down can give up k − c and still hold at least 1; adding
 * the move k − c times yields the table the guarantee promises. The box spanned by c and,
 * along each dimension, the total (or a non-empty value where c is itself that total)
 * moves everything up, so it always qualifies and every table can be protected; the
 * search picks the move that newly hides the smallest sum of counts, then the fewest
 * entries. In one dimension a move is a pair of entries of the line; in two, an
 * alternating cycle through rows and columns (found as a shortest path); in three, such
 * a cycle across two dimensions, doubled with opposite signs along the third.
 * suppression.spec.ts checks the guarantee on random tables with an exact search.
 *
 * ## Limits
 * - The promised range reaches upwards from c to k; it need not reach below c.
 * - A reader who knows the choice rule can sometimes infer that a hidden entry was the
 *   cheapest candidate; this inference is not defended against.
 * - Published zeros tell who is *not* in a group (e.g. everyone of one nationality is in
 *   one exploitation type). Suppression cannot hide that; fixed dimensions, the
 *   population threshold and the dimension cap keep groups coarse.
 * - Differences between two tables (two filters, two releases) are beyond one table:
 *   fixed dimensions and the differential-privacy budget address them.
 * - Cost: a shortest-path search per small entry (per partner index in three
 *   dimensions). A 250 × 12 × 6 table with thousands of small entries takes seconds;
 *   tables of ordinary size, milliseconds.
 */

/** A table and all its marginal totals, flattened row-major. */
export interface MarginalTable {
  /** Number of values of each dimension, the total not counted. */
  readonly sizes: readonly number[];
  /** Every entry; along dimension a, index `sizes[a]` is the total over that dimension. */
  readonly entries: readonly number[];
}

/** Strides of the flattened array with totals (row-major: the last dimension varies fastest). */
export function stridesOf(sizes: readonly number[]): number[] {
  const strides = new Array<number>(sizes.length);
  let stride = 1;
  for (let a = sizes.length - 1; a >= 0; a -= 1) {
    strides[a] = stride;
    stride *= sizes[a]! + 1;
  }
  return strides;
}

export function coordinatesOf(index: number, sizes: readonly number[]): number[] {
  const coordinates = new Array<number>(sizes.length);
  let rest = index;
  for (let a = sizes.length - 1; a >= 0; a -= 1) {
    coordinates[a] = rest % (sizes[a]! + 1);
    rest = Math.floor(rest / (sizes[a]! + 1));
  }
  return coordinates;
}

/**
 * Builds the table with its totals from the counts of its cells, given row-major over
 * the dimension sizes (the last dimension varies fastest).
 */
export function withMargins(sizes: readonly number[], cells: readonly number[]): MarginalTable {
  const cellCount = sizes.reduce((product, size) => product * size, 1);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || cells.length !== cellCount) {
    throw new InvalidTableError('cell counts do not match the dimension sizes');
  }
  const strides = stridesOf(sizes);
  const entries = new Array<number>(sizes.reduce((product, size) => product * (size + 1), 1)).fill(0);
  const subsets = 1 << sizes.length;
  cells.forEach((count, cell) => {
    if (count === 0) return;
    // Position of the cell in the array with totals, then add it to every total it belongs to.
    let rest = cell;
    let index = 0;
    const coordinates = new Array<number>(sizes.length);
    for (let a = sizes.length - 1; a >= 0; a -= 1) {
      coordinates[a] = rest % sizes[a]!;
      rest = Math.floor(rest / sizes[a]!);
      index += coordinates[a]! * strides[a]!;
    }
    for (let subset = 0; subset < subsets; subset += 1) {
      let entry = index;
      for (let a = 0; a < sizes.length; a += 1) {
        if (subset & (1 << a)) entry += (sizes[a]! - coordinates[a]!) * strides[a]!;
      }
      entries[entry]! += count;
    }
  });
  return { sizes, entries };
}

/**
 * Which entries to hide. Only whether an entry is hidden may be published, never why
 * (see "What a reader knows" above).
 */
export function suppressTable(table: MarginalTable, k: number): boolean[] {
  assertValidK(k);
  const { sizes, entries } = table;
  if (sizes.length === 0) throw new InvalidTableError('a table needs at least one dimension');
  if (entries.some((value) => !Number.isInteger(value) || value < 0)) {
    throw new InvalidTableError('counts must be whole numbers ≥ 0');
  }
  const hidden = entries.map((value) => isSmallCount(value, k));
  const search = new MoveSearch(table, k, hidden);
  entries.forEach((value, entry) => {
    if (!isSmallCount(value, k)) return;
    for (const member of search.cheapestMove(entry)) hidden[member] = true;
  });
  return hidden;
}

/** A set of entries whose signed shift keeps every line adding up, and what hiding it costs. */
interface Move {
  readonly members: number[];
  /** Sum of the counts it newly hides, then the number of entries it newly hides. */
  readonly weight: number;
}

/**
 * The search for the cheapest move through a small entry. Signs are relative to that
 * entry (it goes up): along a line, a value entry moves against the other values and
 * with the total, so the sign flips with each step to another index, and flips back when
 * the step enters or leaves a total.
 */
class MoveSearch {
  private readonly strides: number[];
  /** Ranks weights by counts newly hidden first, then by entries newly hidden. */
  private readonly countWeight: number;
  /**
   * Per dimension, the non-empty indices of every line along it, keyed by the line's
   * entry at index 0: only non-empty entries can move, and most of a sparse table is empty.
   */
  private readonly nonEmpty: Map<number, number[]>[];
  private readonly paths: ShortestPaths;

  constructor(
    private readonly table: MarginalTable,
    private readonly k: number,
    private readonly hidden: readonly boolean[],
  ) {
    const { sizes, entries } = table;
    this.strides = stridesOf(sizes);
    this.countWeight = entries.length + 1;
    this.nonEmpty = sizes.map(() => new Map<number, number[]>());
    // A plane has the rows and columns of two dimensions, totals included.
    this.paths = new ShortestPaths(sizes.reduce((sum, size) => sum + size + 1, 0));
    entries.forEach((value, entry) => {
      if (value === 0) return;
      coordinatesOf(entry, sizes).forEach((index, dimension) => {
        const start = entry - index * this.strides[dimension]!;
        const line = this.nonEmpty[dimension]!.get(start);
        if (line === undefined) this.nonEmpty[dimension]!.set(start, [index]);
        else line.push(index);
      });
    });
  }

  /** The non-empty indices along `dimension` of the line through `entry`, whose index along it is `index`. */
  private nonEmptyAlong(dimension: number, entry: number, index: number): readonly number[] {
    return this.nonEmpty[dimension]!.get(entry - index * this.strides[dimension]!) ?? [];
  }

  cheapestMove(entry: number): number[] {
    const { sizes, entries } = this.table;
    const origin = coordinatesOf(entry, sizes);
    // Entries going down must be able to give up this much and keep at least 1.
    const lift = this.k - entries[entry]!;
    const search = { entry, origin, lift };
    let best: Move | null = null;

    if (sizes.length === 1) {
      for (const index of this.nonEmptyAlong(0, entry, origin[0]!)) {
        if (index === origin[0]) continue;
        const partner = this.shifted(entry, origin, 0, index);
        // The partner goes down unless it is the total, which goes up with the entry.
        if (!this.flips(origin, 0, index) && entries[partner]! - lift < 1) continue;
        const move = { members: [entry, partner], weight: this.costOf([entry, partner]) };
        if (best === null || move.weight < best.weight) best = move;
      }
    } else {
      // In two dimensions a cycle spans both; in three, each dimension in turn holds the pair,
      // tried cheapest partner first so that dearer ones are skipped once a cheap move is known.
      const planes =
        sizes.length === 2
          ? [{ rows: 0, columns: 1, pair: null, lowerBound: 0 }]
          : sizes
              .flatMap((_, dimension) =>
                this.nonEmptyAlong(dimension, entry, origin[dimension]!)
                  .filter((partner) => partner !== origin[dimension])
                  .map((partner) => {
                    const [rows, columns] = [0, 1, 2].filter((a) => a !== dimension) as [number, number];
                    const lowerBound = this.costOf([this.shifted(entry, origin, dimension, partner)]);
                    return { rows, columns, pair: { dimension, partner }, lowerBound };
                  }),
              )
              .sort((a, b) => a.lowerBound - b.lowerBound);
      for (const plane of planes) {
        if (best !== null && plane.lowerBound >= best.weight) break;
        const move = this.cheapestCycle(search, plane.rows, plane.columns, plane.pair, best?.weight ?? Infinity);
        if (move !== null && (best === null || move.weight < best.weight)) best = move;
      }
    }
    // The box of the entry and its totals, where everything goes up, always qualifies (see "How").
    if (best === null) throw new Error('no protecting move found for a small entry');
    return best.members;
  }

  private costOf(members: readonly number[]): number {
    let weight = 0;
    for (const member of members) {
      if (!this.hidden[member]) weight += this.table.entries[member]! * this.countWeight + 1;
    }
    return weight;
  }

  /** Whether moving the index along `dimension` to `index` enters or leaves a total. */
  private flips(origin: readonly number[], dimension: number, index: number): boolean {
    const total = this.table.sizes[dimension]!;
    return (index === total) !== (origin[dimension] === total);
  }

  private shifted(entry: number, origin: readonly number[], dimension: number, index: number): number {
    return entry + (index - origin[dimension]!) * this.strides[dimension]!;
  }

  /**
   * The cheapest alternating cycle through the entry in the plane of two dimensions. Rows
   * and columns (totals included) are the nodes of a directed graph; a position is an arc
   * from its row to its column when it can go up, and back when it can go down. A directed
   * cycle through the entry's own arc (row to column: it goes up) alternates up and down
   * along every row and column, so no line sum changes.
   *
   * With `pair`, every position stands for two entries — at the entry's own index and at
   * `pair.partner` along `pair.dimension` — moving in opposite directions, so the lines
   * along that dimension do not change either.
   */
  private cheapestCycle(
    search: { entry: number; origin: readonly number[]; lift: number },
    rowDimension: number,
    columnDimension: number,
    pair: { dimension: number; partner: number } | null,
    bound: number,
  ): Move | null {
    const { entry, origin, lift } = search;
    const { sizes, entries } = this.table;
    const hidden = this.hidden;
    const rows = sizes[rowDimension]! + 1;
    const columns = sizes[columnDimension]! + 1;
    const originRow = origin[rowDimension]!;
    const originColumn = origin[columnDimension]!;
    const rowStride = this.strides[rowDimension]!;
    const columnStride = this.strides[columnDimension]!;
    const corner = entry - originRow * rowStride - originColumn * columnStride;
    const partnerOffset = pair === null ? 0 : (pair.partner - origin[pair.dimension]!) * this.strides[pair.dimension]!;
    const partnerSign = pair !== null && this.flips(origin, pair.dimension, pair.partner) ? 1 : -1;
    const countWeight = this.countWeight;

    // Weight of the position's step up (or down), null when one of its entries cannot take it. Hot: no allocation.
    const stepWeight = (row: number, column: number, up: boolean): number | null => {
      const own = corner + row * rowStride + column * columnStride;
      // Entering or leaving the total row or column flips the sign (see `flips`).
      const rowFlips = (row === rows - 1) !== (originRow === rows - 1);
      const columnFlips = (column === columns - 1) !== (originColumn === columns - 1);
      const sign = up !== (rowFlips !== columnFlips) ? 1 : -1;
      let value = entries[own]!;
      if (value === 0 || (sign < 0 && value - lift < 1)) return null;
      let weight = hidden[own] ? 0 : value * countWeight + 1;
      if (pair !== null) {
        const partner = own + partnerOffset;
        value = entries[partner]!;
        if (value === 0 || (sign * partnerSign < 0 && value - lift < 1)) return null;
        if (!hidden[partner]) weight += value * countWeight + 1;
      }
      return weight;
    };
    const originWeight = stepWeight(originRow, originColumn, true);
    if (originWeight === null) return null;
    // The path back leaves the entry's column and enters its row by stepping down: a cheap lower bound that skips most planes.
    let leave = Infinity;
    let enter = Infinity;
    // Rows with a non-empty entry in a given column, and columns with one in a given row (in the entry's own layer).
    const rowsOf = (column: number) => this.nonEmptyAlong(rowDimension, corner + column * columnStride, 0);
    const columnsOf = (row: number) => this.nonEmptyAlong(columnDimension, corner + row * rowStride, 0);
    for (const row of rowsOf(originColumn)) {
      if (row !== originRow) leave = Math.min(leave, stepWeight(row, originColumn, false) ?? Infinity);
    }
    for (const column of columnsOf(originRow)) {
      if (column !== originColumn) enter = Math.min(enter, stepWeight(originRow, column, false) ?? Infinity);
    }
    if (originWeight + leave + enter >= bound) return null;

    const path = this.paths.find(
      rows,
      rows + originColumn,
      originRow,
      bound - originWeight,
      (node) => (node < rows ? columnsOf(node) : rowsOf(node - rows)),
      (row, column, up) => (row === originRow && column === originColumn ? null : stepWeight(row, column, up)),
    );
    if (path === null) return null;
    const members = [[originRow, originColumn] as const, ...path].flatMap(([row, column]) => {
      const own = corner + row * rowStride + column * columnStride;
      return pair === null ? [own] : [own, own + partnerOffset];
    });
    return { members, weight: this.costOf(members) };
  }
}

/**
 * Dijkstra over the bipartite graph of rows (nodes 0…rows−1) and columns (nodes from
 * `rows` on). `sides(node)` lists the columns of a row, or the rows of a column, that may
 * have an arc; `arcWeight(row, column, forward)` weighs the position's arc from its row to
 * its column (forward) or back, null when there is none. Paths weighing `bound` or more
 * are not wanted. The arrays are reused from search to search (it runs once per small
 * entry and partner); a stamp tells this search's values from stale ones.
 */
class ShortestPaths {
  private readonly distance: Float64Array;
  private readonly previous: Int32Array;
  private readonly reached: Uint32Array;
  private readonly settled: Uint32Array;
  private stamp = 0;

  constructor(nodes: number) {
    this.distance = new Float64Array(nodes);
    this.previous = new Int32Array(nodes);
    this.reached = new Uint32Array(nodes);
    this.settled = new Uint32Array(nodes);
  }

  /** The positions along the cheapest path, or null when none weighs less than `bound`. */
  find(
    rows: number,
    from: number,
    to: number,
    bound: number,
    sides: (node: number) => readonly number[],
    arcWeight: (row: number, column: number, forward: boolean) => number | null,
  ): [number, number][] | null {
    const { distance, previous, reached, settled } = this;
    const stamp = ++this.stamp;
    const queue = new MinQueue();
    distance[from] = 0;
    reached[from] = stamp;
    queue.push(0, from);
    for (let node = queue.pop(); node !== undefined && node !== to; node = queue.pop()) {
      if (settled[node] === stamp) continue;
      settled[node] = stamp;
      const isRow = node < rows;
      for (const other of sides(node)) {
        const target = isRow ? rows + other : other;
        if (settled[target] === stamp) continue;
        const weight = isRow ? arcWeight(node, other, true) : arcWeight(other, node - rows, false);
        if (weight === null) continue;
        const through = distance[node]! + weight;
        if (through >= bound || (reached[target] === stamp && through >= distance[target]!)) continue;
        distance[target] = through;
        previous[target] = node;
        reached[target] = stamp;
        queue.push(through, target);
      }
    }
    if (reached[to] !== stamp) return null;
    const path: [number, number][] = [];
    for (let node = to; node !== from; node = previous[node]!) {
      const before = previous[node]!;
      path.push(node < rows ? [node, before - rows] : [before, node - rows]);
    }
    return path;
  }
}

/** A binary heap of nodes by distance; stale entries are skipped by the caller. */
class MinQueue {
  private readonly heap: [number, number][] = [];

  push(priority: number, node: number): void {
    const heap = this.heap;
    heap.push([priority, node]);
    for (let child = heap.length - 1; child > 0; ) {
      const parent = (child - 1) >> 1;
      if (heap[parent]![0] <= heap[child]![0]) break;
      [heap[parent], heap[child]] = [heap[child]!, heap[parent]!];
      child = parent;
    }
  }

  pop(): number | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0]![1];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let parent = 0; ; ) {
        const left = 2 * parent + 1;
        const right = left + 1;
        let smallest = parent;
        if (left < heap.length && heap[left]![0] < heap[smallest]![0]) smallest = left;
        if (right < heap.length && heap[right]![0] < heap[smallest]![0]) smallest = right;
        if (smallest === parent) break;
        [heap[parent], heap[smallest]] = [heap[smallest]!, heap[parent]!];
        parent = smallest;
      }
    }
    return top;
  }
}
