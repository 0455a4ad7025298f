#!/usr/bin/env node
/**
 * `npm run bench:documents` — files on a case: upload and download of a 20 MB file by 8
 * people at once through the API, against writing and reading the same bytes to the same
 * storage without encryption.
 *
 * Creates its own database on the given server (--server-url, default the local
 * PostgreSQL; database `haven_bench_documents`, dropped first), fills it with a few
 * generated cases and accounts (tools/generate-data.mjs), and starts the compiled API in
 * production mode against it (lib.mjs `startApi`). Then, for each round:
 *   1. API: 8 caseworkers at once each register a case and upload a 20 MB file to it
 *      (multipart, streamed: plain text, the type that is sealed as it arrives, not
 *      rewritten whole), then all 8 download their file at once; every download is
 *      checked byte for byte against what was sent (SHA-256).
 *   2. Plain: the same bytes, cut into the same 256 KiB chunks, inserted by 8 connections
 *      at once (one transaction per file) into a table shaped like the chunks table (same
 *      columns, same storage: no compression), then read back chunk by chunk in order —
 *      the storage without the cipher, the access checks, the audit or HTTP.
 * Reports the wall time of each phase (all 8 files), the median time of one file, the
 * API/plain ratios, and the API process's resident memory (peak, sampled every 100 ms),
 * with the machine's load beside it: on a busy machine the ratio is the figure to read.
 *
 * Needs `npx tsc -b apps/api` first. Options: --size-mb 20 --users 8 --rounds 3
 *   --server-url postgres://postgres@127.0.0.1:5432/postgres --port 3196 --json tmp/bench/documents.json
 *   --storage s3: the chunks go to an S3-compatible store instead — s3rver, a local S3 emulator
 *   started here on loopback — and the plain side puts and gets the same chunks as objects there.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { argumentsOf, lettersOf, machineLine, machineState, root, sampleRss, signIn, startApi } from './lib.mjs';

const options = argumentsOf({
  'size-mb': '20',
  users: '8',
  rounds: '3',
  'server-url': process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  port: '3196',
  json: 'tmp/bench/documents.json',
  // Enough for a caseworker account per person (about one for every 50 generated cases).
  cases: '600',
  // `s3`: the object store option, against s3rver (a local S3 emulator, in this process) on loopback.
  storage: 'postgres',
});
const SIZE = Math.round(Number(options['size-mb']) * 1024 * 1024);
const USERS = Number(options.users);
const ROUNDS = Number(options.rounds);
/** The API's chunk size (documents.service.ts CHUNK_BYTES). */
const CHUNK_BYTES = 256 * 1024;
const DATABASE = 'haven_bench_documents';
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const seconds = (ms) => (ms / 1000).toFixed(2);
/** The middle value (the mean of the two middle ones for an even count). */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// A fresh database on the server, filled with a few cases and the accounts to sign in with.
const serverUrl = new URL(options['server-url']);
const admin = new pg.Client({ connectionString: serverUrl.toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${DATABASE}`);
await admin.end();
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${DATABASE}` }).toString();
const masterKey = randomBytes(32).toString('base64');
mkdirSync(path.join(root, 'tmp/bench'), { recursive: true });
const accountsFile = path.join(root, 'tmp/bench/documents-accounts.json');
const generated = spawnSync(
  process.execPath,
  [
    path.join(root, 'tools/generate-data.mjs'),
    ...['--cases', String(options.cases), '--database-url', databaseUrl, '--master-key', masterKey],
    ...['--accounts', accountsFile, '--no-statistics', '--quiet'],
  ],
  { stdio: 'inherit' },
);
if (generated.status !== 0) throw new Error('Data generation failed');
const accounts = JSON.parse((await import('node:fs')).readFileSync(accountsFile, 'utf8'));

const objectStore = options.storage === 's3' ? await startObjectStore() : undefined;
const api = await startApi({
  databaseUrl,
  masterKey,
  port: Number(options.port),
  env: { DOCUMENT_MAX_BYTES: String(SIZE + 1024 * 1024), ...(objectStore?.environment ?? {}) },
});
log(`API (production build) on ${api.baseUrl}, pid ${api.child.pid}`);
const caseworkers = accounts.users.caseworker;
if (caseworkers.length < USERS)
  throw new Error(`${caseworkers.length} caseworker accounts for ${USERS} people: raise --cases`);
// One account per person, signed in together (a first sign-in enrols a second factor and waits for the next code).
const sessions = await Promise.all(
  caseworkers
    .slice(0, USERS)
    .map((account) =>
      signIn(api.baseUrl, { email: account.email, password: accounts.password, onEnrolled: () => undefined }),
    ),
);
log(`${USERS} caseworkers signed in, one account each`);

/** One file per person: printable text (accepted as plain text, streamed and sealed as it arrives). */
function fileFor(person) {
  const alphabet = Buffer.from('abcdefghijklmnopqrstuvwxyz      \n');
  const bytes = randomBytes(SIZE);
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = alphabet[bytes[index] % alphabet.length];
  bytes.write(`Benchmark file ${person}\n`, 0);
  return bytes;
}
const files = Array.from({ length: USERS }, (_, person) => fileFor(person));
const digests = files.map((file) => createHash('sha256').update(file).digest('hex'));

async function registerCase(session, n) {
  const response = await fetch(`${api.baseUrl}/api/cases`, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      givenName: `Docbench${lettersOf(n)}`,
      familyName: `Person${lettersOf(n + 7)}`,
      estimatedAge: 20 + (n % 30),
      sex: 'Feminine',
      nationality: 'NG',
      riskLevel: 'medium',
      exploitationTypes: ['ForcedLabour'],
    }),
  });
  if (response.status !== 201) throw new Error(`Registering a case answered ${response.status}`);
  return (await response.json()).id;
}

async function apiUpload(session, caseId, file) {
  const form = new FormData();
  form.append('title', 'Benchmark statement');
  form.append('category', 'legal');
  form.append('file', new Blob([file], { type: 'text/plain' }), 'statement.txt');
  const started = performance.now();
  const response = await fetch(`${api.baseUrl}/api/cases/${caseId}/documents`, {
    method: 'POST',
    headers: session.headers,
    body: form,
  });
  const body = await response.json();
  if (response.status !== 201) throw new Error(`Upload answered ${response.status}: ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, documentId: body.id };
}

async function apiDownload(session, caseId, documentId, digest) {
  const started = performance.now();
  const response = await fetch(`${api.baseUrl}/api/cases/${caseId}/documents/${documentId}/content`, {
    headers: session.headers,
  });
  if (response.status !== 200) throw new Error(`Download answered ${response.status}`);
  const hash = createHash('sha256');
  for await (const part of response.body) hash.update(part);
  const ms = performance.now() - started;
  if (hash.digest('hex') !== digest) throw new Error('A downloaded file differs from the one uploaded');
  return ms;
}

/** s3rver, a local S3 emulator, on loopback with its objects in a temporary folder; and a client of it. */
async function startObjectStore() {
  const { default: S3rver } = await import('s3rver');
  const { S3Client } = await import('@aws-sdk/client-s3');
  const directory = mkdtempSync(path.join(os.tmpdir(), 'haven-bench-s3-emulator-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: 'haven-bench', configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    bucket: 'haven-bench',
    client: new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    environment: {
      DOCUMENT_STORAGE: 's3',
      DOCUMENT_S3_BUCKET: 'haven-bench',
      DOCUMENT_S3_ENDPOINT: endpoint,
      DOCUMENT_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      DOCUMENT_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      DOCUMENT_S3_FORCE_PATH_STYLE: 'true',
    },
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The storage without the cipher: the same chunks into a table shaped like the chunks table (or the same object store), 8 at once. */
const plainPool = new pg.Pool({ connectionString: databaseUrl, max: USERS });
await plainPool.query(`DROP TABLE IF EXISTS public.bench_plain_chunk`);
await plainPool.query(
  `CREATE TABLE public.bench_plain_chunk (LIKE app.case_document_chunk INCLUDING DEFAULTS INCLUDING STORAGE INCLUDING INDEXES)`,
);
const { PutObjectCommand, GetObjectCommand } = objectStore ? await import('@aws-sdk/client-s3') : {};
const objectKey = (documentId, index) => `plain/${documentId}/${String(index).padStart(6, '0')}`;

async function plainWrite(file, documentId, caseId) {
  const started = performance.now();
  if (objectStore) {
    for (let index = 0; index * CHUNK_BYTES < file.length; index += 1)
      await objectStore.client.send(
        new PutObjectCommand({
          Bucket: objectStore.bucket,
          Key: objectKey(documentId, index),
          Body: file.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES),
        }),
      );
    return performance.now() - started;
  }
  const client = await plainPool.connect();
  try {
    await client.query('BEGIN');
    for (let index = 0; index * CHUNK_BYTES < file.length; index += 1)
      await client.query(
        `INSERT INTO public.bench_plain_chunk (document_id, case_id, chunk_index, sealed) VALUES ($1, $2, $3, $4)`,
        [documentId, caseId, index, file.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES)],
      );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  return performance.now() - started;
}

async function plainRead(documentId, digest) {
  const started = performance.now();
  const hash = createHash('sha256');
  const chunks = Math.ceil(SIZE / CHUNK_BYTES);
  for (let index = 0; index < chunks; index += 1) {
    if (objectStore) {
      const answer = await objectStore.client.send(
        new GetObjectCommand({ Bucket: objectStore.bucket, Key: objectKey(documentId, index) }),
      );
      hash.update(await answer.Body.transformToByteArray());
      continue;
    }
    const { rows } = await plainPool.query(
      `SELECT sealed FROM public.bench_plain_chunk WHERE document_id = $1 AND chunk_index = $2`,
      [documentId, index],
    );
    hash.update(rows[0].sealed);
  }
  const ms = performance.now() - started;
  if (hash.digest('hex') !== digest) throw new Error('A plainly stored file differs from the one written');
  return ms;
}

async function timed(work) {
  const started = performance.now();
  const results = await work();
  return { wallMs: performance.now() - started, results };
}

const machineAtStart = await machineState(databaseUrl);
log(`machine at start: ${machineLine()}`);
const stopRss = sampleRss(api.child.pid, 100);
const rounds = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  const caseIds = await Promise.all(sessions.map((session, person) => registerCase(session, round * 100 + person)));
  const upload = await timed(() =>
    Promise.all(sessions.map((session, person) => apiUpload(session, caseIds[person], files[person]))),
  );
  const download = await timed(() =>
    Promise.all(
      sessions.map((session, person) =>
        apiDownload(session, caseIds[person], upload.results[person].documentId, digests[person]),
      ),
    ),
  );
  const plainIds = files.map(() => crypto.randomUUID());
  const plainUpload = await timed(() =>
    Promise.all(files.map((file, person) => plainWrite(file, plainIds[person], caseIds[person]))),
  );
  const plainDownload = await timed(() =>
    Promise.all(files.map((_, person) => plainRead(plainIds[person], digests[person]))),
  );
  const figures = {
    round,
    load: os.loadavg()[0],
    api: {
      uploadWallMs: upload.wallMs,
      uploadMedianMs: median(upload.results.map((result) => result.ms)),
      downloadWallMs: download.wallMs,
      downloadMedianMs: median(download.results),
    },
    plain: {
      uploadWallMs: plainUpload.wallMs,
      uploadMedianMs: median(plainUpload.results),
      downloadWallMs: plainDownload.wallMs,
      downloadMedianMs: median(plainDownload.results),
    },
  };
  rounds.push(figures);
  log(
    `round ${round}: upload API ${seconds(upload.wallMs)} s / plain ${seconds(plainUpload.wallMs)} s; ` +
      `download API ${seconds(download.wallMs)} s / plain ${seconds(plainDownload.wallMs)} s (load ${figures.load.toFixed(2)})`,
  );
}
const rss = stopRss();
const machineAtEnd = machineLine();
await plainPool.query(`DROP TABLE public.bench_plain_chunk`);
await plainPool.end();
await api.stop();
await objectStore?.close();

const pick = (side, field) => median(rounds.map((round) => round[side][field]));
const total = (USERS * SIZE) / (1024 * 1024);
const row = (label, field) => {
  const apiMs = pick('api', field);
  const plainMs = pick('plain', field);
  return `| ${label} | ${seconds(apiMs)} s | ${seconds(plainMs)} s | ${(apiMs / plainMs).toFixed(2)} |`;
};
const table = [
  `| ${USERS} people at once, ${options['size-mb']} MB each (median of ${ROUNDS} rounds) | API (sealed, audited, HTTP) | ${objectStore ? 'plain objects, same chunks, same store' : 'plain SQL, same chunks'} | ratio |`,
  '| --- | --- | --- | --- |',
  row(`upload, all ${USERS} files (${total} MB)`, 'uploadWallMs'),
  row('upload, one file (median)', 'uploadMedianMs'),
  row(`download, all ${USERS} files`, 'downloadWallMs'),
  row('download, one file (median)', 'downloadMedianMs'),
].join('\n');
const summary = {
  machineAtStart,
  machineAtEnd,
  storage: options.storage,
  sizeBytes: SIZE,
  users: USERS,
  rounds,
  apiRssMb: { before: rss[0], peak: Math.max(...rss), end: rss.at(-1) },
};
writeFileSync(path.join(root, options.json), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\n${table}\n`);
console.log(
  `API resident memory: ${summary.apiRssMb.before} MB at the start, peak ${summary.apiRssMb.peak} MB, ${summary.apiRssMb.end} MB at the end.`,
);
console.log(
  `Machine: ${machineAtStart.cpus} × ${machineAtStart.cpuModel}, ${machineAtStart.memoryGb} GB; Node ${machineAtStart.node}; PostgreSQL ${machineAtStart.postgres}; load average at the start ${machineAtStart.loadAverage}, at the end ${machineAtEnd}.`,
);
console.log(
  `Reproduce: npx tsc -b apps/api && npm run bench:documents -- --size-mb ${options['size-mb']} --users ${USERS} --rounds ${ROUNDS} --storage ${options.storage}`,
);
console.log(`Figures: ${options.json}`);
