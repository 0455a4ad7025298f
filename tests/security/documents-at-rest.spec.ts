import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CSRF_HEADER } from '@haven/contracts';
import { newCase, type HttpSession } from '@haven/testing';
import { PDFDocument, PDFName } from 'pdf-lib';
import type pg from 'pg';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { databaseFiles, filesHolding, fingerprintClient } from './database-fingerprint.js';

/** A PDF whose text is written uncompressed, so the marker is in its bytes as they are uploaded. */
async function pdfWithText(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([200, 200]);
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.stream(`BT 20 100 Td (${text}) Tj ET`)));
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/**
 * Files are sealed before they reach the database (docs/architecture.md, "Documents and photos"): after a
 * checkpoint, no table, index, TOAST or write-ahead log file holds a byte of what was uploaded in clear.
 */
describe('documents at rest', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let client: pg.Client;

  beforeAll(async () => {
    harness = await startTestApp();
    caseworker = await harness.signInAs('caseworker');
    client = await fingerprintClient(harness.database.url);
  });
  afterAll(async () => {
    await client.end();
    await harness.close();
  });

  const upload = (caseId: string, file: Buffer, fileName: string, category: string) =>
    caseworker.agent
      .post(`/api/cases/${caseId}/documents`)
      .set(CSRF_HEADER, caseworker.me.csrfToken)
      .field('title', 'Sealed file')
      .field('category', category)
      .attach('file', file, fileName);

  it('leaves no marker from an uploaded text file or PDF in any database file or the WAL', async () => {
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
    expect(await filesHolding(client, files, created.reference)).not.toEqual([]);
    expect(await filesHolding(client, files, textMarker)).toEqual([]);
    expect(await filesHolding(client, files, pdfMarker)).toEqual([]);
  });
});
