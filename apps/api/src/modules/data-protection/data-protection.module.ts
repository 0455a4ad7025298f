import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationsModule } from '../../core/organisations/organisations.module.js';
import { ExclusiveJobs } from '../../core/database/exclusive-jobs.js';
import { AccessExportService } from './access-export.service.js';
import { CaseAnonymiser } from './case-anonymiser.service.js';
import { DataProtectionController } from './data-protection.controller.js';
import { DataProtectionRepository } from './data-protection.repository.js';
import { DataProtectionService } from './data-protection.service.js';
import { RetentionService } from './retention.service.js';
import { CaseErasureRequestEntity } from './case-erasure-request.entity.js';
import { CaseErasureEntity } from './case-erasure.entity.js';
import { RetentionRunEntity } from './retention-run.entity.js';

/**
 * Retention, erasure and access requests (docs/architecture.md, rule 10). Depends on no feature that holds
 * case data: each contributes its part (CaseDataContributor, found at start-up by the cases
 * module's CaseDataContributors), so adding such a feature does not touch this module.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CaseErasureRequestEntity, CaseErasureEntity, RetentionRunEntity]),
    CasesModule,
    OrganisationsModule,
    NotificationsModule,
  ],
  controllers: [DataProtectionController],
  providers: [
    DataProtectionRepository,
    CaseAnonymiser,
    DataProtectionService,
    RetentionService,
    AccessExportService,
    ExclusiveJobs,
  ],
  exports: [RetentionService, DataProtectionService],
})
export class DataProtectionModule {}
