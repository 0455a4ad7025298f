import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { OrganisationsModule } from '../../core/organisations/organisations.module.js';
import { ProtectionModule } from '../protection/protection.module.js';
import { ServiceRecordsController } from './service-records.controller.js';
import { ServiceRecordsRepository } from './service-records.repository.js';
import { ServiceRecordsService } from './service-records.service.js';
import { ServiceRecordsCaseData } from './service-records.case-data.js';
import { ServiceRecordEntity } from './service-record.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([ServiceRecordEntity]), CasesModule, OrganisationsModule, ProtectionModule],
  controllers: [ServiceRecordsController],
  providers: [ServiceRecordsRepository, ServiceRecordsService, ServiceRecordsCaseData],
  exports: [ServiceRecordsService],
})
export class ServiceRecordsModule {}
