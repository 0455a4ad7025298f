import { Injectable } from '@nestjs/common';
import type { DocumentCategory, DocumentRecordType } from '@haven/contracts';
import { In } from 'typeorm';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { CaseDocumentEntity } from './case-document.entity.js';

export interface DocumentFilter {
  category?: DocumentCategory;
  recordType?: DocumentRecordType;
  recordId?: string;
}

/** Document rows of one case. Callers check the case is in scope first (CaseAccess.findForAction). */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  private repository() {
    return this.transactions.manager.getRepository(CaseDocumentEntity);
  }

  /** Newest first; categories limits the page to those the caller may see. */
  pageForCase(
    caseId: string,
    filter: DocumentFilter,
    categories: readonly DocumentCategory[],
    page: number,
    pageSize: number,
  ): Promise<[CaseDocumentEntity[], number]> {
    return this.repository().findAndCount({
      where: {
        caseId,
        category: filter.category ?? In([...categories]),
        ...(filter.recordType ? { recordType: filter.recordType } : {}),
        ...(filter.recordId ? { recordId: filter.recordId } : {}),
      },
      relations: { uploader: true },
      order: { uploadedAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  /** Every file of the case in the given categories (a referral's lens, the access export). */
  listForCase(caseId: string, categories: readonly DocumentCategory[]): Promise<CaseDocumentEntity[]> {
    return this.repository().find({
      where: { caseId, category: In([...categories]) },
      relations: { uploader: true },
      order: { uploadedAt: 'DESC', id: 'DESC' },
    });
  }

  findInCase(caseId: string, id: string): Promise<CaseDocumentEntity | null> {
    return this.repository().findOne({ where: { id, caseId }, relations: { uploader: true } });
  }

  async insert(values: Omit<CaseDocumentEntity, 'uploader' | 'uploadedAt'>): Promise<void> {
    await this.repository().insert({ ...values, uploadedAt: new Date() });
  }

  /** Erasure and retention: the rows go with their chunks (the key that sealed them is destroyed too). */
  async deleteCase(caseId: string): Promise<void> {
    await this.transactions.manager.query(`DELETE FROM app.case_document WHERE case_id = $1`, [caseId]);
  }
}
