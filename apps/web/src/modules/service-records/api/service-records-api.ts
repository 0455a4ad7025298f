import type { RecordServiceRequest, ServiceRecord } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchServices(caseId: string, signal?: AbortSignal): Promise<{ items: ServiceRecord[] }> {
  return typedApi('get', '/cases/{id}/services', { params: { id: caseId }, signal });
}

export function recordService(caseId: string, request: RecordServiceRequest): Promise<ServiceRecord> {
  return typedApi('post', '/cases/{id}/services', { params: { id: caseId }, body: request });
}
