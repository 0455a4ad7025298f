import { Injectable } from '@nestjs/common';
import { recordOf, scopeOf } from '@haven/access';
import type {
  CaseAccessLogQuery,
  CaseAccessLogResponse,
  SystemEventQuery,
  SystemEventResponse,
} from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { keysetResponse } from '../../core/database/keyset.js';
import { NotFoundError } from '../../core/errors/problem.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { toCaseAccessLogEntry, toSystemEvent } from './access-log.mapper.js';
import { AccessLogRepository } from './access-log.repository.js';

/**
 * The audit log, read by people: a case's access log for its organisation's supervisors,
 * sign-in events and system changes for administrators. Reading either is audited.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly logs: AccessLogRepository,
    private readonly caseAccess: CaseAccess,
    private readonly audit: AuditService,
  ) {}

  /** Who viewed the identity, who changed what, what was shared — for one case. 404 outside the caller's scope. */
  async caseLog(caller: Caller, caseId: string, query: CaseAccessLogQuery): Promise<CaseAccessLogResponse> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'read');
    if (!caller.ability.can('read', recordOf('AuditLog', { organisationId: found.organisationId, category: 'case' })))
      throw new NotFoundError();
    await this.audit.record(caller, {
      action: 'case.access-log.read',
      category: 'case',
      subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
    });
    const { rows, plan, count } = await this.logs.forCase(
      caseId,
      scopeOf(caller.ability, 'read', 'AuditLog'),
      query,
      query,
    );
    return keysetResponse(rows, query, plan, count, toCaseAccessLogEntry);
  }

  /**
   * Sign-in events and system changes; never an event about a case. An administrator sees
   * every organisation's; a supervisor sees the system events about her own organisation —
   * those recorded with it as the subject's organisation — but not her colleagues' sign-ins.
   */
  async systemEvents(caller: Caller, query: SystemEventQuery): Promise<SystemEventResponse> {
    await this.audit.record(caller, { action: 'audit.events.read', category: 'system' });
    const scope = scopeOf(caller.ability, 'list', 'AuditLog');
    const ofOneOrganisation = scope.length > 0 && scope.every((rule) => 'organisationId' in rule);
    const { rows, plan, count } = await this.logs.systemEvents(
      scope,
      { ...query, withoutSignIns: ofOneOrganisation },
      query,
    );
    return keysetResponse(rows, query, plan, count, toSystemEvent);
  }
}
