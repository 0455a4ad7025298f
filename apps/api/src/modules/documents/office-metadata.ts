import JSZip from 'jszip';

/** The small parts read to unlink a thumbnail are refused beyond this (a zip bomb would hide there). */
const SMALL_PART_BYTES = 1024 * 1024;
/** More entries than any document has: refused before the archive is read (jszip holds one object per entry). */
export const MAX_OFFICE_ENTRIES = 10_000;
/** More than any document expands to (forty times the default upload limit): refused before the archive is read. */
export const MAX_OFFICE_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;

/** An archive refused before it is read; file-content.ts answers it as 415 with this reason. */
export class OfficeArchiveRefusedError extends Error {}

/** Empty property parts, valid to the schemas, in place of the ones that name people and organisations. */
const EMPTY_CORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`;
const EMPTY_APP = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>`;
const EMPTY_CUSTOM = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>`;
/** Word's list of the people who commented or tracked changes, with their account ids (`word/people.xml`). */
const EMPTY_PEOPLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"></w15:people>`;
const EMPTY_ODF_META = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>`;

/**
 * Removes the metadata of an office document (DOCX, XLSX: Office Open XML; ODT: OpenDocument)
 * and keeps the document itself as it was:
 * - OOXML: `docProps/core.xml` (author, last modified by, title, subject, keywords, dates,
 *   revision) and the core properties some writers keep as `package/services/metadata/
 *   core-properties/*.psmdcp` instead, `docProps/app.xml` (company, manager, template,
 *   application, editing time), `docProps/custom.xml` and Word's `word/people.xml` (the
 *   accounts of those who commented or tracked changes) are replaced by empty parts of the
 *   same kind (the package's relationships stay valid); the embedded thumbnail
 *   `docProps/thumbnail.*` is removed with its relationship.
 * - Both: the archive's comment and every entry's comment (free text a zip tool may have put
 *   there) are dropped.
 * - ODF: `meta.xml` (initial creator, creator, dates, generator, template, user fields) is replaced
 *   by an empty one; `Thumbnails/` is removed with its manifest entries; `mimetype` stays the first
 *   entry, stored uncompressed, as the format requires.
 * The other entries are copied still compressed (never inflated here), so a small file that
 * would expand to gigabytes costs no memory. Comments and tracked changes are content, and stay.
 */
export async function stripOfficeMetadata(bytes: Buffer, format: 'ooxml' | 'odf'): Promise<Buffer> {
  checkArchiveBounds(bytes);
  const zip = await JSZip.loadAsync(bytes, { createFolders: false });
  // The archive's comment, as jszip read it: its types leave it out, and generateAsync writes it back unless cleared.
  (zip as JSZip & { comment: string | null }).comment = null;
  for (const file of Object.values(zip.files)) file.comment = '';
  if (format === 'ooxml') {
    replaceIfPresent(zip, 'docProps/core.xml', EMPTY_CORE);
    for (const properties of zip.file(/^package\/services\/metadata\/core-properties\/[^/]+\.psmdcp$/))
      zip.file(properties.name, EMPTY_CORE);
    replaceIfPresent(zip, 'docProps/app.xml', EMPTY_APP);
    replaceIfPresent(zip, 'docProps/custom.xml', EMPTY_CUSTOM);
    replaceIfPresent(zip, 'word/people.xml', EMPTY_PEOPLE);
    const thumbnails = zip.file(/^docProps\/thumbnail\.[A-Za-z]+$/);
    if (thumbnails.length > 0) {
      for (const thumbnail of thumbnails) zip.remove(thumbnail.name);
      const relationships = zip.file('_rels/.rels');
      if (relationships)
        zip.file(
          '_rels/.rels',
          (await readSmall(relationships)).replace(
            /<Relationship\b[^>]*Target="\/?docProps\/thumbnail\.[^"]*"[^>]*\/>/g,
            '',
          ),
        );
    }
  } else {
    replaceIfPresent(zip, 'meta.xml', EMPTY_ODF_META);
    const thumbnails = zip.file(/^Thumbnails\//);
    if (thumbnails.length > 0) {
      for (const thumbnail of thumbnails) zip.remove(thumbnail.name);
      zip.remove('Thumbnails');
      const manifest = zip.file('META-INF/manifest.xml');
      if (manifest)
        zip.file(
          'META-INF/manifest.xml',
          (await readSmall(manifest)).replace(
            /<manifest:file-entry\b[^>]*manifest:full-path="Thumbnails\/[^"]*"[^>]*\/>/g,
            '',
          ),
        );
    }
    // Written again in its place (the first entry), stored: readers find the type at a fixed offset.
    const mimetype = zip.file('mimetype');
    if (mimetype) zip.file('mimetype', await readSmall(mimetype), { compression: 'STORE' });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * Counts the entries of the archive and adds up their uncompressed sizes from its central
 * directory, before jszip reads it (jszip builds an object per entry, and a thousand-fold
 * archive is the classic way to exhaust a server): more than MAX_OFFICE_ENTRIES entries, or
 * more than MAX_OFFICE_UNCOMPRESSED_BYTES in all, is refused unread. Every header of the
 * directory is walked, whatever count its end record claims, as jszip reads them all.
 */
function checkArchiveBounds(bytes: Buffer): void {
  const END_OF_DIRECTORY = 0x06054b50;
  const DIRECTORY_ENTRY = 0x02014b50;
  // The end record (22 bytes) is last, followed only by the archive's comment (at most 65,535 bytes).
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1)
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  // No end record: not a readable archive, which jszip says in its own words (415).
  if (end < 0) return;
  let at = bytes.readUInt32LE(end + 16);
  let entries = 0;
  let uncompressed = 0;
  while (at + 46 <= bytes.length && bytes.readUInt32LE(at) === DIRECTORY_ENTRY) {
    entries += 1;
    // 0xFFFFFFFF: a ZIP64 size, over 4 GB by itself (or claiming to be).
    uncompressed += bytes.readUInt32LE(at + 24);
    if (entries > MAX_OFFICE_ENTRIES)
      throw new OfficeArchiveRefusedError(
        `This office document holds more than ${MAX_OFFICE_ENTRIES.toLocaleString('en')} parts, far more than any document has; it was not opened.`,
      );
    if (uncompressed > MAX_OFFICE_UNCOMPRESSED_BYTES)
      throw new OfficeArchiveRefusedError(
        `This office document would expand to more than ${MAX_OFFICE_UNCOMPRESSED_BYTES / (1024 * 1024 * 1024)} GB, far more than any document does; it was not opened.`,
      );
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
}

function replaceIfPresent(zip: JSZip, path: string, content: string): void {
  if (zip.file(path)) zip.file(path, content);
}

/** A small XML part as text, refused beyond SMALL_PART_BYTES without inflating the rest. */
function readSmall(file: JSZip.JSZipObject): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    const stream = file.nodeStream('nodebuffer');
    stream.on('data', (part: Buffer) => {
      length += part.length;
      if (length > SMALL_PART_BYTES) {
        (stream as unknown as { pause(): void }).pause();
        reject(new Error(`${file.name} is larger than an office document's part of that kind can be`));
        return;
      }
      parts.push(part);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}
