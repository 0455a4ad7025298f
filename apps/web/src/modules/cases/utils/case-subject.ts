import { subject } from '@casl/ability';
import type { CaseDetail, CaseStatus } from '@haven/contracts';

/**
 * The case as the access rules see it, for hiding actions. The team is not sent to the browser; the only
 * rules that mention it (team cover for caseworkers) are read as not applying, so a colleague covering for
 * the team sees fewer buttons than the API would allow, never more.
 */
export function caseSubject(detail: CaseDetail) {
  return subject('Case', {
    organisationId: detail.organisation.id,
    assigneeId: detail.assignee?.id ?? null,
    team: null,
    sensitive: detail.sensitive ?? true,
  });
}

const OPEN_STATUSES: readonly CaseStatus[] = ['Active', 'FollowUp'];

/** Closed cases are read-only until reopened; the API refuses changes to them. */
export function isCaseOpen(detail: Pick<CaseDetail, 'status'>): boolean {
  return OPEN_STATUSES.includes(detail.status);
}
