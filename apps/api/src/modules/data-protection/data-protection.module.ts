import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { ConsentsModule } from '../consents/consents.module.js';
import { NotesModule } from '../notes/notes.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ProtectionModule } from '../protection/protection.module.js';
import { ReferralsModule } from '../referrals/referrals.module.js';
import { ReintegrationModule } from '../reintegration/reintegration.module.js';
import { ServiceRecordsModule } from '../service-records/service-records.module.js';
import { SheltersModule } from '../shelters/shelters.module.js';
import { SupportPlansModule } from '../support-plans/support-plans.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { TrainingModule } from '../training/training.module.js';
import { TransfersModule } from '../transfers/transfers.module.js';
import { AccessExportService } from './access-export.service.js';
import { CaseAnonymiser } from './case-anonymiser.service.js';
import { DataProtectionController } from './data-protection.controller.js';
import { DataProtectionRepository } from './data-protection.repository.js';
import { DataProtectionService } from './data-protection.service.js';
import { RetentionService } from './retention.service.js';

/**
 * Retention, erasure and access requests (DESIGN.md §5.10). Imports every feature that
 * stores text about a case: their repositories register how to clear it (see CaseAnonymiser),
 * and their services give the access-request export what each holds.
 */
@Module({
  imports: [
    CasesModule,
    OrganisationsModule,
    ConsentsModule,
    AssessmentsModule,
    SupportPlansModule,
    ServiceRecordsModule,
    NotesModule,
    SheltersModule,
    ReferralsModule,
    TrainingModule,
    ReintegrationModule,
    ProtectionModule,
    TransfersModule,
    TasksModule,
    NotificationsModule,
  ],
  controllers: [DataProtectionController],
  providers: [DataProtectionRepository, CaseAnonymiser, DataProtectionService, RetentionService, AccessExportService],
  exports: [RetentionService, DataProtectionService],
})
export class DataProtectionModule {}
