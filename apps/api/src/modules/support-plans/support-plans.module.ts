import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { SupportPlansController } from './support-plans.controller.js';
import { SupportPlansRepository } from './support-plans.repository.js';
import { SupportPlansService } from './support-plans.service.js';
import { SupportPlansCaseData } from './support-plans.case-data.js';

@Module({ imports: [CasesModule], controllers: [SupportPlansController], providers: [SupportPlansRepository, SupportPlansService, SupportPlansCaseData], exports: [SupportPlansService] })
export class SupportPlansModule {}
