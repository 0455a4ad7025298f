import type { CaseDocument, DocumentCategory, DocumentRecordType, Page } from '@haven/contracts';
import { apiUpload, type UploadInProgress } from '../../../app/api-client';
import type { PathsWith } from '../../../app/api/typed-api';
import { typedApi } from '../../../app/api/typed-api';

export interface DocumentFilters {
  category?: DocumentCategory;
  recordType?: DocumentRecordType;
  recordId?: string;
}

export function fetchDocuments(
  caseId: string,
  page: number,
  pageSize: number,
  filters: DocumentFilters,
  signal?: AbortSignal,
): Promise<Page<CaseDocument>> {
  return typedApi('get', '/cases/{id}/documents', {
    params: { id: caseId },
    query: { page, pageSize, ...filters },
    signal,
  });
}

export interface UploadFields {
  title: string;
  category: DocumentCategory;
  documentDate?: string;
  recordType?: DocumentRecordType;
  recordId?: string;
}

/** The fields go before the file: the server checks them before it stores a byte. */
export function uploadDocument(
  caseId: string,
  fields: UploadFields,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
): UploadInProgress<CaseDocument> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value);
  form.append('file', file);
  const path: PathsWith<'post'> = '/cases/{id}/documents';
  return apiUpload<CaseDocument>(path.replace('{id}', encodeURIComponent(caseId)), form, onProgress);
}

/** A link the browser follows: the file arrives as an attachment, and the download is written in the access log. */
export function documentContentUrl(caseId: string, documentId: string, use: 'content' | 'preview'): string {
  const content: PathsWith<'get'> = '/cases/{id}/documents/{documentId}/content';
  const preview: PathsWith<'get'> = '/cases/{id}/documents/{documentId}/preview';
  return `/api${(use === 'content' ? content : preview)
    .replace('{id}', encodeURIComponent(caseId))
    .replace('{documentId}', encodeURIComponent(documentId))}`;
}

/** The same for a partner, through the referral whose lens shares the file. */
export function sharedDocumentUrl(referralId: string, documentId: string, use: 'content' | 'preview'): string {
  const content: PathsWith<'get'> = '/referrals/{referralId}/documents/{documentId}/content';
  const preview: PathsWith<'get'> = '/referrals/{referralId}/documents/{documentId}/preview';
  return `/api${(use === 'content' ? content : preview)
    .replace('{referralId}', encodeURIComponent(referralId))
    .replace('{documentId}', encodeURIComponent(documentId))}`;
}
