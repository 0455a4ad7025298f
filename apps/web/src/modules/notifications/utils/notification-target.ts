import type { Notification } from '@haven/contracts';

/**
 * Where a notification leads. A referral is opened by the partner it was sent to; senders are told about their
 * referrals through the case. Transfers are decided on the incoming transfers page.
 */
export function notificationTarget(notification: Notification, role: string): string | null {
  switch (notification.subjectType) {
    case 'Referral':
      return role === 'partner' ? `/referrals/${notification.subjectId}` : null;
    case 'Case':
      return `/cases/${notification.subjectId}?tab=${caseTabOf(notification.kind)}`;
    case 'Transfer':
      return '/transfers/incoming';
  }
}

function caseTabOf(kind: Notification['kind']): string {
  switch (kind) {
    // An identity viewed outside the assignment, or a possible duplicate someone could not open, is looked into on the case's access log.
    case 'case.identity.viewed':
    case 'case.duplicate.suspected':
      return 'access-log';
    // Erasure requests are confirmed, and their confirmations read, on the case's data-protection tab.
    case 'case.erasure.requested':
    case 'case.erasure.confirmed':
      return 'dataProtection';
    default:
      return 'referrals';
  }
}
