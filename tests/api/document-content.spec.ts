import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CSRF_HEADER } from '@haven/contracts';
import { newCase, type HttpSession } from '@haven/testing';
import { fileTypeFromBuffer } from 'file-type';
import JSZip from 'jszip';
import sharp from 'sharp';
import { docxWithMetadata, odtWithMetadata, xlsxWithMetadata } from '../support/office-files.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MARKER = 'Ottoline-Brackwater';

/** Every entry's text, and the names of the entries, of a zip. */
async function entriesOf(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const entries = new Map<string, string>();
  for (const file of Object.values(zip.files)) if (!file.dir) entries.set(file.name, await file.async('string'));
  return entries;
}

/**
 * A HEIF container that says it holds HEIC (brand `heic`): the image library's own AVIF output with
 * its brands rewritten, since its prebuilt binaries cannot write HEVC (that is what is tested).
 */
async function heicBrandedPhoto(): Promise<Buffer> {
  const avif = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3a7' } })
    .avif()
    .toBuffer();
  const ftypLength = avif.readUInt32BE(0);
  const ftyp = Buffer.from(avif.subarray(0, ftypLength).toString('latin1').replaceAll('avif', 'heic'), 'latin1');
  return Buffer.concat([ftyp, avif.subarray(ftypLength)]);
}

/** What a file is, how its content is rewritten: office documents and HEIC photos (docs/architecture.md, "Documents and photos"). */
describe('document content: office metadata and HEIC', () => {
  let harness: TestApp;
  let caseworker: HttpSession;

  beforeAll(async () => {
    harness = await startTestApp();
    caseworker = await harness.signInAs('caseworker');
  });
  afterAll(() => harness.close());

  const upload = (caseId: string, file: Buffer, fileName: string) =>
    caseworker.agent
      .post(`/api/cases/${caseId}/documents`)
      .set(CSRF_HEADER, caseworker.me.csrfToken)
      .field('title', 'Office file')
      .field('category', 'legal')
      .attach('file', file, fileName);
  const download = (caseId: string, documentId: string) =>
    caseworker
      .get(`/api/cases/${caseId}/documents/${documentId}/content`)
      .buffer(true)
      .parse((response, done) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => done(null, Buffer.concat(parts)));
      });

  it.each([
    {
      kind: 'DOCX',
      make: docxWithMetadata,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      content: 'word/document.xml',
      properties: ['docProps/core.xml', 'docProps/app.xml', 'docProps/custom.xml'],
    },
    {
      kind: 'XLSX',
      make: xlsxWithMetadata,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content: 'xl/sharedStrings.xml',
      properties: ['docProps/core.xml', 'docProps/app.xml'],
    },
    {
      kind: 'ODT',
      make: odtWithMetadata,
      contentType: 'application/vnd.oasis.opendocument.text',
      content: 'content.xml',
      properties: ['meta.xml'],
    },
  ])(
    'accepts $kind by its content and removes the author, company and template from its metadata, keeping the document',
    async ({ make, contentType, content, properties }) => {
      const caseId = (await newCase(caseworker)).id;
      const original = await make(MARKER, 'Statement paragraph kept');
      const before = await entriesOf(original);
      expect(properties.every((part) => before.get(part)?.includes(MARKER))).toBe(true);
      // Named as something else: the type comes from the content.
      const added = await upload(caseId, original, 'scan.bin');
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ contentType, previewable: false });

      const served = (await download(caseId, added.body.id)).body as Buffer;
      expect(served.includes(Buffer.from(MARKER))).toBe(false);
      expect((await fileTypeFromBuffer(served))?.mime).toBe(contentType);
      const after = await entriesOf(served);
      for (const [name, text] of after)
        expect({ name, holdsMarker: text.includes(MARKER) }).toEqual({ name, holdsMarker: false });
      // The property parts are still there (the package stays valid), empty; the thumbnail is gone.
      for (const part of properties)
        expect(after.get(part)).toMatch(/<\/(cp:coreProperties|Properties|office:document-meta)>\s*$/);
      expect([...after.keys()].filter((name) => /thumbnail/i.test(name))).toEqual([]);
      expect(after.get(content)).toContain('Statement paragraph kept');
      // Every other entry is as it was.
      for (const [name, text] of before)
        if (!properties.includes(name) && after.has(name) && !/rels|manifest|mimetype/.test(name))
          expect(after.get(name)).toBe(text);
      expect(added.body.byteSize).toBe(served.length);
    },
  );

  it('keeps an ODT’s mimetype the first entry, stored uncompressed, so readers still recognise it', async () => {
    const caseId = (await newCase(caseworker)).id;
    const added = await upload(caseId, await odtWithMetadata(MARKER, 'Text'), 'letter.odt');
    expect(added.status).toBe(201);
    const served = (await download(caseId, added.body.id)).body as Buffer;
    // Local file header: method (offset 8) 0 = stored; name at 30; the content right after it.
    expect(served.readUInt16LE(8)).toBe(0);
    expect(served.subarray(30, 38).toString()).toBe('mimetype');
    expect(served.subarray(38, 38 + 39).toString()).toBe('application/vnd.oasis.opendocument.text');
    expect((await entriesOf(served)).get('META-INF/manifest.xml')).not.toContain('Thumbnails/');
  });

  it('refuses a damaged office document with 415, storing nothing', async () => {
    const caseId = (await newCase(caseworker)).id;
    const whole = await docxWithMetadata(MARKER, 'Text');
    // The first entries are intact (so the type is recognised); the central directory is cut off.
    const refused = await upload(caseId, whole.subarray(0, whole.length - 40), 'broken.docx');
    expect(refused.status).toBe(415);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    expect((await caseworker.get(`/api/cases/${caseId}/documents`)).body.total).toBe(0);
  });

  it('removes the core properties kept as .psmdcp, Word’s list of people, custom properties and the zip’s comments', async () => {
    const caseId = (await newCase(caseworker)).id;
    const zip = await JSZip.loadAsync(await docxWithMetadata(MARKER, 'Statement paragraph kept'));
    zip.file(
      'package/services/metadata/core-properties/4e1a7b0c.psmdcp',
      `<?xml version="1.0" encoding="utf-8"?><coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><dc:creator>${MARKER}</dc:creator></coreProperties>`,
    );
    zip.file(
      'word/people.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:person w15:author="${MARKER}"><w15:presenceInfo w15:providerId="AD" w15:userId="S::${MARKER}@example.org"/></w15:person></w15:people>`,
    );
    zip.file('word/document.xml', await zip.file('word/document.xml')!.async('string'), {
      comment: `Typed by ${MARKER}`,
    });
    const original = await zip.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      comment: `Archive of ${MARKER}`,
    });
    // Comments are stored as they are, uncompressed: the marker is there in the bytes.
    expect(original.includes(Buffer.from(`Typed by ${MARKER}`))).toBe(true);
    expect(original.includes(Buffer.from(`Archive of ${MARKER}`))).toBe(true);

    const added = await upload(caseId, original, 'statement.docx');
    expect(added.status).toBe(201);
    const served = (await download(caseId, added.body.id)).body as Buffer;
    expect(served.includes(Buffer.from(MARKER))).toBe(false);
    const after = await entriesOf(served);
    for (const [name, text] of after)
      expect({ name, holdsMarker: text.includes(MARKER) }).toEqual({ name, holdsMarker: false });
    // Still there, empty, so what refers to them stays valid.
    expect(after.get('package/services/metadata/core-properties/4e1a7b0c.psmdcp')).toMatch(/<\/cp:coreProperties>\s*$/);
    expect(after.get('word/people.xml')).toMatch(/<\/w15:people>\s*$/);
    expect(after.get('docProps/custom.xml')).toMatch(/<\/Properties>\s*$/);
    expect(after.get('word/document.xml')).toContain('Statement paragraph kept');
    const reread = await JSZip.loadAsync(served);
    // jszip reads the archive's comment but its types leave it out.
    expect((reread as JSZip & { comment?: string | null }).comment ?? '').toBe('');
    expect(Object.values(reread.files).map((file) => file.comment ?? '')).toEqual(
      Object.values(reread.files).map(() => ''),
    );
  });

  it('refuses, unread, an office document of more than 10,000 entries with 415 saying why, storing nothing', async () => {
    const caseId = (await newCase(caseworker)).id;
    const zip = await JSZip.loadAsync(await docxWithMetadata(MARKER, 'Text'));
    // Empty entries, stored: about 1.3 MB in all, as many entries as a zip bomb of that kind.
    for (let index = 0; index <= 10_000; index += 1) zip.file(`word/media/part${index}.xml`, '');
    const many = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    expect(Object.keys((await JSZip.loadAsync(many)).files).length).toBeGreaterThan(10_000);
    const refused = await upload(caseId, many, 'many.docx');
    expect(refused.status).toBe(415);
    expect(refused.body.detail).toMatch(/more than 10,000 parts/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    expect((await caseworker.get(`/api/cases/${caseId}/documents`)).body.total).toBe(0);
  });

  it('refuses, unread, an office document whose entries claim to expand to gigabytes, with 415 saying why', async () => {
    const caseId = (await newCase(caseworker)).id;
    const bomb = Buffer.from(await docxWithMetadata(MARKER, 'Text'));
    // Each central directory entry (PK\x01\x02) claims 2 GB uncompressed at offset 24.
    for (let at = bomb.indexOf('PK\x01\x02'); at >= 0; at = bomb.indexOf('PK\x01\x02', at + 4))
      bomb.writeUInt32LE(0x7fffffff, at + 24);
    const refused = await upload(caseId, bomb, 'bomb.docx');
    expect(refused.status).toBe(415);
    expect(refused.body.detail).toMatch(/would expand to more than 1 GB/);
    expect((await caseworker.get(`/api/cases/${caseId}/documents`)).body.total).toBe(0);
  });

  it('converts a HEIC photo to JPEG where the image library can decode it, and otherwise says it is not supported here', async () => {
    const caseId = (await newCase(caseworker)).id;
    const heic = await heicBrandedPhoto();
    expect(await fileTypeFromBuffer(heic)).toMatchObject({ mime: 'image/heic' });
    const decodesHeic = sharp.format.heif.input.fileSuffix?.includes('.heic') ?? false;
    const writesHeic = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .heif({ compression: 'hevc' })
      .toBuffer()
      .then(
        () => true,
        () => false,
      );
    const added = await upload(caseId, heic, 'IMG_0042.HEIC');
    if (decodesHeic) {
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ contentType: 'image/jpeg', previewable: true });
      const served = (await download(caseId, added.body.id)).body as Buffer;
      expect((await sharp(served).metadata()).format).toBe('jpeg');
    } else {
      // The prebuilt binaries: AVIF only, no HEVC decoder (nor encoder).
      expect(writesHeic).toBe(false);
      expect(added.status).toBe(415);
      expect(added.body.detail).toMatch(/HEIC photos are not supported on this installation/);
      expect(added.body.detail).toMatch(/JPEG/);
      expect(added.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
      expect((await caseworker.get(`/api/cases/${caseId}/documents`)).body.total).toBe(0);
    }
  });
});
