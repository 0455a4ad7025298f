import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CSRF_HEADER } from '@haven/contracts';
import { newCase, type HttpSession } from '@haven/testing';
import { PDFDocument, PDFName } from 'pdf-lib';
import type pg from 'pg';
import { startS3Emulator, type S3Emulator } from '../support/s3-emulator.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { databaseFiles, filesHolding, fingerprintClient } from './database-fingerprint.js';

/** A PDF whose text is written uncompressed, so the marker is in its bytes as they are uploaded. */
async function pdfWithText(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([200, 200]);
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.stream(`BT 20 100 Td (${text}) Tj ET`)));
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** The files under `directory` (an object store's folder) that hold `marker` as UTF-8 bytes. */
async function folderFilesHolding(directory: string, marker: string): Promise<string[]> {
  const needle = Buffer.from(marker, 'utf8');
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file)).includes(needle)) found.push(file);
  }
  return found;
}

/**
 * Files are sealed before they reach the database or the object store (docs/architecture.md, "Documents
 * and photos"): after a checkpoint, no table, index, TOAST or write-ahead log file, and no file of the
 * object store's folder (a local S3 emulator's), holds a byte of what was uploaded in clear.
 */
describe.each([
  { store: 'PostgreSQL', objectStore: false },
  { store: 'an S3-compatible object store (s3rver, a local S3 emulator)', objectStore: true },
])('documents at rest in $store', ({ objectStore }) => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let client: pg.Client;
  let emulator: S3Emulator | undefined;

  beforeAll(async () => {
    emulator = objectStore ? await startS3Emulator() : undefined;
    harness = await startTestApp({ environment: emulator?.environment ?? {} });
    caseworker = await harness.signInAs('caseworker');
    client = await fingerprintClient(harness.database.url);
  });
  afterAll(async () => {
    await client.end();
    await harness.close();
    await emulator?.close();
  });

  const upload = (caseId: string, file: Buffer, fileName: string, category: string) =>
    caseworker.agent
      .post(`/api/cases/${caseId}/documents`)
      .set(CSRF_HEADER, caseworker.me.csrfToken)
      .field('title', 'Sealed file')
      .field('category', category)
      .attach('file', file, fileName);

  it('leaves no marker from an uploaded text file or PDF in any database file, the WAL or the store’s folder', async () => {
    const textMarker = `Textmarker-${randomBytes(6).toString('hex')}`;
    const pdfMarker = `Pdfmarker-${randomBytes(6).toString('hex')}`;
    const created = await newCase(caseworker);
    const text = Buffer.from(`${textMarker}\n${'Statement line. '.repeat(30_000)}${textMarker}\n`, 'utf8');
    const pdf = await pdfWithText(pdfMarker);
    expect(pdf.includes(Buffer.from(pdfMarker))).toBe(true);
    expect((await upload(created.id, text, `${textMarker}.txt`, 'legal')).status).toBe(201);
    expect((await upload(created.id, pdf, 'statement.pdf', 'medical')).status).toBe(201);

    const files = await databaseFiles(client);
    // The scan can see what is stored in clear: the case's reference is a plain column.
    const holding = await filesHolding(client, files, [created.reference, textMarker, pdfMarker]);
    expect(holding[created.reference]).not.toEqual([]);
    expect(holding[textMarker]).toEqual([]);
    expect(holding[pdfMarker]).toEqual([]);
    if (emulator) {
      // The scan reads the store's files (their metadata says what they are), and the chunks are there.
      expect(await folderFilesHolding(emulator.directory, 'application/octet-stream')).not.toEqual([]);
      expect((await emulator.keys(`documents/${created.id}/`)).length).toBeGreaterThan(2);
      expect(await folderFilesHolding(emulator.directory, textMarker)).toEqual([]);
      expect(await folderFilesHolding(emulator.directory, pdfMarker)).toEqual([]);
    }
    // Every file of the database and its write-ahead log is read: minutes on a busy machine.
  }, 600_000);
});
