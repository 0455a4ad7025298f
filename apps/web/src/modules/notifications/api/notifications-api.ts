import type { Notification } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export interface NotificationList {
  items: Notification[];
  unread: number;
}

export function fetchNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return typedApi('get', '/notifications', { signal });
}

export function markNotificationRead(notificationId: string): Promise<void> {
  return typedApi('post', '/notifications/{id}/read', { params: { id: notificationId } });
}

export function markAllNotificationsRead(): Promise<void> {
  return typedApi('post', '/notifications/read-all', {});
}
