import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { openApiDocumentWithoutServer } from '../../apps/api/src/cli/write-openapi.js';
import { routeTable } from '../../apps/api/src/core/http/route-table.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  operationId?: string;
  responses: Record<string, { $ref?: string; content?: unknown }>;
}
interface OpenApiDocument {
  info: { version: string };
  servers?: unknown[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties: Record<string, unknown>; required: string[] }>;
    responses: Record<string, unknown>;
  };
}

const operationsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
  );

/** Redocly CLI with the repository's redocly.yaml (recommended rules, warnings as errors), offline. */
function redoclyLint(document: unknown): {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
} {
  const folder = mkdtempSync(path.join(tmpdir(), 'haven-openapi-'));
  try {
    const file = path.join(folder, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const result = spawnSync(
      process.execPath,
      [
        'node_modules/@redocly/cli/bin/cli.js',
        'lint',
        '--config=redocly.yaml',
        '--format=json',
        '--max-problems=1000',
        file,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        timeout: 60_000,
      },
    );
    if (!result.stdout.trim().startsWith('{')) throw new Error(`Redocly did not answer: ${result.stderr}`);
    return JSON.parse(result.stdout);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('OpenAPI document', () => {
  let harness: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    harness = await startTestApp();
    document = (await request(harness.server).get('/api/docs-json').expect(200)).body as OpenApiDocument;
  });
  afterAll(() => harness.close());

  it('names every operation once, with an identifier a client generator can use', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBe(routeTable(harness.app).length);
    expect(
      operations
        .filter(({ operation }) => !/^[a-z][A-Za-z0-9]*$/.test(operation.operationId ?? ''))
        .map(({ route }) => route),
    ).toEqual([]);
    const seen = new Map<string, string>();
    const duplicates = operations.flatMap(({ route, operation }) => {
      const first = seen.get(operation.operationId!);
      seen.set(operation.operationId!, route);
      return first ? [`${operation.operationId}: ${first} and ${route}`] : [];
    });
    expect(duplicates).toEqual([]);
  });

  it('keeps the names of existing operations (clients are generated from them)', () => {
    const idOf = (method: string, path: string) => document.paths[path]?.[method]?.operationId;
    expect({
      login: idOf('post', '/api/auth/login'),
      register: idOf('post', '/api/cases'),
      caseFile: idOf('get', '/api/cases/{id}'),
      identity: idOf('get', '/api/cases/{id}/identity'),
      referral: idOf('post', '/api/cases/{id}/referrals'),
    }).toEqual({
      login: 'authLogin',
      register: 'casesRegister',
      caseFile: 'casesGet',
      identity: 'casesIdentity',
      referral: 'caseReferralsSend',
    });
  });

  it('passes the Redocly lint with the recommended rules, warnings included', () => {
    const report = redoclyLint(document);
    expect(
      report.problems.map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`),
    ).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('describes the problem document once and refers to it from every error answer', async () => {
    const problem = document.components.schemas.Problem;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status']));
    for (const { route, operation } of operationsOf(document)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status.startsWith('2')) continue;
        expect({ route, status, response }).toEqual({
          route,
          status,
          response: { $ref: expect.stringMatching(/^#\/components\/responses\/\w+$/) },
        });
      }
    }
    // What the server really answers has the documented members.
    const answer = await request(harness.server).post('/api/auth/login').send({ email: 'not an address' });
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const member of problem.required) expect(answer.body).toHaveProperty(member);
    expect(Object.keys(answer.body).filter((member) => !(member in problem.properties))).toEqual([]);
  });

  it('is the same document when built without a server or a database (what npm test lints)', async () => {
    expect(await openApiDocumentWithoutServer(document.info.version)).toEqual(document);
  });
});
