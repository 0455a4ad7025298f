import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { ReintegrationController } from './reintegration.controller.js';
import { ReintegrationRepository } from './reintegration.repository.js';
import { ReintegrationService } from './reintegration.service.js';
import { ReintegrationCaseData } from './reintegration.case-data.js';
import { FollowUpVisitEntity } from './follow-up-visit.entity.js';
import { ReintegrationGoalEntity } from './reintegration-goal.entity.js';

/** Reintegration plans and follow-up visits. Exports the service, for "my work" and statistics. */
@Module({
  imports: [TypeOrmModule.forFeature([FollowUpVisitEntity, ReintegrationGoalEntity]), CasesModule, TasksModule],
  controllers: [ReintegrationController],
  providers: [ReintegrationRepository, ReintegrationService, ReintegrationCaseData],
  exports: [ReintegrationService],
})
export class ReintegrationModule {}
