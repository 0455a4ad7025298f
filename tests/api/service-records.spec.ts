import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const daysFromToday = (days: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

describe('services given', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let colleagueCaseId: string;

  const newCase = async (session: HttpSession = caseworker): Promise<string> => {
    const response = await session.post('/api/cases', registration());
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const service = (overrides: Record<string, unknown> = {}) => ({
    type: 'medical',
    deliveredOn: daysFromToday(-1),
    outcome: 'completed',
    ...overrides,
  });
  const serviceRows = (caseId: string) =>
    queryDatabase<{ n: number }>(
      harness.database.url,
      'SELECT count(*)::int AS n FROM app.service_record WHERE case_id = $1',
      [caseId],
    );

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, colleague, supervisor, otherSupervisor] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('colleague'),
      harness.signInAs('supervisor'),
      harness.signInAs('otherSupervisor'),
    ]);
    colleagueCaseId = await newCase(colleague);
  });
  afterAll(() => harness.close());

  it('records a service given, with its provider, outcome and notes, and lists the most recent first', async () => {
    const caseId = await newCase();
    const medical = await caseworker.post(
      `/api/cases/${caseId}/services`,
      service({ providerOrganisationId: harness.organisations.clinic, notes: 'Follow-up in two weeks' }),
    );
    expect(medical.status).toBe(201);
    expect(medical.body).toMatchObject({
      type: 'medical',
      deliveredOn: daysFromToday(-1),
      providerOrganisation: { id: harness.organisations.clinic, name: 'Test Clinic' },
      outcome: 'completed',
      notes: 'Follow-up in two weeks',
      recordedBy: { id: harness.people.caseworker.id, displayName: 'Test caseworker' },
    });
    const legal = await supervisor.post(
      `/api/cases/${caseId}/services`,
      service({ type: 'legal', deliveredOn: daysFromToday(0), outcome: 'ongoing' }),
    );
    expect(legal.status).toBe(201);
    expect(legal.body).toMatchObject({
      providerOrganisation: null,
      notes: null,
      recordedBy: { id: harness.people.supervisor.id },
    });
    const older = await caseworker.post(
      `/api/cases/${caseId}/services`,
      service({ type: 'shelter', deliveredOn: daysFromToday(-30), outcome: 'declinedBySurvivor' }),
    );

    const list = await caseworker.get(`/api/cases/${caseId}/services`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([
      legal.body.id,
      medical.body.id,
      older.body.id,
    ]);
    expect(list.body.items[1].notes).toBe('Follow-up in two weeks');
  });

  it('stores the notes sealed: the raw table holds no plaintext', async () => {
    const caseId = await newCase();
    await caseworker.post(
      `/api/cases/${caseId}/services`,
      service({ notes: 'Counselling about Brightwater incident' }),
    );
    const rows = await queryDatabase(harness.database.url, 'SELECT * FROM app.service_record WHERE case_id = $1', [
      caseId,
    ]);
    expect(rows).toHaveLength(1);
    const sealed = (rows[0] as { sealed_notes: Buffer }).sealed_notes;
    expect(sealed.includes(Buffer.from('Brightwater'))).toBe(false);
    expect(sealed.toString('latin1')).not.toMatch(/Brightwater|Counselling/i);
    expect(JSON.stringify(rows)).not.toMatch(/Brightwater/);
  });

  it('answers bad input with 400 and field errors, and writes nothing', async () => {
    const caseId = await newCase();
    const cases: [Record<string, unknown>, string][] = [
      [service({ type: 'teleportation' }), 'type'],
      [service({ deliveredOn: daysFromToday(2) }), 'deliveredOn'],
      [service({ deliveredOn: '31/12/2024' }), 'deliveredOn'],
      [service({ outcome: 'excellent' }), 'outcome'],
      [service({ providerOrganisationId: 'clinic' }), 'providerOrganisationId'],
      [service({ providerOrganisationId: NO_SUCH_ID }), 'providerOrganisationId'],
      [service({ notes: 'x'.repeat(4001) }), 'notes'],
      [{ type: 'medical', outcome: 'completed' }, 'deliveredOn'],
    ];
    for (const [body, field] of cases) {
      const response = await caseworker.post(`/api/cases/${caseId}/services`, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect((await caseworker.post(`/api/cases/${caseId}/services`, service({ cost: 12 }))).status).toBe(400);
    expect(await serviceRows(caseId)).toEqual([{ n: 0 }]);
  });

  it('answers 404 for a case outside the caller’s scope', async () => {
    const caseId = await newCase();
    expect((await caseworker.get(`/api/cases/${colleagueCaseId}/services`)).status).toBe(404);
    expect((await caseworker.post(`/api/cases/${colleagueCaseId}/services`, service())).status).toBe(404);
    expect((await otherSupervisor.get(`/api/cases/${caseId}/services`)).status).toBe(404);
    expect((await otherSupervisor.post(`/api/cases/${caseId}/services`, service())).status).toBe(404);
    for (const person of ['partner', 'manager', 'admin'] as const) {
      const session = await harness.signInAs(person);
      expect((await session.get(`/api/cases/${caseId}/services`)).status).toBe(404);
      expect((await session.post(`/api/cases/${caseId}/services`, service())).status).toBe(404);
    }
    expect((await caseworker.get(`/api/cases/${NO_SUCH_ID}/services`)).status).toBe(404);
    expect(await serviceRows(caseId)).toEqual([{ n: 0 }]);
    expect(await serviceRows(colleagueCaseId)).toEqual([{ n: 0 }]);
  });

  it('records each service in the case history and the audit log, with codes only', async () => {
    const caseId = await newCase();
    await caseworker.post(
      `/api/cases/${caseId}/services`,
      service({ type: 'psychosocial', outcome: 'ongoing', notes: 'Talked about Quietbrook' }),
    );
    const history = (await caseworker.get(`/api/cases/${caseId}/history`)).body.items as { section: string }[];
    expect(history.filter((entry) => entry.section === 'service')).toEqual([
      expect.objectContaining({
        section: 'service',
        action: 'recorded',
        field: 'psychosocial',
        from: null,
        to: 'ongoing',
        actor: expect.objectContaining({ id: harness.people.caseworker.id }),
      }),
    ]);
    expect(JSON.stringify(history)).not.toContain('Quietbrook');
    const audit = await queryDatabase<{ action: string; actor_user_id: string }>(
      harness.database.url,
      "SELECT action, actor_user_id FROM audit.event WHERE subject_id = $1 AND action LIKE 'service.%'",
      [caseId],
    );
    expect(audit).toEqual([{ action: 'service.recorded', actor_user_id: harness.people.caseworker.id }]);
  });

  it('keeps a closed case read-only: recording answers 409, reading still works', async () => {
    const caseId = await newCase();
    await caseworker.post(`/api/cases/${caseId}/services`, service());
    const version = (await supervisor.get(`/api/cases/${caseId}`)).body.version;
    expect(
      (await supervisor.post(`/api/cases/${caseId}/closure`, { version, reason: 'goalsAchieved' })).body.status,
    ).toBe('Closed');
    expect((await caseworker.post(`/api/cases/${caseId}/services`, service({ type: 'legal' }))).status).toBe(409);
    expect((await caseworker.get(`/api/cases/${caseId}/services`)).body.items).toHaveLength(1);
  });
});
