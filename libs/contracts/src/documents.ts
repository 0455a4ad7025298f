import { z } from 'zod';
import { pageQuerySchema, pageOf } from './common.js';
import { calendarDate, shortText } from './text.js';

/** What a file on a case is. Each category is a section a referral's lens may share on its own. */
export const DOCUMENT_CATEGORIES = [
  'identity-document',
  'consent-form',
  'medical',
  'legal',
  'travel',
  'certificate',
  'photo',
  'other',
] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];

/** The records of a case a file may support, besides the case itself. */
export const DOCUMENT_RECORD_TYPES = [
  'consent',
  'assessment',
  'service',
  'referral',
  'placement',
  'enrolment',
] as const;
export type DocumentRecordType = (typeof DOCUMENT_RECORD_TYPES)[number];

/**
 * The types a file may have, decided by its content (magic bytes), never by its name or the
 * browser's claim. Images are re-encoded and PDFs stripped of their metadata before storage.
 */
export const DOCUMENT_CONTENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** The types shown in the page (from the re-encoded file): images and PDFs. */
export const PREVIEWABLE_CONTENT_TYPES: readonly DocumentContentType[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
];

/** The lens section that shares the files of each category (docs/architecture.md, rule 4). */
export const DOCUMENT_LENS_SECTIONS = {
  'identity-document': 'identityDocumentFiles',
  'consent-form': 'consentFormFiles',
  medical: 'medicalFiles',
  legal: 'legalFiles',
  travel: 'travelFiles',
  certificate: 'certificateFiles',
  photo: 'photoFiles',
  other: 'otherFiles',
} as const satisfies Record<DocumentCategory, string>;
export type DocumentLensSection = (typeof DOCUMENT_LENS_SECTIONS)[DocumentCategory];

/**
 * The fields of an upload (multipart/form-data), sent before the file part: the server reads
 * them first and refuses bad ones before a byte of the file is stored.
 */
export const uploadDocumentFieldsSchema = z
  .object({
    title: shortText(200).min(1, 'Give the file a title'),
    category: z.enum(DOCUMENT_CATEGORIES, { message: 'Choose a category' }),
    documentDate: calendarDate().optional(),
    recordType: z.enum(DOCUMENT_RECORD_TYPES).optional(),
    recordId: z.uuid({ message: 'Must be a record id' }).optional(),
  })
  .strict()
  .refine((fields) => (fields.recordType === undefined) === (fields.recordId === undefined), {
    message: 'Give both the record type and the record id, or neither',
    path: ['recordId'],
  });
export type UploadDocumentFields = z.output<typeof uploadDocumentFieldsSchema>;

export const documentSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  category: z.enum(DOCUMENT_CATEGORIES),
  documentDate: z.string().nullable(),
  record: z.object({ type: z.enum(DOCUMENT_RECORD_TYPES), id: z.uuid() }).nullable(),
  contentType: z.enum(DOCUMENT_CONTENT_TYPES),
  byteSize: z.number().int(),
  /**
   * `clean`: the malware scanner passed it; `not-scanned`: none is configured; `failed`: the scanner could not
   * be asked. A `failed` file is not checked for viruses: never previewed, withheld from partners, downloaded by
   * the case's own staff only after a warning; each download scans it again, and once clean it is `clean`.
   */
  scan: z.enum(['clean', 'not-scanned', 'failed']),
  previewable: z.boolean(),
  uploadedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  uploadedAt: z.iso.datetime(),
});
export type CaseDocument = z.infer<typeof documentSchema>;

export const documentListQuerySchema = pageQuerySchema
  .extend({
    category: z.enum(DOCUMENT_CATEGORIES).optional(),
    recordType: z.enum(DOCUMENT_RECORD_TYPES).optional(),
    recordId: z.uuid().optional(),
  })
  .strict();
export type DocumentListQuery = z.infer<typeof documentListQuerySchema>;
export const documentListSchema = pageOf(documentSchema);

/** What a referral's recipient sees of a shared file: never the uploader or the original name. */
export const sharedDocumentSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  category: z.enum(DOCUMENT_CATEGORIES),
  documentDate: z.string().nullable(),
  contentType: z.enum(DOCUMENT_CONTENT_TYPES),
  byteSize: z.number().int(),
  previewable: z.boolean(),
  /**
   * The malware scan could not be made when it was stored: it is withheld (409) until a scan made on a
   * later download finds it clean. Listed so that the recipient knows it is coming, never served before.
   */
  awaitingScan: z.boolean(),
});
export type SharedDocument = z.infer<typeof sharedDocumentSchema>;
