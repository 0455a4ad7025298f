import type { NotificationListQuery } from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MY_WORK_KEY } from '../../my-work';
import { fetchNotifications, markAllNotificationsRead, markNotificationRead } from '../api/notifications-api';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/**
 * One page of the notifications, checked every minute (and when the tab comes back), so a new
 * referral shows without reloading. Every page's key starts with NOTIFICATIONS_KEY.
 */
export function useNotifications(query: Partial<NotificationListQuery>) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, query],
    queryFn: ({ signal }) => fetchNotifications(query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    // A referral's answer read here leaves my work as well.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: MY_WORK_KEY }),
      ]),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllNotificationsRead,
    // Reading everything is looking at the referrals' answers too: my work follows the bell.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: MY_WORK_KEY }),
      ]),
  });
}
