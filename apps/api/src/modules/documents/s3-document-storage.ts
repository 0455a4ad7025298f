import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { DocumentStorageConfig } from '../../config/config.js';
import type { TransactionHost } from '../../core/database/transaction-host.js';
import type { DocumentStorage } from './document-storage.js';

type S3StorageConfig = Extract<DocumentStorageConfig, { kind: 's3' }>;

/** DeleteObjects takes at most this many keys per request. */
const DELETE_BATCH = 1000;

/**
 * Chunks as objects in an S3-compatible store, for deployments whose files outgrow the database
 * (DOCUMENT_STORAGE=s3). Each chunk is one object, `<prefix>documents/<case>/<file>/<index>`,
 * holding exactly the sealed bytes the PostgreSQL store would (AES-256-GCM under the case key, the
 * case, file and index bound in): the store, its operators and its backups never see plaintext,
 * and a chunk copied under another key does not open. Keys carry ids only, never a name.
 *
 * Unlike the table, the store is outside the database transaction: an upload refused half-way
 * removes what it wrote (`discard`), and erasure removes every object under the case's prefix, so
 * a chunk left by an interrupted upload goes too (it was sealed under the case key, destroyed
 * with the case's anyway). Erasure removes them once its transaction has committed: an erasure
 * that fails later and rolls back leaves the case with its files. A removal that fails is logged;
 * the objects left are sealed under the destroyed key and can no longer be opened.
 */
export class S3DocumentStorage implements DocumentStorage, OnModuleDestroy {
  private readonly client: S3Client;
  private readonly logger = new Logger(S3DocumentStorage.name);

  constructor(
    private readonly config: S3StorageConfig,
    private readonly transactions: TransactionHost,
  ) {
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
      forcePathStyle: config.forcePathStyle,
      // Checksums only where the API requires them: S3-compatible servers do not all accept the newer trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private prefixOf(caseId: string, documentId?: string): string {
    return `${this.config.prefix}documents/${caseId}/${documentId ? `${documentId}/` : ''}`;
  }

  private keyOf(caseId: string, documentId: string, index: number): string {
    return `${this.prefixOf(caseId, documentId)}${String(index).padStart(6, '0')}`;
  }

  async writeChunk(caseId: string, documentId: string, index: number, sealed: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: this.keyOf(caseId, documentId, index),
        Body: sealed,
        ContentLength: sealed.length,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async readChunk(caseId: string, documentId: string, index: number): Promise<Buffer | null> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(caseId, documentId, index) }),
      );
      return answer.Body ? Buffer.from(await answer.Body.transformToByteArray()) : null;
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  discard(caseId: string, documentId: string): Promise<void> {
    return this.deleteUnder(this.prefixOf(caseId, documentId));
  }

  deleteCase(caseId: string): Promise<void> {
    this.transactions.afterCommit(
      () =>
        void this.deleteUnder(this.prefixOf(caseId)).catch((failure: unknown) => {
          this.logger.error(`The files of an erased case were not removed from the object store: ${String(failure)}`);
        }),
    );
    return Promise.resolve();
  }

  /**
   * Lists and deletes the objects under the prefix a page at a time, listing again from the start
   * after each page (what was deleted no longer shows); a key the store fails to delete fails the call.
   */
  private async deleteUnder(prefix: string): Promise<void> {
    for (;;) {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: prefix, MaxKeys: DELETE_BATCH }),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length === 0) return;
      const deleted = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.config.bucket, Delete: { Objects: keys, Quiet: true } }),
      );
      if (deleted.Errors?.length)
        throw new Error(`The object store did not delete ${deleted.Errors.length} chunk(s) of files`);
    }
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}
