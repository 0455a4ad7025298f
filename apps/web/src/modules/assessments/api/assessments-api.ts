import type { Assessment, AssessmentType, RecordAssessmentRequest } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const path = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/assessments`;

/** Newest first; the history of each kind of assessment is kept, never overwritten. */
export function fetchAssessments(
  caseId: string,
  type: AssessmentType | undefined,
  signal?: AbortSignal,
): Promise<{ items: Assessment[] }> {
  return apiRequest<{ items: Assessment[] }>(path(caseId), { signal, query: { type } });
}

export function recordAssessment(caseId: string, request: RecordAssessmentRequest): Promise<Assessment> {
  return apiRequest<Assessment>(path(caseId), { method: 'POST', body: request });
}
