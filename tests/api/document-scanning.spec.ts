import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CSRF_HEADER } from '@haven/contracts';
import {
  eicarTestFile,
  newCase,
  queryDatabase,
  startClamdEmulator,
  type ClamdEmulator,
  type HttpSession,
} from '@haven/testing';
import sharp from 'sharp';
import { referToClinic, accessExportEntries } from '../support/case-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Malware scanning through the API (docs/architecture.md, "Documents and photos"), against a local
 * clamd-protocol emulator standing in for a ClamAV daemon: a clean file is stored, an infected one
 * refused with nothing written, and a scan that fails (no answer in time, or no daemon) leaves the
 * file stored but never previewed, withheld from partners and scanned again on its next download.
 */
/** A photo: previewable, so the quarantine from preview shows. */
const photo = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: '#486' } })
    .jpeg()
    .toBuffer();

describe('document malware scanning (against a local clamd-protocol emulator)', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let partner: HttpSession;
  let supervisor: HttpSession;
  let clamd: ClamdEmulator;

  beforeAll(async () => {
    clamd = await startClamdEmulator();
    harness = await startTestApp({ environment: { CLAMAV_ADDRESS: clamd.address, CLAMAV_TIMEOUT_MS: '1500' } });
    caseworker = await harness.signInAs('caseworker');
    partner = await harness.signInAs('partner');
    supervisor = await harness.signInAs('supervisor');
  });
  afterAll(async () => {
    await harness.close();
    await clamd.close();
  });

  const upload = (caseId: string, file: Buffer, fileName: string, category = 'photo') =>
    caseworker.agent
      .post(`/api/cases/${caseId}/documents`)
      .set(CSRF_HEADER, caseworker.me.csrfToken)
      .field('title', 'Scanned file')
      .field('category', category)
      .attach('file', file, fileName);
  const stored = async (caseId: string) =>
    (
      await queryDatabase<{ documents: number; chunks: number }>(
        harness.database.url,
        `SELECT (SELECT count(*)::int FROM app.case_document WHERE case_id = $1) AS documents,
                (SELECT count(*)::int FROM app.case_document_chunk WHERE case_id = $1) AS chunks`,
        [caseId],
      )
    )[0]!;
  const contentOf = (caseId: string, documentId: string, use: 'content' | 'preview') =>
    caseworker.get(`/api/cases/${caseId}/documents/${documentId}/${use}`);
  const sharedContentOf = (referralId: string, documentId: string, use: 'content' | 'preview') =>
    partner.get(`/api/referrals/${referralId}/documents/${documentId}/${use}`);
  const scanOf = async (documentId: string) =>
    (
      await queryDatabase<{ scan: string }>(harness.database.url, `SELECT scan FROM app.case_document WHERE id = $1`, [
        documentId,
      ])
    )[0]!.scan;

  it('stores a file the scanner finds clean, and previews it', async () => {
    const caseId = (await newCase(caseworker)).id;
    const before = clamd.received.length;
    const added = await upload(caseId, await photo(), 'intake.jpg');
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ scan: 'clean', previewable: true });
    // What was scanned is what is stored: the re-encoded photo, sent once.
    expect(clamd.received).toHaveLength(before + 1);
    expect(clamd.received.at(-1)!.length).toBe(added.body.byteSize);
    expect((await contentOf(caseId, added.body.id, 'preview')).status).toBe(200);
  });

  it('refuses a file the scanner flags with 422 naming the file, and writes nothing', async () => {
    const caseId = (await newCase(caseworker)).id;
    const refused = await upload(
      caseId,
      Buffer.concat([Buffer.from('Letter.\n'), eicarTestFile(), Buffer.from('\n')]),
      'letter.txt',
    );
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/malware scanner refused this file/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    expect(await stored(caseId)).toEqual({ documents: 0, chunks: 0 });
    const history = await queryDatabase(
      harness.database.url,
      `SELECT 1 FROM audit.event WHERE subject_id = $1 AND action = 'document.added'`,
      [caseId],
    );
    expect(history).toHaveLength(0);
  });

  it('keeps a file the scanner does not answer for in time, marked failed and never previewed', async () => {
    const caseId = (await newCase(caseworker)).id;
    clamd.silent = true;
    try {
      const started = Date.now();
      const added = await upload(caseId, await photo(), 'intake.jpg');
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ scan: 'failed', previewable: false });
      expect((await contentOf(caseId, added.body.id, 'preview')).status).toBe(404);
      expect((await contentOf(caseId, added.body.id, 'content')).status).toBe(200);
      expect(await stored(caseId)).toMatchObject({ documents: 1 });
    } finally {
      clamd.silent = false;
    }
  });

  it('refuses a file longer than the scanner takes with 413 naming the file, and writes nothing (ClamAV’s size limit)', async () => {
    const caseId = (await newCase(caseworker)).id;
    const photoFile = await photo();
    const text = Buffer.from('A letter long enough to pass the scanner’s limit.\n'.repeat(40));
    clamd.maxBytes = 64;
    const begun = clamd.begun;
    try {
      // A photo is scanned before the transaction, a text file as it streams in it: both refused.
      for (const [file, name] of [
        [photoFile, 'intake.jpg'],
        [text, 'letter.txt'],
      ] as const) {
        const refused = await upload(caseId, file, name);
        expect(refused.status).toBe(413);
        expect(refused.body.detail).toMatch(/larger than the malware scanner accepts/);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'file', code: 'scanner-size-limit' })]);
      }
      // Both reached the scanner, which refused them: no verdict, and no file kept unchecked.
      expect(clamd.begun).toBe(begun + 2);
      expect(await stored(caseId)).toEqual({ documents: 0, chunks: 0 });
    } finally {
      clamd.maxBytes = undefined;
    }
  });

  it('withholds a file not checked for viruses from a partner (409), lets its own staff have it, and shares it once a later scan finds it clean', async () => {
    const caseId = (await newCase(caseworker)).id;
    clamd.silent = true;
    let documentId: string;
    let referralId: string;
    try {
      const added = await upload(caseId, Buffer.from('Clinic letter, not scanned'), 'letter.txt', 'medical');
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ scan: 'failed' });
      documentId = added.body.id;
      referralId = await referToClinic(harness, caseworker, caseId, ['basicProfile', 'medicalFiles']);
      // Listed in the lens (it is of a category the lens shares), as awaiting its scan.
      const opened = await partner.get(`/api/referrals/${referralId}`);
      expect(opened.status).toBe(200);
      expect(opened.body.view.medicalFiles).toEqual([
        expect.objectContaining({ id: documentId, awaitingScan: true, previewable: false }),
      ]);
      // The daemon still hangs: the scan made on this request fails again, and the file is withheld.
      for (const use of ['content', 'preview'] as const) {
        const refused = await sharedContentOf(referralId, documentId, use);
        expect(refused.status).toBe(409);
        expect(refused.body.detail).toMatch(/not been checked for viruses/);
      }
      // Her organisation's staff may still download it; the API says it is not checked.
      const own = await contentOf(caseId, documentId, 'content');
      expect(own.status).toBe(200);
      expect(own.text).toBe('Clinic letter, not scanned');
      const listed = await caseworker.get(`/api/cases/${caseId}/documents`);
      expect(listed.body.items).toEqual([expect.objectContaining({ id: documentId, scan: 'failed' })]);
      expect(await scanOf(documentId)).toBe('failed');
    } finally {
      clamd.silent = false;
    }
    // The daemon answers again: the partner's next request scans the file, finds it clean, and shares it.
    const shared = await sharedContentOf(referralId, documentId, 'content');
    expect(shared.status).toBe(200);
    expect(shared.text).toBe('Clinic letter, not scanned');
    expect(await scanOf(documentId)).toBe('clean');
    expect((await partner.get(`/api/referrals/${referralId}`)).body.view.medicalFiles).toEqual([
      expect.objectContaining({ id: documentId, awaitingScan: false }),
    ]);
    const listed = await caseworker.get(`/api/cases/${caseId}/documents`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: documentId, scan: 'clean' })]);
  });

  it('refuses to serve a stored file a later scan flags: 422 to its staff, 409 to a partner, to no one its bytes', async () => {
    const caseId = (await newCase(caseworker)).id;
    clamd.silent = true;
    let documentId: string;
    try {
      const added = await upload(
        caseId,
        Buffer.concat([Buffer.from('Letter.\n'), eicarTestFile(), Buffer.from('\n')]),
        'letter.txt',
        'medical',
      );
      expect(added.body).toMatchObject({ scan: 'failed' });
      documentId = added.body.id;
    } finally {
      clamd.silent = false;
    }
    const referralId = await referToClinic(harness, caseworker, caseId, ['basicProfile', 'medicalFiles']);
    const own = await contentOf(caseId, documentId, 'content');
    expect(own.status).toBe(422);
    expect(own.body.detail).toMatch(/malware scanner flags this file/);
    expect((await sharedContentOf(referralId, documentId, 'content')).status).toBe(409);
    expect(await scanOf(documentId)).toBe('failed');
    const downloads = await queryDatabase(
      harness.database.url,
      `SELECT 1 FROM audit.event WHERE subject_id = $1 AND action = 'document.downloaded'`,
      [caseId],
    );
    expect(downloads).toHaveLength(0);
    // Her access export still goes out, with a note where the flagged file would be.
    const archive = await accessExportEntries(supervisor, caseId);
    expect(archive.get(`documents/${documentId}`)?.toString()).toMatch(/^This file was withheld/);
    expect(archive.get(`documents/${documentId}`)?.includes(eicarTestFile())).toBe(false);
  });

  it('scans a photo before its transaction: no database connection waits on the scanner', async () => {
    const caseId = (await newCase(caseworker)).id;
    clamd.silent = true;
    try {
      const begun = clamd.begun;
      const pending = upload(caseId, await photo(), 'intake.jpg').then((answer) => answer);
      const deadline = Date.now() + 30_000;
      while (clamd.begun === begun && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
      expect(clamd.begun).toBe(begun + 1);
      // The scanner is silent for CLAMAV_TIMEOUT_MS: look half-way through the wait.
      await new Promise((done) => setTimeout(done, 500));
      const waiting = await queryDatabase(
        harness.database.url,
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`,
      );
      expect(waiting).toEqual([]);
      expect(await pending).toMatchObject({ status: 201, body: { scan: 'failed' } });
    } finally {
      clamd.silent = false;
    }
  });

  it('keeps a file when the scanner is down, marked failed, never previewed and never shared (last: the daemon stops)', async () => {
    const caseId = (await newCase(caseworker)).id;
    const referralId = await referToClinic(harness, caseworker, caseId, ['basicProfile', 'medicalFiles']);
    await clamd.close();
    const added = await upload(caseId, await photo(), 'intake.jpg', 'medical');
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ scan: 'failed', previewable: false });
    const listed = await caseworker.get(`/api/cases/${caseId}/documents`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: added.body.id, scan: 'failed', previewable: false }),
    ]);
    expect((await contentOf(caseId, added.body.id, 'preview')).status).toBe(404);
    expect((await contentOf(caseId, added.body.id, 'content')).status).toBe(200);
    for (const use of ['content', 'preview'] as const)
      expect((await sharedContentOf(referralId, added.body.id, use)).status).toBe(409);
    expect(await scanOf(added.body.id)).toBe('failed');
  });
});
