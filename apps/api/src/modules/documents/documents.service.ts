import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AsyncResource } from 'node:async_hooks';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DOCUMENT_CATEGORIES,
  DOCUMENT_LENS_SECTIONS,
  uploadDocumentFieldsSchema,
  type CaseDocument,
  type DocumentCategory,
  type DocumentContentType,
  type DocumentListQuery,
  type Page,
  type ReferralStatus,
  type UploadDocumentFields,
} from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { AuditService, type AuditReason } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { validInput } from '../../core/errors/input-validation.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors/problem.js';
import { runAsOrganisation } from '../../core/request-context/database-scope.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { CaseVault, type CaseFileCipher } from '../cases/kernel/case-vault.service.js';
import { ReferralsService } from '../referrals/referrals.service.js';
import type { CaseDocumentEntity } from './case-document.entity.js';
import { isPreviewable, toDocument } from './document.mapper.js';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage.js';
import { DocumentsRepository } from './documents.repository.js';
import {
  contentTypeOf,
  FileTooLargeError,
  REWRITTEN_TYPES,
  rewrite,
  SNIFF_BYTES,
  TextChecker,
  UnsupportedFileError,
} from './file-content.js';
import {
  MalwareFoundError,
  MalwareScanner,
  ScannerSizeLimitError,
  StoredMalwareError,
  type ScanVerdict,
} from './malware-scanner.js';
import { discardRest, readUpload, type IncomingUpload } from './multipart-upload.js';

/** The states in which a referral's recipient sees what its lens shares. */
const OPEN_REFERRAL: readonly ReferralStatus[] = ['sent', 'accepted'];

/** A shared file not (yet) checked for viruses: the partner sees it listed as awaiting its scan, and gets it once clean. */
class FileAwaitingScanError extends ConflictError {
  constructor() {
    super(
      'This file has not been checked for viruses yet, so it is not shared. It is shared once a scan finds it clean: ask again later, or ask the organisation that referred her.',
    );
  }
}

/** Plaintext bytes per sealed chunk: small enough to stream, large enough that the per-chunk cost is small. */
export const CHUNK_BYTES = 256 * 1024;
export const TITLE = 'document-title';
export const FILE_NAME = 'document-file-name';

const EXTENSIONS: Record<DocumentContentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'text/plain': 'txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
};

/** A file ready to be sent: its content opened chunk by chunk as the answer is written. */
export interface DocumentContent {
  contentType: DocumentContentType;
  byteSize: number;
  /** A name that says nothing about the person: the original name is never sent. */
  fileName: string;
  stream: Readable;
}

export type ContentUse = 'download' | 'preview';

/**
 * Documents and photos on a case (docs/architecture.md, "Documents"). The upload streams: its
 * type is decided from its first bytes, then each piece is scanned, sealed under the case key in
 * chunks and written as it arrives, in one transaction with the document row, so a refusal
 * half-way (too large, not text after all, malware) leaves nothing. Images and PDFs are the
 * exception: they are read and rewritten whole (re-encoded, metadata removed) and scanned whole
 * before the transaction begins, since the image and PDF libraries work on a whole file (the size
 * limit bounds that memory); the transaction then only seals and writes them.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    private readonly documents: DocumentsRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
    private readonly scanner: MalwareScanner,
    private readonly referrals: ReferralsService,
    @Inject(HAVEN_CONFIG) private readonly config: Pick<HavenConfig, 'documents'>,
  ) {}

  async list(caller: Caller, caseId: string, query: DocumentListQuery): Promise<Page<CaseDocument>> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    const categories = await this.visibleCategories(caller, caseId);
    if (query.category && !categories.includes(query.category))
      return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    const [rows, total] = await this.documents.pageForCase(caseId, query, categories, query.page, query.pageSize);
    const sealer = rows.length ? await this.vault.sealerFor(caseId) : undefined;
    return {
      items: rows.map((row) => toDocument(row, sealer!.open(TITLE, row.sealedTitle))),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async upload(caller: Caller, caseId: string, request: IncomingMessage): Promise<CaseDocument> {
    try {
      // Scope and state first: a case out of reach answers 404 before a byte of the file is read.
      await this.caseAccess.findOpenForUpdate(caller, caseId);
      const incoming = await readUpload(request, this.config.documents.maxBytes);
      const fields = validInput(uploadDocumentFieldsSchema, incoming.fields);
      if (fields.category === 'identity-document' && !(await this.readsIdentity(caller, caseId)))
        throw new ForbiddenError('Only those who may see who she is may add a copy of an identity document.');
      await this.checkLinkedRecord(caseId, fields);
      const documentId = await this.store(caller, caseId, fields, incoming);
      return await this.read(caseId, documentId);
    } catch (error) {
      discardRest(request);
      throw error;
    }
  }

  async content(caller: Caller, caseId: string, documentId: string, use: ContentUse): Promise<DocumentContent> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'read');
    const document = await this.documents.findInCase(caseId, documentId);
    if (!document) throw new NotFoundError();
    const identity = await this.readsIdentity(caller, caseId);
    if (document.category === 'identity-document' && !identity) throw new NotFoundError();
    if (use === 'preview' && !isPreviewable(document)) throw new NotFoundError('This file has no preview.');
    // Not checked for viruses: scanned again first (the daemon may be back). Flagged, it is served to
    // no one; still without a verdict, the case's own staff may have it (the page warned them first).
    if (document.scan === 'failed' && (await this.scanAgain(document, found.organisationId)) === 'malware')
      throw new StoredMalwareError();
    const reason: AuditReason =
      found.assigneeId === caller.actor.id
        ? 'assignee'
        : found.team && found.team === caller.actor.team
          ? 'team'
          : 'outside-assignment';
    return this.open(caller, found.organisationId, document, use, reason);
  }

  /** A referral's recipient, while the referral is open and its lens shares the file's category; 404 otherwise. */
  async sharedContent(
    caller: Caller,
    referralId: string,
    documentId: string,
    use: ContentUse,
  ): Promise<DocumentContent> {
    const shared = await this.referrals.openSharedCase(caller, referralId);
    const document = await this.documents.findInCase(shared.caseId, documentId);
    if (!document || !shared.lens.includes(DOCUMENT_LENS_SECTIONS[document.category])) throw new NotFoundError();
    // Within the lens, a file not checked for viruses is shared only once a scan finds it clean: this
    // request scans it again, and it is withheld (409, never 404: the lens lists it as awaiting its scan)
    // unless that scan is clean. Do no harm: another organisation never receives a file nobody checked.
    if (document.scan === 'failed' && (await this.scanAgain(document, shared.fromOrganisationId)) !== 'clean')
      throw new FileAwaitingScanError();
    if (use === 'preview' && !isPreviewable(document)) throw new NotFoundError('This file has no preview.');
    return this.open(caller, shared.fromOrganisationId, document, use, undefined);
  }

  /**
   * A file stored while the scanner could not be asked (`failed`), scanned again from its chunks when
   * it is next asked for. Clean, it is marked so for good — in the scope of the case's organisation,
   * since a partner's request may be the one that scanned it — and is then previewed and shared like
   * any other. Without a verdict again (daemon still down, or no scanner configured any more) it
   * stays `failed`. The chunks are read one query at a time, outside any transaction, so no pooled
   * connection waits on the scanner.
   */
  private async scanAgain(
    document: CaseDocumentEntity,
    organisationId: string,
  ): Promise<'clean' | 'failed' | 'malware'> {
    if (!this.scanner.enabled) return 'failed';
    const scan = this.scanner.start();
    const cipher = await this.vault.fileCipherFor(document.caseId);
    const read = (index: number) => this.storage.readChunk(document.caseId, document.id, index);
    for await (const piece of chunksOf(document, cipher, read)) scan.write(piece);
    let verdict: ScanVerdict;
    try {
      verdict = await scan.verdict();
    } catch (error) {
      if (error instanceof MalwareFoundError) {
        this.logger.warn(`A stored file whose scan had failed was flagged by the malware scanner (${document.id})`);
        return 'malware';
      }
      // Stored before the daemon's limit was lowered: still no verdict.
      if (error instanceof ScannerSizeLimitError) return 'failed';
      throw error;
    }
    if (verdict !== 'clean') return 'failed';
    await runAsOrganisation(organisationId, () => this.documents.markScannedClean(document.id));
    document.scan = 'clean';
    return 'clean';
  }

  /** Every read of a file's content is written in the case's access log before a byte leaves, like an identity read. */
  private async open(
    caller: Caller,
    organisationId: string,
    document: CaseDocumentEntity,
    use: ContentUse,
    reason: AuditReason | undefined,
  ): Promise<DocumentContent> {
    const cipher = await this.vault.fileCipherFor(document.caseId);
    await this.audit.record(caller, {
      action: use === 'preview' ? 'document.previewed' : 'document.downloaded',
      category: 'case',
      subject: { type: 'Case', id: document.caseId, organisationId },
      ...(reason ? { reason } : {}),
    });
    return {
      contentType: document.contentType,
      byteSize: document.byteSize,
      fileName: `haven-document-${document.id.slice(0, 8)}.${EXTENSIONS[document.contentType]}`,
      // Bound here, in the request's context: the stream is pulled later from the response's (or an
      // archive's) events, and the database scope (row-level security) follows the context.
      stream: Readable.from(
        chunksOf(
          document,
          cipher,
          AsyncResource.bind((index: number) => this.storage.readChunk(document.caseId, document.id, index)),
        ),
      ),
    };
  }

  private async store(
    caller: Caller,
    caseId: string,
    fields: UploadDocumentFields,
    incoming: IncomingUpload,
  ): Promise<string> {
    const maxBytes = this.config.documents.maxBytes;
    const pieces = sizeLimited(incoming.file[Symbol.asyncIterator]() as AsyncIterator<Buffer>, maxBytes);
    const head = await readHead(pieces);
    const incomingType = await contentTypeOf(head.bytes);
    // Rewritten types are read whole and rewritten before any transaction: a slow upload holds no connection.
    const rewritten = REWRITTEN_TYPES.includes(incomingType)
      ? await rewrite(incomingType, Buffer.concat([head.bytes, ...(await drain(pieces))]))
      : undefined;
    const contentType: DocumentContentType = rewritten?.contentType ?? (incomingType as DocumentContentType);
    // A file held whole is scanned whole before the transaction too: the scan may take up to
    // CLAMAV_TIMEOUT_MS, which no pooled connection should wait for. Malware is refused here (422).
    const verdict = rewritten ? await this.scanWhole(rewritten.bytes) : undefined;
    const documentId = randomUUID();
    try {
      await this.transactions.withTransaction(() =>
        this.storeInTransaction(caller, caseId, fields, incoming, {
          documentId,
          contentType,
          head,
          pieces,
          rewritten: rewritten && verdict ? { bytes: rewritten.bytes, verdict } : undefined,
        }),
      );
    } catch (error) {
      // An object store is outside the transaction: what it took of the refused file goes now.
      await this.storage.discard(caseId, documentId).catch((failure: unknown) => {
        this.logger.warn(`Chunks of a refused upload were not removed: ${String(failure)}`);
      });
      throw error;
    }
    return documentId;
  }

  private async scanWhole(bytes: Buffer): Promise<ScanVerdict> {
    const scan = this.scanner.start();
    scan.write(bytes);
    return scan.verdict();
  }

  /**
   * A file may support only a record of its own case (never another case's, whatever the caller may
   * see elsewhere): any other answers 400 naming the record, the same whether it exists elsewhere or
   * not. Writing to the case (checked before) is writing to its records; a referral is written to
   * only while it is open, and a file attached to it must be of a category its lens shares, so that
   * what it supports is what it shares — no more (the lens the survivor's consent was given for).
   */
  private async checkLinkedRecord(caseId: string, fields: UploadDocumentFields): Promise<void> {
    if (!fields.recordType || !fields.recordId) return;
    const record = await this.documents.findLinkedRecord(caseId, fields.recordType, fields.recordId);
    if (!record)
      throw new BadRequestError('The record this file is to support is not a record of this case.', [
        { field: 'recordId', message: `No such ${fields.recordType} on this case` },
      ]);
    if (!record.referral) return;
    if (!OPEN_REFERRAL.includes(record.referral.status))
      throw new BadRequestError('Files are attached to a referral only while it is open.', [
        { field: 'recordId', message: `This referral is ${record.referral.status}` },
      ]);
    const section = DOCUMENT_LENS_SECTIONS[fields.category];
    if (!record.referral.lens.includes(section))
      throw new BadRequestError('A file attached to a referral must be of a category its lens shares.', [
        { field: 'category', message: `This referral does not share ${fields.category} files` },
      ]);
  }

  private async storeInTransaction(
    caller: Caller,
    caseId: string,
    fields: UploadDocumentFields,
    incoming: IncomingUpload,
    file: {
      documentId: string;
      contentType: DocumentContentType;
      head: { bytes: Buffer; ended: boolean };
      pieces: AsyncIterator<Buffer>;
      /** A file rewritten whole, with the verdict of its scan (taken before the transaction). */
      rewritten: { bytes: Buffer; verdict: ScanVerdict } | undefined;
    },
  ): Promise<void> {
    const { documentId, contentType, head, pieces, rewritten } = file;
    const scan = rewritten ? undefined : this.scanner.start();
    // The case is locked as anonymisation locks it, and read again, before the first chunk is
    // written: an erasure that came while the file was streaming in refuses it (410), and one that
    // comes after waits for it. Not earlier, so a slow upload does not hold erasure back while
    // nothing is written; not later, since a chunk row refers to the case (lock order).
    let locked: { found: CaseEntity; cipher: CaseFileCipher } | undefined;
    const writer = new ChunkWriter(async (index, last, plaintext) => {
      locked ??= {
        found: await this.caseAccess.lockOpenForUpdate(caller, caseId),
        cipher: await this.vault.fileCipherFor(caseId),
      };
      const sealed = locked.cipher.sealChunk(documentId, index, last, plaintext);
      await this.storage.writeChunk(caseId, documentId, index, sealed);
    });
    let byteSize = 0;
    const take = async (piece: Buffer) => {
      byteSize += piece.length;
      scan?.write(piece);
      await writer.push(piece);
    };
    if (rewritten) await take(rewritten.bytes);
    else {
      // Streamed: each piece is checked (text stays text), scanned and sealed as it arrives.
      const text = contentType === 'text/plain' ? new TextChecker() : undefined;
      if (text && !text.accepts(head.bytes, head.ended)) throw notText();
      await take(head.bytes);
      for (let next = await pieces.next(); !next.done; next = await pieces.next()) {
        if (text && !text.accepts(next.value, false)) throw notText();
        await take(next.value);
      }
      if (text && !text.accepts(Buffer.alloc(0), true)) throw notText();
    }
    const chunkCount = await writer.finish();
    const verdict = rewritten?.verdict ?? (await scan!.verdict());
    const sealer = await this.vault.sealerFor(caseId);
    await this.documents.insert({
      id: documentId,
      caseId,
      category: fields.category,
      recordType: fields.recordType ?? null,
      recordId: fields.recordId ?? null,
      sealedTitle: sealer.seal(TITLE, fields.title),
      sealedFileName: sealer.seal(FILE_NAME, incoming.fileName),
      documentDate: fields.documentDate ?? null,
      contentType,
      byteSize,
      chunkCount,
      scan: verdict,
      uploadedBy: caller.actor.id,
    });
    await this.caseHistory.recordChanges(caller, caseId, [{ section: 'document', action: 'added' }]);
    await this.audit.record(caller, {
      action: 'document.added',
      category: 'case',
      subject: { type: 'Case', id: caseId, organisationId: locked!.found.organisationId },
    });
  }

  private async read(caseId: string, documentId: string): Promise<CaseDocument> {
    const document = await this.documents.findInCase(caseId, documentId);
    if (!document) throw new NotFoundError();
    return toDocument(document, (await this.vault.sealerFor(caseId)).open(TITLE, document.sealedTitle));
  }

  /** Copies of identity documents are identity: only those who may read the identity see them. */
  private async visibleCategories(caller: Caller, caseId: string): Promise<DocumentCategory[]> {
    const identity = await this.readsIdentity(caller, caseId);
    return DOCUMENT_CATEGORIES.filter((category) => identity || category !== 'identity-document');
  }

  private async readsIdentity(caller: Caller, caseId: string): Promise<boolean> {
    try {
      await this.caseAccess.findForAction(caller, caseId, 'readIdentity');
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }
}

/** The file's plaintext, one chunk at a time; a missing, reordered or altered chunk stops it. */
async function* chunksOf(
  document: CaseDocumentEntity,
  cipher: CaseFileCipher,
  read: (index: number) => Promise<Buffer | null>,
): AsyncGenerator<Buffer> {
  for (let index = 0; index < document.chunkCount; index += 1) {
    const sealed = await read(index);
    if (!sealed) throw new Error(`Chunk ${index} of a file is missing`);
    yield cipher.openChunk(document.id, index, index === document.chunkCount - 1, sealed);
  }
}

const notText = () =>
  new UnsupportedFileError('This file is not plain text (UTF-8) throughout. Use PDF, an image or an office document.');

/** Cuts pieces into sealed chunks of CHUNK_BYTES; the last chunk is known only at the end, so one chunk is held back. */
class ChunkWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;

  constructor(private readonly write: (index: number, last: boolean, plaintext: Buffer) => Promise<void>) {}

  async push(piece: Buffer): Promise<void> {
    this.pending.push(piece);
    this.pendingBytes += piece.length;
    // Strictly more than a chunk: a chunk is written only once a byte after it exists, so it is not the last.
    if (this.pendingBytes <= CHUNK_BYTES) return;
    const all = Buffer.concat(this.pending);
    let offset = 0;
    while (all.length - offset > CHUNK_BYTES) {
      await this.write(this.index, false, all.subarray(offset, offset + CHUNK_BYTES));
      this.index += 1;
      offset += CHUNK_BYTES;
    }
    this.pending = [Buffer.from(all.subarray(offset))];
    this.pendingBytes = all.length - offset;
  }

  /** Writes the last chunk (possibly empty) and answers how many there are. */
  async finish(): Promise<number> {
    await this.write(this.index, true, Buffer.concat(this.pending));
    this.pending = [];
    return this.index + 1;
  }
}

/** The pieces of the file, refusing (413) the first that takes it past the limit. */
function sizeLimited(pieces: AsyncIterator<Buffer>, maxBytes: number): AsyncIterator<Buffer> {
  let total = 0;
  return {
    async next() {
      const next = await pieces.next();
      if (!next.done) {
        total += next.value.length;
        if (total > maxBytes) throw new FileTooLargeError(maxBytes);
      }
      return next;
    },
  };
}

/** The first SNIFF_BYTES of the file (fewer if it is shorter), to decide its type. */
async function readHead(pieces: AsyncIterator<Buffer>): Promise<{ bytes: Buffer; ended: boolean }> {
  const head: Buffer[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await pieces.next();
    if (next.done) return { bytes: Buffer.concat(head), ended: true };
    head.push(next.value);
    length += next.value.length;
  }
  return { bytes: Buffer.concat(head), ended: false };
}

async function drain(pieces: AsyncIterator<Buffer>): Promise<Buffer[]> {
  const rest: Buffer[] = [];
  for (let next = await pieces.next(); !next.done; next = await pieces.next()) rest.push(next.value);
  return rest;
}
