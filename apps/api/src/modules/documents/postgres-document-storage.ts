import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host.js';
import type { DocumentStorage } from './document-storage.js';

/** Chunks in `app.case_document_chunk`, one row each, under the case's row-level security and in the caller's transaction. */
@Injectable()
export class PostgresDocumentStorage implements DocumentStorage {
  constructor(private readonly transactions: TransactionHost) {}

  async writeChunk(caseId: string, documentId: string, index: number, sealed: Buffer): Promise<void> {
    await this.transactions.manager.query(
      `INSERT INTO app.case_document_chunk (document_id, case_id, chunk_index, sealed) VALUES ($1, $2, $3, $4)`,
      [documentId, caseId, index, sealed],
    );
  }

  async readChunk(_caseId: string, documentId: string, index: number): Promise<Buffer | null> {
    const rows = (await this.transactions.manager.query(
      `SELECT sealed FROM app.case_document_chunk WHERE document_id = $1 AND chunk_index = $2`,
      [documentId, index],
    )) as { sealed: Buffer }[];
    return rows[0]?.sealed ?? null;
  }

  /** Nothing to remove: the upload's transaction rolled back, and its chunks with it. */
  discard(): Promise<void> {
    return Promise.resolve();
  }

  async deleteCase(caseId: string): Promise<void> {
    await this.transactions.manager.query(`DELETE FROM app.case_document_chunk WHERE case_id = $1`, [caseId]);
  }
}
