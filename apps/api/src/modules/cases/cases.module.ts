import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DiscoveryModule } from '@nestjs/core';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UsersModule } from '../../core/users/users.module.js';
import { CaseDataContributors } from './case-data-contributor.js';
import { CaseVault } from './case-vault.service.js';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';
import { CaseChangeEntity } from './case-change.entity.js';
import { CaseKeyEntity } from './case-key.entity.js';
import { CaseEntity } from './case.entity.js';
import { SurvivorIdentityEntity } from './survivor-identity.entity.js';
import { CaseOverviewReadModel } from './read-models/case-overview.read-model.js';

/**
 * Exports the case service (access checks, history), the vault (free text under the case key)
 * and the case data contributors (each feature's part of the access export, anonymisation and
 * consent withdrawal, found at start-up) to the features that hang off a case.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CaseChangeEntity, CaseKeyEntity, CaseEntity, SurvivorIdentityEntity]),
    DiscoveryModule,
    UsersModule,
    NotificationsModule,
  ],
  controllers: [CasesController],
  providers: [CasesRepository, CaseOverviewReadModel, CasesService, CaseVault, CaseDataContributors],
  exports: [CasesService, CaseVault, CaseDataContributors],
})
export class CasesModule {}
