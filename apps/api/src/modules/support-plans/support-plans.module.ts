import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { SupportPlansController } from './support-plans.controller.js';
import { SupportPlansRepository } from './support-plans.repository.js';
import { SupportPlansService } from './support-plans.service.js';
import { SupportPlansCaseData } from './support-plans.case-data.js';
import { SupportPlanGoalEntity } from './support-plan-goal.entity.js';
import { SupportPlanEntity } from './support-plan.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([SupportPlanGoalEntity, SupportPlanEntity]), CasesModule],
  controllers: [SupportPlansController],
  providers: [SupportPlansRepository, SupportPlansService, SupportPlansCaseData],
  exports: [SupportPlansService],
})
export class SupportPlansModule {}
