import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ProtectionModule } from '../protection/protection.module.js';
import { ServiceRecordsController } from './service-records.controller.js';
import { ServiceRecordsRepository } from './service-records.repository.js';
import { ServiceRecordsService } from './service-records.service.js';
import { ServiceRecordsCaseData } from './service-records.case-data.js';

@Module({
  imports: [CasesModule, OrganisationsModule, ProtectionModule],
  controllers: [ServiceRecordsController],
  providers: [ServiceRecordsRepository, ServiceRecordsService, ServiceRecordsCaseData],
  exports: [ServiceRecordsService],
})
export class ServiceRecordsModule {}
