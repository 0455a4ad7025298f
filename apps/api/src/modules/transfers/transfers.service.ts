import { Injectable, type OnModuleInit } from '@nestjs/common';
import { scopeOf } from '@haven/access';
import {
  TRANSFER_RECIPIENT_KINDS,
  type IncomingTransferList,
  type IncomingTransferQuery,
  type ProposeTransferCommand,
  type ReturnBlockCode,
  type Transfer,
} from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import type { AnonymisingActor } from '../cases/case-anonymisation.js';
import { BadRequestError, ConflictError, HavenError, NotFoundError } from '../../core/errors/problem.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { CaseRecords } from '../cases/kernel/case-records.service.js';
import { ConsentsService } from '../consents/consents.service.js';
import { IdentificationService } from '../identification/identification.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrganisationsService } from '../../core/organisations/organisations.service.js';
import { ReturnGate } from '../protection/return-gate.service.js';
import { ReturnMovements, type PendingMovement } from '../protection/return-movements.js';
import { isReturn, suspensionReasonsFor, type ReturnSubject } from '../protection/return-safeguards.js';
import type { TransferEntity } from './transfer.entity.js';
import { TransfersRepository } from './transfers.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { keysetResponse } from '../../core/database/keyset.js';

const REASON = 'transfer-reason';
const DECISION = 'transfer-decision';

/** Each side sees its own case id only: the sender its case, the receiver the new one; the receiver learns only that a suspended return waits for a protection review. */
function toTransfer(entity: TransferEntity, side: 'sender' | 'receiver'): Transfer {
  return {
    id: entity.id,
    from: { id: entity.fromOrganisationId, name: entity.fromOrganisation?.name ?? '' },
    to: { id: entity.toOrganisationId, name: entity.toOrganisation?.name ?? '' },
    forReturn: entity.forReturn,
    suspension: entity.returnSuspendedAt
      ? {
          since: entity.returnSuspendedAt.toISOString(),
          reasons: suspensionReasonsFor(
            side === 'sender' ? 'sender' : 'receiver',
            entity.returnSuspensionReasons ?? [],
          ),
        }
      : null,
    status: entity.status,
    proposedAt: entity.proposedAt.toISOString(),
    decidedAt: entity.decidedAt?.toISOString() ?? null,
    caseId: side === 'sender' ? entity.caseId : null,
    receivedCaseId: side === 'receiver' ? entity.receivedCaseId : null,
    version: entity.version,
  };
}

/** What the return gate looks at: the marking, whether the receiver is a return office abroad, and that the case is handed over (a child's, abroad, needs a best-interests determination). */
function returnSubjectOf(transfer: TransferEntity): ReturnSubject {
  return {
    markedForReturn: transfer.forReturn,
    services: [],
    recipient: transfer.toOrganisation
      ? {
          kind: transfer.toOrganisation.kind,
          country: transfer.toOrganisation.country,
          services: transfer.toOrganisation.services,
        }
      : null,
    senderCountry: transfer.fromOrganisation?.country ?? null,
    handsOver: true,
  };
}

/**
 * Transfer of responsibility (e.g. to the reintegration office in the country of
 * origin after a voluntary return): proposed by a supervisor, gated by consent and the
 * return safeguards (when proposed and when accepted), accepted or rejected by the
 * receiving supervisor.
 */
@Injectable()
export class TransfersService implements OnModuleInit {
  constructor(
    private readonly transfers: TransfersRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly caseRecords: CaseRecords,
    private readonly vault: CaseVault,
    private readonly consents: ConsentsService,
    private readonly organisations: OrganisationsService,
    private readonly gate: ReturnGate,
    private readonly returnMovements: ReturnMovements,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
    private readonly identification: IdentificationService,
  ) {}

  onModuleInit(): void {
    this.returnMovements.register({
      pending: async (caseId) => (await this.transfers.pendingForCase(caseId)).map(toPendingMovement),
      suspend: (caller, movement, reasons) => this.suspend(caller, movement, reasons),
      resume: (caller, movement) => this.resume(caller, movement),
    });
  }

  async listForCase(caller: Caller, caseId: string): Promise<{ items: Transfer[] }> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    return { items: (await this.transfers.listForCase(caseId)).map((transfer) => toTransfer(transfer, 'sender')) };
  }

  /** Everything on the request's transaction, the case and its key included: one connection, one snapshot. */
  async propose(caller: Caller, caseId: string, command: ProposeTransferCommand): Promise<Transfer> {
    return this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findForAction(caller, caseId, 'approve');
      if (found.status !== 'Active' && found.status !== 'FollowUp')
        throw new ConflictError('Only an open case can be transferred.');
      const recipient = await this.organisations.get(command.toOrganisationId).catch(() => null);
      if (
        !recipient ||
        recipient.id === found.organisationId ||
        !TRANSFER_RECIPIENT_KINDS.includes(recipient.kind) ||
        !recipient.active
      ) {
        throw new BadRequestError('Choose another organisation that runs cases.', [
          { field: 'toOrganisationId', message: 'Not an organisation that can receive the case' },
        ]);
      }
      const consented = await this.consents.hasActiveConsent(caseId, 'transfer', recipient.id);
      if (!consented && !command.consentOverrideReason) {
        throw new HavenError(
          409,
          'Consent required',
          `No transfer consent is recorded for handing this case to ${recipient.name}. Record the survivor's consent to the transfer, or override with a written reason.`,
        );
      }
      // The server decides what a return is; the caller's marking can only add.
      const returnSubject: ReturnSubject = {
        markedForReturn: command.forReturn,
        services: [],
        recipient,
        senderCountry: found.organisation?.country ?? (await this.organisations.get(found.organisationId)).country,
        handsOver: true,
      };
      await this.gate.assertMayProceed({ caseId, subject: returnSubject, suspendedSince: null, audience: 'sender' });
      const sealer = await this.vault.sealerFor(caseId);
      const id = await this.transfers.insert({
        caseId,
        fromOrganisationId: found.organisationId,
        toOrganisationId: recipient.id,
        forReturn: isReturn(returnSubject),
        sealedReason: command.reason ? sealer.seal(REASON, command.reason) : null,
        proposedBy: caller.actor.id,
      });
      if (!id) throw new ConflictError('A transfer of this case is already waiting for a decision.');
      const subject = { type: 'Case', id: caseId, organisationId: found.organisationId };
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'transfer', action: 'proposed', field: 'organisation', newValue: recipient.name },
        ...(!consented
          ? [
              {
                section: 'transfer',
                action: 'consent.overridden',
                field: 'consent',
                newValue: 'overridden',
                sealedComment: sealer.seal('history-comment', command.consentOverrideReason!),
              },
            ]
          : []),
      ]);
      await this.audit.record(caller, { action: 'transfer.proposed', category: 'case', subject });
      if (!consented)
        await this.audit.record(caller, { action: 'transfer.consent.overridden', category: 'case', subject });
      await this.notifications.notifyOrganisation(recipient.id, ['supervisor'], 'transfer.proposed', {
        type: 'Transfer',
        id,
      });
      return toTransfer((await this.transfers.findInCase(caseId, id))!, 'sender');
    });
  }

  async cancel(caller: Caller, caseId: string, transferId: string, version: number): Promise<Transfer> {
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findForAction(caller, caseId, 'approve');
      // The case's lock first, as an erasure and the receiver's decision take it (CasesRepository.lockForAnonymisation).
      await this.caseAccess.lockReturnSafeguards(caseId);
      const transfer = await this.transfers.lockInCase(caseId, transferId);
      if (!transfer) throw new NotFoundError();
      assertStillAsSeen(transfer, version);
      await this.move(transfer, version, { status: 'cancelled', decidedAt: new Date(), decidedBy: caller.actor.id });
      await this.caseHistory.recordChanges(caller, caseId, [{ section: 'transfer', action: 'cancelled' }]);
      await this.audit.record(caller, {
        action: 'transfer.cancelled',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    });
    return toTransfer((await this.transfers.findInCase(caseId, transferId))!, 'sender');
  }

  /**
   * Anonymisation (erasure, retention) withdraws the case's proposed transfers in its own transaction,
   * as if the sender had cancelled them: the receiving organisation no longer finds them (404), and is
   * never told that the case was erased.
   */
  async cancelProposedOnAnonymisation(caseId: string, actor: AnonymisingActor): Promise<void> {
    for (const transfer of await this.transfers.pendingForCase(caseId)) {
      await this.move(transfer, transfer.version, {
        status: 'cancelled',
        decidedAt: new Date(),
        decidedBy: actor.actor?.id ?? null,
      });
      if (actor.actor)
        await this.caseHistory.recordChanges(actor, caseId, [{ section: 'transfer', action: 'cancelled' }]);
      await this.audit.record(actor, {
        action: 'transfer.cancelled',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: transfer.fromOrganisationId },
        reason: 'case-anonymised',
      });
    }
  }

  /**
   * Her transfer consent to an organisation was withdrawn (docs/architecture.md, rule 3): a proposal to it
   * still waiting is cancelled in the withdrawal's transaction, so the receiver can no longer accept it.
   */
  async cancelProposedOnConsentWithdrawn(
    caller: Caller,
    caseId: string,
    recipientOrganisationId: string,
  ): Promise<void> {
    for (const transfer of await this.transfers.pendingForCase(caseId)) {
      if (transfer.toOrganisationId !== recipientOrganisationId) continue;
      await this.move(transfer, transfer.version, {
        status: 'cancelled',
        decidedAt: new Date(),
        decidedBy: caller.actor.id,
      });
      await this.caseHistory.recordChanges(caller, caseId, [{ section: 'transfer', action: 'cancelled' }]);
      await this.audit.record(caller, {
        action: 'transfer.cancelled',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: transfer.fromOrganisationId },
        reason: 'consent-withdrawn',
      });
    }
  }

  /** For my work: the transfers proposed to the caller's organisation that she may decide; null when she decides none. */
  async waitingForDecision(caller: Caller): Promise<number | null> {
    if (!caller.ability.can('update', 'Transfer')) return null;
    return this.transfers.countWaiting(scopeOf(caller.ability, 'update', 'Transfer'));
  }

  /** One page of the transfers proposed to the caller's organisation, but for those the sender cancelled. They name no case until accepted. */
  async incoming(caller: Caller, query: IncomingTransferQuery): Promise<IncomingTransferList> {
    const { rows, plan, count } = await this.transfers.incoming(scopeOf(caller.ability, 'read', 'Transfer'), query);
    return keysetResponse(rows, query, plan, count, ({ entity }) => toTransfer(entity, 'receiver'));
  }

  /**
   * The receiver's decision. The transfer is locked and read again inside the transaction,
   * so that of decisions taken at once exactly one applies and the others answer 409 with
   * the state it left; an acceptance passes the return gate as it stands at that moment.
   */
  async decide(
    caller: Caller,
    transferId: string,
    request: { version: number; decision: 'accept' | 'reject'; comment?: string },
  ): Promise<Transfer> {
    const scope = scopeOf(caller.ability, 'update', 'Transfer');
    const seen = await this.transfers.findIncoming(transferId, scope);
    if (!seen) throw new NotFoundError();
    // An organisation deactivated after the proposal receives no case; it may still reject.
    if (request.decision === 'accept' && !(await this.organisations.get(caller.actor.organisationId)).active) {
      throw new ConflictError('Your organisation is deactivated and cannot receive cases.');
    }
    await this.transactions.withTransaction(async () => {
      await this.caseAccess.lockReturnSafeguards(seen.caseId);
      const transfer = await this.transfers.lockIncoming(transferId, scope);
      if (!transfer) throw new NotFoundError();
      assertStillAsSeen(transfer, request.version);
      if (request.decision === 'accept') {
        await this.gate.assertMayProceed({
          caseId: transfer.caseId,
          subject: returnSubjectOf(transfer),
          suspendedSince: transfer.returnSuspendedAt,
          audience: 'receiver',
        });
      }
      const comment = request.comment
        ? (await this.vault.sealerFor(transfer.caseId)).seal(DECISION, request.comment)
        : null;
      if (request.decision === 'accept') {
        const receivedCaseId = await this.caseRecords.receiveTransfer(caller, transfer.caseId);
        // Before the transfer leaves "proposed": the receiver reads the sending case's decisions while it is offered.
        await this.identification.carryOverOnTransfer(caller, transfer.caseId, receivedCaseId);
        await this.move(transfer, request.version, {
          status: 'accepted',
          decidedBy: caller.actor.id,
          decidedAt: new Date(),
          sealedDecisionComment: comment,
          receivedCaseId,
        });
        await this.audit.record(caller, {
          action: 'transfer.accepted',
          category: 'case',
          subject: { type: 'Case', id: receivedCaseId, organisationId: caller.actor.organisationId },
        });
      } else {
        await this.move(transfer, request.version, {
          status: 'rejected',
          decidedBy: caller.actor.id,
          decidedAt: new Date(),
          sealedDecisionComment: comment,
        });
        await this.caseHistory.recordChanges(caller, transfer.caseId, [{ section: 'transfer', action: 'rejected' }]);
      }
      await this.audit.record(caller, {
        action: `transfer.${request.decision === 'accept' ? 'handed-over' : 'rejected'}`,
        category: 'case',
        subject: { type: 'Case', id: transfer.caseId, organisationId: transfer.fromOrganisationId },
      });
      await this.notifications.notifyUser(
        transfer.proposedBy,
        request.decision === 'accept' ? 'transfer.accepted' : 'transfer.rejected',
        { type: 'Case', id: transfer.caseId },
      );
    });
    return toTransfer(
      (await this.transfers.findIncoming(transferId, scopeOf(caller.ability, 'read', 'Transfer')))!,
      'receiver',
    );
  }

  // ── Return safety: held and resumed with the case's protection concerns ────

  private async suspend(caller: Caller, movement: PendingMovement, reasons: ReturnBlockCode[]): Promise<void> {
    const newlyHeld = movement.suspendedSince === null;
    if (!newlyHeld && sameCodes(movement.suspensionReasons, reasons)) return;
    await this.transfers.setSuspension(movement.id, movement.suspendedSince ?? new Date(), reasons);
    if (!newlyHeld) return;
    await this.announce(caller, movement, 'suspended');
  }

  private async resume(caller: Caller, movement: PendingMovement): Promise<void> {
    await this.transfers.setSuspension(movement.id, null, null);
    await this.announce(caller, movement, 'resumed');
  }

  /** History and audit on the sender's case; the proposer and the receiving supervisors are notified. */
  private async announce(caller: Caller, movement: PendingMovement, change: 'suspended' | 'resumed'): Promise<void> {
    const transfer = (await this.transfers.findInCase(movement.caseId, movement.id))!;
    await this.caseHistory.recordChanges(caller, transfer.caseId, [
      { section: 'transfer', action: `return.${change}`, field: 'return', newValue: change },
    ]);
    await this.audit.record(caller, {
      action: `transfer.return.${change}`,
      category: 'case',
      subject: { type: 'Case', id: transfer.caseId, organisationId: transfer.fromOrganisationId },
    });
    await this.notifications.notifyUser(transfer.proposedBy, `return.${change}`, { type: 'Case', id: transfer.caseId });
    await this.notifications.notifyOrganisation(transfer.toOrganisationId, ['supervisor'], `return.${change}`, {
      type: 'Transfer',
      id: transfer.id,
    });
  }

  private async move(transfer: TransferEntity, version: number, changes: Partial<TransferEntity>): Promise<void> {
    if (transfer.version !== version || !(await this.transfers.updateIfVersion(transfer.id, version, changes))) {
      throw staleTransfer(transfer);
    }
  }
}

/** A 409 carrying the transfer's state as it stands: what a request that lost a race needs to show. */
function staleTransfer(transfer: TransferEntity): ConflictError {
  const detail =
    transfer.status === 'proposed'
      ? 'Someone else changed this transfer since you opened it. Reload to see it.'
      : `This transfer is already ${transfer.status}.`;
  return new ConflictError(detail, { currentVersion: transfer.version, currentStatus: transfer.status });
}

/** The transfer as read under its lock must still be waiting, at the version the caller saw. */
function assertStillAsSeen(transfer: TransferEntity, version: number): void {
  if (transfer.status !== 'proposed' || transfer.version !== version) throw staleTransfer(transfer);
}

function toPendingMovement(transfer: TransferEntity): PendingMovement {
  return {
    id: transfer.id,
    caseId: transfer.caseId,
    subject: returnSubjectOf(transfer),
    suspendedSince: transfer.returnSuspendedAt,
    suspensionReasons: transfer.returnSuspensionReasons,
  };
}

function sameCodes(a: readonly string[] | null, b: readonly string[]): boolean {
  return a !== null && a.length === b.length && a.every((code, index) => code === b[index]);
}
