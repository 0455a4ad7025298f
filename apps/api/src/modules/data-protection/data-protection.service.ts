import { Injectable } from '@nestjs/common';
import type { DataProtectionStatus, ErasureRequest } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError } from '../../core/errors/problem.js';
import { CasesService } from '../cases/cases.service.js';
import { CaseAnonymiser } from './case-anonymiser.service.js';
import { toDataProtectionStatus } from './data-protection.mapper.js';
import { DataProtectionRepository } from './data-protection.repository.js';

/**
 * A survivor's erasure request (DESIGN.md §5.10), recorded by a supervisor of the case's
 * organisation: the case and every transferred copy of it are anonymised at once, in one
 * transaction, and a tombstone keeps who recorded it, when, and the coded reason — no free
 * text, since nothing written about the survivor may outlive her erasure.
 */
@Injectable()
export class DataProtectionService {
  constructor(
    private readonly cases: CasesService,
    private readonly anonymiser: CaseAnonymiser,
    private readonly repository: DataProtectionRepository,
    private readonly audit: AuditService,
  ) {}

  async status(caller: Caller, caseId: string): Promise<DataProtectionStatus> {
    const found = await this.cases.findForAction(caller, caseId, 'export');
    const [erasure, chain] = await Promise.all([this.repository.findErasure(caseId), this.cases.transferChain(caseId)]);
    return toDataProtectionStatus(found, erasure, chain.length - 1);
  }

  async erase(caller: Caller, caseId: string, request: ErasureRequest): Promise<DataProtectionStatus> {
    await this.cases.transaction(async (manager) => {
      // 404 outside the supervisor's organisation; 410 when already anonymised.
      const found = await this.cases.findForAction(caller, caseId, 'approve', manager);
      if (request.confirmReference !== found.reference) {
        throw new BadRequestError('Type the case reference exactly to confirm the erasure.', [{ field: 'confirmReference', message: 'Does not match the case reference' }]);
      }
      const now = new Date();
      for (const linkedId of await this.cases.transferChain(caseId, manager)) {
        await this.anonymiser.anonymise(manager, linkedId, 'erasure', caller, now);
      }
      await this.repository.insertErasure(manager, { caseId, reason: request.reason, channel: request.channel, recordedBy: caller.actor.id, recordedAt: now });
      await this.cases.recordChanges(manager, caller, caseId, [{ section: 'case', action: 'erased', field: 'reason', newValue: request.reason }]);
      await this.audit.record(caller, { action: 'case.erased', category: 'case', subject: { type: 'Case', id: caseId, organisationId: found.organisationId } }, manager);
    });
    return this.status(caller, caseId);
  }
}
