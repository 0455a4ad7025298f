import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { ChildrenModule } from '../children/children.module.js';
import { OrganisationsModule } from '../../core/organisations/organisations.module.js';
import { ConsentsController } from './consents.controller.js';
import { ConsentsRepository } from './consents.repository.js';
import { ConsentsService } from './consents.service.js';
import { ConsentsCaseData } from './consents.case-data.js';
import { ConsentEntity } from './consent.entity.js';

/** Exports the consent service, for the features that gate sharing on consent (referrals, transfers). */
@Module({
  imports: [TypeOrmModule.forFeature([ConsentEntity]), CasesModule, OrganisationsModule, ChildrenModule],
  controllers: [ConsentsController],
  providers: [ConsentsRepository, ConsentsService, ConsentsCaseData],
  exports: [ConsentsService],
})
export class ConsentsModule {}
