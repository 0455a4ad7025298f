/**
 * What a published table looks like once it leaves a release (statistics.service.ts
 * builds it from stored figures; csv.ts writes it out).
 */

/**
 * What a percentage is a share of: everyone in the table, or the total over one
 * dimension (e.g. `{ of: 'dimensionTotal', dimension: 'sex' }` gives the split by sex
 * within each period).
 */
export type PercentageBasis =
  | { readonly of: 'grandTotal' }
  | { readonly of: 'dimensionTotal'; readonly dimension: string };

/**
 * What a figure of 1…k−1 people shows: `<11` with the default k. The cell key method
 * (cell-key.ts) never shows such a figure as a number.
 */
export function smallCountDisplay(k: number): string {
  return `<${k}`;
}

/**
 * What every figure of a period published with nothing in it shows (a period the release
 * holds nothing for): it says nothing about the figure, not even whether it is small.
 */
export const WITHHELD_DISPLAY = '[x]';

/** One published figure. */
export interface PublishedEntry<Key> {
  /** One value per dimension, in the table's dimension order; `null` stands for "all values". */
  readonly key: Key;
  /** The published count; null when it is not shown as a number. */
  readonly value: number | null;
  /** Exactly what is shown: the count, `<k` ({@link smallCountDisplay}) or {@link WITHHELD_DISPLAY}. */
  readonly display: string;
  readonly suppressed: boolean;
  /** Share of the basis in percent from published counts; absent when the table has no percentages. */
  readonly percentage?: number | null;
}

/** The parts of a published table that its files are written from. */
export interface PublishedTable {
  readonly dimensions: readonly string[];
  readonly cells: readonly PublishedEntry<readonly string[]>[];
  readonly totals: readonly PublishedEntry<readonly (string | null)[]>[];
  readonly percentages: PercentageBasis | null;
}
