import { Module } from '@nestjs/common';
import { AuthModule } from '../core/auth/auth.module.js';
import { AssessmentsModule } from '../modules/assessments/assessments.module.js';
import { CasesModule } from '../modules/cases/cases.module.js';
import { ChildrenModule } from '../modules/children/children.module.js';
import { ConsentsModule } from '../modules/consents/consents.module.js';
import { ReferralsModule } from '../modules/referrals/referrals.module.js';
import { ProgrammeModule } from '../modules/programme/programme.module.js';
import { SheltersModule } from '../modules/shelters/shelters.module.js';
import { TasksModule } from '../modules/tasks/tasks.module.js';
import { TrainingModule } from '../modules/training/training.module.js';
import { OrganisationsModule } from '../core/organisations/organisations.module.js';
import { UsersModule } from '../core/users/users.module.js';
import { DemoDataService } from './demo-data.service.js';
import { DemoHistoryRepository } from './demo-history.repository.js';
import { DemoHistoryService } from './demo-history.service.js';
import { StatisticsModule } from '../modules/statistics/statistics.module.js';
import { DemoRepository } from './demo.repository.js';

@Module({
  imports: [
    AuthModule,
    OrganisationsModule,
    UsersModule,
    CasesModule,
    ConsentsModule,
    ChildrenModule,
    AssessmentsModule,
    TasksModule,
    ReferralsModule,
    StatisticsModule,
    SheltersModule,
    TrainingModule,
    ProgrammeModule,
  ],
  providers: [DemoRepository, DemoDataService, DemoHistoryRepository, DemoHistoryService],
  exports: [DemoDataService, DemoHistoryService],
})
export class DemoModule {}
