import { LIST_COUNT_LIMIT, type KeysetPage, type KeysetQuery, type SortOrder } from '@haven/contracts';
import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadRequestError } from '../errors/problem.js';

/**
 * Keyset (cursor) pagination, shared by every list paged by cursor (docs/architecture.md,
 * "Lists and paging"). A page is the rows after (or before) a position — the last row's sort
 * key and id — in an order an index serves, so the database reads the page's rows and no
 * others however deep the page is. The position travels as an opaque cursor.
 */

/**
 * How a sort key is written in SQL and compared: a timestamp, text or a number, always followed by the row's id.
 * `column` is qualified by the query's alias (e.g. `c.registered_at`). A text key says how long the contract lets
 * it be, so that a cursor carrying a longer one is refused as altered, and every real one is taken.
 */
export type SortColumn =
  | { column: string; type: 'timestamptz' }
  | { column: string; type: 'bigint' }
  | { column: string; type: 'text'; maxLength: number };

/** The row's id that breaks ties: a uuid, or a bigint for the append-only logs numbered in order. */
export interface IdColumn {
  column: string;
  type: 'uuid' | 'bigint';
}

/**
 * A list paged by cursor: its allow-listed sorts (each served by an index that starts with
 * what the scope and the row-level policies filter on, then the key, then the id) and its id.
 */
export interface KeysetList<K extends string> {
  sorts: Record<K, SortColumn>;
  id: IdColumn;
}

/** Where a page starts: after the cursor's row (next page) or before it (previous page). */
export interface KeysetPosition {
  direction: 'after' | 'before';
  value: string;
  id: string;
}

const CURSOR_VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT = /^[1-9][0-9]{0,17}$/;
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
export function decodeCursor(
  cursor: string,
  sort: string,
  order: SortOrder,
  column: SortColumn,
  idType: IdColumn['type'] = 'uuid',
): KeysetPosition {
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
  if (
    (direction !== 'a' && direction !== 'b') ||
    typeof value !== 'string' ||
    typeof id !== 'string' ||
    !(idType === 'uuid' ? UUID : BIGINT).test(id)
  )
    throw badCursor('Not a cursor of this list');
  const wellFormed =
    column.type === 'timestamptz'
      ? TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))
      : column.type === 'bigint'
        ? BIGINT.test(value)
        : value.length <= column.maxLength;
  if (!wellFormed) throw badCursor('Not a cursor of this list');
  return { direction: direction === 'a' ? 'after' : 'before', value, id };
}

/** The sort key as text at full precision (timestamps to the microsecond, in UTC), for the cursor. */
export function sortKeySql(sort: SortColumn): string {
  if (sort.type === 'timestamptz') return `to_char(${sort.column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  // Text too is cast, so the key is an expression: TypeORM's query builder takes a bare `alias.property` selected
  // under another name as that property's selection, and would leave the entity's own field (a name, a trade) empty.
  return `${sort.column}::text`;
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

export function keysetPlan(query: KeysetQuery, column: SortColumn, idType: IdColumn['type'] = 'uuid'): KeysetPlan {
  if (query.cursor && query.page > 1)
    throw new BadRequestError('Give either a cursor or a page, not both.', [
      { field: 'page', message: 'Not allowed with a cursor' },
    ]);
  const position = query.cursor ? decodeCursor(query.cursor, query.sort, query.order, column, idType) : null;
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
  idColumn: string | IdColumn,
  parameter: (value: unknown) => string,
): string | null {
  if (!plan.position) return null;
  const id: IdColumn = typeof idColumn === 'string' ? { column: idColumn, type: 'uuid' } : idColumn;
  const operator = plan.readOrder === 'ASC' ? '>' : '<';
  // A list sorted by its id alone (a log numbered in order) compares the id once.
  if (sort.column === id.column) return `${id.column} ${operator} ${parameter(plan.position.id)}::${id.type}`;
  return `(${sort.column}, ${id.column}) ${operator} (${parameter(plan.position.value)}::${sort.type}, ${parameter(plan.position.id)}::${id.type})`;
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

/** The SQL parts of one page of a list paged by cursor, for a repository to place in its query. */
export interface KeysetSql {
  plan: KeysetPlan;
  /** Selects the sort key at full precision as `sort_key` and the id as text as `key_id`, for the cursors. */
  keySelect: string;
  /** The condition on the position (null on a first page), to AND with the list's own. */
  condition: string | null;
  /** ORDER BY's terms: the key then the id, in the direction the page is read. */
  orderBy: string;
  /** LIMIT and OFFSET, computed here from bounded numbers (never from the request's text). */
  limitOffset: string;
}

/**
 * One page's SQL for a list paged by cursor: every list uses this (or, with the query builder,
 * its parts) rather than writing its own order, position and limit.
 */
export function keysetSql<K extends string>(
  list: KeysetList<K>,
  query: KeysetQuery<K>,
  parameter: (value: unknown) => string,
): KeysetSql {
  const sort = list.sorts[query.sort];
  const plan = keysetPlan(query, sort, list.id.type);
  const orderBy =
    sort.column === list.id.column
      ? `${list.id.column} ${plan.readOrder}`
      : `${sort.column} ${plan.readOrder}, ${list.id.column} ${plan.readOrder}`;
  return {
    plan,
    keySelect: `${sortKeySql(sort)} AS sort_key, ${list.id.column}::text AS key_id`,
    condition: keysetCondition(plan, sort, list.id, parameter),
    orderBy,
    limitOffset: `LIMIT ${plan.limit} OFFSET ${plan.offset}`,
  };
}

/** A page of entities read by readKeysetPage, each with the keys of its cursors. */
export interface KeysetEntityPage<E> {
  rows: { entity: E; sort_key: string; key_id: string }[];
  plan: KeysetPlan;
  count: number;
}

/**
 * One page of a list read with TypeORM's query builder: the builder holds the list's own
 * conditions (scope, filters, joins); this adds the position, the order and the limit, and
 * counts the same rows up to LIST_COUNT_LIMIT beside it on a second pooled connection.
 */
export async function readKeysetPage<E extends ObjectLiteral & { id: string | number }, K extends string>(
  dataSource: DataSource | EntityManager,
  builder: SelectQueryBuilder<E>,
  list: KeysetList<K>,
  query: KeysetQuery<K>,
): Promise<KeysetEntityPage<E>> {
  const [countedSql, countedParameters] = builder.clone().select('1').getQueryAndParameters();
  const named: Record<string, unknown> = {};
  const page = keysetSql(list, query, (value) => {
    const name = `keyset${Object.keys(named).length}`;
    named[name] = value;
    return `:${name}`;
  });
  const sort = list.sorts[query.sort];
  builder.addSelect(sortKeySql(sort), 'sort_key').addSelect(`${list.id.column}::text`, 'key_id');
  if (page.condition) builder.andWhere(page.condition, named);
  builder.orderBy(sort.column, page.plan.readOrder);
  if (sort.column !== list.id.column) builder.addOrderBy(list.id.column, page.plan.readOrder);
  builder.offset(page.plan.offset).limit(page.plan.limit);
  const [{ entities, raw }, count] = await Promise.all([
    builder.getRawAndEntities<{ sort_key: string; key_id: string }>(),
    dataSource
      .query(boundedCountSql(countedSql), countedParameters)
      .then((result: { count: number }[]) => result[0]?.count ?? 0),
  ]);
  const keys = new Map(raw.map((row) => [row.key_id, row.sort_key]));
  return {
    rows: entities.map((entity) => ({
      entity,
      sort_key: keys.get(String(entity.id)) ?? '',
      key_id: String(entity.id),
    })),
    plan: page.plan,
    count,
  };
}

/**
 * The answer of a list paged by cursor from the rows read (each with its `sort_key` and
 * `key_id`, as keySelect names them) and the bounded count.
 */
export function keysetResponse<Row extends { sort_key: string; key_id: string }, Item>(
  rows: Row[],
  query: KeysetQuery,
  plan: KeysetPlan,
  count: number,
  toItem: (row: Row) => Item,
): KeysetPage<Item> {
  const page = keysetPage(rows, query, plan, (row) => ({ value: row.sort_key, id: row.key_id }));
  return {
    items: page.items.map(toItem),
    page: query.page,
    pageSize: query.pageSize,
    ...boundedTotal(count),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
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
