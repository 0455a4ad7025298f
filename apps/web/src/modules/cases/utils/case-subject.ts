import { subject } from '@casl/ability';
import type { CaseDetail } from '@haven/contracts';

/**
 * The case as the access rules see it, for hiding actions. The team is not sent to the browser; the only
 * rules that mention it (team cover for caseworkers) grant no identity access, so null is the safe reading.
 */
export function caseSubject(detail: CaseDetail) {
  return subject('Case', {
    organisationId: detail.organisation.id,
    assigneeId: detail.assignee?.id ?? null,
    team: null,
    sensitive: detail.sensitive ?? true,
  });
}
