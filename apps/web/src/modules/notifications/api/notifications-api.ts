import type { NotificationList, NotificationListQuery } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

/** Checked every minute whether anyone looks: a background request, so an unattended tab still times out. */
export function fetchNotifications(
  query: Partial<NotificationListQuery>,
  signal?: AbortSignal,
): Promise<NotificationList> {
  return typedApi('get', '/notifications', { signal, query, background: true });
}

export function markNotificationRead(notificationId: string): Promise<void> {
  return typedApi('post', '/notifications/{id}/read', { params: { id: notificationId } });
}

export function markAllNotificationsRead(): Promise<void> {
  return typedApi('post', '/notifications/read-all', {});
}
