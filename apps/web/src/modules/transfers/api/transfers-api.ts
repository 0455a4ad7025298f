import type {
  ProposeTransferRequest,
  protectionReviewSchema,
  ProtectionReviewRequest,
  Transfer,
} from '@haven/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../app/api-client';

export type ProtectionReview = z.infer<typeof protectionReviewSchema>;
export type TransferDecision = 'accept' | 'reject';

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

export function fetchCaseTransfers(caseId: string, signal?: AbortSignal): Promise<{ items: Transfer[] }> {
  return apiRequest<{ items: Transfer[] }>(`${casePath(caseId)}/transfers`, { signal });
}

export function proposeTransfer(caseId: string, request: ProposeTransferRequest): Promise<Transfer> {
  return apiRequest<Transfer>(`${casePath(caseId)}/transfers`, { method: 'POST', body: request });
}

export function cancelTransfer(caseId: string, transferId: string, version: number): Promise<Transfer> {
  return apiRequest<Transfer>(`${casePath(caseId)}/transfers/${encodeURIComponent(transferId)}/cancel`, {
    method: 'POST',
    body: { version },
  });
}

export function fetchIncomingTransfers(signal?: AbortSignal): Promise<{ items: Transfer[] }> {
  return apiRequest<{ items: Transfer[] }>('/transfers/incoming', { signal });
}

export function decideTransfer(
  transferId: string,
  request: { version: number; decision: TransferDecision; comment?: string },
): Promise<Transfer> {
  return apiRequest<Transfer>(`/transfers/${encodeURIComponent(transferId)}/decision`, {
    method: 'POST',
    body: request,
  });
}

export function fetchProtectionReviews(caseId: string, signal?: AbortSignal): Promise<{ items: ProtectionReview[] }> {
  return apiRequest<{ items: ProtectionReview[] }>(`${casePath(caseId)}/protection-reviews`, { signal });
}

export function recordProtectionReview(caseId: string, request: ProtectionReviewRequest): Promise<ProtectionReview> {
  return apiRequest<ProtectionReview>(`${casePath(caseId)}/protection-reviews`, { method: 'POST', body: request });
}
