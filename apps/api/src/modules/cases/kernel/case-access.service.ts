import { Injectable } from '@nestjs/common';
import { scopeOf, type Action } from '@haven/access';
import type { Caller } from '../../../core/auth/caller.js';
import { ConflictError, NotFoundError } from '../../../core/errors/problem.js';
import { CaseAnonymisedError } from '../case-anonymisation.js';
import type { CaseEntity } from '../case.entity.js';
import { CasesRepository, type ChainCopy } from '../cases.repository.js';
import { CaseVault, type IdentityPayload } from './case-vault.service.js';

export type CaseAction = Extract<Action, 'read' | 'update' | 'readIdentity' | 'assign' | 'approve' | 'export'>;
/** What an anonymised case still allows: it is read-only, and only its coded facts remain. */
const READ_ACTIONS = new Set<CaseAction>(['read', 'readIdentity', 'export']);
/** The statuses in which a case may be changed; a closed case is read-only until reopened. */
export const OPEN_STATUSES: ReadonlySet<string> = new Set(['Active', 'FollowUp']);

/**
 * Finding a case for the features that hang off one: in the caller's scope and for
 * an action, or 404 so that its existence is not revealed (docs/architecture.md,
 * "404 or 403"); unscoped only where a feature has established access another way.
 */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly cases: CasesRepository,
    private readonly vault: CaseVault,
  ) {}

  /** The case if the caller may do `action` on it; otherwise 404, so its existence is not revealed. */
  async findForAction(caller: Caller, caseId: string, action: CaseAction): Promise<CaseEntity> {
    const found = await this.cases.findInScope(caseId, scopeOf(caller.ability, action, 'Case'));
    if (!found) throw new NotFoundError();
    if (found.anonymisedAt && !READ_ACTIONS.has(action))
      throw new CaseAnonymisedError('This case has been anonymised and can no longer be changed.');
    return found;
  }

  /** Like findForAction('update'), and refuses closed cases: they are read-only until reopened. */
  async findOpenForUpdate(caller: Caller, caseId: string): Promise<CaseEntity> {
    const found = await this.findForAction(caller, caseId, 'update');
    if (!OPEN_STATUSES.has(found.status)) throw new ConflictError('This case is closed. Reopen it before changing it.');
    return found;
  }

  /**
   * findOpenForUpdate under the lock anonymisation takes first (lockReturnSafeguards), held until the
   * transaction ends, so the case is read again after any erasure that got there first: a write that
   * began before an erasure and reaches the case after it is refused (410) instead of landing on the
   * anonymised case, and an erasure that comes later waits for the write and then removes it.
   * Inside a transaction only, and before the transaction writes anything that refers to the case
   * (a row referring to it holds the case row, which anonymisation locks after this lock).
   */
  async lockOpenForUpdate(caller: Caller, caseId: string): Promise<CaseEntity> {
    await this.cases.lockReturnSafeguards(caseId);
    return this.findOpenForUpdate(caller, caseId);
  }

  /**
   * The case and its identity for a referral's lens (CasesCaseData). No scope check here:
   * the referrals feature has established that the partner holds an open referral, or that
   * the sender may share the sections.
   */
  async forSharing(caseId: string): Promise<{ found: CaseEntity; identity: () => Promise<IdentityPayload> }> {
    const found = await this.cases.findById(caseId);
    if (!found) throw new NotFoundError();
    return { found, identity: () => this.vault.openIdentity(caseId) };
  }

  /** Holds the case's return safeguards still until the transaction ends (see the repository). Taken before reading anything the return gate decides on. */
  lockReturnSafeguards(caseId: string): Promise<void> {
    return this.cases.lockReturnSafeguards(caseId);
  }

  /** The same survivor's cases along transfers (including this one). */
  transferChain(caseId: string): Promise<string[]> {
    return this.cases.transferChain(caseId);
  }

  /** The cases of a transfer chain with the organisation holding each (see DataProtectionService for who may ask). */
  transferChainCopies(caseId: string): Promise<ChainCopy[]> {
    return this.cases.transferChainCopies(caseId);
  }

  /** The organisation's cases closed before the cut-off and not yet anonymised (retention). */
  dueForRetention(organisationId: string, closedBefore: Date, limit: number): Promise<string[]> {
    return this.cases.dueForRetention(organisationId, closedBefore, limit);
  }
}
