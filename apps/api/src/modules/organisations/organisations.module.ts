import { Module } from '@nestjs/common';
import { SessionsModule } from '../../core/auth/sessions.module.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { OrganisationsService } from './organisations.service.js';

@Module({ imports: [SessionsModule], controllers: [OrganisationsController], providers: [OrganisationsRepository, OrganisationsService], exports: [OrganisationsService] })
export class OrganisationsModule {}
