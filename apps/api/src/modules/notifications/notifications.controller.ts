import { Controller } from '@nestjs/common';
import { notificationListSchema, type Notification } from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Route, UuidParam } from '../../core/http/route.decorator.js';
import { NotificationsService } from './notifications.service.js';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Notification'],
    summary: 'Your notifications, newest first, with the unread count',
    response: notificationListSchema,
  })
  list(@CurrentCaller() caller: Caller): Promise<{ items: Notification[]; unread: number }> {
    return this.notifications.list(caller);
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
