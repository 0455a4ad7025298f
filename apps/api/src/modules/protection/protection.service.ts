import { Injectable } from '@nestjs/common';
import type { ProtectionReviewRequest } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { HavenError } from '../../core/errors/problem.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { CaseVault } from '../cases/case-vault.service.js';
import { CasesService } from '../cases/cases.service.js';
import { ProtectionRepository } from './protection.repository.js';

const REASON = 'protection-review-reason';

export interface ProtectionReview {
  id: string;
  decision: 'returnMayProceed' | 'returnBlocked';
  reason: string;
  decidedBy: { id: string; displayName: string };
  decidedAt: string;
}

/** Refusal of a return while a protection concern is open (DESIGN.md §5.9). */
export class ReturnNotAllowedError extends HavenError {
  constructor(reasons: string[]) {
    super(409, 'Return not allowed', `A return to the country of origin cannot proceed: ${reasons.join('; ')}. A supervisor may record a protection review to allow it.`, undefined, { reasons });
  }
}

/**
 * The non-refoulement safeguard: a return or a cross-border transfer for return
 * proceeds only when the latest international-protection screening records no fear of
 * return, no asylum intention and a "no protection need" outcome — or when a supervisor
 * has recorded, after that screening, a protection review that lets the return proceed.
 */
@Injectable()
export class ProtectionService {
  constructor(
    private readonly reviews: ProtectionRepository,
    private readonly cases: CasesService,
    private readonly assessments: AssessmentsService,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
  ) {}

  /** The reasons a return is refused now; empty when it may proceed. Callers have checked access to the case. */
  async returnBlockers(caseId: string): Promise<string[]> {
    const [screening, screenedAt, review] = await Promise.all([
      this.assessments.latestProtectionScreening(caseId),
      this.assessments.latestProtectionScreeningAt(caseId),
      this.reviews.latest(caseId),
    ]);
    if (review && (!screenedAt || review.decidedAt >= screenedAt)) {
      return review.decision === 'returnMayProceed' ? [] : ['a protection review decided that the return must not proceed'];
    }
    if (!screening) return ['no international-protection screening has been recorded'];
    const reasons: string[] = [];
    if (screening.fearOfReturn) reasons.push('the survivor has expressed a fear of return');
    if (screening.asylumIntention) reasons.push('the survivor intends to seek asylum');
    if (screening.outcome !== 'noProtectionNeed') reasons.push(`the protection screening outcome is "${screening.outcome}", not "no protection need"`);
    return reasons;
  }

  async assertReturnAllowed(caseId: string): Promise<void> {
    const reasons = await this.returnBlockers(caseId);
    if (reasons.length) throw new ReturnNotAllowedError(reasons);
  }

  async record(caller: Caller, caseId: string, request: ProtectionReviewRequest): Promise<ProtectionReview> {
    const sealer = await this.vault.sealerFor(caseId);
    await this.cases.transaction(async (manager) => {
      const found = await this.cases.findForAction(caller, caseId, 'approve', manager);
      await this.reviews.insert(manager, { caseId, decision: request.decision, sealedReason: sealer.seal(REASON, request.reason), decidedById: caller.actor.id });
      await this.cases.recordChanges(manager, caller, caseId, [{ section: 'protection', action: 'reviewed', field: 'return', newValue: request.decision }]);
      await this.audit.record(caller, { action: 'protection.review.recorded', category: 'case', subject: { type: 'Case', id: caseId, organisationId: found.organisationId } }, manager);
    });
    return (await this.list(caller, caseId)).items[0]!;
  }

  async list(caller: Caller, caseId: string): Promise<{ items: ProtectionReview[] }> {
    await this.cases.findForAction(caller, caseId, 'read');
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
