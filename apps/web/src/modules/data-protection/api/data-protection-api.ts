import type {
  ConfirmErasureRequest,
  DataProtectionStatus,
  ErasureRequest,
  OrganisationRetention,
  RetentionRun,
} from '@haven/contracts';
import { apiDownload } from '../../../app/api-client';
import { typedApi, type PathsWith } from '../../../app/api/typed-api';

export function fetchDataProtection(caseId: string, signal?: AbortSignal): Promise<DataProtectionStatus> {
  return typedApi('get', '/cases/{id}/data-protection', { params: { id: caseId }, signal });
}

export function recordErasure(caseId: string, request: ErasureRequest): Promise<DataProtectionStatus> {
  return typedApi('post', '/cases/{id}/erasure', { params: { id: caseId }, body: request });
}

/** Confirms the erasure another organisation recorded for the survivor: erases this organisation's copy. */
export function confirmErasureRequest(caseId: string, request: ConfirmErasureRequest): Promise<DataProtectionStatus> {
  return typedApi('post', '/cases/{id}/erasure-requests/confirm', { params: { id: caseId }, body: request });
}

/** The survivor's data as an encrypted zip; the password goes only into this request. */
export function downloadAccessExport(
  caseId: string,
  password: string,
): Promise<{ blob: Blob; fileName: string | null }> {
  // A zip file, not JSON, so `apiDownload` rather than `typedApi`; the path is still checked against the document.
  const path: PathsWith<'post'> = '/cases/{id}/access-export';
  return apiDownload(path.replace('{id}', encodeURIComponent(caseId)), { method: 'POST', body: { password } });
}

export function fetchRetentionSettings(
  signal?: AbortSignal,
): Promise<{ items: OrganisationRetention[]; minimumMonths: number }> {
  return typedApi('get', '/data-protection/organisations', { signal });
}

export function saveRetention(organisationId: string, retentionMonths: number | null): Promise<unknown> {
  return typedApi('patch', '/organisations/{id}', { params: { id: organisationId }, body: { retentionMonths } });
}

export function fetchRetentionRuns(signal?: AbortSignal): Promise<{ items: RetentionRun[] }> {
  return typedApi('get', '/data-protection/retention-runs', { signal });
}
