import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DiscoveryModule } from '@nestjs/core';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UsersModule } from '../../core/users/users.module.js';
import { CaseDataContributors } from './case-data-contributor.js';
import { CasesCaseData } from './cases.case-data.js';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';
import { NameIndexBackfill } from './name-index-backfill.service.js';
import { CaseAccess } from './kernel/case-access.service.js';
import { CaseHistory } from './kernel/case-history.service.js';
import { CaseRecords } from './kernel/case-records.service.js';
import { CaseVault } from './kernel/case-vault.service.js';
import { CaseNames } from './kernel/case-names.service.js';
import { CaseRecordNames } from './kernel/case-record-names.service.js';
import { CaseChangeEntity } from './case-change.entity.js';
import { CaseKeyEntity } from './case-key.entity.js';
import { CaseEntity } from './case.entity.js';
import { SurvivorIdentityEntity } from './survivor-identity.entity.js';
import { CaseOverviewReadModel } from './read-models/case-overview.read-model.js';

/** The case kernel: what the features that hang off a case depend on (docs/architecture.md, "The case kernel"). */
const KERNEL = [CaseAccess, CaseHistory, CaseVault, CaseRecords, CaseNames, CaseRecordNames];

/**
 * The cases feature (registration, the case page, closure), and the case kernel and the case
 * data contributors (each feature's part of the access export, anonymisation, consent
 * withdrawal and referral lens, found at start-up) that it exports to the features that hang
 * off a case; the case's own part of the lens is CasesCaseData. Those
 * features depend on the kernel services, not on CasesService.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CaseChangeEntity, CaseKeyEntity, CaseEntity, SurvivorIdentityEntity]),
    DiscoveryModule,
    UsersModule,
    NotificationsModule,
  ],
  controllers: [CasesController],
  providers: [
    CasesRepository,
    CaseOverviewReadModel,
    CasesService,
    ...KERNEL,
    CaseDataContributors,
    CasesCaseData,
    NameIndexBackfill,
  ],
  exports: [CasesService, ...KERNEL, CaseDataContributors, NameIndexBackfill],
})
export class CasesModule {}
