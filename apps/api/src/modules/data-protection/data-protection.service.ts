import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DataProtectionStatus, ErasureRequest } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError } from '../../core/errors/problem.js';
import { runAsSystem } from '../../core/request-context/database-scope.js';
import { CasesService } from '../cases/cases.service.js';
import { CaseAnonymiser } from './case-anonymiser.service.js';
import { toDataProtectionStatus } from './data-protection.mapper.js';
import { DataProtectionRepository } from './data-protection.repository.js';

/**
 * A survivor's erasure request (DESIGN.md §5.10), recorded by a supervisor of the case's
 * organisation: the case and every transferred copy of it are anonymised at once, in one
 * transaction, and a tombstone keeps who recorded it, when, and the coded reason — no free
 * text, since nothing written about the survivor may outlive her erasure.
 *
 * Row-level security: the transferred copies belong to other organisations, which the
 * supervisor's scope does not show (a query there would silently find nothing, and the
 * copy would keep her data). So, once the supervisor's own scope has found the case and
 * the permission allows it, the erasure transaction — and only it — runs in the system
 * scope; inside, it re-checks the case against the caller (organisation and permission),
 * and touches nothing but the cases of that case's transfer chain.
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
    // How many copies an erasure would reach: ids only, counted across organisations (nothing of them is returned).
    const [erasure, chain] = await Promise.all([
      this.repository.findErasure(caseId),
      runAsSystem('erasure: counting the transferred copies of a case the caller may see', () => this.cases.transferChain(caseId)),
    ]);
    return toDataProtectionStatus(found, erasure, chain.length - 1);
  }

  async erase(caller: Caller, caseId: string, request: ErasureRequest): Promise<DataProtectionStatus> {
    // In the supervisor's own scope: 404 outside her organisation; 410 when already anonymised.
    const visible = await this.cases.findForAction(caller, caseId, 'approve');
    this.assertConfirmed(request, visible.reference);
    await runAsSystem('erasure: a survivor’s case and its transferred copies in other organisations, at once', () =>
      this.cases.transaction(async (manager) => {
        // Again, locked and against the caller: the system scope must not widen who may erase what.
        const found = await this.cases.findForAction(caller, caseId, 'approve', manager);
        this.assertConfirmed(request, found.reference);
        await this.eraseChain(manager, caller, found.id, found.organisationId, request);
      }),
    );
    return this.status(caller, caseId);
  }

  private assertConfirmed(request: ErasureRequest, reference: string): void {
    if (request.confirmReference !== reference) {
      throw new BadRequestError('Type the case reference exactly to confirm the erasure.', [{ field: 'confirmReference', message: 'Does not match the case reference' }]);
    }
  }

  private async eraseChain(manager: EntityManager, caller: Caller, caseId: string, organisationId: string, request: ErasureRequest): Promise<void> {
    const now = new Date();
    for (const linkedId of await this.cases.transferChain(caseId, manager)) {
      await this.anonymiser.anonymise(manager, linkedId, 'erasure', caller, now);
    }
    await this.repository.insertErasure(manager, { caseId, reason: request.reason, channel: request.channel, recordedBy: caller.actor.id, recordedAt: now });
    await this.cases.recordChanges(manager, caller, caseId, [{ section: 'case', action: 'erased', field: 'reason', newValue: request.reason }]);
    await this.audit.record(caller, { action: 'case.erased', category: 'case', subject: { type: 'Case', id: caseId, organisationId } }, manager);
  }
}
