import { Injectable } from '@nestjs/common';
import type { RecordServiceRequest, ServiceRecord } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError, NotFoundError } from '../../core/errors/problem.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { OrganisationsService } from '../../core/organisations/organisations.service.js';
import { ReturnGate } from '../protection/return-gate.service.js';
import { toServiceRecord } from './service-record.mapper.js';
import { ServiceRecordsRepository } from './service-records.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

const NOTES = 'service-notes';

/** Services given: coded type, date and outcome in clear for the indicator reports, notes sealed. */
@Injectable()
export class ServiceRecordsService {
  constructor(
    private readonly records: ServiceRecordsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly organisations: OrganisationsService,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly gate: ReturnGate,
    private readonly transactions: TransactionHost,
  ) {}

  async list(caller: Caller, caseId: string): Promise<{ items: ServiceRecord[] }> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    const records = await this.records.listForCase(caseId);
    const sealer = records.some((record) => record.sealedNotes) ? await this.vault.sealerFor(caseId) : undefined;
    return {
      items: records.map((record) => toServiceRecord(record, sealer?.openOrNull(NOTES, record.sealedNotes) ?? null)),
    };
  }

  async record(caller: Caller, caseId: string, request: RecordServiceRequest): Promise<ServiceRecord> {
    const recordId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const providerOrganisationId = request.providerOrganisationId ?? null;
      if (providerOrganisationId !== null && !(await this.organisationExists(providerOrganisationId))) {
        throw new BadRequestError('Choose an existing organisation.', [
          { field: 'providerOrganisationId', message: 'No such organisation' },
        ]);
      }
      // Recording a return service moves the person toward return: it passes the return gate.
      await this.gate.assertMayProceed({
        caseId,
        subject: { markedForReturn: false, services: [request.type], recipient: null, senderCountry: null },
        suspendedSince: null,
        audience: 'sender',
      });
      const sealedNotes = request.notes ? (await this.vault.sealerFor(caseId)).seal(NOTES, request.notes) : null;
      const id = await this.records.insert({
        caseId,
        type: request.type,
        deliveredOn: request.deliveredOn,
        providerOrganisationId,
        outcome: request.outcome,
        sealedNotes,
        recordedBy: caller.actor.id,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'service', action: 'recorded', field: request.type, newValue: request.outcome },
      ]);
      await this.audit.record(caller, {
        action: 'service.recorded',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return id;
    });
    const stored = await this.records.findInCase(caseId, recordId);
    if (!stored) throw new NotFoundError();
    return toServiceRecord(stored, request.notes || null);
  }

  /**
   * A service a partner gave through a referral: it appears on the sender's case. The
   * referrals feature has checked that the partner holds an accepted referral, and passed
   * the return gate for a return service.
   */
  async recordForReferral(
    caller: Caller,
    referral: { id: string; caseId: string; caseOrganisationId: string },
    request: RecordServiceRequest,
  ): Promise<string> {
    const sealedNotes = request.notes ? (await this.vault.sealerFor(referral.caseId)).seal(NOTES, request.notes) : null;
    const id = await this.records.insert({
      caseId: referral.caseId,
      type: request.type,
      deliveredOn: request.deliveredOn,
      providerOrganisationId: caller.actor.organisationId,
      outcome: request.outcome,
      sealedNotes,
      recordedBy: caller.actor.id,
      referralId: referral.id,
    });
    await this.caseHistory.recordChanges(caller, referral.caseId, [
      { section: 'service', action: 'recorded', field: request.type, newValue: request.outcome },
    ]);
    await this.audit.record(caller, {
      action: 'service.recorded',
      category: 'case',
      subject: { type: 'Case', id: referral.caseId, organisationId: referral.caseOrganisationId },
    });
    return id;
  }

  /** What a partner recorded through one referral, with its notes. */
  async listForReferral(caseId: string, referralId: string): Promise<ServiceRecord[]> {
    const records = await this.records.listForReferral(referralId);
    const sealer = records.some((record) => record.sealedNotes) ? await this.vault.sealerFor(caseId) : undefined;
    return records.map((record) => toServiceRecord(record, sealer?.openOrNull(NOTES, record.sealedNotes) ?? null));
  }

  private async organisationExists(id: string): Promise<boolean> {
    try {
      await this.organisations.get(id);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }
}
