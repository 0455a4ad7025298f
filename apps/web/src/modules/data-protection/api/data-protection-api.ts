import type {
  ConfirmErasureRequest,
  DataProtectionStatus,
  ErasureRequest,
  OrganisationRetention,
  RetentionRun,
} from '@haven/contracts';
import { apiDownload, apiRequest } from '../../../app/api-client';

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

export function fetchDataProtection(caseId: string, signal?: AbortSignal): Promise<DataProtectionStatus> {
  return apiRequest<DataProtectionStatus>(`${casePath(caseId)}/data-protection`, { signal });
}

export function recordErasure(caseId: string, request: ErasureRequest): Promise<DataProtectionStatus> {
  return apiRequest<DataProtectionStatus>(`${casePath(caseId)}/erasure`, { method: 'POST', body: request });
}

/** Confirms the erasure another organisation recorded for the survivor: erases this organisation's copy. */
export function confirmErasureRequest(caseId: string, request: ConfirmErasureRequest): Promise<DataProtectionStatus> {
  return apiRequest<DataProtectionStatus>(`${casePath(caseId)}/erasure-requests/confirm`, {
    method: 'POST',
    body: request,
  });
}

/** The survivor's data as an encrypted zip; the password goes only into this request. */
export function downloadAccessExport(
  caseId: string,
  password: string,
): Promise<{ blob: Blob; fileName: string | null }> {
  return apiDownload(`${casePath(caseId)}/access-export`, { method: 'POST', body: { password } });
}

export function fetchRetentionSettings(
  signal?: AbortSignal,
): Promise<{ items: OrganisationRetention[]; minimumMonths: number }> {
  return apiRequest(`/data-protection/organisations`, { signal });
}

export function saveRetention(organisationId: string, retentionMonths: number | null): Promise<unknown> {
  return apiRequest(`/organisations/${encodeURIComponent(organisationId)}`, {
    method: 'PATCH',
    body: { retentionMonths },
  });
}

export function fetchRetentionRuns(signal?: AbortSignal): Promise<{ items: RetentionRun[] }> {
  return apiRequest(`/data-protection/retention-runs`, { signal });
}
