import type { InboxItem, Referral, ReturnSuspension } from '@haven/contracts';
import { suspensionReasonsFor, type ReturnAudience } from '../protection/return-safeguards.js';
import type { CaseSealer } from '../cases/kernel/case-vault.service.js';
import type { ReferralEntity } from './referral.entity.js';
import type { InboxLine } from './referrals.repository.js';

export const MESSAGE = 'referral-message';
export const OVERRIDE_REASON = 'referral-override-reason';
export const RESPONSE = 'referral-response';

const organisation = (id: string, entity?: { name: string }) => ({ id, name: entity?.name ?? '' });

/** The sender's view of a referral. */
export function toReferral(entity: ReferralEntity, sealer: CaseSealer): Referral {
  return {
    id: entity.id,
    caseId: entity.caseId,
    from: organisation(entity.fromOrganisationId, entity.fromOrganisation),
    to: organisation(entity.toOrganisationId, entity.toOrganisation),
    services: entity.services,
    urgency: entity.urgency,
    lens: entity.lens,
    forReturn: entity.forReturn,
    suspension: suspensionOf(entity, 'sender'),
    message: sealer.openOrNull(MESSAGE, entity.sealedMessage),
    consentOverridden: entity.overrideBy !== null,
    overrideReason: sealer.openOrNull(OVERRIDE_REASON, entity.sealedOverrideReason),
    status: entity.status,
    response: sealer.openOrNull(RESPONSE, entity.sealedResponse),
    outcome: entity.outcome,
    sentAt: entity.sentAt.toISOString(),
    respondedAt: entity.respondedAt?.toISOString() ?? null,
    closedAt: entity.closedAt?.toISOString() ?? null,
    version: entity.version,
  };
}

/** Whether the return is held, and why (to the recipient: only that a protection review is pending). */
export function suspensionOf(entity: ReferralEntity, audience: ReturnAudience): ReturnSuspension | null {
  return entity.returnSuspendedAt
    ? {
        since: entity.returnSuspendedAt.toISOString(),
        reasons: suspensionReasonsFor(audience, entity.returnSuspensionReasons ?? []),
      }
    : null;
}

/** A short code for a referral, from its id: tells lines apart and can be read out on the phone; says nothing of the case. */
export function referralCode(id: string): string {
  const hex = id.replace(/-/g, '').toUpperCase();
  return `R-${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/** The recipient's inbox line: no case id, no reference, no content; her sex and age band only while the referral is open and shares them. */
export function toInboxItem(line: InboxLine): InboxItem {
  const open = line.status === 'sent' || line.status === 'accepted';
  return {
    id: line.id,
    code: referralCode(line.id),
    from: { id: line.fromOrganisationId, name: line.fromOrganisationName },
    services: line.services,
    urgency: line.urgency,
    status: line.status,
    sentAt: line.sentAt.toISOString(),
    sex: open ? line.sharedSex : null,
    ageBand: open ? line.sharedAgeBand : null,
    version: line.version,
  };
}

/** A referral entity (the partner opening one) as an inbox line. */
export function inboxLineOf(entity: ReferralEntity): InboxLine {
  return { ...entity, fromOrganisationName: entity.fromOrganisation?.name ?? '' };
}
