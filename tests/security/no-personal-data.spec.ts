import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { faker } from '@faker-js/faker';
import request from 'supertest';
import { queryDatabase } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import { fingerprintClient, needlesInDatabaseFiles } from './database-fingerprint.js';

/**
 * Representative flows on synthetic people at the most verbose log level, with everything
 * the API logs captured (through the logger, and anything written to stdout, stderr or the
 * console besides), then a scan of
 * those logs and of every audit row for the people's names, birth dates, contacts,
 * addresses and free texts. Logs and the audit trail hold ids, never personal data.
 */
faker.seed(20_261_128);
const token = () => faker.string.alphanumeric({ length: 10, casing: 'upper' });
const PERSON = {
  givenName: `${faker.person.firstName()}${token()}`,
  familyName: `${faker.person.lastName()}${token()}`,
  alias: `${faker.person.firstName()}${token()}`,
  newAlias: `${faker.person.firstName()}${token()}`,
  dateOfBirth: '1997-04-23',
  phone: `+3934${faker.string.numeric(8)}`,
  email: `${token().toLowerCase()}@example.org`,
  address: `${faker.location.streetAddress()} ${token()}`,
};
const TEXTS = {
  note: `She described the house on ${faker.location.street()} ${token()}`,
  editedNote: `Edited account ${token()}`,
  task: `Call ${PERSON.givenName} back ${token()}`,
  referralMessage: `${PERSON.givenName} needs a doctor ${token()}`,
  shelterAddress: `${faker.location.streetAddress()} ${token()}`,
  closure: `Moved in with family ${token()}`,
};

describe('no personal data in logs or audit rows', () => {
  let harness: TestApp;
  const captured: string[] = [];
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write, console: { ...console } };

  beforeAll(async () => {
    // Kept, not printed: a debug-level run would flood the test output.
    const capture = (chunk: unknown, ...rest: unknown[]) => {
      captured.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
      const done = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      console[level] = (...values: unknown[]) => captured.push(values.map(String).join(' '));
    }
    harness = await startTestApp({
      environment: { LOG_LEVEL: 'debug', STATS_REFRESH_INTERVAL_SECONDS: '0' },
      logSink: (line) => captured.push(line),
    });
  }, 120_000);

  afterAll(async () => {
    await harness.close();
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
    Object.assign(console, originals.console);
  });

  it('keeps the names, birth dates, contacts, addresses and free texts of a full case out of logs and audit', async () => {
    const caseworker = await harness.signInAs('caseworker');
    const supervisor = await harness.signInAs('supervisor');
    const partner = await harness.signInAs('partner');
    const { clinic } = harness.organisations;
    const ok = (response: request.Response, status: number) =>
      expect({ status: response.status, body: response.status === status ? 'ok' : response.body }).toEqual({
        status,
        body: 'ok',
      });

    // Registration, duplicate check, identity read and update.
    ok(
      await caseworker.post('/api/cases/duplicate-check', {
        givenName: PERSON.givenName,
        familyName: PERSON.familyName,
        dateOfBirth: PERSON.dateOfBirth,
      }),
      200,
    );
    const created = await caseworker.post(
      '/api/cases',
      registration({
        givenName: PERSON.givenName,
        familyName: PERSON.familyName,
        aliases: [PERSON.alias],
        dateOfBirth: PERSON.dateOfBirth,
        estimatedAge: undefined,
        contact: { phone: PERSON.phone, email: PERSON.email, address: PERSON.address },
      }),
    );
    ok(created, 201);
    const caseId = created.body.id as string;
    const identity = await caseworker.get(`/api/cases/${caseId}/identity`);
    ok(identity, 200);
    ok(
      await caseworker.patch(`/api/cases/${caseId}/identity`, {
        version: identity.body.version ?? created.body.version,
        aliases: [PERSON.alias, PERSON.newAlias],
      }),
      200,
    );

    // Free texts: a note (written and edited), a task, a shelter placement.
    const note = await caseworker.post(`/api/cases/${caseId}/notes`, { body: TEXTS.note });
    ok(note, 201);
    ok(
      await caseworker.patch(`/api/cases/${caseId}/notes/${note.body.id}`, {
        version: note.body.version,
        body: TEXTS.editedNote,
      }),
      200,
    );
    ok(await caseworker.get(`/api/cases/${caseId}/notes`), 200);
    ok(await caseworker.post(`/api/cases/${caseId}/tasks`, { title: TEXTS.task, dueOn: '2027-01-01' }), 201);
    const shelter = await supervisor.post('/api/shelters', {
      name: `House ${token()}`,
      kind: 'mixed',
      area: 'North',
      capacity: 4,
      address: TEXTS.shelterAddress,
    });
    ok(shelter, 201);
    ok(await supervisor.get(`/api/shelters/${shelter.body.id}`), 200);

    // A referral sharing the identity, read by the partner.
    ok(
      await caseworker.post(`/api/cases/${caseId}/consents`, {
        purpose: 'referral',
        recipientOrganisationId: clinic,
        givenOn: '2026-01-01',
        method: 'written',
      }),
      201,
    );
    const referral = await caseworker.post(`/api/cases/${caseId}/referrals`, {
      toOrganisationId: clinic,
      services: ['medical'],
      lens: ['basicProfile', 'identity'],
      message: TEXTS.referralMessage,
    });
    ok(referral, 201);
    ok(await partner.get(`/api/referrals/${referral.body.id}`), 200);
    ok(await caseworker.get(`/api/cases/${caseId}/history`), 200);

    // Refused and failed requests carrying personal data: validation errors, a failed sign-in with a survivor's e-mail.
    expect(
      (
        await caseworker.post(
          '/api/cases',
          registration({
            givenName: PERSON.givenName,
            familyName: PERSON.familyName,
            dateOfBirth: '2999-01-01',
            estimatedAge: undefined,
          }),
        )
      ).status,
    ).toBe(400);
    expect(
      (await caseworker.post(`/api/cases/${caseId}/notes`, { body: TEXTS.note, secret: PERSON.address })).status,
    ).toBe(400);
    expect(
      (await request(harness.server).post('/api/auth/login').send({ email: PERSON.email, password: PERSON.familyName }))
        .status,
    ).toBe(401);
    expect(
      (
        await caseworker.agent
          .post('/api/cases')
          .set('Content-Type', 'application/json')
          .send(`{"givenName": "${PERSON.givenName}", `)
      ).status,
    ).toBe(400);
    expect((await partner.get(`/api/cases/${caseId}/identity`)).status).toBe(404);

    // A search by name, as typed by someone else (accents, case), finds her: the names are indexed.
    const search = await caseworker.get(
      `/api/cases?${new URLSearchParams({ name: `${PERSON.newAlias.toUpperCase()} ${PERSON.familyName.toLowerCase()}` }).toString()}`,
    );
    ok(search, 200);
    expect((search.body.items as { id: string }[]).map((item) => item.id)).toEqual([caseId]);

    const logs = captured.join('');
    // The capture works: the framework's start-up lines and the debug level are in it.
    expect(logs).toMatch(/Mapped \{\/api\/cases, POST\}/);
    expect(logs).toMatch(/^DEBUG /m);
    const audit = await queryDatabase<{ row: string }>(
      harness.database.url,
      'SELECT row_to_json(e)::text AS row FROM audit.event e',
    );
    expect(audit.length).toBeGreaterThan(10);
    const needles = [...Object.values(PERSON), ...Object.values(TEXTS)];
    const found = (haystack: string) =>
      needles.filter((needle) => haystack.toLowerCase().includes(needle.toLowerCase()));
    expect({ inLogs: found(logs) }).toEqual({ inLogs: [] });
    expect({ inAudit: [...new Set(audit.flatMap(({ row }) => found(row)))] }).toEqual({ inAudit: [] });
    // The date of birth in the forms a log could print it.
    expect(audit.filter(({ row }) => row.includes('1997-04-23') || row.includes('23/04/1997'))).toEqual([]);

    // A copy of the database's files (tables, indexes, the name index among them) holds no name,
    // contact or free text in clear: identities and texts are sealed, names indexed only as keyed hashes.
    const client = await fingerprintClient(harness.database.url);
    try {
      expect({ inDatabaseFiles: await needlesInDatabaseFiles(client, needles) }).toEqual({ inDatabaseFiles: [] });
      // The scan reads the files: a value stored in clear is found.
      expect(await needlesInDatabaseFiles(client, ['Test Shelter A'])).toEqual(['Test Shelter A']);
    } finally {
      await client.end();
    }
  }, 120_000);
});
