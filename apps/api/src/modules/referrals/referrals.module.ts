import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { ConsentsModule } from '../consents/consents.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationsModule } from '../../core/organisations/organisations.module.js';
import { ProtectionModule } from '../protection/protection.module.js';
import { ServiceRecordsModule } from '../service-records/service-records.module.js';
import { CaseReferralsController, PartnerReferralsController } from './referrals.controller.js';
import { ReferralsRepository } from './referrals.repository.js';
import { ReferralsService } from './referrals.service.js';
import { ReferralsCaseData } from './referrals.case-data.js';
import { ReferralEntity } from './referral.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ReferralEntity]),
    CasesModule,
    ConsentsModule,
    OrganisationsModule,
    ProtectionModule,
    ServiceRecordsModule,
    NotificationsModule,
  ],
  controllers: [CaseReferralsController, PartnerReferralsController],
  providers: [ReferralsRepository, ReferralsService, ReferralsCaseData],
  exports: [ReferralsService],
})
export class ReferralsModule {}
