import type {
  Identification,
  RecordScreeningRequest,
  RecordStatusDecisionRequest,
  Screening,
  StatusDecision,
} from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchIdentification(caseId: string, signal?: AbortSignal): Promise<Identification> {
  return typedApi('get', '/cases/{id}/identification', { params: { id: caseId }, signal });
}

export function recordScreening(caseId: string, request: RecordScreeningRequest): Promise<Screening> {
  return typedApi('post', '/cases/{id}/identification/screenings', { params: { id: caseId }, body: request });
}

export function recordDecision(caseId: string, request: RecordStatusDecisionRequest): Promise<StatusDecision> {
  return typedApi('post', '/cases/{id}/identification/decisions', { params: { id: caseId }, body: request });
}
