import type {
  IncomingTransferList,
  IncomingTransferQuery,
  ProposeTransferRequest,
  protectionReviewSchema,
  ProtectionReviewRequest,
  Transfer,
} from '@haven/contracts';
import type { z } from 'zod';
import { typedApi } from '../../../app/api/typed-api';

export type ProtectionReview = z.infer<typeof protectionReviewSchema>;
export type TransferDecision = 'accept' | 'reject';

export function fetchCaseTransfers(caseId: string, signal?: AbortSignal): Promise<{ items: Transfer[] }> {
  return typedApi('get', '/cases/{id}/transfers', { params: { id: caseId }, signal });
}

export function proposeTransfer(caseId: string, request: ProposeTransferRequest): Promise<Transfer> {
  return typedApi('post', '/cases/{id}/transfers', { params: { id: caseId }, body: request });
}

export function cancelTransfer(caseId: string, transferId: string, version: number): Promise<Transfer> {
  return typedApi('post', '/cases/{id}/transfers/{transferId}/cancel', {
    params: { id: caseId, transferId },
    body: { version },
  });
}

export function fetchIncomingTransfers(
  query: Partial<IncomingTransferQuery>,
  signal?: AbortSignal,
): Promise<IncomingTransferList> {
  return typedApi('get', '/transfers/incoming', { signal, query });
}

export function decideTransfer(
  transferId: string,
  request: { version: number; decision: TransferDecision; comment?: string },
): Promise<Transfer> {
  return typedApi('post', '/transfers/{transferId}/decision', { params: { transferId }, body: request });
}

export function fetchProtectionReviews(caseId: string, signal?: AbortSignal): Promise<{ items: ProtectionReview[] }> {
  return typedApi('get', '/cases/{id}/protection-reviews', { params: { id: caseId }, signal });
}

export function recordProtectionReview(caseId: string, request: ProtectionReviewRequest): Promise<ProtectionReview> {
  return typedApi('post', '/cases/{id}/protection-reviews', { params: { id: caseId }, body: request });
}
