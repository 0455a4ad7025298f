import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ReturnBlocker } from '@haven/contracts';
import type { Caller } from '../../core/auth/caller.js';
import { HavenError } from '../../core/errors/problem.js';
import { AssessmentHooks } from '../assessments/assessment-hooks.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { ChildrenRepository } from '../children/children.repository.js';
import { basisOf } from '../children/children.service.js';
import { ProtectionRepository } from './protection.repository.js';
import { ReturnMovements } from './return-movements.js';
import {
  bestInterestsBlockers,
  blockersFor,
  isReturn,
  isTransferAbroad,
  nonRefoulementBlockers,
  returnBlockers,
  type ReturnAudience,
  type ReturnSubject,
  type SafeguardFacts,
} from './return-safeguards.js';

/** A step that may move a person toward return. Scheduling travel joins when it exists. */
export interface ReturnStep {
  caseId: string;
  subject: ReturnSubject;
  /** When the referral or transfer being moved was suspended, if it is. */
  suspendedSince: Date | null;
  /** Who takes the step: the sending organisation is told every reason, the receiving one only that a review is pending. */
  audience: ReturnAudience;
}

/** Refusal of a step toward return: every blocker with its reason, and for the sender the case whose protection review would clear them. */
export class ReturnNotAllowedError extends HavenError {
  constructor(blockers: ReturnBlocker[], reviewCaseId?: string) {
    const reasons = blockers.map((blocker) => blocker.reason);
    const clearances = new Set(blockers.map((blocker) => blocker.clearedBy));
    const clearing = !reviewCaseId
      ? ''
      : [
          ...(clearances.has('protectionReview')
            ? [' A supervisor may record a protection review on the case to allow it.']
            : []),
          ...(clearances.has('bestInterestsDetermination')
            ? [' A supervisor must approve a best-interests determination on the case.']
            : []),
        ].join('');
    super(
      409,
      'Return not allowed',
      `A return, or a child's transfer to another country, cannot proceed: ${reasons.join('; ')}.${clearing}`,
      undefined,
      {
        reasons,
        blockers,
        ...(reviewCaseId ? { reviewCaseId } : {}),
      },
    );
  }
}

/**
 * The return gate (docs/architecture.md, "Return safety"): the one check every step toward
 * return passes — proposing and deciding a transfer, sending, accepting and completing a
 * referral, recording a return service — in the step's own transaction, after taking the
 * case's return lock, which every record of a protection concern or review also takes. A
 * concern recorded at the same moment is therefore either seen by the step or recorded
 * after it (and then suspends what the step produced).
 */
@Injectable()
export class ReturnGate implements OnModuleInit {
  constructor(
    private readonly caseAccess: CaseAccess,
    private readonly facts: ProtectionRepository,
    private readonly movements: ReturnMovements,
    private readonly assessmentHooks: AssessmentHooks,
    private readonly children: ChildrenRepository,
  ) {}

  onModuleInit(): void {
    this.assessmentHooks.onProtectionScreeningRecorded((caller, caseId) =>
      this.reconsiderPendingReturns(caller, caseId, 'screening'),
    );
  }

  /**
   * Refuses the step (409) when it is a return and any safeguard blocks it, or when it hands a
   * child's case to another country without an approved best-interests determination. Takes
   * the case's return lock first (again, if the caller already holds it).
   */
  async assertMayProceed(step: ReturnStep): Promise<void> {
    const toReturn = isReturn(step.subject);
    if (!toReturn && !isTransferAbroad(step.subject)) return;
    await this.caseAccess.lockReturnSafeguards(step.caseId);
    const facts = await this.safeguardFacts(step.caseId);
    const blockers = toReturn ? returnBlockers(facts, step.suspendedSince) : bestInterestsBlockers(facts);
    if (blockers.length > 0)
      throw new ReturnNotAllowedError(
        blockersFor(step.audience, blockers),
        step.audience === 'sender' ? step.caseId : undefined,
      );
  }

  /** Both safeguards' facts, read in the step's transaction: the protection screening and review, and whether the case is a child's with a determination approved. */
  private async safeguardFacts(caseId: string): Promise<SafeguardFacts> {
    const childFacts = await this.children.safeguardFacts(caseId);
    return {
      ...(await this.facts.safeguardFacts(caseId)),
      child: basisOf(childFacts) !== null ? { determinationApproved: childFacts!.determinationApproved } : null,
    };
  }

  /**
   * The protection concerns that hold a return of the case now (empty: none). Only these
   * suspend pending returns: a missing best-interests determination holds each step at the
   * gate instead, since approving one is what lets the step go on.
   */
  async caseBlockers(caseId: string): Promise<ReturnBlocker[]> {
    return nonRefoulementBlockers(await this.facts.safeguardFacts(caseId));
  }

  /**
   * After a protection screening or review, in its transaction (the case's return lock
   * held): a concern suspends every pending return of the case; a review that allows
   * return resumes the suspended ones. A screening alone never resumes: a suspended
   * return waits for a supervisor's review.
   */
  async reconsiderPendingReturns(caller: Caller, caseId: string, trigger: 'screening' | 'review'): Promise<void> {
    await this.caseAccess.lockReturnSafeguards(caseId);
    const blockers = await this.caseBlockers(caseId);
    for (const source of this.movements.sources) {
      for (const movement of await source.pending(caseId)) {
        if (!isReturn(movement.subject)) continue;
        if (blockers.length > 0)
          await source.suspend(
            caller,
            movement,
            blockers.map((blocker) => blocker.code),
          );
        else if (trigger === 'review' && movement.suspendedSince) await source.resume(caller, movement);
      }
    }
  }
}
