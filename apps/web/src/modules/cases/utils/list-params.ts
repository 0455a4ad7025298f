import {
  CASE_SORTS,
  CASE_STAGES,
  cursorSchema,
  CASE_STATUSES,
  RISK_LEVELS,
  uuidSchema,
  type CaseListQuery,
  type CaseSort,
  type CaseStage,
  type CaseStatus,
  type RiskLevel,
} from '@haven/contracts';

export const CASE_PAGE_SIZE = 25;

/** The list's first order: newest registrations first. */
export const DEFAULT_CASE_SORT: { sort: CaseSort; order: 'asc' | 'desc' } = { sort: 'registeredAt', order: 'desc' };

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

/** The list's state lives in the URL so it survives reloads, back/forward and can be bookmarked. */
export function readListParams(params: URLSearchParams): CaseListQuery {
  const cursor = params.get('cursor');
  const reference = normaliseReference(params.get('reference') ?? '');
  const assigneeId = params.get('assigneeId');
  return {
    // Pages are read by cursor: an old link's page number starts again from the first page.
    page: 1,
    pageSize: CASE_PAGE_SIZE,
    sort: oneOf<CaseSort>(CASE_SORTS, params.get('sort')) ?? DEFAULT_CASE_SORT.sort,
    order: oneOf(['asc', 'desc'] as const, params.get('order')) ?? DEFAULT_CASE_SORT.order,
    cursor: cursor && cursorSchema.safeParse(cursor).success ? cursor : undefined,
    status: oneOf<CaseStatus>(CASE_STATUSES, params.get('status')),
    riskLevel: oneOf<RiskLevel>(RISK_LEVELS, params.get('riskLevel')),
    stage: oneOf<CaseStage>(CASE_STAGES, params.get('stage')),
    // A hand-edited address with a malformed id is ignored rather than sent to be refused.
    assigneeId: assigneeId && uuidSchema.safeParse(assigneeId).success ? assigneeId : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    reference: reference || undefined,
  };
}

export function writeListParams(query: Partial<CaseListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.reference) params.set('reference', query.reference);
  if (query.status) params.set('status', query.status);
  if (query.riskLevel) params.set('riskLevel', query.riskLevel);
  if (query.stage) params.set('stage', query.stage);
  if (query.assigneeId) params.set('assigneeId', query.assigneeId);
  if (query.overdue) params.set('overdue', 'true');
  if (query.sort && (query.sort !== DEFAULT_CASE_SORT.sort || query.order !== DEFAULT_CASE_SORT.order)) {
    params.set('sort', query.sort);
    params.set('order', query.order ?? DEFAULT_CASE_SORT.order);
  }
  if (query.cursor) params.set('cursor', query.cursor);
  return params;
}

export function hasListFilters(query: CaseListQuery): boolean {
  return Boolean(
    query.reference || query.status || query.riskLevel || query.stage || query.assigneeId || query.overdue,
  );
}

/** References are typed from paper or read aloud; accept lower case and stray spaces, cap at the API's limit. */
export function normaliseReference(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase().slice(0, 12);
}
