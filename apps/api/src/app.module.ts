import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { HAVEN_CONFIG, type HavenConfig } from './config/config.js';
import { PermissionGuard } from './core/access/permission.guard.js';
import { AuditModule } from './core/audit/audit.module.js';
import { AuthModule } from './core/auth/auth.module.js';
import { SessionGuard } from './core/auth/session.guard.js';
import { CryptoModule } from './core/crypto/crypto.module.js';
import { scopedDatabaseModule } from './core/database/database.module.js';
import { TransactionModule } from './core/database/transaction-host.js';
import { RequestContextModule } from './core/request-context/request-context.module.js';
import { ProblemFilter } from './core/errors/problem.filter.js';
import { OpenApiController } from './core/http/openapi.controller.js';
import { OpenApiDocument } from './core/http/openapi-document.provider.js';
import { DemoModule } from './demo/demo.module.js';
import { AssessmentsModule } from './modules/assessments/assessments.module.js';
import { CasesModule } from './modules/cases/cases.module.js';
import { ConsentsModule } from './modules/consents/consents.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { NotesModule } from './modules/notes/notes.module.js';
import { DocumentsModule } from './modules/documents/documents.module.js';
import { OrganisationsModule } from './core/organisations/organisations.module.js';
import { ServiceRecordsModule } from './modules/service-records/service-records.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { ProtectionModule } from './modules/protection/protection.module.js';
import { IdentificationModule } from './modules/identification/identification.module.js';
import { LegalStatusModule } from './modules/legal-status/legal-status.module.js';
import { ChildrenModule } from './modules/children/children.module.js';
import { ReferralsModule } from './modules/referrals/referrals.module.js';
import { CaseSummaryModule } from './modules/case-summary/case-summary.module.js';
import { TransfersModule } from './modules/transfers/transfers.module.js';
import { MyWorkModule } from './modules/my-work/my-work.module.js';
import { SupportPlansModule } from './modules/support-plans/support-plans.module.js';
import { TasksModule } from './modules/tasks/tasks.module.js';
import { UsersModule } from './core/users/users.module.js';
import { ProgrammeModule } from './modules/programme/programme.module.js';
import { SheltersModule } from './modules/shelters/shelters.module.js';
import { TrainingModule } from './modules/training/training.module.js';
import { ReintegrationModule } from './modules/reintegration/reintegration.module.js';
import { StatisticsModule } from './modules/statistics/statistics.module.js';
import { AccessLogModule } from './modules/access-log/access-log.module.js';
import { DataProtectionModule } from './modules/data-protection/data-protection.module.js';

/** Composition only: configuration, database, global guards and filter, feature modules. */
@Module({})
export class AppModule {
  static forRoot(config: HavenConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DiscoveryModule,
        RequestContextModule,
        scopedDatabaseModule(config.databaseUrl),
        TransactionModule,
        CryptoModule,
        AuditModule,
        AuthModule,
        OrganisationsModule,
        UsersModule,
        CasesModule,
        ConsentsModule,
        AssessmentsModule,
        ServiceRecordsModule,
        NotesModule,
        DocumentsModule,
        TasksModule,
        SupportPlansModule,
        SheltersModule,
        ProgrammeModule,
        TrainingModule,
        ReintegrationModule,
        MyWorkModule,
        NotificationsModule,
        ProtectionModule,
        IdentificationModule,
        LegalStatusModule,
        ChildrenModule,
        ReferralsModule,
        CaseSummaryModule,
        TransfersModule,
        HealthModule,
        StatisticsModule,
        AccessLogModule,
        DataProtectionModule,
        // Scheduled jobs (the daily retention run) only where configured: not in tests, not in one-off commands.
        ...(config.retention.scheduled ? [ScheduleModule.forRoot()] : []),
        DemoModule,
      ],
      controllers: [OpenApiController],
      providers: [
        { provide: HAVEN_CONFIG, useValue: config },
        OpenApiDocument,
        // Order matters: who is calling (session), then may they (permission).
        { provide: APP_GUARD, useClass: SessionGuard },
        { provide: APP_GUARD, useClass: PermissionGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [HAVEN_CONFIG],
    };
  }
}
