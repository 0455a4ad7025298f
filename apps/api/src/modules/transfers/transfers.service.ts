import { Injectable } from '@nestjs/common';
import { scopeOf } from '@haven/access';
import { proposeTransferRequestSchema, type ProposeTransferRequest, type Transfer } from '@haven/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError, ConflictError, HavenError, NotFoundError } from '../../core/errors/problem.js';
import { CaseVault } from '../cases/case-vault.service.js';
import { CasesService } from '../cases/cases.service.js';
import { ConsentsService } from '../consents/consents.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { ProtectionService } from '../protection/protection.service.js';
import type { TransferEntity } from './transfer.entity.js';
import { TransfersRepository } from './transfers.repository.js';

const REASON = 'transfer-reason';
const DECISION = 'transfer-decision';

/** Each side sees its own case id only: the sender its case, the receiver the new one. */
function toTransfer(entity: TransferEntity, side: 'sender' | 'receiver'): Transfer {
  return {
    id: entity.id,
    from: { id: entity.fromOrganisationId, name: entity.fromOrganisation?.name ?? '' },
    to: { id: entity.toOrganisationId, name: entity.toOrganisation?.name ?? '' },
    forReturn: entity.forReturn,
    status: entity.status,
    proposedAt: entity.proposedAt.toISOString(),
    decidedAt: entity.decidedAt?.toISOString() ?? null,
    caseId: side === 'sender' ? entity.caseId : null,
    receivedCaseId: side === 'receiver' ? entity.receivedCaseId : null,
    version: entity.version,
  };
}

/**
 * Transfer of responsibility (e.g. to the reintegration office in the country of
 * origin after a voluntary return): proposed by a supervisor, gated by consent and the
 * non-refoulement safeguard, accepted or rejected by the receiving supervisor.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly transfers: TransfersRepository,
    private readonly cases: CasesService,
    private readonly vault: CaseVault,
    private readonly consents: ConsentsService,
    private readonly organisations: OrganisationsService,
    private readonly protection: ProtectionService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async listForCase(caller: Caller, caseId: string): Promise<{ items: Transfer[] }> {
    await this.cases.findForAction(caller, caseId, 'read');
    return { items: (await this.transfers.listForCase(caseId)).map((transfer) => toTransfer(transfer, 'sender')) };
  }

  async propose(caller: Caller, caseId: string, request: ProposeTransferRequest): Promise<Transfer> {
    const command = proposeTransferRequestSchema.parse(request);
    const sealer = await this.vault.sealerFor(caseId);
    const transferId = await this.cases.transaction(async (manager) => {
      const found = await this.cases.findForAction(caller, caseId, 'approve', manager);
      if (found.status !== 'Active' && found.status !== 'FollowUp') throw new ConflictError('Only an open case can be transferred.');
      const recipient = await this.organisations.get(command.toOrganisationId).catch(() => null);
      if (!recipient || recipient.id === found.organisationId || recipient.kind === 'programme' || recipient.kind === 'system') {
        throw new BadRequestError('Choose another organisation that runs cases.', [{ field: 'toOrganisationId', message: 'Not an organisation that can receive the case' }]);
      }
      const consented = await this.consents.hasActiveConsent(caseId, 'referral', recipient.id);
      if (!consented && !command.consentOverrideReason) {
        throw new HavenError(409, 'Consent required', `No consent is recorded for handing this case to ${recipient.name}. Record the survivor's consent, or override with a written reason.`);
      }
      if (command.forReturn) await this.protection.assertReturnAllowed(caseId);
      const id = await this.transfers.insert(manager, {
        caseId,
        fromOrganisationId: found.organisationId,
        toOrganisationId: recipient.id,
        forReturn: command.forReturn,
        sealedReason: command.reason ? sealer.seal(REASON, command.reason) : null,
        proposedBy: caller.actor.id,
      });
      if (!id) throw new ConflictError('A transfer of this case is already waiting for a decision.');
      const subject = { type: 'Case', id: caseId, organisationId: found.organisationId };
      await this.cases.recordChanges(manager, caller, caseId, [
        { section: 'transfer', action: 'proposed', field: 'organisation', newValue: recipient.name },
        ...(!consented ? [{ section: 'transfer', action: 'consent.overridden', field: 'consent', newValue: 'overridden', sealedComment: sealer.seal('history-comment', command.consentOverrideReason!) }] : []),
      ]);
      await this.audit.record(caller, { action: 'transfer.proposed', category: 'case', subject }, manager);
      if (!consented) await this.audit.record(caller, { action: 'transfer.consent.overridden', category: 'case', subject }, manager);
      await this.notifications.notifyOrganisation(manager, recipient.id, ['supervisor'], 'transfer.proposed', { type: 'Transfer', id });
      return id;
    });
    return toTransfer((await this.transfers.findInCase(caseId, transferId))!, 'sender');
  }

  async cancel(caller: Caller, caseId: string, transferId: string, version: number): Promise<Transfer> {
    await this.cases.transaction(async (manager) => {
      const found = await this.cases.findForAction(caller, caseId, 'approve', manager);
      const transfer = await this.transfers.findInCase(caseId, transferId, manager);
      if (!transfer) throw new NotFoundError();
      if (transfer.status !== 'proposed') throw new ConflictError(`This transfer is already ${transfer.status}.`);
      await this.move(manager, transfer, version, { status: 'cancelled', decidedAt: new Date(), decidedBy: caller.actor.id });
      await this.cases.recordChanges(manager, caller, caseId, [{ section: 'transfer', action: 'cancelled' }]);
      await this.audit.record(caller, { action: 'transfer.cancelled', category: 'case', subject: { type: 'Case', id: caseId, organisationId: found.organisationId } }, manager);
    });
    return toTransfer((await this.transfers.findInCase(caseId, transferId))!, 'sender');
  }

  /** Transfers proposed to the caller's organisation. They name no case until accepted. */
  async incoming(caller: Caller): Promise<{ items: Transfer[] }> {
    return { items: (await this.transfers.incoming(scopeOf(caller.ability, 'read', 'Transfer'))).map((transfer) => toTransfer(transfer, 'receiver')) };
  }

  async decide(caller: Caller, transferId: string, request: { version: number; decision: 'accept' | 'reject'; comment?: string }): Promise<Transfer> {
    const transfer = await this.transfers.findIncoming(transferId, scopeOf(caller.ability, 'update', 'Transfer'));
    if (!transfer) throw new NotFoundError();
    if (transfer.status !== 'proposed') throw new ConflictError(`This transfer is already ${transfer.status}.`);
    const sealer = await this.vault.sealerFor(transfer.caseId);
    await this.cases.transaction(async (manager) => {
      const comment = request.comment ? sealer.seal(DECISION, request.comment) : null;
      if (request.decision === 'accept') {
        const receivedCaseId = await this.cases.receiveTransfer(manager, caller, transfer.caseId);
        await this.move(manager, transfer, request.version, { status: 'accepted', decidedBy: caller.actor.id, decidedAt: new Date(), sealedDecisionComment: comment, receivedCaseId });
        await this.audit.record(caller, { action: 'transfer.accepted', category: 'case', subject: { type: 'Case', id: receivedCaseId, organisationId: caller.actor.organisationId } }, manager);
      } else {
        await this.move(manager, transfer, request.version, { status: 'rejected', decidedBy: caller.actor.id, decidedAt: new Date(), sealedDecisionComment: comment });
        await this.cases.recordChanges(manager, caller, transfer.caseId, [{ section: 'transfer', action: 'rejected' }]);
      }
      await this.audit.record(caller, { action: `transfer.${request.decision === 'accept' ? 'handed-over' : 'rejected'}`, category: 'case', subject: { type: 'Case', id: transfer.caseId, organisationId: transfer.fromOrganisationId } }, manager);
      await this.notifications.notifyUser(manager, transfer.proposedBy, request.decision === 'accept' ? 'transfer.accepted' : 'transfer.rejected', { type: 'Case', id: transfer.caseId });
    });
    return toTransfer((await this.transfers.findIncoming(transferId, scopeOf(caller.ability, 'read', 'Transfer')))!, 'receiver');
  }

  private async move(manager: EntityManager, transfer: TransferEntity, version: number, changes: Partial<TransferEntity>): Promise<void> {
    if (transfer.version !== version || !(await this.transfers.updateIfVersion(manager, transfer.id, version, changes))) {
      throw new ConflictError('Someone else changed this transfer since you opened it. Reload to see it.', { currentVersion: transfer.version });
    }
  }
}
