import type { Notification, NotificationSort } from '@haven/contracts';
import { ActionIcon, Group, Indicator, Menu, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { useCursorPaging } from '../../../app/layout/use-cursor-paging';
import { formatDateTime } from '../../../app/text/format';
import { useSession } from '../../auth';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../hooks/use-notifications';
import { notificationTarget } from '../utils/notification-target';

/** The notifications the bell shows at once; older ones are a page further. */
const PAGE_SIZE = 10;

/** The bell in the header: how many are unread, the latest ones (and older ones page by page), and a way to open each and clear them. */
export function NotificationBell() {
  const { t, i18n } = useTranslation('notifications');
  const me = useSession();
  const navigate = useNavigate();
  // Newest first, always: the bell has no headers to sort by, only pages.
  const paging = useCursorPaging<NotificationSort>('createdAt', 'desc');
  const notifications = useNotifications({ ...paging.query, pageSize: PAGE_SIZE });
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
    <Menu position="bottom-end" width={340} shadow="md" withinPortal>
      <Menu.Target>
        {/* The button itself opens the menu (and carries its ARIA state); the count is drawn inside it. */}
        <ActionIcon
          variant="default"
          size="lg"
          // The count sits on the bell's corner and reaches past the button's edge: it must not be cut off.
          style={{ overflow: 'visible' }}
          aria-label={unread > 0 ? t('bellUnread', { count: unread }) : t('bell')}
        >
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={16}
            disabled={unread === 0}
            color="red.8"
            offset={-2}
            aria-hidden
          >
            <BellIcon />
          </Indicator>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('title')}</Menu.Label>
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
      </Menu.Dropdown>
    </Menu>
  );
}

/** Drawn inline: the app ships no icon library for one glyph. */
function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable="false"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
