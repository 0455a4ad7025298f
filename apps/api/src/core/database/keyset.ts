import { LIST_COUNT_LIMIT, type KeysetQuery, type SortOrder } from '@haven/contracts';
import { BadRequestError } from '../errors/problem.js';

/**
 * Keyset (cursor) pagination, shared by every list paged by cursor (docs/architecture.md,
 * "Lists and paging"). A page is the rows after (or before) a position — the last row's sort
 * key and id — in an order an index serves, so the database reads the page's rows and no
 * others however deep the page is. The position travels as an opaque cursor.
 */

/** How a sort key is written in SQL and compared: a timestamp or text, always followed by the row's id. */
export interface SortColumn {
  /** The column, qualified by the query's alias (e.g. `c.registered_at`). */
  column: string;
  type: 'timestamptz' | 'text';
}

/** Where a page starts: after the cursor's row (next page) or before it (previous page). */
export interface KeysetPosition {
  direction: 'after' | 'before';
  value: string;
  id: string;
}

const CURSOR_VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function badCursor(message: string): BadRequestError {
  return new BadRequestError('The cursor is not one this list gave out.', [{ field: 'cursor', message }]);
}

export function encodeCursor(sort: string, order: SortOrder, position: KeysetPosition): string {
  const payload = [
    CURSOR_VERSION,
    sort,
    order,
    position.direction === 'after' ? 'a' : 'b',
    position.value,
    position.id,
  ];
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * The position a cursor holds, checked: a cursor of another sort or order, or one that was
 * altered, is a 400 naming `cursor`, never a query with a malformed key.
 */
export function decodeCursor(cursor: string, sort: string, order: SortOrder, type: SortColumn['type']): KeysetPosition {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('Not a cursor of this list');
  }
  if (!Array.isArray(payload) || payload.length !== 6 || payload[0] !== CURSOR_VERSION)
    throw badCursor('Not a cursor of this list');
  const [, cursorSort, cursorOrder, direction, value, id] = payload as unknown[];
  if (cursorSort !== sort || cursorOrder !== order)
    throw badCursor('The cursor belongs to another sort order: start again from the first page');
  if ((direction !== 'a' && direction !== 'b') || typeof value !== 'string' || typeof id !== 'string' || !UUID.test(id))
    throw badCursor('Not a cursor of this list');
  if (type === 'timestamptz' ? !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value)) : value.length > 200)
    throw badCursor('Not a cursor of this list');
  return { direction: direction === 'a' ? 'after' : 'before', value, id };
}

/** The sort key as text at full precision (timestamps to the microsecond, in UTC), for the cursor. */
export function sortKeySql(sort: SortColumn): string {
  return sort.type === 'timestamptz'
    ? `to_char(${sort.column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : sort.column;
}

/** What a repository needs to read one page: the ORDER BY direction and the condition on the position. */
export interface KeysetPlan {
  position: KeysetPosition | null;
  /** The direction the query reads in: the page's order, or its reverse for a previous page. */
  readOrder: 'ASC' | 'DESC';
  /** Rows to read: one more than the page, to know whether another follows. */
  limit: number;
  /** An offset only for old `page` links, bounded by the contract (MAX_OFFSET_PAGE). */
  offset: number;
}

export function keysetPlan(query: KeysetQuery, type: SortColumn['type']): KeysetPlan {
  if (query.cursor && query.page > 1)
    throw new BadRequestError('Give either a cursor or a page, not both.', [
      { field: 'page', message: 'Not allowed with a cursor' },
    ]);
  const position = query.cursor ? decodeCursor(query.cursor, query.sort, query.order, type) : null;
  const pageOrder = query.order === 'asc' ? 'ASC' : 'DESC';
  const reversed = position?.direction === 'before';
  return {
    position,
    readOrder: reversed ? (pageOrder === 'ASC' ? 'DESC' : 'ASC') : pageOrder,
    limit: query.pageSize + 1,
    offset: position ? 0 : (query.page - 1) * query.pageSize,
  };
}

/**
 * The row comparison that starts a page after (or before) the position: `(key, id) > (…)`
 * in the order the query reads, which a B-tree index on (…, key, id) answers as an index
 * condition, scanned forwards or backwards.
 */
export function keysetCondition(
  plan: KeysetPlan,
  sort: SortColumn,
  idColumn: string,
  parameter: (value: unknown) => string,
): string | null {
  if (!plan.position) return null;
  const operator = plan.readOrder === 'ASC' ? '>' : '<';
  return `(${sort.column}, ${idColumn}) ${operator} (${parameter(plan.position.value)}::${sort.type}, ${parameter(plan.position.id)}::uuid)`;
}

/**
 * The page from the rows read (at most `limit`, in read order): the extra row only says that
 * more follow; a previous page is put back in the list's order. Cursors point at the page's
 * first and last rows.
 */
export function keysetPage<T>(
  rows: T[],
  query: KeysetQuery,
  plan: KeysetPlan,
  keyOf: (row: T) => { value: string; id: string },
): { items: T[]; nextCursor: string | null; previousCursor: string | null } {
  const more = rows.length > query.pageSize;
  const page = rows.slice(0, query.pageSize);
  const before = plan.position?.direction === 'before';
  const items = before ? page.reverse() : page;
  const hasNext = before ? true : more;
  const hasPrevious = before ? more : plan.position !== null || plan.offset > 0;
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: hasNext && last ? encodeCursor(query.sort, query.order, { direction: 'after', ...keyOf(last) }) : null,
    previousCursor:
      hasPrevious && first ? encodeCursor(query.sort, query.order, { direction: 'before', ...keyOf(first) }) : null,
  };
}

/** A count that stops at LIST_COUNT_LIMIT: reading 10,001 rows at most, however large the organisation. */
export function boundedCountSql(selectOneSql: string): string {
  return `SELECT count(*)::int AS count FROM (${selectOneSql} LIMIT ${LIST_COUNT_LIMIT + 1}) bounded`;
}

export function boundedTotal(count: number): { total: number; totalIsLowerBound: boolean } {
  return count > LIST_COUNT_LIMIT
    ? { total: LIST_COUNT_LIMIT, totalIsLowerBound: true }
    : { total: count, totalIsLowerBound: false };
}
