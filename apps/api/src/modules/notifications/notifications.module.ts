import { Module } from '@nestjs/common';
import { NotificationMailer } from './notification-mailer.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

@Module({ controllers: [NotificationsController], providers: [NotificationsRepository, NotificationsService, NotificationMailer], exports: [NotificationsService, NotificationMailer] })
export class NotificationsModule {}
