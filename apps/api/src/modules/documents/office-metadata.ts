import JSZip from 'jszip';

/** The small parts read to unlink a thumbnail are refused beyond this (a zip bomb would hide there). */
const SMALL_PART_BYTES = 1024 * 1024;

/** Empty property parts, valid to the schemas, in place of the ones that name people and organisations. */
const EMPTY_CORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`;
const EMPTY_APP = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>`;
const EMPTY_CUSTOM = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>`;
const EMPTY_ODF_META = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>`;

/**
 * Removes the metadata of an office document (DOCX, XLSX: Office Open XML; ODT: OpenDocument)
 * and keeps the document itself as it was:
 * - OOXML: `docProps/core.xml` (author, last modified by, title, subject, keywords, dates,
 *   revision), `docProps/app.xml` (company, manager, template, application, editing time) and
 *   `docProps/custom.xml` are replaced by empty parts of the same kind (the package's
 *   relationships stay valid); the embedded thumbnail `docProps/thumbnail.*` is removed with its
 *   relationship.
 * - ODF: `meta.xml` (initial creator, creator, dates, generator, template, user fields) is replaced
 *   by an empty one; `Thumbnails/` is removed with its manifest entries; `mimetype` stays the first
 *   entry, stored uncompressed, as the format requires.
 * The other entries are copied still compressed (never inflated here), so a small file that
 * would expand to gigabytes costs no memory. Comments and tracked changes are content, and stay.
 */
export async function stripOfficeMetadata(bytes: Buffer, format: 'ooxml' | 'odf'): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes, { createFolders: false });
  if (format === 'ooxml') {
    replaceIfPresent(zip, 'docProps/core.xml', EMPTY_CORE);
    replaceIfPresent(zip, 'docProps/app.xml', EMPTY_APP);
    replaceIfPresent(zip, 'docProps/custom.xml', EMPTY_CUSTOM);
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
