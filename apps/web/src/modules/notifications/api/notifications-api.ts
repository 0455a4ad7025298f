import type { Notification } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

export interface NotificationList {
  items: Notification[];
  unread: number;
}

export function fetchNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return apiRequest<NotificationList>('/notifications', { signal });
}

export function markNotificationRead(notificationId: string): Promise<void> {
  return apiRequest<void>(`/notifications/${encodeURIComponent(notificationId)}/read`, { method: 'POST' });
}

export function markAllNotificationsRead(): Promise<void> {
  return apiRequest<void>('/notifications/read-all', { method: 'POST' });
}
