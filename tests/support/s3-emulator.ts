import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/**
 * A local S3 emulator (s3rver, not Amazon S3) on 127.0.0.1, in this process, keeping its objects
 * as files in a temporary folder: the object store option of the documents module is tested
 * against it, and the at-rest test reads that folder. It stands in for any S3-compatible server.
 */
export interface S3Emulator {
  /** The environment that points the API's document storage at the emulator. */
  environment: Record<string, string>;
  /** Where the emulator writes the objects, as files. */
  directory: string;
  bucket: string;
  prefix: string;
  /** The keys of every object whose key starts with `prefix` (after the configured one). */
  keys(under?: string): Promise<string[]>;
  close(): Promise<void>;
}

const BUCKET = 'haven-documents';
const PREFIX = 'haven/';
/** s3rver's fixed development credentials. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startS3Emulator(): Promise<S3Emulator> {
  const directory = await mkdtemp(path.join(tmpdir(), 'haven-s3-emulator-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
  return {
    environment: {
      DOCUMENT_STORAGE: 's3',
      DOCUMENT_S3_BUCKET: BUCKET,
      DOCUMENT_S3_ENDPOINT: endpoint,
      DOCUMENT_S3_REGION: 'us-east-1',
      DOCUMENT_S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      DOCUMENT_S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      DOCUMENT_S3_FORCE_PATH_STYLE: 'true',
      DOCUMENT_S3_PREFIX: PREFIX,
    },
    directory,
    bucket: BUCKET,
    prefix: PREFIX,
    async keys(under = '') {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PREFIX}${under}`, ContinuationToken: token }),
        );
        keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
