import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Role } from '@haven/contracts';
import {
  createTestDatabase,
  signIn,
  type HttpSession,
  type TestDatabase,
  type TestDatabaseTemplate,
} from '@haven/testing';
import { loadConfig, type HavenConfig } from '../../apps/api/src/config/config.js';
import { runMigrations } from '../../apps/api/src/core/database/migrate.js';
import { MIGRATIONS } from '../../apps/api/src/core/database/migrations/index.js';
import { prepareDatabase } from '../../apps/api/src/core/database/prepare-database.js';
import { createHavenApp } from '../../apps/api/src/create-app.js';
import { OrganisationsService } from '../../apps/api/src/core/organisations/organisations.service.js';
import { UsersService } from '../../apps/api/src/core/users/users.service.js';
import { attachTwoFactor, type TestTwoFactor } from './two-factor.js';

/** Test-only password for the generated accounts below. */
export const TEST_PASSWORD = 'Quiet-harbour-lantern-42';

/** The people every suite starts with. `other*` belong to a second shelter organisation. */
export const TEST_PEOPLE = {
  caseworker: { role: 'caseworker', organisation: 'shelterA' },
  colleague: { role: 'caseworker', organisation: 'shelterA' },
  supervisor: { role: 'supervisor', organisation: 'shelterA' },
  otherCaseworker: { role: 'caseworker', organisation: 'shelterB' },
  otherSupervisor: { role: 'supervisor', organisation: 'shelterB' },
  partner: { role: 'partner', organisation: 'clinic' },
  manager: { role: 'manager', organisation: 'programme' },
  admin: { role: 'admin', organisation: 'operations' },
} as const satisfies Record<string, { role: Role; organisation: string }>;
export type TestPerson = keyof typeof TEST_PEOPLE;

const ORGANISATIONS = {
  shelterA: { name: 'Test Shelter A', kind: 'shelter' },
  shelterB: { name: 'Test Shelter B', kind: 'shelter' },
  clinic: { name: 'Test Clinic', kind: 'partner' },
  programme: { name: 'Test Programme', kind: 'programme' },
  operations: { name: 'Test Operations', kind: 'system' },
} as const;

export interface TestApp {
  app: NestExpressApplication;
  server: Server;
  database: TestDatabase;
  config: HavenConfig & { databaseUrl: string };
  /** Set when started with `listen: true`. */
  baseUrl: string;
  people: Record<TestPerson, { id: string; email: string; organisationId: string }>;
  organisations: Record<keyof typeof ORGANISATIONS, string>;
  /** Second factors: the harness enrols people as needed and completes the second sign-in step (see two-factor.ts). */
  twoFactor: TestTwoFactor;
  signInAs(person: TestPerson): Promise<HttpSession>;
  /**
   * Creates one more person (password TEST_PASSWORD) whom the harness then treats like its own:
   * `signIn(server, email, TEST_PASSWORD)` enrols them if their role needs a second factor and
   * answers the second step.
   */
  addPerson(person: ExtraPerson): Promise<{ id: string; email: string; organisationId: string }>;
  close(): Promise<void>;
}

export interface ExtraPerson {
  email: string;
  displayName: string;
  role: Role;
  organisation: keyof typeof ORGANISATIONS;
}

export interface TestAppOptions {
  listen?: boolean;
  webDistDir?: string;
  environment?: Record<string, string>;
  /** Receives every line the API logs (instead of the terminal), e.g. to scan it for personal data. */
  logSink?: (line: string) => void;
  /** Where the API connects instead of the database itself, e.g. a connection pooler in front of it. */
  connectThrough?: (applicationUrl: string) => string;
  /** DATABASE_READ_URL from the application role's URL, e.g. the same database made read-only. */
  readThrough?: (applicationUrl: string) => string;
}

/** The API's log lines, one per message, to a sink rather than the terminal. */
class CapturingLogger extends ConsoleLogger {
  constructor(private readonly sink: (line: string) => void) {
    super();
  }

  protected override printMessages(
    messages: unknown[],
    context = '',
    logLevel: LogLevel = 'log',
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    for (const message of messages) {
      const text =
        typeof message === 'string'
          ? message
          : message instanceof Error
            ? `${message.name}: ${message.message}`
            : JSON.stringify(message);
      this.sink(`${logLevel.toUpperCase()} [${context}] ${text}${errorStack ? ` ${String(errorStack)}` : ''}\n`);
    }
  }
}

/**
 * Where the API's logs go: a test's sink, and the whole run's log file when HAVEN_TEST_LOG_FILE
 * is set (`npm test` sets it and scans the file for the suites' synthetic names afterwards).
 */
function captureLogs(sink: ((line: string) => void) | undefined): void {
  const file = process.env.HAVEN_TEST_LOG_FILE;
  if (!sink && !file) return;
  Logger.overrideLogger(
    new CapturingLogger((line) => {
      sink?.(line);
      if (file) appendFileSync(file, line);
    }),
  );
}

/**
 * Every test database starts as a copy of one with all migrations applied; prepareDatabase then
 * finds none pending. The key is the migrations' own code, so changing one builds a new template.
 */
const MIGRATED_TEMPLATE: TestDatabaseTemplate = {
  key: createHash('sha256')
    .update(MIGRATIONS.map((migration) => `${migration.name}\n${migration.toString()}`).join('\n'))
    .digest('hex')
    .slice(0, 16),
  build: async (url) => {
    await runMigrations(url);
  },
};

/** A real Haven API on a fresh database of its own, with one organisation per kind and one person per role. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(MIGRATED_TEMPLATE);
  // Pending migrations (none, after the template) as the owner; the API as the application role, so row-level security is in force in every suite.
  const { applicationUrl } = await prepareDatabase({
    ownerUrl: database.url,
    applicationUrl: database.applicationUrl,
    dataDir: '.haven',
    production: false,
  });
  captureLogs(options.logSink);
  const servedUrl = options.connectThrough?.(applicationUrl) ?? applicationUrl;
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.HAVEN_TEST_LOG_LEVEL ?? 'error',
      HAVEN_DEMO: 'false',
      DATABASE_URL: servedUrl,
      DATABASE_OWNER_URL: database.url,
      ...options.environment,
    }),
    databaseUrl: servedUrl,
    databaseReadUrl: options.readThrough?.(applicationUrl),
    masterKey: randomBytes(32),
    webDistDir: options.webDistDir,
  };
  const app = await createHavenApp(config);
  let baseUrl = '';
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }
  const organisationsService = app.get(OrganisationsService);
  const usersService = app.get(UsersService);
  const organisations = {} as TestApp['organisations'];
  for (const [key, organisation] of Object.entries(ORGANISATIONS)) {
    organisations[key as keyof typeof ORGANISATIONS] = (
      await organisationsService.ensure({ ...organisation, country: 'IT' })
    ).id;
  }
  const people = {} as TestApp['people'];
  for (const [person, { role, organisation }] of Object.entries(TEST_PEOPLE)) {
    const email = `${person.toLowerCase()}@test.haven.test`;
    const user = await usersService.create({
      email,
      displayName: `Test ${person}`,
      role,
      organisationId: organisations[organisation],
      password: TEST_PASSWORD,
    });
    people[person as TestPerson] = { id: user.id, email, organisationId: user.organisationId };
  }
  const server = app.getHttpServer() as Server;
  const twoFactor = attachTwoFactor(
    app,
    server,
    Object.values(people).map((person) => person.email),
  );
  return {
    app,
    server,
    database,
    config,
    baseUrl,
    people,
    organisations,
    twoFactor,
    signInAs: (person) => signIn(server, people[person].email, TEST_PASSWORD),
    addPerson: async ({ email, displayName, role, organisation }) => {
      const user = await usersService.create({
        email,
        displayName,
        role,
        organisationId: organisations[organisation],
        password: TEST_PASSWORD,
      });
      twoFactor.adopt(email);
      return { id: user.id, email, organisationId: user.organisationId };
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** The minimum registration body; override what a test cares about. */
export function registration(overrides: Record<string, unknown> = {}) {
  return {
    givenName: 'Ayo',
    familyName: 'Testperson',
    estimatedAge: 24,
    sex: 'Feminine',
    nationality: 'NG',
    riskLevel: 'high',
    ...overrides,
  };
}
