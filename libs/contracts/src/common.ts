import { z } from 'zod';
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH } from './text.js';

/** Query parameters shared by every paginated list. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/**
 * Counts of whole-organisation lists stop here: the answer says "more than 10,000" instead
 * of counting every row of a large organisation for each page.
 */
export const LIST_COUNT_LIMIT = 10_000;

/**
 * Lists paged by cursor still accept `page` for old links, but only this deep: an offset
 * makes the database read and throw away every row before the page.
 */
export const MAX_OFFSET_PAGE = 20;

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/**
 * The longest text any list is sorted by, in UTF-16 code units as the contracts count them:
 * the staff list's e-mail address or display name (a case reference is 12).
 */
export const SORT_KEY_MAX_LENGTH = Math.max(EMAIL_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH);

/**
 * The bytes of a cursor besides its key: `[1,"<sort>","desc","a","<key>","<uuid>"]` is 59
 * bytes and the sort's name, which is an identifier of a few dozen letters at most.
 */
const CURSOR_FRAME_BYTES = 128;

/**
 * How long a cursor carrying a sort key of `keyLength` characters can be: its JSON in UTF-8,
 * then base64url. A code unit takes at most 3 bytes (Ge'ez, Arabic, CJK; a character beyond
 * the BMP is two units for 4 bytes, a quote escaped is 2), since the texts lists are sorted by
 * admit no control characters, the only ones JSON writes longer.
 */
export function cursorLengthFor(keyLength: number): number {
  return Math.ceil(((CURSOR_FRAME_BYTES + 3 * keyLength) * 4) / 3);
}

/**
 * An opaque cursor: the list's sort, its direction and the last (or first) row's sort key and
 * id, encoded by the API. Clients pass back `nextCursor` or `previousCursor` unchanged. Its
 * length is bounded by what the longest sort key makes (a 254-character e-mail address, a
 * 100-character name in Ge'ez script: about 1,200 characters), not by a guess.
 */
export const CURSOR_MAX_LENGTH = cursorLengthFor(SORT_KEY_MAX_LENGTH);

export const cursorSchema = z
  .string()
  .min(1)
  .max(CURSOR_MAX_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor of this list');

/**
 * Query parameters of a list paged by cursor (keyset pagination): rows after (or before) the
 * cursor in the chosen sort, which only allow-listed, indexed keys may be. The page costs the
 * same on the first page and the thousandth, and rows added between two pages neither repeat
 * nor push others out of sight.
 */
export function keysetQuerySchema<const K extends readonly [string, ...string[]]>(
  sorts: K,
  defaults: { sort: K[number]; order: SortOrder },
) {
  return z.object({
    sort: z.enum(sorts).default(defaults.sort as never),
    order: z.enum(SORT_ORDERS).default(defaults.order),
    cursor: cursorSchema.optional(),
    page: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_OFFSET_PAGE, `Pages beyond ${MAX_OFFSET_PAGE} are not served: follow nextCursor instead`)
      .default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  });
}
export type KeysetQuery<K extends string = string> = {
  sort: K;
  order: SortOrder;
  cursor?: string;
  page: number;
  pageSize: number;
};

/**
 * A page of a list paged by cursor: `total` is exact up to LIST_COUNT_LIMIT; beyond it the
 * list says `totalIsLowerBound` ("more than 10,000"). A cursor is null where there is no
 * further page in that direction.
 */
export function keysetPageOf<T extends z.ZodTypeAny>(item: T) {
  return pageOf(item).extend({
    totalIsLowerBound: z.boolean(),
    nextCursor: z.string().nullable(),
    previousCursor: z.string().nullable(),
  });
}
export type KeysetPage<T> = Page<T> & {
  totalIsLowerBound: boolean;
  nextCursor: string | null;
  previousCursor: string | null;
};

export const uuidSchema = z.uuid();

/** RFC 9457 problem details, the shape of every error the API answers. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
