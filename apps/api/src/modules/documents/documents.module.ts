import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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

@Module({
  imports: [TypeOrmModule.forFeature([CaseDocumentEntity]), CasesModule, ReferralsModule],
  controllers: [DocumentsController],
  providers: [
    DocumentsRepository,
    DocumentsService,
    DocumentsCaseData,
    MalwareScanner,
    { provide: DOCUMENT_STORAGE, useClass: PostgresDocumentStorage },
  ],
  exports: [DocumentsService],
})
export class DocumentsModule {}
