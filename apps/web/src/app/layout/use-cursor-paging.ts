import { useState } from 'react';
import type { SortDirection } from './sortable-header';

interface CursorPagingState<S extends string> {
  sort: S;
  order: SortDirection;
  cursor?: string;
}

/**
 * The sort, order and cursor of a list paged by cursor that keeps them on the screen rather
 * than in the address (a case tab, the inbox, the staff list): the query to send, the column
 * headers' props (SortableHeader) and the pager's. A new sort or filter starts again from the
 * first page, since a cursor belongs to one sort and one set of rows.
 */
export function useCursorPaging<S extends string>(defaultSort: S, defaultOrder: SortDirection) {
  const [state, setState] = useState<CursorPagingState<S>>({ sort: defaultSort, order: defaultOrder });
  return {
    /** `sort`, `order` and, past the first page, `cursor`: what the list's API call sends. */
    query: state,
    /** Props for a SortableHeader of this sort, first chosen in `firstDirection`. */
    sortable: (sort: S, firstDirection: SortDirection) => ({
      direction: state.sort === sort ? state.order : null,
      firstDirection,
      onSort: (order: SortDirection) => setState({ sort, order }),
    }),
    /** CursorPager's onChange: a cursor from the last answer's nextCursor or previousCursor. */
    goTo: (cursor: string) => setState((current) => ({ ...current, cursor })),
    /** Back to the first page, keeping the sort (after a filter changes). */
    restart: () => setState((current) => ({ sort: current.sort, order: current.order })),
  };
}
