import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { notificationListSchema, type Notification } from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { NotificationsService } from './notifications.service.js';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @RequireAccess('read', 'Notification')
  @ApiContract({ summary: 'Your notifications, newest first, with the unread count', response: notificationListSchema })
  list(@CurrentCaller() caller: Caller): Promise<{ items: Notification[]; unread: number }> {
    return this.notifications.list(caller);
  }

  @Post('read-all')
  @HttpCode(204)
  @RequireAccess('update', 'Notification')
  @ApiContract({ summary: 'Mark all your notifications read', status: 204 })
  markAllRead(@CurrentCaller() caller: Caller): Promise<void> {
    return this.notifications.markAllRead(caller);
  }

  @Post(':id/read')
  @HttpCode(204)
  @RequireAccess('update', 'Notification')
  @ApiContract({ summary: 'Mark one notification read', status: 204 })
  markRead(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.notifications.markRead(caller, id);
  }
}
