import { Injectable } from '@nestjs/common';
import { recordOf } from '@haven/access';
import { AuditService, type AuditReason } from '../../../core/audit/audit.service.js';
import type { Caller } from '../../../core/auth/caller.js';
import type { CaseEntity } from '../case.entity.js';

/**
 * The one rule for the names of people recorded on a case's records, sealed under the case key: an
 * interpreter's (a consent, a screening), a guardian's, an age assessor's (docs/architecture.md, "Names
 * on a case's records"). A name of someone around the survivor can lead to her, so it is shown only to
 * those who may read her identity (the assignee and the supervisors), never to a team colleague who
 * covers the case and reads the rest of the record; and each showing is audited on the case, with what
 * gave the reader access, like a read of the identity.
 */
@Injectable()
export class CaseRecordNames {
  constructor(private readonly audit: AuditService) {}

  /** Whether names on the case's records are opened for the caller; others get them as null. */
  mayRead(caller: Caller, found: CaseEntity): boolean {
    return caller.ability.can('readIdentity', recordOf('Case', found));
  }

  /** Audits that names on the case's records were opened for the caller (call it only when one was). */
  shown(caller: Caller, found: CaseEntity): Promise<void> {
    return this.audit.record(caller, {
      action: 'case.names.read',
      category: 'case',
      subject: { type: 'Case', id: found.id, organisationId: found.organisationId },
      reason: accessBasis(caller, found),
    });
  }
}

/** What gave the caller access to the case, as an identity read records it. */
export function accessBasis(caller: Caller, found: CaseEntity): AuditReason {
  if (found.assigneeId === caller.actor.id) return 'assignee';
  return found.team && found.team === caller.actor.team ? 'team' : 'outside-assignment';
}
