import {
  CASE_STAGES,
  CASE_STATUSES,
  RISK_LEVELS,
  uuidSchema,
  type CaseListQuery,
  type CaseStage,
  type CaseStatus,
  type RiskLevel,
} from '@haven/contracts';

export const CASE_PAGE_SIZE = 25;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

/** The list's state lives in the URL so it survives reloads, back/forward and can be bookmarked. */
export function readListParams(params: URLSearchParams): CaseListQuery {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  const reference = normaliseReference(params.get('reference') ?? '');
  const assigneeId = params.get('assigneeId');
  return {
    page: Number.isFinite(page) && page >= 1 ? page : 1,
    pageSize: CASE_PAGE_SIZE,
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
  if (query.page && query.page > 1) params.set('page', String(query.page));
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
