import { Injectable } from '@nestjs/common';
import type { DocumentCategory, DocumentRecordType, LensSection, ReferralStatus } from '@haven/contracts';
import { In } from 'typeorm';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { CaseDocumentEntity } from './case-document.entity.js';

/** The table of each kind of record a file may support; each has the case it belongs to in `case_id`. */
const RECORD_TABLES: Record<DocumentRecordType, string> = {
  consent: 'app.consent',
  assessment: 'app.assessment',
  service: 'app.service_record',
  referral: 'app.referral',
  placement: 'app.placement',
  enrolment: 'app.enrolment',
};

/** A record a file is to support, as found on the case: a referral's state and lens decide what may be attached to it. */
export interface LinkedRecord {
  referral?: { status: ReferralStatus; lens: LensSection[] };
}

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

  /** Newest first; categories limits the page to those the caller may see (none: an empty page). */
  pageForCase(
    caseId: string,
    filter: DocumentFilter,
    categories: readonly DocumentCategory[],
    page: number,
    pageSize: number,
  ): Promise<[CaseDocumentEntity[], number]> {
    // No category to see matches nothing: answered here, never left to how an `IN ()` of nothing is written.
    if (filter.category ? !categories.includes(filter.category) : categories.length === 0)
      return Promise.resolve([[], 0]);
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
    // A lens that shares no category of file shares no file (and asks the database nothing).
    if (categories.length === 0) return Promise.resolve([]);
    return this.repository().find({
      where: { caseId, category: In([...categories]) },
      relations: { uploader: true },
      order: { uploadedAt: 'DESC', id: 'DESC' },
    });
  }

  /**
   * The record, only if it belongs to this case: a record of another case (or one row-level security
   * hides, another organisation's) is not found, exactly like one that does not exist.
   */
  async findLinkedRecord(caseId: string, type: DocumentRecordType, id: string): Promise<LinkedRecord | null> {
    const columns = type === 'referral' ? 'status, lens' : '1 AS found';
    const rows: { status?: ReferralStatus; lens?: LensSection[] }[] = await this.transactions.manager.query(
      `SELECT ${columns} FROM ${RECORD_TABLES[type]} WHERE id = $1 AND case_id = $2`,
      [id, caseId],
    );
    const [row] = rows;
    if (!row) return null;
    return type === 'referral' ? { referral: { status: row.status!, lens: row.lens! } } : {};
  }

  findInCase(caseId: string, id: string): Promise<CaseDocumentEntity | null> {
    return this.repository().findOne({ where: { id, caseId }, relations: { uploader: true } });
  }

  /**
   * A file whose scan had failed, found clean by a later one (the only change a document row takes).
   * Under the case's organisation's scope: a partner's download may have made that scan.
   */
  async markScannedClean(id: string): Promise<void> {
    await this.repository().update({ id, scan: 'failed' }, { scan: 'clean' });
  }

  async insert(values: Omit<CaseDocumentEntity, 'uploader' | 'uploadedAt'>): Promise<void> {
    await this.repository().insert({ ...values, uploadedAt: new Date() });
  }

  /** Erasure and retention: the rows go with their chunks (the key that sealed them is destroyed too). */
  async deleteCase(caseId: string): Promise<void> {
    await this.transactions.manager.query(`DELETE FROM app.case_document WHERE case_id = $1`, [caseId]);
  }
}
