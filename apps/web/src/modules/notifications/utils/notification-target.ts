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
      // An identity viewed outside the assignment is looked into on the case's access log.
      return `/cases/${notification.subjectId}?tab=${notification.kind === 'case.identity.viewed' ? 'access-log' : 'referrals'}`;
    case 'Transfer':
      return '/transfers/incoming';
  }
}
