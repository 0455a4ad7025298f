import type { Assessment, AssessmentType, RecordAssessmentRequest } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

/** Newest first; the history of each kind of assessment is kept, never overwritten. */
export function fetchAssessments(
  caseId: string,
  type: AssessmentType | undefined,
  signal?: AbortSignal,
): Promise<{ items: Assessment[] }> {
  return typedApi('get', '/cases/{id}/assessments', { params: { id: caseId }, signal, query: { type } });
}

export function recordAssessment(caseId: string, request: RecordAssessmentRequest): Promise<Assessment> {
  return typedApi('post', '/cases/{id}/assessments', { params: { id: caseId }, body: request });
}
