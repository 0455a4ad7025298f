import { PREVIEWABLE_CONTENT_TYPES, type CaseDocument, type SharedDocument } from '@haven/contracts';
import type { CaseDocumentEntity } from './case-document.entity.js';

/** Images and PDFs are previewed from their re-encoded form, unless a malware scan could not be made. */
export const isPreviewable = (entity: CaseDocumentEntity): boolean =>
  PREVIEWABLE_CONTENT_TYPES.includes(entity.contentType) && entity.scan !== 'failed';

export function toDocument(entity: CaseDocumentEntity, title: string): CaseDocument {
  return {
    id: entity.id,
    title,
    category: entity.category,
    documentDate: entity.documentDate,
    record: entity.recordType && entity.recordId ? { type: entity.recordType, id: entity.recordId } : null,
    contentType: entity.contentType,
    byteSize: entity.byteSize,
    scan: entity.scan,
    previewable: isPreviewable(entity),
    uploadedBy: { id: entity.uploadedBy, displayName: entity.uploader?.displayName ?? '' },
    uploadedAt: entity.uploadedAt.toISOString(),
  };
}

/**
 * A referral's recipient learns neither who uploaded the file nor when, nor what record it supports; a file
 * not checked for viruses is listed as awaiting its scan (and withheld, DocumentsService.sharedContent).
 */
export function toSharedDocument(entity: CaseDocumentEntity, title: string): SharedDocument {
  return {
    id: entity.id,
    title,
    category: entity.category,
    documentDate: entity.documentDate,
    contentType: entity.contentType,
    byteSize: entity.byteSize,
    previewable: isPreviewable(entity),
    awaitingScan: entity.scan === 'failed',
  };
}
