import { Controller } from '@nestjs/common';
import {
  notificationListQuerySchema,
  notificationListSchema,
  type NotificationList,
  type NotificationListQuery,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { NotificationsService } from './notifications.service.js';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Notification'],
    summary: 'Your notifications, one page by cursor (newest first by default), with the unread count',
    query: notificationListQuerySchema,
    response: notificationListSchema,
  })
  list(@CurrentCaller() caller: Caller, @Query() query: NotificationListQuery): Promise<NotificationList> {
    return this.notifications.list(caller, query);
  }

  @Route({
    method: 'POST',
    path: 'read-all',
    permission: ['update', 'Notification'],
    summary: 'Mark all your notifications read',
    status: 204,
  })
  markAllRead(@CurrentCaller() caller: Caller): Promise<void> {
    return this.notifications.markAllRead(caller);
  }

  @Route({
    method: 'POST',
    path: ':id/read',
    permission: ['update', 'Notification'],
    summary: 'Mark one notification read',
    status: 204,
  })
  markRead(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<void> {
    return this.notifications.markRead(caller, id);
  }
}
