/**
 * Where the sealed chunks of files live. Chunks arrive sealed (CaseVault.fileCipherFor): a store
 * never sees a plaintext byte. The PostgreSQL store is the default, so chunks share the case's
 * row-level security, transactions and backups; writes join the caller's transaction, so an
 * upload refused half-way leaves nothing behind.
 */
export interface DocumentStorage {
  writeChunk(caseId: string, documentId: string, index: number, sealed: Buffer): Promise<void>;
  /** The sealed chunk, or null when it is missing (or out of the reader's scope). */
  readChunk(documentId: string, index: number): Promise<Buffer | null>;
  /** Removes every chunk of every file of the case (erasure and retention). */
  deleteCase(caseId: string): Promise<void>;
}

/** Injection token of the storage in use. */
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');
