import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { AssessmentHooks } from './assessment-hooks.js';
import { AssessmentsController } from './assessments.controller.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { AssessmentsService } from './assessments.service.js';
import { AssessmentsCaseData } from './assessments.case-data.js';
import { AssessmentEntity } from './assessment.entity.js';

/** Exports the assessment service and its hooks, through which the return safeguards learn of each protection screening. A referral's lens reads the needs through AssessmentsCaseData. */
@Module({
  imports: [TypeOrmModule.forFeature([AssessmentEntity]), CasesModule],
  controllers: [AssessmentsController],
  providers: [AssessmentsRepository, AssessmentsService, AssessmentHooks, AssessmentsCaseData],
  exports: [AssessmentsService, AssessmentHooks],
})
export class AssessmentsModule {}
