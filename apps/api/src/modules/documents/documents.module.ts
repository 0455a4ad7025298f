import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { CasesModule } from '../cases/cases.module.js';
import { ReferralsModule } from '../referrals/referrals.module.js';
import { CaseDocumentEntity } from './case-document.entity.js';
import { DOCUMENT_STORAGE } from './document-storage.js';
import { DocumentsCaseData } from './documents.case-data.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService } from './documents.service.js';
import { MalwareScanner } from './malware-scanner.js';
import { PostgresDocumentStorage } from './postgres-document-storage.js';
import { S3DocumentStorage } from './s3-document-storage.js';

@Module({
  imports: [TypeOrmModule.forFeature([CaseDocumentEntity]), CasesModule, ReferralsModule],
  controllers: [DocumentsController],
  providers: [
    DocumentsRepository,
    DocumentsService,
    DocumentsCaseData,
    MalwareScanner,
    {
      // DOCUMENT_STORAGE: the chunks table by default, an S3-compatible object store when configured.
      provide: DOCUMENT_STORAGE,
      inject: [HAVEN_CONFIG, TransactionHost],
      useFactory: (config: Pick<HavenConfig, 'documents'>, transactions: TransactionHost) => {
        const storage = config.documents.storage;
        return storage?.kind === 's3'
          ? new S3DocumentStorage(storage, transactions)
          : new PostgresDocumentStorage(transactions);
      },
    },
  ],
  exports: [DocumentsService],
})
export class DocumentsModule {}
