import type { DocumentContentType } from '@haven/contracts';
import { fileTypeFromBuffer } from 'file-type';
import { PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import sharp from 'sharp';
import { HavenError } from '../../core/errors/problem.js';

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

/** The file types whose content is rewritten before storage (and which are therefore read whole). */
export const REWRITTEN_TYPES: readonly DocumentContentType[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
];

/**
 * The file's type from its first bytes (magic numbers, `file-type`), never from its name or the
 * browser's claim; plain text is what has no magic number and is UTF-8 without control
 * characters (checked again over the whole file as it streams, TextChecker).
 */
export async function contentTypeOf(head: Buffer): Promise<DocumentContentType> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    const allowed = BY_DETECTED_MIME[detected.mime];
    if (allowed) return allowed;
    if (detected.mime === 'image/heic' || detected.mime === 'image/heif')
      // The image library's prebuilt binaries read AVIF but carry no HEVC decoder, so HEIC cannot be re-encoded here.
      throw new UnsupportedFileError(
        'HEIC photos cannot be converted on this server. Save the photo as JPEG (most phones offer "most compatible") and upload it again.',
      );
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
 * Rewrites an image or a PDF so that what can locate or name a person is gone: images are
 * decoded and encoded again (sharp writes no metadata unless asked: EXIF with its GPS position
 * and maker notes, XMP, IPTC and embedded thumbnails are dropped; the orientation is applied to
 * the pixels first); PDFs lose their document information (author, producer, dates…) and XMP
 * metadata. Anything that cannot be read as what it claims is refused (415).
 */
export async function rewrite(contentType: DocumentContentType, bytes: Buffer): Promise<Buffer> {
  try {
    switch (contentType) {
      case 'image/jpeg':
        return await sharp(bytes, { failOn: 'error' }).rotate().jpeg({ quality: 90, mozjpeg: true }).toBuffer();
      case 'image/png':
        return await sharp(bytes, { failOn: 'error' }).rotate().png().toBuffer();
      case 'image/webp':
        return await sharp(bytes, { failOn: 'error' }).rotate().webp({ quality: 90 }).toBuffer();
      case 'application/pdf':
        return await stripPdfMetadata(bytes);
      default:
        return bytes;
    }
  } catch (error) {
    if (error instanceof HavenError) throw error;
    throw new UnsupportedFileError('The file could not be read as the kind of file it claims to be.');
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
