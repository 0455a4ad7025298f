import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { ProtectionRepository } from '../../apps/api/src/modules/protection/protection.repository.js';
import { runAsOrganisation } from '../../apps/api/src/core/request-context/database-scope.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('assessments', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let colleagueCaseId: string;

  const newCase = async (
    session: HttpSession = caseworker,
    overrides: Record<string, unknown> = {},
  ): Promise<string> => {
    const response = await session.post('/api/cases', registration(overrides));
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const assessmentRows = (caseId: string) =>
    queryDatabase<{ n: number }>(
      harness.database.url,
      'SELECT count(*)::int AS n FROM app.assessment WHERE case_id = $1',
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

  it('records a risk assessment, which sets the case’s risk level', async () => {
    const caseId = await newCase(caseworker, { riskLevel: 'low' });
    const before = (await caseworker.get(`/api/cases/${caseId}`)).body;
    expect(before.missing).toContain('assessment.risk');

    const recorded = await caseworker.post(`/api/cases/${caseId}/assessments`, {
      type: 'risk',
      riskLevel: 'critical',
      notes: 'Trafficker knows the shelter address',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      type: 'risk',
      riskLevel: 'critical',
      notes: 'Trafficker knows the shelter address',
      assessedBy: { id: harness.people.caseworker.id, displayName: 'Test caseworker' },
    });
    expect(recorded.body).not.toHaveProperty('needs');
    expect(recorded.body).not.toHaveProperty('outcome');

    const after = (await caseworker.get(`/api/cases/${caseId}`)).body;
    expect(after.riskLevel).toBe('critical');
    expect(after.version).toBe(before.version + 1);
    expect(after.missing).not.toContain('assessment.risk');
  });

  it('leaves the case untouched when the assessed risk level is the current one', async () => {
    const caseId = await newCase(caseworker, { riskLevel: 'medium' });
    expect(
      (await caseworker.post(`/api/cases/${caseId}/assessments`, { type: 'risk', riskLevel: 'medium' })).status,
    ).toBe(201);
    expect((await caseworker.get(`/api/cases/${caseId}`)).body).toMatchObject({ riskLevel: 'medium', version: 1 });
  });

  it('records needs and protection screenings, and keeps every assessment, newest first, filterable by type', async () => {
    const caseId = await newCase();
    const needs = await caseworker.post(`/api/cases/${caseId}/assessments`, {
      type: 'needs',
      needs: [
        { area: 'shelter', level: 'high' },
        { area: 'legal', level: 'medium' },
      ],
    });
    expect(needs.status).toBe(201);
    expect(needs.body).toMatchObject({
      type: 'needs',
      needs: [
        { area: 'shelter', level: 'high' },
        { area: 'legal', level: 'medium' },
      ],
      notes: null,
    });

    const screening = await supervisor.post(`/api/cases/${caseId}/assessments`, {
      type: 'protection',
      fearOfReturn: true,
      asylumIntention: false,
      outcome: 'pending',
    });
    expect(screening.status).toBe(201);
    expect(screening.body).toMatchObject({
      type: 'protection',
      fearOfReturn: true,
      asylumIntention: false,
      outcome: 'pending',
      assessedBy: { id: harness.people.supervisor.id },
    });
    const second = await supervisor.post(`/api/cases/${caseId}/assessments`, {
      type: 'protection',
      fearOfReturn: true,
      asylumIntention: true,
      outcome: 'referredToAsylumProcedure',
    });

    const all = await caseworker.get(`/api/cases/${caseId}/assessments`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([
      second.body.id,
      screening.body.id,
      needs.body.id,
    ]);
    const protection = await caseworker.get(`/api/cases/${caseId}/assessments?type=protection`);
    expect(protection.body.items.map((item: { id: string }) => item.id)).toEqual([second.body.id, screening.body.id]);
    expect((await caseworker.get(`/api/cases/${caseId}/assessments?type=needs`)).body.items).toHaveLength(1);
    expect((await caseworker.get(`/api/cases/${caseId}`)).body.missing).not.toContain('assessment.needs');

    // What the return gate reads, called as a request of shelter A would be (row-level security).
    const facts = harness.app.get(ProtectionRepository);
    const latest = (id: string, organisationId = harness.organisations.shelterA) =>
      runAsOrganisation(organisationId, () => facts.safeguardFacts(id));
    expect((await latest(caseId)).screening).toMatchObject({
      fearOfReturn: true,
      asylumIntention: true,
      outcome: 'referredToAsylumProcedure',
    });
    expect((await latest(await newCase())).screening).toBeNull();
    // Another organisation, with no referral or transfer of the case, learns nothing.
    expect(await latest(caseId, harness.organisations.shelterB)).toEqual({ screening: null, review: null });
  });

  it('stores the notes sealed: the raw table holds no plaintext', async () => {
    const caseId = await newCase();
    await caseworker.post(`/api/cases/${caseId}/assessments`, {
      type: 'needs',
      needs: [{ area: 'medical', level: 'high' }],
      notes: 'Untreated injury Quillfeather',
    });
    const rows = await queryDatabase<{ sealed_notes: Buffer; findings: unknown }>(
      harness.database.url,
      'SELECT sealed_notes, findings FROM app.assessment WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sealed_notes.includes(Buffer.from('Quillfeather'))).toBe(false);
    expect(rows[0]!.sealed_notes.toString('latin1')).not.toMatch(/Quillfeather|injury/i);
    expect(JSON.stringify(rows[0]!.findings)).not.toContain('Quillfeather');
    expect(rows[0]!.findings).toEqual({ needs: [{ area: 'medical', level: 'high' }] });
    const read = await caseworker.get(`/api/cases/${caseId}/assessments`);
    expect(read.body.items[0].notes).toBe('Untreated injury Quillfeather');
  });

  it('answers bad input with 400 and field errors, and writes nothing', async () => {
    const caseId = await newCase(caseworker, { riskLevel: 'low' });
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'fortune', riskLevel: 'low' }, 'type'],
      [{ type: 'risk', riskLevel: 'extreme' }, 'riskLevel'],
      [{ type: 'risk' }, 'riskLevel'],
      [{ type: 'risk', riskLevel: 'low', notes: 'x'.repeat(4001) }, 'notes'],
      [{ type: 'needs', needs: [] }, 'needs'],
      [{ type: 'needs', needs: [{ area: 'astrology', level: 'high' }] }, 'needs.0.area'],
      [{ type: 'needs', needs: [{ area: 'shelter', level: 'extreme' }] }, 'needs.0.level'],
      [
        {
          type: 'needs',
          needs: [
            { area: 'shelter', level: 'high' },
            { area: 'shelter', level: 'low' },
          ],
        },
        'needs',
      ],
      [{ type: 'protection', fearOfReturn: 'maybe', asylumIntention: false, outcome: 'pending' }, 'fearOfReturn'],
      [{ type: 'protection', fearOfReturn: true, asylumIntention: false, outcome: 'deported' }, 'outcome'],
    ];
    for (const [body, field] of cases) {
      const response = await caseworker.post(`/api/cases/${caseId}/assessments`, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(
      (
        await caseworker.post(`/api/cases/${caseId}/assessments`, {
          type: 'risk',
          riskLevel: 'high',
          fearOfReturn: true,
        })
      ).status,
    ).toBe(400);
    expect((await caseworker.post(`/api/cases/${caseId}/assessments`, {})).status).toBe(400);
    expect((await caseworker.get(`/api/cases/${caseId}/assessments?type=fortune`)).status).toBe(400);
    expect(await assessmentRows(caseId)).toEqual([{ n: 0 }]);
    expect((await caseworker.get(`/api/cases/${caseId}`)).body).toMatchObject({ riskLevel: 'low', version: 1 });
  });

  it('answers 404 for a case outside the caller’s scope', async () => {
    const caseId = await newCase();
    const risk = { type: 'risk', riskLevel: 'critical' };
    expect((await caseworker.get(`/api/cases/${colleagueCaseId}/assessments`)).status).toBe(404);
    expect((await caseworker.post(`/api/cases/${colleagueCaseId}/assessments`, risk)).status).toBe(404);
    expect((await otherSupervisor.get(`/api/cases/${caseId}/assessments`)).status).toBe(404);
    expect((await otherSupervisor.post(`/api/cases/${caseId}/assessments`, risk)).status).toBe(404);
    for (const person of ['partner', 'manager', 'admin'] as const) {
      const session = await harness.signInAs(person);
      expect((await session.get(`/api/cases/${caseId}/assessments`)).status).toBe(404);
      expect((await session.post(`/api/cases/${caseId}/assessments`, risk)).status).toBe(404);
    }
    expect((await caseworker.get(`/api/cases/${NO_SUCH_ID}/assessments`)).status).toBe(404);
    expect((await caseworker.get('/api/cases/not-a-uuid/assessments')).status).toBe(400);
    expect(await assessmentRows(caseId)).toEqual([{ n: 0 }]);
    expect(await assessmentRows(colleagueCaseId)).toEqual([{ n: 0 }]);
    expect((await colleague.get(`/api/cases/${colleagueCaseId}`)).body.riskLevel).toBe('high');
  });

  it('records the assessment and the risk change in the case history and the audit log', async () => {
    const caseId = await newCase(caseworker, { riskLevel: 'low' });
    await caseworker.post(`/api/cases/${caseId}/assessments`, {
      type: 'risk',
      riskLevel: 'high',
      notes: 'Threat by phone',
    });
    await caseworker.post(`/api/cases/${caseId}/assessments`, {
      type: 'protection',
      fearOfReturn: false,
      asylumIntention: false,
      outcome: 'noProtectionNeed',
    });

    const history = (await caseworker.get(`/api/cases/${caseId}/history`)).body.items as {
      section: string;
      action: string;
      field: string | null;
      from: string | null;
      to: string | null;
      comment: string | null;
    }[];
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ section: 'assessment', action: 'recorded', field: 'risk', to: 'high' }),
        expect.objectContaining({
          section: 'assessment',
          action: 'recorded',
          field: 'protection',
          to: 'noProtectionNeed',
        }),
        expect.objectContaining({ section: 'case', action: 'updated', field: 'riskLevel', from: 'low', to: 'high' }),
      ]),
    );
    expect(JSON.stringify(history)).not.toContain('Threat by phone');

    const audit = await queryDatabase<{ action: string; actor_user_id: string }>(
      harness.database.url,
      "SELECT action, actor_user_id FROM audit.event WHERE subject_id = $1 AND action IN ('assessment.recorded', 'case.updated') ORDER BY id",
      [caseId],
    );
    // The risk change is part of the risk assessment's event, committed in the same transaction.
    expect(audit.map((row) => row.action)).toEqual(['assessment.recorded', 'assessment.recorded']);
    expect(new Set(audit.map((row) => row.actor_user_id))).toEqual(new Set([harness.people.caseworker.id]));
  });

  it('keeps a closed case read-only: recording answers 409, reading still works', async () => {
    const caseId = await newCase(caseworker, { riskLevel: 'low' });
    await caseworker.post(`/api/cases/${caseId}/assessments`, {
      type: 'needs',
      needs: [{ area: 'education', level: 'low' }],
    });
    const version = (await supervisor.get(`/api/cases/${caseId}`)).body.version;
    expect(
      (await supervisor.post(`/api/cases/${caseId}/closure`, { version, reason: 'goalsAchieved' })).body.status,
    ).toBe('Closed');

    expect(
      (await caseworker.post(`/api/cases/${caseId}/assessments`, { type: 'risk', riskLevel: 'critical' })).status,
    ).toBe(409);
    expect(await assessmentRows(caseId)).toEqual([{ n: 1 }]);
    expect((await caseworker.get(`/api/cases/${caseId}`)).body.riskLevel).toBe('low');
    expect((await caseworker.get(`/api/cases/${caseId}/assessments`)).body.items).toHaveLength(1);
  });
});
