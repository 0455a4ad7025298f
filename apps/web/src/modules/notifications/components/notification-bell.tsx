import type { NotificationSort } from '@haven/contracts';
import { ActionIcon, Indicator, Loader, Menu } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifications } from '../hooks/use-notifications';
import { NOTIFICATION_PAGE_SIZE } from '../utils/notification-paging';

// The list, its pages and its actions load when the bell is first opened: the header is on every
// screen's first load, which has a budget the list would push it over.
const NotificationList = lazy(() => import('./notification-list').then((m) => ({ default: m.NotificationList })));

const FIRST_PAGE = { sort: 'createdAt' as NotificationSort, order: 'desc' as const, pageSize: NOTIFICATION_PAGE_SIZE };

/** The bell in the header: how many are unread; opened, the latest ones (older ones page by page). */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  // The first page, as the list reads it too (one query, shared), for the unread count it carries.
  const notifications = useNotifications(FIRST_PAGE);
  const unread = notifications.data?.unread ?? 0;

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
        <Suspense fallback={<Loader size="xs" mx="sm" my={4} aria-label={t('title')} />}>
          <NotificationList />
        </Suspense>
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
