import type {
  AgeAssessment,
  AppointGuardianRequest,
  BestInterests,
  ChildRecord,
  ChildViews,
  DecideBestInterestsRequest,
  Guardian,
  RecordAgeAssessmentRequest,
  RecordBestInterestsRequest,
  RecordChildViewsRequest,
} from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchChildRecord(caseId: string, signal?: AbortSignal): Promise<ChildRecord> {
  return typedApi('get', '/cases/{id}/child', { params: { id: caseId }, signal });
}

export function appointGuardian(caseId: string, request: AppointGuardianRequest): Promise<Guardian> {
  return typedApi('post', '/cases/{id}/child/guardians', { params: { id: caseId }, body: request });
}

export function recordAgeAssessment(caseId: string, request: RecordAgeAssessmentRequest): Promise<AgeAssessment> {
  return typedApi('post', '/cases/{id}/child/age-assessments', { params: { id: caseId }, body: request });
}

export function recordViews(caseId: string, request: RecordChildViewsRequest): Promise<ChildViews> {
  return typedApi('post', '/cases/{id}/child/views', { params: { id: caseId }, body: request });
}

export function recordBestInterests(caseId: string, request: RecordBestInterestsRequest): Promise<BestInterests> {
  return typedApi('post', '/cases/{id}/child/best-interests', { params: { id: caseId }, body: request });
}

export function decideBestInterests(
  caseId: string,
  recordId: string,
  request: DecideBestInterestsRequest,
): Promise<BestInterests> {
  return typedApi('post', '/cases/{id}/child/best-interests/{recordId}/decision', {
    params: { id: caseId, recordId },
    body: request,
  });
}
