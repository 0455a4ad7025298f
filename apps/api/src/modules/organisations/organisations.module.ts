import { Module } from '@nestjs/common';
import { OrganisationsRepository } from './organisations.repository.js';
import { OrganisationsService } from './organisations.service.js';

@Module({ providers: [OrganisationsRepository, OrganisationsService], exports: [OrganisationsService] })
export class OrganisationsModule {}
