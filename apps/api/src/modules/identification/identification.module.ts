import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { IdentificationCaseData } from './identification.case-data.js';
import { IdentificationController } from './identification.controller.js';
import { IdentificationRepository } from './identification.repository.js';
import { IdentificationScreeningEntity } from './identification-screening.entity.js';
import { IdentificationService } from './identification.service.js';
import { StatusDecisionEntity } from './status-decision.entity.js';

/** Screenings for indicators of trafficking and the formal decisions on the trafficking status. */
@Module({
  imports: [TypeOrmModule.forFeature([IdentificationScreeningEntity, StatusDecisionEntity]), CasesModule],
  controllers: [IdentificationController],
  providers: [IdentificationRepository, IdentificationService, IdentificationCaseData],
  exports: [IdentificationService],
})
export class IdentificationModule {}
