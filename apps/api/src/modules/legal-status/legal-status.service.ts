import { Injectable } from '@nestjs/common';
import { scopeOf } from '@haven/access';
import {
  LEGAL_DEADLINE_NOTICE_DAYS,
  LEGAL_STATUS_FIELDS,
  PROTECTED_STATUSES,
  todayIso,
  type LegalDeadline,
  type LegalStatus,
  type UpdateLegalStatusRequest,
} from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { ConflictError } from '../../core/errors/problem.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import type { LegalStatusEntity } from './legal-status.entity.js';
import { LegalStatusRepository } from './legal-status.repository.js';

/** The most deadlines "my work" lists at once (the nearest first). */
const MAX_DEADLINES = 50;

/**
 * A case's legal status (docs/architecture.md, "Identification and legal status"): migration status,
 * the recovery and reflection period and the residence permit for victims, each change in the case's
 * history; and the deadlines among them that "my work" announces.
 */
@Injectable()
export class LegalStatusService {
  constructor(
    private readonly repository: LegalStatusRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  async get(caller: Caller, caseId: string): Promise<LegalStatus> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'read');
    return toLegalStatus(found, await this.repository.find(caseId));
  }

  /** Replaces the legal status with the one sent, if it was based on the current version (409 otherwise: no lost updates). */
  async update(caller: Caller, caseId: string, request: UpdateLegalStatusRequest): Promise<LegalStatus> {
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const current = await this.repository.findForUpdate(caseId);
      const conflict = () =>
        new ConflictError('Someone else changed this legal status since you opened it. Reload to see their changes.', {
          currentVersion: current?.version ?? 0,
        });
      if ((current?.version ?? 0) !== request.version) throw conflict();
      const next = Object.fromEntries(LEGAL_STATUS_FIELDS.map((field) => [field, request[field]])) as Record<
        (typeof LEGAL_STATUS_FIELDS)[number],
        string | null
      >;
      const changed = LEGAL_STATUS_FIELDS.filter((field) => (current?.[field] ?? null) !== next[field]);
      if (changed.length === 0) return;
      if (current) await this.repository.update(caseId, next as Partial<LegalStatusEntity>, caller.actor.id);
      else if (!(await this.repository.insertFirst(caseId, next, caller.actor.id))) throw conflict();
      await this.caseHistory.recordChanges(
        caller,
        caseId,
        changed.map((field) => ({
          section: 'legalStatus',
          action: 'updated',
          field,
          oldValue: current?.[field] ?? null,
          newValue: next[field],
        })),
      );
      await this.audit.record(caller, {
        action: 'legal-status.updated',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    });
    return this.get(caller, caseId);
  }

  /** "My work": deadlines within LEGAL_DEADLINE_NOTICE_DAYS on the open cases assigned to the caller (and passed ones still open). */
  async deadlinesFor(caller: Caller): Promise<LegalDeadline[]> {
    const today = todayIso();
    const noticeBy = new Date(Date.parse(`${today}T00:00:00Z`) + LEGAL_DEADLINE_NOTICE_DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const rows = await this.repository.deadlinesFor(
      caller.actor.id,
      scopeOf(caller.ability, 'read', 'Case'),
      noticeBy,
      MAX_DEADLINES,
    );
    return rows.map((row) => ({ ...row, overdue: row.dueOn < today }));
  }
}

function toLegalStatus(found: CaseEntity, status: LegalStatusEntity | null): LegalStatus {
  return {
    migrationStatus: status?.migrationStatus ?? null,
    reflectionStartsOn: status?.reflectionStartsOn ?? null,
    reflectionEndsOn: status?.reflectionEndsOn ?? null,
    permitAppliedOn: status?.permitAppliedOn ?? null,
    permitDecision: status?.permitDecision ?? null,
    permitExpiresOn: status?.permitExpiresOn ?? null,
    version: status?.version ?? 0,
    updatedAt: status?.updatedAt.toISOString() ?? null,
    protectionsApply: !!found.profile.traffickingStatus && PROTECTED_STATUSES.includes(found.profile.traffickingStatus),
  };
}
