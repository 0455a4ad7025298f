import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { AssessmentsController } from './assessments.controller.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { AssessmentsService } from './assessments.service.js';

/** Exports the assessment service, for the non-refoulement safeguard (latest protection screening). */
@Module({ imports: [CasesModule], controllers: [AssessmentsController], providers: [AssessmentsRepository, AssessmentsService], exports: [AssessmentsService] })
export class AssessmentsModule {}
