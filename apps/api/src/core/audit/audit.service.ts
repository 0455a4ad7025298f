import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller.js';
import type { AuditCategory, AuditOutcome } from './audit-event.entity.js';
import { verifyChain, GENESIS_HASH, type ChainVerdict } from './audit-chain.js';
import { AuditRepository } from './audit.repository.js';

/** Stable action codes; never free text. */
export type AuditAction =
  | 'auth.login'
  | 'auth.login.failed'
  | 'auth.lockout'
  | 'auth.logout'
  | 'auth.password.changed'
  | 'auth.password.failed'
  | 'auth.two-factor.enrolled'
  | 'auth.two-factor.failed'
  | 'auth.two-factor.reset'
  | 'auth.recovery-code.used'
  | 'auth.recovery-codes.regenerated'
  | 'auth.account.activated'
  | 'auth.password.reset'
  | 'user.invited'
  | 'user.updated'
  | 'user.role.changed'
  | 'user.deactivated'
  | 'user.reactivated'
  | 'user.password-reset.issued'
  | 'users.imported'
  | 'case.created'
  | 'case.updated'
  | 'case.assigned'
  | 'case.closure.requested'
  | 'case.closure.rejected'
  | 'case.closed'
  | 'case.reopened'
  | 'case.identity.read'
  | 'case.names.read'
  | 'case.identity.listed'
  | 'case.identity.updated'
  | 'case.access-log.read'
  | 'audit.events.read'
  | 'case.anonymised'
  | 'case.erased'
  | 'case.erasure.requested'
  | 'case.erasure.confirmed'
  | 'case.duplicate.checked'
  | 'case.duplicate.matched'
  | 'case.name.searched'
  | 'case.name.matched'
  | 'case.exported'
  | 'case.summary.produced'
  | 'retention.run'
  | `${'consent' | 'assessment' | 'plan' | 'goal' | 'service' | 'note' | 'task'}.${string}`
  | `${'organisation' | 'referral' | 'transfer' | 'protection' | 'statistics'}.${string}`
  | 'identification.screening.recorded'
  | 'identification.decision.recorded'
  | 'legal-status.updated'
  | `child.${string}`
  | `${'shelter' | 'placement' | 'programme' | 'training' | 'enrolment' | 'reintegration' | 'visit'}.${string}`
  | 'document.added'
  | 'document.downloaded'
  | 'document.previewed';

export interface AuditRecord {
  action: AuditAction;
  category: AuditCategory;
  outcome?: AuditOutcome;
  subject?: { type: string; id: string; organisationId?: string | null };
  /** For events without a signed-in caller (e.g. a failed login). */
  actorUserId?: string | null;
  /** A reason code (never free text): why the event happened or why it was allowed. */
  reason?: AuditReason;
}

/**
 * Reason codes an event may carry. An identity read records what gave the reader access; a
 * referral ended by anonymisation says so (for the sender's log only), a transfer cancelled by
 * withdrawn consent too; a duplicate-check match says whether the checker was given the case's
 * reference or not; a name search says how many cases it found (`results-N`: a count, never the
 * name searched for).
 */
export type AuditReason =
  | 'assignee'
  | 'team'
  | 'outside-assignment'
  | 'case-anonymised'
  | 'consent-withdrawn'
  | 'reference-shown'
  | 'reference-withheld'
  | `results-${number}`;

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /**
   * Records who did what to which record, from where. Only ids and codes are stored:
   * never names, contacts or search terms (docs/architecture.md, rule 5).
   */
  record(caller: Caller | { address: string; actor?: undefined }, event: AuditRecord): Promise<void> {
    return this.audit.append(fieldsOf(caller, event));
  }

  /** Several events of one caller in one round trip, in their order. */
  recordAll(caller: Caller, events: AuditRecord[]): Promise<void> {
    return this.audit.appendAll(events.map((event) => fieldsOf(caller, event)));
  }

  /** Verifies the whole chain page by page; reports the first broken link. */
  async verify(pageSize = 5_000): Promise<ChainVerdict> {
    let afterId = '0';
    let previous: Buffer = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const page = await this.audit.pageAfter(afterId, pageSize);
      if (page.length === 0) return { checked, firstBrokenId: null, firstBrokenPosition: null };
      const verdict = verifyChain(page, previous);
      if (verdict.firstBrokenId)
        return {
          checked: checked + verdict.checked,
          firstBrokenId: verdict.firstBrokenId,
          firstBrokenPosition: checked + verdict.checked,
        };
      checked += verdict.checked;
      previous = verdict.lastHash;
      afterId = page[page.length - 1]!.id;
    }
  }
}

function fieldsOf(caller: Caller | { address: string; actor?: undefined }, event: AuditRecord) {
  return {
    actorUserId: caller.actor?.id ?? event.actorUserId ?? null,
    actorOrganisationId: caller.actor?.organisationId ?? null,
    action: event.action,
    category: event.category,
    subjectType: event.subject?.type ?? null,
    subjectId: event.subject?.id ?? null,
    subjectOrganisationId: event.subject?.organisationId ?? null,
    outcome: event.outcome ?? 'success',
    address: caller.address,
    reason: event.reason ?? null,
  };
}
