import type { RecordServiceRequest, ServiceRecord } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const path = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/services`;

export function fetchServices(caseId: string, signal?: AbortSignal): Promise<{ items: ServiceRecord[] }> {
  return apiRequest<{ items: ServiceRecord[] }>(path(caseId), { signal });
}

export function recordService(caseId: string, request: RecordServiceRequest): Promise<ServiceRecord> {
  return apiRequest<ServiceRecord>(path(caseId), { method: 'POST', body: request });
}
