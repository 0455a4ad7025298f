import type { Notification, NotificationSort } from '@haven/contracts';
import { Group, Menu, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { useCursorPaging } from '../../../app/layout/use-cursor-paging';
import { formatDateTime } from '../../../app/text/format';
import { useSession } from '../../auth';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../hooks/use-notifications';
import { NOTIFICATION_PAGE_SIZE } from '../utils/notification-paging';
import { notificationTarget } from '../utils/notification-target';

/** The bell's open menu: a page of notifications, newest first, each opening its record, and a way to clear them. */
export function NotificationList() {
  const { t, i18n } = useTranslation('notifications');
  const me = useSession();
  const navigate = useNavigate();
  // Newest first, always: the bell has no headers to sort by, only pages.
  const paging = useCursorPaging<NotificationSort>('createdAt', 'desc');
  const notifications = useNotifications({ ...paging.query, pageSize: NOTIFICATION_PAGE_SIZE });
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  const open = (notification: Notification) => {
    if (!notification.read) markRead.mutate(notification.id);
    const target = notificationTarget(notification, me.user.role);
    if (target) void navigate(target);
  };

  return (
    <>
      {notifications.isError && (
        <Text size="sm" c="red.9" px="sm" py={4}>
          {t('error')}
        </Text>
      )}
      {notifications.data && items.length === 0 && (
        <Text size="sm" c="dimmed" px="sm" py={4}>
          {t('empty')}
        </Text>
      )}
      {items.map((notification) => (
        <Menu.Item key={notification.id} onClick={() => open(notification)}>
          <Text size="sm" fw={notification.read ? 400 : 700}>
            {!notification.read && <VisuallyHidden>{t('unread')}: </VisuallyHidden>}
            {t(`kinds.${notification.kind}`, {
              reference: notification.caseReference ?? '',
              actor: notification.actorName ?? '',
            })}
          </Text>
          <Text size="xs" c="gray.7">
            {formatDateTime(notification.createdAt, i18n.language)}
          </Text>
        </Menu.Item>
      ))}
      {(notifications.data?.previousCursor || notifications.data?.nextCursor) && (
        <Group px="sm" py={4}>
          <CursorPager
            previousCursor={notifications.data.previousCursor ?? null}
            nextCursor={notifications.data.nextCursor ?? null}
            onChange={paging.goTo}
            label={t('pages')}
          />
        </Group>
      )}
      {unread > 0 && (
        <>
          <Menu.Divider />
          <Menu.Item onClick={() => markAll.mutate()}>{t('markAllRead')}</Menu.Item>
        </>
      )}
    </>
  );
}
