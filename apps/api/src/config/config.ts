import { z } from 'zod';
import { RETENTION_MAX_MONTHS } from '@haven/contracts';

/**
 * Typed configuration, read once from the environment and validated at start.
 * A production start with a missing or weak secret stops with a clear message.
 */
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The application's connection: a role that owns nothing and is subject to row-level security. */
  DATABASE_URL: z.string().url().optional(),
  /** The schema owner's connection, for migrations and the application role's grants (required in production). */
  DATABASE_OWNER_URL: z.string().url().optional(),
  /** Optional: a read-only standby the statistics release counts on (as the application role). */
  DATABASE_READ_URL: z.string().url().optional(),
  HAVEN_DATA_DIR: z.string().min(1).default('.haven'),
  HAVEN_EMBEDDED_DB_PORT: z.coerce.number().int().min(1024).max(65535).default(5433),
  /** 32 random bytes, base64: wraps every survivor's data key and derives the keyed hashes. */
  HAVEN_MASTER_KEY: z.string().optional(),
  HAVEN_DEMO: booleanFlag.optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(50),
  LOGIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** 'auto' marks cookies Secure when the request arrived over HTTPS (see TRUST_PROXY). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Express "trust proxy" setting, e.g. 1 behind one load balancer; off by default. */
  TRUST_PROXY: z.string().optional(),
  WEB_DIST_DIR: z.string().optional(),
  /** Where people reach Haven (e.g. https://haven.example.org): the base of activation links. Unset: the address the request came to. */
  HAVEN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
  /** Optional e-mail for notifications, e.g. smtps://user:pass@mail.example:465; unset = in-app only. */
  SMTP_URL: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default('Haven <no-reply@haven.invalid>'),
  /** Statistics: minimum cell size k (the global data hub's 11); anything below 5 is refused at start. */
  STATS_MIN_CELL_SIZE: z.coerce.number().int().default(11),
  /** Statistics: epsilon spent by each release when differential privacy is on; unset = off. */
  STATS_EPSILON_PER_RELEASE: z.coerce.number().positive().finite().optional(),
  /** Statistics: epsilon every release together may spend (with STATS_EPSILON_PER_RELEASE): one person's largest privacy loss. */
  STATS_EPSILON_BUDGET: z.coerce.number().positive().finite().default(10),
  /** Statistics: the hour (UTC), on the first of each month, of the monthly release. */
  STATS_RELEASE_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  /** Statistics: how cases without a statistics consent are counted: only in grand totals, nowhere, or everywhere. */
  STATS_WITHOUT_CONSENT: z.enum(['totals', 'exclude', 'include']).default('totals'),
  /** Statistics: the organisations managers see, comma-separated ids; unset = all. */
  STATS_MANAGER_ORGANISATION_IDS: z.string().optional(),
  /** Statistics: seconds between background refreshes of the anonymised projection; 0 = only before serving. */
  STATS_REFRESH_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Statistics: most changed cases re-projected before a statistics request is answered. */
  STATS_REFRESH_MAX_BEFORE_SERVING: z.coerce.number().int().min(0).max(1_000_000).default(5_000),
  /** Retention: run the daily anonymisation of cases past their organisation's retention period (default on, off in tests). */
  RETENTION_SCHEDULE: booleanFlag.optional(),
  /** Retention: the shortest period (months after closure) an organisation may set; never below 6. */
  RETENTION_MINIMUM_MONTHS: z.coerce.number().int().default(12),
  /** Duplicate checks a member of staff may make in an hour (each answers whether a named person may already be registered). */
  DUPLICATE_CHECKS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Documents: the largest file accepted, in bytes (25 MiB by default); a larger one answers 413. */
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  /** Documents: a ClamAV daemon (host:port) every upload is streamed to (INSTREAM); unset = no malware scan. */
  CLAMAV_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d{1,5}$/, 'Use host:port')
    .optional(),
  /** Documents: how long the ClamAV daemon may take over one file before the scan counts as failed (not as clean). */
  CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  /** Documents: where the sealed chunks of files are kept: `postgres` (default, one table) or `s3` (an S3-compatible object store). */
  DOCUMENT_STORAGE: z.enum(['postgres', 's3']).default('postgres'),
  /** Documents in an object store: the bucket (required with DOCUMENT_STORAGE=s3; Haven does not create it). */
  DOCUMENT_S3_BUCKET: z.string().min(1).optional(),
  /** Documents in an object store: the endpoint of an S3-compatible server; unset = the provider's own for the region. */
  DOCUMENT_S3_ENDPOINT: z.url().optional(),
  /** Documents in an object store: the region (S3-compatible servers usually accept any). */
  DOCUMENT_S3_REGION: z.string().min(1).default('us-east-1'),
  /** Documents in an object store: the access key; unset = the SDK's default credential chain (environment, profile, instance role). */
  DOCUMENT_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  DOCUMENT_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Documents in an object store: bucket in the path (`endpoint/bucket/key`), as most self-hosted servers want. */
  DOCUMENT_S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  /** Documents in an object store: a prefix before every key, to share a bucket (e.g. `haven/`). */
  DOCUMENT_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'Use folder names ending in /, e.g. haven/')
    .default(''),
});

export interface HavenConfig {
  environment: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Absent: an embedded PostgreSQL is started in `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * Migrations and grants run here. Absent outside production: DATABASE_URL (or the
   * embedded server) is the owner, and Haven keeps a `haven_app` role for requests.
   */
  databaseOwnerUrl: string | undefined;
  /**
   * A streaming standby (read-only) where the statistics release reads the projection; the
   * release itself is stored on the primary. Absent: the release reads the primary.
   */
  databaseReadUrl?: string;
  dataDir: string;
  embeddedDatabasePort: number;
  /** Undefined only before the demo key is generated (development without a key). */
  masterKey: Buffer | undefined;
  demo: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; lockoutMinutes: number };
  cookieSecure: 'auto' | boolean;
  trustProxy: string | undefined;
  webDistDir: string | undefined;
  /** The base of one-time activation links; undefined: the address each request came to. */
  publicUrl: string | undefined;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** E-mail notifications (no personal data in them); undefined = in-app only. */
  smtp: { url: string; from: string } | undefined;
  statistics: StatisticsConfig;
  /** Retention (docs/architecture.md, "Anonymisation"): whether the daily job runs in this process, and the shortest period an organisation may set. */
  retention: { scheduled: boolean; minimumMonths: number };
  /** How many duplicate checks one member of staff may make per hour. */
  duplicateChecksPerHour: number;
  /** Files on a case: the size limit, the ClamAV daemon to scan them with (none: not scanned), and where chunks are kept. */
  documents: {
    maxBytes: number;
    clamav: { host: string; port: number; timeoutMs?: number } | undefined;
    storage?: DocumentStorageConfig;
  };
}

/** Where the sealed chunks of files are kept (docs/architecture.md, "Documents and photos"). */
export type DocumentStorageConfig =
  | { kind: 'postgres' }
  | {
      kind: 's3';
      bucket: string;
      endpoint: string | undefined;
      region: string;
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      forcePathStyle: boolean;
      prefix: string;
    };

/** No configuration may let an organisation keep closed cases for less than this. */
export const RETENTION_FLOOR_MONTHS = 6;

/** Settings of the anonymised statistics (docs/architecture.md, rule 11). */
export interface StatisticsConfig {
  minCellSize: number;
  /** Differential privacy: null = off. */
  epsilonPerRelease: number | null;
  epsilonBudget: number;
  withoutConsent: 'totals' | 'exclude' | 'include';
  /** The hour (UTC), on the first of each month, of the monthly release. */
  releaseHour: number;
  /** The organisations a manager sees; null = all. */
  managerOrganisationIds: string[] | null;
  refreshIntervalSeconds: number;
  refreshMaxBeforeServing: number;
}

function statisticsConfigOf(values: z.infer<typeof environmentSchema>): StatisticsConfig {
  const k = values.STATS_MIN_CELL_SIZE;
  if (k < 5)
    throw new ConfigurationError(
      `STATS_MIN_CELL_SIZE must be at least 5 (11 recommended), got ${k}: smaller groups can single out a survivor.`,
    );
  const epsilon = values.STATS_EPSILON_PER_RELEASE;
  if (epsilon !== undefined && epsilon > values.STATS_EPSILON_BUDGET) {
    throw new ConfigurationError(
      `STATS_EPSILON_PER_RELEASE (${epsilon}) is larger than STATS_EPSILON_BUDGET (${values.STATS_EPSILON_BUDGET}): no release could be made.`,
    );
  }
  const ids =
    values.STATS_MANAGER_ORGANISATION_IDS?.split(',')
      .map((id) => id.trim())
      .filter(Boolean) ?? [];
  const badId = ids.find((id) => !z.uuid().safeParse(id).success);
  if (badId)
    throw new ConfigurationError(
      `STATS_MANAGER_ORGANISATION_IDS must be organisation ids separated by commas; "${badId}" is not one.`,
    );
  return {
    minCellSize: k,
    epsilonPerRelease: values.STATS_EPSILON_PER_RELEASE ?? null,
    epsilonBudget: values.STATS_EPSILON_BUDGET,
    withoutConsent: values.STATS_WITHOUT_CONSENT,
    releaseHour: values.STATS_RELEASE_HOUR,
    managerOrganisationIds: ids.length ? ids : null,
    refreshIntervalSeconds: values.STATS_REFRESH_INTERVAL_SECONDS,
    refreshMaxBeforeServing: values.STATS_REFRESH_MAX_BEFORE_SERVING,
  };
}

export class ConfigurationError extends Error {}

export function parseMasterKey(encoded: string): Buffer {
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32) {
    throw new ConfigurationError(
      'HAVEN_MASTER_KEY must be 32 random bytes encoded as base64 (e.g. `openssl rand -base64 32`).',
    );
  }
  // A key with very few distinct bytes is a placeholder, not a random key.
  if (new Set(key).size < 16) {
    throw new ConfigurationError(
      'HAVEN_MASTER_KEY looks like a placeholder: generate a random one (`openssl rand -base64 32`).',
    );
  }
  return key;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HavenConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigurationError(`Invalid configuration: ${problems}`);
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  if (production && !values.HAVEN_MASTER_KEY) {
    throw new ConfigurationError(
      'HAVEN_MASTER_KEY is required in production: 32 random bytes, base64 (`openssl rand -base64 32`).',
    );
  }
  if (production && !values.DATABASE_URL) {
    throw new ConfigurationError(
      'DATABASE_URL is required in production; the embedded database is for trying Haven out.',
    );
  }
  if (production && !values.DATABASE_OWNER_URL) {
    throw new ConfigurationError(
      'DATABASE_OWNER_URL is required in production: migrations run as the schema owner, requests as the DATABASE_URL role, which must own nothing (README: Production).',
    );
  }
  if (values.DATABASE_OWNER_URL && !values.DATABASE_URL) {
    throw new ConfigurationError(
      'DATABASE_OWNER_URL needs DATABASE_URL: the connection requests are served on, as a role that owns nothing.',
    );
  }
  if (
    values.RETENTION_MINIMUM_MONTHS < RETENTION_FLOOR_MONTHS ||
    values.RETENTION_MINIMUM_MONTHS > RETENTION_MAX_MONTHS
  ) {
    throw new ConfigurationError(
      `RETENTION_MINIMUM_MONTHS must be from ${RETENTION_FLOOR_MONTHS} to ${RETENTION_MAX_MONTHS} (months after closure; 12 recommended), got ${values.RETENTION_MINIMUM_MONTHS}.`,
    );
  }
  const demo = values.HAVEN_DEMO ?? (!values.DATABASE_URL && !production);
  if (production && demo) {
    throw new ConfigurationError(
      'Demo mode (HAVEN_DEMO) cannot be used in production: demo accounts have published passwords.',
    );
  }
  return {
    environment: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    databaseOwnerUrl: values.DATABASE_OWNER_URL,
    databaseReadUrl: values.DATABASE_READ_URL,
    dataDir: values.HAVEN_DATA_DIR,
    embeddedDatabasePort: values.HAVEN_EMBEDDED_DB_PORT,
    masterKey: values.HAVEN_MASTER_KEY ? parseMasterKey(values.HAVEN_MASTER_KEY) : undefined,
    demo,
    session: { idleMinutes: values.SESSION_IDLE_MINUTES, absoluteHours: values.SESSION_ABSOLUTE_HOURS },
    login: {
      maxFailuresPerAccount: values.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: values.LOGIN_MAX_FAILURES_PER_ADDRESS,
      lockoutMinutes: values.LOGIN_LOCKOUT_MINUTES,
    },
    cookieSecure: values.COOKIE_SECURE === 'auto' ? 'auto' : values.COOKIE_SECURE === 'true',
    trustProxy: values.TRUST_PROXY,
    webDistDir: values.WEB_DIST_DIR,
    publicUrl: values.HAVEN_PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: values.LOG_LEVEL,
    smtp: values.SMTP_URL ? { url: values.SMTP_URL, from: values.SMTP_FROM } : undefined,
    statistics: statisticsConfigOf(values),
    retention: {
      scheduled: values.RETENTION_SCHEDULE ?? values.NODE_ENV !== 'test',
      minimumMonths: values.RETENTION_MINIMUM_MONTHS,
    },
    duplicateChecksPerHour: values.DUPLICATE_CHECKS_PER_HOUR,
    documents: {
      maxBytes: values.DOCUMENT_MAX_BYTES,
      clamav: values.CLAMAV_ADDRESS
        ? {
            host: values.CLAMAV_ADDRESS.slice(0, values.CLAMAV_ADDRESS.lastIndexOf(':')),
            port: Number(values.CLAMAV_ADDRESS.slice(values.CLAMAV_ADDRESS.lastIndexOf(':') + 1)),
            timeoutMs: values.CLAMAV_TIMEOUT_MS,
          }
        : undefined,
      storage: documentStorageConfigOf(values),
    },
  };
}

function documentStorageConfigOf(values: z.infer<typeof environmentSchema>): DocumentStorageConfig {
  if (values.DOCUMENT_STORAGE === 'postgres') return { kind: 'postgres' };
  if (!values.DOCUMENT_S3_BUCKET)
    throw new ConfigurationError('DOCUMENT_STORAGE=s3 needs DOCUMENT_S3_BUCKET: the bucket the chunks of files go to.');
  const keyId = values.DOCUMENT_S3_ACCESS_KEY_ID;
  const secret = values.DOCUMENT_S3_SECRET_ACCESS_KEY;
  if (Boolean(keyId) !== Boolean(secret))
    throw new ConfigurationError(
      'Set both DOCUMENT_S3_ACCESS_KEY_ID and DOCUMENT_S3_SECRET_ACCESS_KEY, or neither (the SDK then finds its own).',
    );
  return {
    kind: 's3',
    bucket: values.DOCUMENT_S3_BUCKET,
    endpoint: values.DOCUMENT_S3_ENDPOINT,
    region: values.DOCUMENT_S3_REGION,
    credentials: keyId && secret ? { accessKeyId: keyId, secretAccessKey: secret } : undefined,
    forcePathStyle: values.DOCUMENT_S3_FORCE_PATH_STYLE,
    prefix: values.DOCUMENT_S3_PREFIX,
  };
}

/** Injection token for the configuration object. */
export const HAVEN_CONFIG = Symbol('HAVEN_CONFIG');
