import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
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
import { startS3Emulator, type S3Emulator } from '../support/s3-emulator.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { accessExportEntries } from '../support/case-fixtures.js';

const CHUNK_BYTES = 256 * 1024;

/** One way of keeping the sealed chunks, as the tests below see it: how to start it and what it holds for a case. */
interface StoreUnderTest {
  name: string;
  /** Whether the chunks go to the database's chunks table (else nothing may). */
  inTable: boolean;
  start(): Promise<{ environment: Record<string, string>; close(): Promise<void> }>;
  /** The sealed chunks the store holds for the case, in order of file then index. */
  chunks(harness: TestApp, caseId: string): Promise<Buffer[]>;
}

let emulator: S3Emulator | undefined;

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

const STORES: StoreUnderTest[] = [
  {
    name: 'PostgreSQL (the chunks table, the default)',
    inTable: true,
    start: async () => ({ environment: {}, close: async () => undefined }),
    chunks: async (harness, caseId) =>
      (
        await queryDatabase<{ sealed: Buffer }>(
          harness.database.url,
          `SELECT sealed FROM app.case_document_chunk WHERE case_id = $1 ORDER BY document_id, chunk_index`,
          [caseId],
        )
      ).map((row) => row.sealed),
  },
  {
    name: 'S3-compatible object store (s3rver, a local S3 emulator)',
    inTable: false,
    start: async () => {
      emulator = await startS3Emulator();
      return { environment: emulator.environment, close: () => emulator!.close() };
    },
    chunks: async (_harness, caseId) => {
      const keys = (await emulator!.keys(`documents/${caseId}/`)).sort();
      // s3rver keeps each object as a file named after its key, beside its metadata.
      const files = await filesUnder(emulator!.directory);
      return Promise.all(
        keys.map(async (key) => {
          const file = files.find((candidate) => candidate.endsWith(`${key}._S3rver_object`));
          if (!file) throw new Error(`No file for ${key}`);
          return readFile(file);
        }),
      );
    },
  },
];

/**
 * The same tests for every store behind the one `DocumentStorage` interface (docs/architecture.md,
 * "Documents and photos"): what is written is sealed, what is read back is the file, a refused
 * upload leaves nothing, her export reads the files and erasure removes them.
 */
describe.each(STORES)('document storage: $name', (store) => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let clamd: ClamdEmulator;
  let stopStore: () => Promise<void>;

  beforeAll(async () => {
    clamd = await startClamdEmulator();
    const started = await store.start();
    stopStore = started.close;
    harness = await startTestApp({
      environment: {
        ...started.environment,
        CLAMAV_ADDRESS: clamd.address,
        DOCUMENT_MAX_BYTES: String(4 * 1024 * 1024),
      },
    });
    [caseworker, supervisor] = await Promise.all([harness.signInAs('caseworker'), harness.signInAs('supervisor')]);
  });
  afterAll(async () => {
    await harness?.close();
    await stopStore?.();
    await clamd?.close();
  });

  const upload = (caseId: string, file: Buffer, fileName = 'statement.txt') =>
    caseworker.agent
      .post(`/api/cases/${caseId}/documents`)
      .set(CSRF_HEADER, caseworker.me.csrfToken)
      .field('title', 'Stored file')
      .field('category', 'legal')
      .attach('file', file, fileName);
  const download = (session: HttpSession, url: string) =>
    session
      .get(url)
      .buffer(true)
      .parse((response, done) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => done(null, Buffer.concat(parts)));
      });
  const rows = async (caseId: string) =>
    (
      await queryDatabase<{ documents: number; chunkRows: number }>(
        harness.database.url,
        `SELECT (SELECT count(*)::int FROM app.case_document WHERE case_id = $1) AS documents,
                (SELECT count(*)::int FROM app.case_document_chunk WHERE case_id = $1) AS "chunkRows"`,
        [caseId],
      )
    )[0]!;

  it('writes a file as sealed chunks of 256 KiB in the store and reads back the same bytes', async () => {
    const caseId = (await newCase(caseworker)).id;
    const marker = `Storemarker-${randomBytes(6).toString('hex')}`;
    const text = Buffer.from(`${marker}\n${'A line of her statement. '.repeat(50_000)}${marker}\n`, 'utf8');
    const added = await upload(caseId, text);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ byteSize: text.length, scan: 'clean' });

    const chunks = await store.chunks(harness, caseId);
    expect(chunks).toHaveLength(Math.ceil(text.length / CHUNK_BYTES));
    for (const chunk of chunks) {
      expect(chunk.includes(Buffer.from(marker))).toBe(false);
      expect(chunk.includes(Buffer.from('her statement'))).toBe(false);
      // A nonce and a tag around the ciphertext: sealed, not copied.
      expect(chunk.length).toBeGreaterThan(0);
    }
    expect(chunks[0]!.length).toBeGreaterThan(CHUNK_BYTES);
    expect(await rows(caseId)).toEqual({ documents: 1, chunkRows: store.inTable ? chunks.length : 0 });
    const downloaded = await download(caseworker, `/api/cases/${caseId}/documents/${added.body.id}/content`);
    expect(downloaded.status).toBe(200);
    expect(Buffer.compare(downloaded.body as Buffer, text)).toBe(0);
  });

  it('leaves nothing in the store when an upload is refused half-way: not text after all, or malware', async () => {
    const caseId = (await newCase(caseworker)).id;
    // Three chunks of text are written before the binary tail is found.
    const textThenBinary = Buffer.concat([Buffer.alloc(3 * CHUNK_BYTES + 100, 'b'), Buffer.from([0, 1, 2, 0xff])]);
    const notText = await upload(caseId, textThenBinary);
    expect(notText.status).toBe(415);
    // The malware is found after the last chunk was written.
    const infected = Buffer.concat([Buffer.alloc(2 * CHUNK_BYTES, 'c'), eicarTestFile()]);
    const refused = await upload(caseId, infected, 'letter.txt');
    expect(refused.status).toBe(422);
    expect(clamd.received.at(-1)?.includes(eicarTestFile())).toBe(true);
    expect(await store.chunks(harness, caseId)).toEqual([]);
    expect(await rows(caseId)).toEqual({ documents: 0, chunkRows: 0 });
  });

  it('gives her files to her access export from the store, and erasure removes every chunk', async () => {
    const survivor = await newCase(caseworker);
    const first = await upload(survivor.id, Buffer.from('Her first certificate'));
    const large = Buffer.alloc(CHUNK_BYTES * 2 + 17, 'd');
    const second = await upload(survivor.id, large);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await store.chunks(harness, survivor.id)).toHaveLength(4);

    const archive = await accessExportEntries(supervisor, survivor.id);
    expect(archive.get(`documents/${first.body.id}`)?.toString()).toBe('Her first certificate');
    expect(Buffer.compare(archive.get(`documents/${second.body.id}`)!, large)).toBe(0);

    const other = (await newCase(caseworker)).id;
    expect((await upload(other, Buffer.from('Another case’s file'))).status).toBe(201);
    const erased = await supervisor.post(`/api/cases/${survivor.id}/erasure`, {
      reason: 'survivorRequest',
      channel: 'inPerson',
      confirmReference: survivor.reference,
    });
    expect(erased.status).toBe(200);
    // An object store's objects go once the erasure has committed, just after its answer.
    const removedBy = Date.now() + 30_000;
    while ((await store.chunks(harness, survivor.id)).length > 0 && Date.now() < removedBy)
      await new Promise((done) => setTimeout(done, 100));
    expect(await store.chunks(harness, survivor.id)).toEqual([]);
    expect(await rows(survivor.id)).toEqual({ documents: 0, chunkRows: 0 });
    // Only hers: another case's file is still there and still opens.
    expect(await store.chunks(harness, other)).toHaveLength(1);
  });

  it('refuses an upload that was streaming in when the case was erased, and leaves nothing of it', async () => {
    const survivor = await newCase(caseworker);
    const boundary = `----haven-${randomBytes(8).toString('hex')}`;
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const opening = Buffer.from(
      part('title', 'Slow file') +
        part('category', 'legal') +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    const scansBefore = clamd.begun;
    const slow = caseworker.agent
      .post(`/api/cases/${survivor.id}/documents`)
      .set(CSRF_HEADER, caseworker.me.csrfToken)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`);
    slow.write(opening);
    slow.write(Buffer.alloc(100 * 1024, 'e'));
    // Past its first bytes the upload has begun its transaction and its scan; the rest has not come yet.
    const deadline = Date.now() + 30_000;
    while (clamd.begun === scansBefore && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    expect(clamd.begun).toBe(scansBefore + 1);

    const erased = await supervisor.post(`/api/cases/${survivor.id}/erasure`, {
      reason: 'survivorRequest',
      channel: 'inPerson',
      confirmReference: survivor.reference,
    });
    expect(erased.status).toBe(200);
    slow.write(Buffer.alloc(100 * 1024, 'f'));
    slow.write(Buffer.from(`\r\n--${boundary}--\r\n`));
    const answer = await slow;
    expect(answer.status).toBe(410);
    expect(await rows(survivor.id)).toEqual({ documents: 0, chunkRows: 0 });
    expect(await store.chunks(harness, survivor.id)).toEqual([]);
  });

  it('keeps the files of a case whose erasure failed after the files were removed in it', async () => {
    const survivor = await newCase(caseworker);
    const file = Buffer.from('Her certificate, kept');
    const added = await upload(survivor.id, file);
    expect(added.status).toBe(201);
    // A later step of the erasure fails: destroying the case key (after every feature removed its data).
    await queryDatabase(
      harness.database.url,
      `CREATE FUNCTION app.refuse_key_removal() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the key store is unavailable'; END $$`,
    );
    await queryDatabase(
      harness.database.url,
      `CREATE TRIGGER refuse_key_removal BEFORE DELETE ON app.case_key FOR EACH ROW
       WHEN (OLD.case_id = '${survivor.id}') EXECUTE FUNCTION app.refuse_key_removal()`,
    );
    try {
      const erased = await supervisor.post(`/api/cases/${survivor.id}/erasure`, {
        reason: 'survivorRequest',
        channel: 'inPerson',
        confirmReference: survivor.reference,
      });
      expect(erased.status).toBe(500);
    } finally {
      await queryDatabase(harness.database.url, `DROP TRIGGER refuse_key_removal ON app.case_key`);
      await queryDatabase(harness.database.url, `DROP FUNCTION app.refuse_key_removal()`);
    }
    // Whatever would have run after the commit has had its chance to run.
    await new Promise((done) => setTimeout(done, 500));
    expect(await store.chunks(harness, survivor.id)).toHaveLength(1);
    const downloaded = await download(caseworker, `/api/cases/${survivor.id}/documents/${added.body.id}/content`);
    expect(downloaded.status).toBe(200);
    expect(Buffer.compare(downloaded.body as Buffer, file)).toBe(0);
  });
});
