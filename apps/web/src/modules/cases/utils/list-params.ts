import { CASE_STATUSES, type CaseListQuery, type CaseStatus } from '@haven/contracts';

export const CASE_PAGE_SIZE = 25;

/** The list's state lives in the URL so it survives reloads, back/forward and can be bookmarked. */
export function readListParams(params: URLSearchParams): CaseListQuery {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  const status = params.get('status');
  const reference = normaliseReference(params.get('reference') ?? '');
  return {
    page: Number.isFinite(page) && page >= 1 ? page : 1,
    pageSize: CASE_PAGE_SIZE,
    status: CASE_STATUSES.includes(status as CaseStatus) ? (status as CaseStatus) : undefined,
    reference: reference || undefined,
  };
}

export function writeListParams(query: Partial<CaseListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.reference) params.set('reference', query.reference);
  if (query.status) params.set('status', query.status);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  return params;
}

/** References are typed from paper or read aloud; accept lower case and stray spaces, cap at the API's limit. */
export function normaliseReference(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase().slice(0, 12);
}
