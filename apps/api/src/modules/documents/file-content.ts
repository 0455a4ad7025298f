import type { DocumentContentType } from '@haven/contracts';
import { fileTypeFromBuffer } from 'file-type';
import { PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import sharp from 'sharp';
import { HavenError } from '../../core/errors/problem.js';
import { OfficeArchiveRefusedError, stripOfficeMetadata } from './office-metadata.js';

/** How much of a file is read to decide its type (office formats name their kind in the first zip entries). */
export const SNIFF_BYTES = 64 * 1024;

export class UnsupportedFileError extends HavenError {
  constructor(detail: string) {
    super(415, 'Unsupported file type', detail, [{ field: 'file', message: detail }]);
  }
}

export class FileTooLargeError extends HavenError {
  constructor(maxBytes: number) {
    const detail = `Files may be at most ${Math.floor(maxBytes / (1024 * 1024))} MB.`;
    super(413, 'File too large', detail, [{ field: 'file', message: detail }]);
  }
}

const ALLOWED = 'PDF, JPEG, PNG, WebP, plain text, DOCX, XLSX or ODT';

const BY_DETECTED_MIME: Record<string, DocumentContentType> = {
  'application/pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/webp': 'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text': 'application/vnd.oasis.opendocument.text',
};

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ODT = 'application/vnd.oasis.opendocument.text';

/** What a file is when it arrives: one of the stored types, or a HEIC photo, stored as JPEG once converted. */
export type IncomingContentType = DocumentContentType | 'image/heic';

/** The file types whose content is rewritten before storage (and which are therefore read whole); only text streams. */
export const REWRITTEN_TYPES: readonly IncomingContentType[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  DOCX,
  XLSX,
  ODT,
];

/**
 * Whether this installation's image library can decode HEIC. The prebuilt binaries of sharp read
 * HEIF containers only with AV1 inside (AVIF): HEVC is patent-encumbered and left out, so they list
 * `.avif` alone; a libvips built with libde265 lists `.heic` too.
 */
export const canDecodeHeic = (): boolean => sharp.format.heif?.input.fileSuffix?.includes('.heic') ?? false;

export const HEIC_NOT_SUPPORTED =
  'HEIC photos are not supported on this installation: its image library cannot decode them. Save the photo as JPEG (on a phone, the camera\'s "most compatible" format, or share it as JPEG) and upload it again.';

/**
 * The file's type from its first bytes (magic numbers, `file-type`), never from its name or the
 * browser's claim; plain text is what has no magic number and is UTF-8 without control
 * characters (checked again over the whole file as it streams, TextChecker).
 */
export async function contentTypeOf(head: Buffer): Promise<IncomingContentType> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    const allowed = BY_DETECTED_MIME[detected.mime];
    if (allowed) return allowed;
    if (detected.mime === 'image/heic' || detected.mime === 'image/heif') {
      // Refused before a byte reaches the decoder when it cannot decode HEVC (see canDecodeHeic).
      if (!canDecodeHeic()) throw new UnsupportedFileError(HEIC_NOT_SUPPORTED);
      return 'image/heic';
    }
    throw new UnsupportedFileError(`This kind of file (${detected.ext}) is not accepted. Use ${ALLOWED}.`);
  }
  const checker = new TextChecker();
  if (head.length > 0 && checker.accepts(head, head.length < SNIFF_BYTES)) return 'text/plain';
  throw new UnsupportedFileError(`This kind of file is not accepted. Use ${ALLOWED}.`);
}

/** Accepts UTF-8 text without control characters other than tab, line breaks and form feed, piece by piece. */
export class TextChecker {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  accepts(piece: Buffer, last: boolean): boolean {
    try {
      const text = this.decoder.decode(piece, { stream: !last });
      // eslint-disable-next-line no-control-regex
      return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
    } catch {
      return false;
    }
  }
}

/**
 * Rewrites an image, a PDF or an office document so that what can locate or name a person is
 * gone: images are decoded and encoded again (sharp writes no metadata unless asked: EXIF with its
 * GPS position and maker notes, XMP, IPTC and embedded thumbnails are dropped; the orientation is
 * applied to the pixels first), a HEIC photo becoming a JPEG; PDFs lose their document information
 * (author, producer, dates…) and XMP metadata; DOCX, XLSX and ODT lose their property parts
 * (office-metadata.ts). Anything that cannot be read as what it claims is refused (415).
 */
export async function rewrite(
  contentType: IncomingContentType,
  bytes: Buffer,
): Promise<{ contentType: DocumentContentType; bytes: Buffer }> {
  try {
    switch (contentType) {
      case 'image/jpeg':
        return { contentType, bytes: await sharp(bytes, { failOn: 'error' }).rotate().jpeg(JPEG).toBuffer() };
      case 'image/heic':
        return { contentType: 'image/jpeg', bytes: await heicToJpeg(bytes) };
      case 'image/png':
        return { contentType, bytes: await sharp(bytes, { failOn: 'error' }).rotate().png().toBuffer() };
      case 'image/webp':
        return {
          contentType,
          bytes: await sharp(bytes, { failOn: 'error' }).rotate().webp({ quality: 90 }).toBuffer(),
        };
      case 'application/pdf':
        return { contentType, bytes: await stripPdfMetadata(bytes) };
      case DOCX:
      case XLSX:
        return { contentType, bytes: await stripOfficeMetadata(bytes, 'ooxml') };
      case ODT:
        return { contentType, bytes: await stripOfficeMetadata(bytes, 'odf') };
      default:
        return { contentType, bytes };
    }
  } catch (error) {
    if (error instanceof HavenError) throw error;
    if (error instanceof OfficeArchiveRefusedError) throw new UnsupportedFileError(error.message);
    throw new UnsupportedFileError('The file could not be read as the kind of file it claims to be.');
  }
}

const JPEG = { quality: 90, mozjpeg: true } as const;

async function heicToJpeg(bytes: Buffer): Promise<Buffer> {
  try {
    return await sharp(bytes, { failOn: 'error' }).rotate().jpeg(JPEG).toBuffer();
  } catch {
    // A decoder that lists `.heic` may still lack a codec a given file uses.
    throw new UnsupportedFileError(HEIC_NOT_SUPPORTED);
  }
}

async function stripPdfMetadata(bytes: Buffer): Promise<Buffer> {
  // updateMetadata: false, or saving would write a producer and dates of its own.
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  pdf.catalog.delete(PDFName.of('Metadata'));
  const info = pdf.context.trailerInfo.Info;
  if (info instanceof PDFRef) pdf.context.delete(info);
  pdf.context.trailerInfo.Info = undefined;
  return Buffer.from(await pdf.save({ useObjectStreams: false, updateFieldAppearances: false }));
}
