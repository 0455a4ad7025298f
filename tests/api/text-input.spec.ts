import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Text and dates as an attacker types them: direction overrides in names, characters the
 * database cannot store, decomposed spellings, dates outside what the database accepts.
 * Each is answered 400 with the field and the reason (never 500), and writes nothing.
 */
const OVERRIDE = 'nosnhoJ\u202e';
const SPOOFED_NAME = `Amira \u202e${'nosnhoJ'}\u202c`;

const fieldsOf = (body: { errors?: { field: string; message: string }[] }) =>
  (body.errors ?? []).map((error) => error.field);
const countRows = async (harness: TestApp, table: string) =>
  (await queryDatabase<{ n: number }>(harness.database.url, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

describe('text and dates as an attacker types them', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let admin: HttpSession;

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor, admin] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('supervisor'),
      harness.signInAs('admin'),
    ]);
  });
  afterAll(() => harness.close());

  it('refuses direction overrides in names, aliases and document numbers, naming the field, and registers nothing', async () => {
    const before = await countRows(harness, 'app."case"');
    const attempts: [Record<string, unknown>, string][] = [
      [registration({ givenName: SPOOFED_NAME }), 'givenName'],
      [registration({ familyName: OVERRIDE }), 'familyName'],
      [registration({ aliases: ['Amira', `\u2067${'nosnhoJ'}`] }), 'aliases.1'],
      [registration({ documents: [{ kind: 'passport', number: 'A\u202d123', state: 'held' }] }), 'documents.0.number'],
    ];
    for (const [body, field] of attempts) {
      const response = await caseworker.post('/api/cases', body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(response.body.errors[0].message).toMatch(/^Remove the text-direction control U\+(202[A-E]|206[6-9])$/);
    }
    const check = await caseworker.post('/api/cases/duplicate-check', { givenName: SPOOFED_NAME, estimatedAge: 30 });
    expect(check.status).toBe(400);
    expect(fieldsOf(check.body)).toEqual(['givenName']);
    expect(await countRows(harness, 'app."case"')).toBe(before);
  });

  it('refuses them on the identity update too, and leaves the identity as it was', async () => {
    const registered = await caseworker.post(
      '/api/cases',
      registration({ givenName: 'Amira', familyName: 'Johnson', aliases: ['Ami'] }),
    );
    expect(registered.status).toBe(201);
    const id = registered.body.id as string;
    for (const [body, field] of [
      [{ version: 1, givenName: SPOOFED_NAME }, 'givenName'],
      [{ version: 1, aliases: ['Ami', '\u202bnosnhoJ'] }, 'aliases.1'],
      [{ version: 1, familyName: 'John\u0000son' }, 'familyName'],
    ] as const) {
      const response = await caseworker.patch(`/api/cases/${id}/identity`, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(fieldsOf(response.body)).toEqual([field]);
    }
    const identity = await caseworker.get(`/api/cases/${id}/identity`);
    expect(identity.body).toMatchObject({ givenName: 'Amira', familyName: 'Johnson', aliases: ['Ami'], version: 1 });
  });

  it('stores names in NFC: a decomposed spelling is sealed composed, on registration and on update', async () => {
    const registered = await caseworker.post(
      '/api/cases',
      registration({ givenName: 'Jose\u0301', familyName: 'Mun\u0303oz', aliases: ['Zoe\u0308'] }),
    );
    expect(registered.status).toBe(201);
    const id = registered.body.id as string;
    const identity = await caseworker.get(`/api/cases/${id}/identity`);
    expect(identity.body).toMatchObject({ givenName: 'Jos\u00e9', familyName: 'Mu\u00f1oz', aliases: ['Zo\u00eb'] });
    const updated = await caseworker.patch(`/api/cases/${id}/identity`, {
      version: 1,
      aliases: ['Zoe\u0308', 'Rene\u0301e'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.aliases).toEqual(['Zo\u00eb', 'Ren\u00e9e']);
  });

  it('answers a date of birth of 1890 with 400 on the field, not the 500 of the age check', async () => {
    const before = await countRows(harness, 'app."case"');
    const response = await caseworker.post(
      '/api/cases',
      registration({ estimatedAge: undefined, dateOfBirth: '1890-01-01' }),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'dateOfBirth', message: 'Cannot be more than 120 years ago' }]);
    const yearZero = await caseworker.post(
      '/api/cases',
      registration({ estimatedAge: undefined, dateOfBirth: '0000-01-01' }),
    );
    expect(yearZero.status).toBe(400);
    expect(fieldsOf(yearZero.body)).toEqual(['dateOfBirth']);
    expect(await countRows(harness, 'app."case"')).toBe(before);
  });

  it('answers the NUL character in shelter, programme and organisation fields with 400 on the field', async () => {
    const shelter = await supervisor.post('/api/shelters', {
      name: 'Casa\u0000Rosa',
      kind: 'mixed',
      area: 'North',
      capacity: 3,
      address: 'Via 1',
    });
    expect(shelter.status).toBe(400);
    expect(shelter.body.errors).toEqual([{ field: 'name', message: 'Remove the control character U+0000' }]);
    const programme = await supervisor.post('/api/training-programmes', {
      providerOrganisationId: harness.organisations.shelterA,
      trade: 'Tailoring\u0000',
      place: 'Centre',
      startsOn: '2026-01-01',
      endsOn: '2026-03-01',
      seats: 2,
      language: 'en',
    });
    expect(programme.status).toBe(400);
    expect(fieldsOf(programme.body)).toEqual(['trade']);
    const organisation = await admin.patch(`/api/organisations/${harness.organisations.clinic}`, {
      contactPoint: 'Desk\u0000 2',
      area: 'East\u0085',
    });
    expect(organisation.status).toBe(400);
    expect(fieldsOf(organisation.body).sort()).toEqual(['area', 'contactPoint']);
  });

  it('refuses 20 simultaneous registrations with overridden names, every one, and writes none', async () => {
    const before = await countRows(harness, 'app."case"');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        caseworker.post('/api/cases', registration({ givenName: `Amira${index} \u202e${'nosnhoJ'}` })),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(400));
    expect(await countRows(harness, 'app."case"')).toBe(before);
  });
});
