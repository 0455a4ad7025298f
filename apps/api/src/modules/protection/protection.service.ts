import { Injectable } from '@nestjs/common';
import type { ProtectionReviewRequest } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { ProtectionRepository } from './protection.repository.js';
import { ReturnGate } from './return-gate.service.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

const REASON = 'protection-review-reason';

export interface ProtectionReview {
  id: string;
  decision: 'returnMayProceed' | 'returnBlocked';
  reason: string;
  decidedBy: { id: string; displayName: string };
  decidedAt: string;
}

/**
 * Supervisors' protection reviews (non-refoulement): a review recorded after the latest
 * screening decides whether a return may proceed. Recording one is itself a step of
 * return safety: it suspends or resumes the case's pending returns in its transaction
 * (return-gate.service.ts holds the rule).
 */
@Injectable()
export class ProtectionService {
  constructor(
    private readonly reviews: ProtectionRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly gate: ReturnGate,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  async record(caller: Caller, caseId: string, request: ProtectionReviewRequest): Promise<ProtectionReview> {
    const sealer = await this.vault.sealerFor(caseId);
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findForAction(caller, caseId, 'approve');
      // Before the review's time is taken: a screening recorded at the same moment is either before it or after it, never both.
      await this.caseAccess.lockReturnSafeguards(caseId);
      await this.reviews.insert({
        caseId,
        decision: request.decision,
        sealedReason: sealer.seal(REASON, request.reason),
        decidedById: caller.actor.id,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'protection', action: 'reviewed', field: 'return', newValue: request.decision },
      ]);
      await this.audit.record(caller, {
        action: 'protection.review.recorded',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      await this.gate.reconsiderPendingReturns(caller, caseId, 'review');
    });
    return (await this.list(caller, caseId)).items[0]!;
  }

  async list(caller: Caller, caseId: string): Promise<{ items: ProtectionReview[] }> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    const reviews = await this.reviews.listForCase(caseId);
    const sealer = reviews.length ? await this.vault.sealerFor(caseId) : undefined;
    return {
      items: reviews.map((review) => ({
        id: review.id,
        decision: review.decision,
        reason: sealer!.open(REASON, review.sealedReason),
        decidedBy: { id: review.decidedById, displayName: review.decidedBy?.displayName ?? '' },
        decidedAt: review.decidedAt.toISOString(),
      })),
    };
  }
}
