import { Injectable } from '@nestjs/common';
import type {
  ConfirmErasureRequest,
  DataProtectionStatus,
  ErasureChannel,
  ErasureReason,
  ErasureRequest,
} from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError, ConflictError } from '../../core/errors/problem.js';
import { runAsSystem } from '../../core/request-context/database-scope.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { CaseAnonymiser } from './case-anonymiser.service.js';
import { toDataProtectionStatus } from './data-protection.mapper.js';
import { DataProtectionRepository, type WaitingErasureRequest } from './data-protection.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

const ALREADY_ERASED = 'This case was erased a moment ago by someone else.';

/**
 * A survivor's erasure request (docs/architecture.md, rule 10), recorded by a supervisor of the case's
 * organisation. A tombstone keeps who recorded it, when, and the coded reason — no free text,
 * since nothing written about the survivor may outlive her erasure.
 *
 * Along a transfer chain each organisation decides about its own copy: the erasure anonymises
 * the copies the supervisor's organisation holds, at once, and sends every other organisation
 * holding a copy an erasure request, which one of its supervisors confirms (erasing that copy).
 * One organisation's supervisor can therefore never destroy another's active case; both sides
 * are audited (the request on both cases, the confirmation on both cases) and notified.
 *
 * Row-level security: the other copies belong to other organisations, which the supervisor's
 * scope does not show (a query there would silently find nothing). So, once the supervisor's
 * own scope has found the case and the permission allows it, the erasure transaction — and only
 * it — runs in the system scope; inside, it re-checks the case against the caller (organisation
 * and permission), anonymises only her organisation's copies, and only writes requests for the
 * others. Confirming a request runs in the confirming supervisor's own scope.
 */
@Injectable()
export class DataProtectionService {
  constructor(
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly anonymiser: CaseAnonymiser,
    private readonly repository: DataProtectionRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  async status(caller: Caller, caseId: string): Promise<DataProtectionStatus> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'export');
    // How many copies an erasure would reach: ids only, counted across organisations (nothing of them is returned).
    const [erasure, chain, pending, sent] = await Promise.all([
      this.repository.findErasure(caseId),
      runAsSystem('erasure: counting the transferred copies of a case the caller may see', () =>
        this.caseAccess.transferChain(caseId),
      ),
      this.repository.pendingRequestsFor(caseId),
      this.repository.sentRequestCounts(caseId),
    ]);
    return toDataProtectionStatus(found, erasure, chain.length - 1, found.anonymisedAt ? [] : pending, sent);
  }

  async erase(caller: Caller, caseId: string, request: ErasureRequest): Promise<DataProtectionStatus> {
    // In the supervisor's own scope: 404 outside her organisation; 410 when already anonymised.
    const visible = await this.caseAccess.findForAction(caller, caseId, 'approve');
    this.assertConfirmed(request.confirmReference, visible.reference);
    await runAsSystem(
      'erasure: a survivor’s case, and erasure requests to the other organisations holding a copy',
      () =>
        this.transactions.withTransaction(async () => {
          // Again, locked and against the caller: the system scope must not widen who may erase what.
          const found = await this.caseAccess.findForAction(caller, caseId, 'approve');
          this.assertConfirmed(request.confirmReference, found.reference);
          await this.eraseChain(caller, found.id, found.organisationId, request);
        }),
    );
    return this.status(caller, caseId);
  }

  /** Erasure requests waiting for the caller's decision (supervisors, for "my work"). */
  async waitingRequests(caller: Caller): Promise<WaitingErasureRequest[]> {
    if (!caller.ability.can('approve', 'Case')) return [];
    return this.repository.waitingForOrganisation(caller.actor.organisationId, 100);
  }

  /** A supervisor confirms the erasure another organisation recorded for the survivor: this copy is erased. */
  async confirmRequest(caller: Caller, caseId: string, request: ConfirmErasureRequest): Promise<DataProtectionStatus> {
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findForAction(caller, caseId, 'approve');
      this.assertConfirmed(request.confirmReference, found.reference);
      const [first] = await this.repository.pendingRequestsFor(caseId);
      if (!first) throw new ConflictError('No erasure request is waiting for this case.');
      const now = new Date();
      // The anonymiser locks the case: of two confirmations at once, the second finds it done.
      if (!(await this.anonymiser.anonymise(caseId, 'erasure', caller, now))) throw new ConflictError(ALREADY_ERASED);
      await this.recordTombstone(caller, caseId, found.organisationId, first, now);
      await this.confirmWaitingRequests(caller, [caseId], now);
    });
    return this.status(caller, caseId);
  }

  private assertConfirmed(typed: string, reference: string): void {
    if (typed !== reference) {
      throw new BadRequestError('Type the case reference exactly to confirm the erasure.', [
        { field: 'confirmReference', message: 'Does not match the case reference' },
      ]);
    }
  }

  private async eraseChain(
    caller: Caller,
    caseId: string,
    organisationId: string,
    request: ErasureRequest,
  ): Promise<void> {
    const now = new Date();
    const copies = await this.caseAccess.transferChainCopies(caseId);
    const own = copies.filter((copy) => copy.organisationId === organisationId);
    // The requested case first: the anonymiser locks it, so of two erasures at once the second finds it done.
    if (!(await this.anonymiser.anonymise(caseId, 'erasure', caller, now))) throw new ConflictError(ALREADY_ERASED);
    for (const copy of own.filter((other) => other.id !== caseId))
      await this.anonymiser.anonymise(copy.id, 'erasure', caller, now);
    await this.recordTombstone(caller, caseId, organisationId, request, now);
    // Requests that other organisations made for these copies are answered by this erasure.
    await this.confirmWaitingRequests(
      caller,
      own.map((copy) => copy.id),
      now,
    );
    for (const copy of copies.filter((other) => other.organisationId !== organisationId && !other.anonymised)) {
      await this.repository.insertErasureRequest({
        caseId: copy.id,
        requestedFromCaseId: caseId,
        requestingOrganisationId: organisationId,
        reason: request.reason,
        channel: request.channel,
        requestedBy: caller.actor.id,
        requestedAt: now,
      });
      // Audited on both sides: the requesting case's log and the copy's log (read by that organisation's supervisors).
      await this.audit.record(caller, {
        action: 'case.erasure.requested',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId },
      });
      await this.audit.record(caller, {
        action: 'case.erasure.requested',
        category: 'case',
        subject: { type: 'Case', id: copy.id, organisationId: copy.organisationId },
      });
      await this.notifications.notifySupervisorsOfCase(
        copy.organisationId,
        'case.erasure.requested',
        copy.id,
        caller.actor.id,
      );
    }
  }

  private async recordTombstone(
    caller: Caller,
    caseId: string,
    organisationId: string,
    codes: { reason: ErasureReason; channel: ErasureChannel },
    at: Date,
  ): Promise<void> {
    await this.repository.insertErasure({
      caseId,
      reason: codes.reason,
      channel: codes.channel,
      recordedBy: caller.actor.id,
      recordedAt: at,
    });
    await this.caseHistory.recordChanges(caller, caseId, [
      { section: 'case', action: 'erased', field: 'reason', newValue: codes.reason },
    ]);
    await this.audit.record(caller, {
      action: 'case.erased',
      category: 'case',
      subject: { type: 'Case', id: caseId, organisationId },
    });
  }

  /** Marks the requests waiting for these (now erased) copies confirmed; the requesting side's log and requester hear of it. */
  private async confirmWaitingRequests(caller: Caller, caseIds: string[], at: Date): Promise<void> {
    for (const confirmed of await this.repository.confirmRequestsFor(caseIds, caller.actor.id, at)) {
      const requesterCase = {
        type: 'Case',
        id: confirmed.requestedFromCaseId,
        organisationId: confirmed.requestingOrganisationId,
      };
      await this.audit.record(caller, { action: 'case.erasure.confirmed', category: 'case', subject: requesterCase });
      await this.notifications.notifyUser(confirmed.requestedBy, 'case.erasure.confirmed', {
        type: 'Case',
        id: confirmed.requestedFromCaseId,
      });
    }
  }
}
