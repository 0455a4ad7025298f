import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UsersModule } from '../users/users.module.js';
import { CaseAnonymisationHooks } from './case-anonymisation.js';
import { CaseVault } from './case-vault.service.js';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';

/**
 * Exports the case service (access checks, history), the vault (free text under the case key)
 * and the anonymisation hooks (where each feature registers how to clear its text) to the
 * features that hang off a case.
 */
@Module({ imports: [UsersModule, NotificationsModule], controllers: [CasesController], providers: [CasesRepository, CasesService, CaseVault, CaseAnonymisationHooks], exports: [CasesService, CaseVault, CaseAnonymisationHooks] })
export class CasesModule {}
