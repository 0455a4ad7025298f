import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { OrganisationsModule } from '../../core/organisations/organisations.module.js';
import { EnrolmentsController } from './enrolments.controller.js';
import { TrainingProgrammesController } from './training-programmes.controller.js';
import { TrainingRepository } from './training.repository.js';
import { TrainingService } from './training.service.js';
import { TrainingCaseData } from './training.case-data.js';
import { EnrolmentEntity } from './enrolment.entity.js';
import { EnrolmentAttendanceEntity } from './enrolment-attendance.entity.js';
import { EnrolmentFollowUpEntity } from './enrolment-follow-up.entity.js';
import { TrainingProgrammeEntity } from './training-programme.entity.js';

/** Vocational training programmes and enrolments. Exports the service, for statistics and "my work". */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      EnrolmentEntity,
      EnrolmentAttendanceEntity,
      EnrolmentFollowUpEntity,
      TrainingProgrammeEntity,
    ]),
    CasesModule,
    OrganisationsModule,
  ],
  controllers: [TrainingProgrammesController, EnrolmentsController],
  providers: [TrainingRepository, TrainingService, TrainingCaseData],
  exports: [TrainingService],
})
export class TrainingModule {}
