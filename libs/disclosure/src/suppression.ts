import { assertValidK, isSmallCount } from './cell-size.js';
import { InvalidTableError, UnprotectableTableError } from './errors.js';

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
 * - every published figure exactly (rounding only hides more, so the guarantee ignores it);
 * - that every line adds up;
 * - that a published 0 is empty;
 * - that every entry shown `<k` (a *small* entry) holds 1…k−1 people;
 * - that every entry shown `[c]` (hidden only to protect a small one, a *protecting*
 *   entry) holds k or more.
 * A *consistent table* is one of whole numbers that agrees with all of that.
 *
 * ## The guarantee
 * 1. Every entry holding 1…k−1 people, cell or total, is hidden and shown `<k` (primary
 *    suppression); no other entry is shown `<k`, and no empty entry is hidden.
 * 2. **No hidden entry is determined**: for each there is a consistent table in which it
 *    holds another value — so it cannot be recovered by linear algebra across lines, by
 *    adding bounds, or by any other reasoning from what is published. (Every line holding
 *    a hidden entry therefore holds at least two.)
 * 3. For every small entry holding v, `suppress` reports a range [v − down, v + up],
 *    down + up ≥ 1, every value of which some consistent table gives it. The range is the
 *    first of these that a move (see "How") can give it:
 *    a. all of 1…k−1 — the reader learns nothing about the count beyond `<k`;
 *    b. a stretch from v towards 1 or towards k−1, the longest first (the farther end
 *       first on a tie), down to a single step — which is guarantee 2.
 *    So where some move gives a small entry all of 1…k−1, it gets all of it; on the
 *    random tables of suppression.spec.ts most small entries do.
 * A table in which the search finds no move giving some small entry even one step is
 * refused with {@link UnprotectableTableError}. That happens, and must: with k = 5, a row
 * of four cells of 1 whose total (4) is small leaves a reader no choice — four cells of
 * at least 1 adding up to at most 4 are all 1, whatever is hidden. In one and two
 * dimensions the search is complete (every way a table can differ and stay consistent
 * splits into cycles that each stay consistent), so a refusal there is always necessary;
 * in three it considers only the doubled cycles below, so a refusal can be over-cautious
 * (rarely: under 1 in 100 of the deliberately sparse random tables of the spec).
 *
 * ## How
 * A *move* is a set of entries and a sign for each, such that adding the signs keeps
 * every line adding up. For a small entry c holding v and a wanted range [v − down,
 * v + up], the search looks for a move through c, entirely hidden, along which every
 * member stays within what its mark says for each shift from −down to +up: a small
 * member within 1…k−1, a protecting one at k or more, none ever empty. Applying the move
 * t times, −down ≤ t ≤ up, gives a consistent table in which c holds v + t (bounds are
 * intervals, so every step in between fits too). Every member is then hidden; members
 * holding k or more become `[c]`. Since each hidden entry is small or a member of such a
 * move, guarantee 2 follows. Among the qualifying moves the search picks the one that
 * newly hides the smallest sum of counts, then the fewest entries. In one dimension a
 * move is a pair of entries of the line; in two, an alternating cycle through rows and
 * columns (found as a shortest path); in three, such a cycle across two dimensions,
 * doubled with opposite signs along the third. suppression.spec.ts checks guarantees 1–3
 * on random tables with an exact search.
 *
 * ## Limits
 * - The marks themselves say which hidden entries are small: that is the published rule
 *   (`<k`), and guarantees 2–3 are stated against a reader who knows it.
 * - A reader who knows the choice rule can sometimes infer that a hidden entry was the
 *   cheapest candidate; this inference is not defended against.
 * - Published zeros tell who is *not* in a group (e.g. everyone of one nationality is in
 *   one exploitation type). Suppression cannot hide that; fixed dimensions, the
 *   population threshold and the dimension cap keep groups coarse.
 * - Differences between two tables (two filters, two releases) are beyond one table:
 *   each period is published on its own (statistics-publisher.ts), fixed dimensions and
 *   the differential-privacy budget address them.
 * - Guarantee 3 is about one move at a time: the true feasible range of a small entry
 *   (over all consistent tables) can be, and often is, wider than the one reported.
 * - Cost: a shortest-path search per small entry and wanted range (per partner index in
 *   three dimensions): the full range first, then a bisection per side, so one search
 *   when the full range can be had and about 2·log₂ k at worst. A 40 × 12 × 6 table
 *   with over a thousand small entries takes a second or two; tables of ordinary size (a
 *   period by one or two dimensions of up to a few dozen values), milliseconds.
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

/** How far a small entry can move in the consistent tables its move proves: v − down … v + up. */
export interface Reach {
  readonly up: number;
  readonly down: number;
}

export interface Suppression {
  /** Which entries to hide. */
  readonly hidden: boolean[];
  /** Per entry: for a small entry, the range its move proves (guarantee 3); null for the others. */
  readonly reach: (Reach | null)[];
}

/**
 * Which entries to hide (guarantees 1 and 2 above); throws {@link UnprotectableTableError}
 * when some small entry cannot be protected.
 */
export function suppressTable(table: MarginalTable, k: number): boolean[] {
  return suppress(table, k).hidden;
}

/** Which entries to hide, and for each small entry the range it is proven to keep (guarantee 3). */
export function suppress(table: MarginalTable, k: number): Suppression {
  assertValidK(k);
  const { sizes, entries } = table;
  if (sizes.length === 0) throw new InvalidTableError('a table needs at least one dimension');
  if (entries.some((value) => !Number.isInteger(value) || value < 0)) {
    throw new InvalidTableError('counts must be whole numbers ≥ 0');
  }
  const hidden = entries.map((value) => isSmallCount(value, k));
  const reach: (Reach | null)[] = entries.map(() => null);
  const search = new MoveSearch(table, k, hidden);
  entries.forEach((value, entry) => {
    if (!isSmallCount(value, k)) return;
    const found = widestMove(search, entry, value, k);
    if (found === null) throw new UnprotectableTableError(k);
    for (const member of found.members) hidden[member] = true;
    reach[entry] = found.reach;
  });
  return { hidden, reach };
}

/**
 * The move giving a small entry the widest range, in the order of guarantee 3: all of
 * 1…k−1; else the longest stretch from v towards one end (the farther end on a tie).
 * A move that allows a stretch allows every shorter one, so each side's longest stretch
 * is found by bisection.
 */
function widestMove(search: MoveSearch, entry: number, value: number, k: number): { reach: Reach; members: number[] } | null {
  const room: Reach = { up: k - 1 - value, down: value - 1 };
  if (room.up > 0 && room.down > 0) {
    const members = search.cheapestMove(entry, room);
    if (members !== null) return { reach: room, members };
  }
  const sides: (keyof Reach)[] = room.up >= room.down ? ['up', 'down'] : ['down', 'up'];
  let best: { reach: Reach; members: number[] } | null = null;
  for (const side of sides) {
    const along = (length: number): Reach => (side === 'up' ? { up: length, down: 0 } : { up: 0, down: length });
    // The longest stretch on this side worth trying: longer than the best so far.
    let shortest = best === null ? 1 : best.reach.up + best.reach.down + 1;
    let longest = room[side];
    while (shortest <= longest) {
      const length = Math.ceil((shortest + longest) / 2);
      const members = search.cheapestMove(entry, along(length));
      if (members === null) longest = length - 1;
      else {
        best = { reach: along(length), members };
        shortest = length + 1;
      }
    }
  }
  return best;
}

/** A set of entries whose signed shift keeps every line adding up, and what hiding it costs. */
interface Move {
  readonly members: number[];
  /** Sum of the counts it newly hides, then the number of entries it newly hides. */
  readonly weight: number;
}

/** One search: the small entry, its coordinates, and the range its move must allow. */
interface Search {
  readonly entry: number;
  readonly origin: readonly number[];
  readonly reach: Reach;
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

  /**
   * Whether an entry holding `value` stays within what its mark says for every shift of
   * the move: `withEntry` when it moves in the small entry's direction. Hot: no allocation.
   */
  private fits(value: number, withEntry: boolean, reach: Reach): boolean {
    if (value === 0) return false;
    const rises = withEntry ? reach.up : reach.down;
    const falls = withEntry ? reach.down : reach.up;
    return value < this.k ? value - falls >= 1 && value + rises <= this.k - 1 : value - falls >= this.k;
  }

  /** The members of the cheapest move giving the entry the wanted reach, or null when there is none. */
  cheapestMove(entry: number, reach: Reach): number[] | null {
    const { sizes, entries } = this.table;
    const origin = coordinatesOf(entry, sizes);
    const search: Search = { entry, origin, reach };
    let best: Move | null = null;

    if (sizes.length === 1) {
      for (const index of this.nonEmptyAlong(0, entry, origin[0]!)) {
        if (index === origin[0]) continue;
        const partner = this.shifted(entry, origin, 0, index);
        // The partner moves against the entry unless one of the two is the total.
        if (!this.fits(entries[partner]!, this.flips(origin, 0, index), reach)) continue;
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
    return best?.members ?? null;
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
    search: Search,
    rowDimension: number,
    columnDimension: number,
    pair: { dimension: number; partner: number } | null,
    bound: number,
  ): Move | null {
    const { entry, origin, reach } = search;
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
    const partnerWithOwn = pair !== null && this.flips(origin, pair.dimension, pair.partner);
    const countWeight = this.countWeight;

    // Weight of the position's step up (or down), null when one of its entries cannot take it. Hot: no allocation.
    const stepWeight = (row: number, column: number, up: boolean): number | null => {
      const own = corner + row * rowStride + column * columnStride;
      // Entering or leaving the total row or column flips the sign (see `flips`).
      const rowFlips = (row === rows - 1) !== (originRow === rows - 1);
      const columnFlips = (column === columns - 1) !== (originColumn === columns - 1);
      const withEntry = up !== (rowFlips !== columnFlips);
      let value = entries[own]!;
      if (!this.fits(value, withEntry, reach)) return null;
      let weight = hidden[own] ? 0 : value * countWeight + 1;
      if (pair !== null) {
        const partner = own + partnerOffset;
        value = entries[partner]!;
        if (!this.fits(value, withEntry === partnerWithOwn, reach)) return null;
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
