import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { DataProtectionModule } from '../data-protection/data-protection.module.js';
import { SupportPlansModule } from '../support-plans/support-plans.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ReintegrationModule } from '../reintegration/reintegration.module.js';
import { TransfersModule } from '../transfers/transfers.module.js';
import { LegalStatusModule } from '../legal-status/legal-status.module.js';
import { MyWorkController } from './my-work.controller.js';
import { MyWorkService } from './my-work.service.js';

@Module({
  imports: [
    CasesModule,
    TasksModule,
    SupportPlansModule,
    DataProtectionModule,
    NotificationsModule,
    ReintegrationModule,
    TransfersModule,
    LegalStatusModule,
  ],
  controllers: [MyWorkController],
  providers: [MyWorkService],
})
export class MyWorkModule {}
