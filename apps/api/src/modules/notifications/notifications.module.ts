import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCOUNT_LINK_MAIL } from '../../core/users/account-link-mail.js';
import { NotificationMailer } from './notification-mailer.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { NotificationEntity } from './notification.entity.js';

/**
 * Global only for `ACCOUNT_LINK_MAIL`: the platform's user administration mails its one-time links
 * through this feature's transport without importing the feature (core/users/account-link-mail.ts).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity])],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    NotificationMailer,
    { provide: ACCOUNT_LINK_MAIL, useExisting: NotificationMailer },
  ],
  exports: [NotificationsService, NotificationMailer, ACCOUNT_LINK_MAIL],
})
export class NotificationsModule {}
