import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { LegalStatusCaseData } from './legal-status.case-data.js';
import { LegalStatusController } from './legal-status.controller.js';
import { LegalStatusEntity } from './legal-status.entity.js';
import { LegalStatusRepository } from './legal-status.repository.js';
import { LegalStatusService } from './legal-status.service.js';

/** Migration status, the reflection period and the residence permit for victims, with their deadlines for "my work". */
@Module({
  imports: [TypeOrmModule.forFeature([LegalStatusEntity]), CasesModule],
  controllers: [LegalStatusController],
  providers: [LegalStatusRepository, LegalStatusService, LegalStatusCaseData],
  exports: [LegalStatusService],
})
export class LegalStatusModule {}
