import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ReferralsModule } from '../referrals/referrals.module.js';
import { CaseSummaryController } from './case-summary.controller.js';
import { CaseSummaryService } from './case-summary.service.js';

/** Printable case summaries, built from the same sections as a referral's lens. */
@Module({
  imports: [CasesModule, ReferralsModule, NotificationsModule],
  controllers: [CaseSummaryController],
  providers: [CaseSummaryService],
})
export class CaseSummaryModule {}
