import { Module } from '@nestjs/common';
import { SessionsModule } from '../../core/auth/sessions.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { AccountActivationService } from './account-activation.service.js';
import { StaffImportService } from './staff-import.service.js';
import { UserAdministrationService } from './user-administration.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [SessionsModule, OrganisationsModule, NotificationsModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, UserAdministrationService, AccountActivationService, StaffImportService],
  exports: [UsersService, UserAdministrationService, AccountActivationService],
})
export class UsersModule {}
