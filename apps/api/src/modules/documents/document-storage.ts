/**
 * Where the sealed chunks of files live. Chunks arrive sealed (CaseVault.fileCipherFor): a store
 * never sees a plaintext byte. The PostgreSQL store is the default, so chunks share the case's
 * row-level security, transactions and backups; an S3-compatible object store is the option for
 * large deployments (DOCUMENT_STORAGE=s3). A chunk is only ever asked for after the file's row
 * was read under the reader's row-level security, so a store needs no access rules of its own.
 */
export interface DocumentStorage {
  /** PostgreSQL: joins the caller's transaction. An object store writes at once (see `discard`). */
  writeChunk(caseId: string, documentId: string, index: number, sealed: Buffer): Promise<void>;
  /** The sealed chunk, or null when it is missing (or out of the reader's scope). */
  readChunk(caseId: string, documentId: string, index: number): Promise<Buffer | null>;
  /**
   * After an upload refused half-way (too large, not text after all, malware): removes what was
   * written of that file. PostgreSQL has nothing to do (the rollback removed it); an object store,
   * outside the transaction, deletes the objects.
   */
  discard(caseId: string, documentId: string): Promise<void>;
  /**
   * Removes every chunk of every file of the case (erasure and retention), including any left by an
   * interrupted upload. PostgreSQL: in the erasure's transaction. An object store: once it has
   * committed (never if it rolls back), so an erasure that fails leaves the files.
   */
  deleteCase(caseId: string): Promise<void>;
}

/** Injection token of the storage in use. */
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');
