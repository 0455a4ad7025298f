import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../auth/sessions.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { AccountActivationService } from './account-activation.service.js';
import { StaffImportService } from './staff-import.service.js';
import { UserAdministrationService } from './user-administration.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';
import { UserEntity } from './user.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), SessionsModule, OrganisationsModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, UserAdministrationService, AccountActivationService, StaffImportService],
  exports: [UsersService, UserAdministrationService, AccountActivationService],
})
export class UsersModule {}
