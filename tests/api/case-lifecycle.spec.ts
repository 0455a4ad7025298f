import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { caseworkerAndColleagueInOneTeam } from '../support/case-fixtures.js';

describe('case lifecycle: updates, versions, history, assignment, closure', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, colleague, supervisor] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('colleague'),
      harness.signInAs('supervisor'),
    ]);
  });
  afterAll(() => harness.close());

  it('updates the profile with the version it was based on, and records coded changes in the history', async () => {
    const created = await newCase(caseworker);
    const updated = await caseworker.patch(`/api/cases/${created.id}`, {
      version: created.version,
      stage: 'assessment',
      incomingReferralSource: 'LabourInspection',
      incomingReferralDate: '2026-01-04',
      controlMethods: ['DebtBondage', 'WithholdsDocuments'],
      exploitationCountries: ['it'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ stage: 'assessment', version: created.version + 1 });
    expect(updated.body.profile).toMatchObject({
      incomingReferralSource: 'LabourInspection',
      incomingReferralDate: '2026-01-04',
      controlMethods: ['DebtBondage', 'WithholdsDocuments'],
      exploitationCountries: ['IT'],
    });
    const history = await caseworker.get(`/api/cases/${created.id}/history`);
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          section: 'case',
          field: 'stage',
          from: 'identification',
          to: 'assessment',
          actor: expect.objectContaining({ id: harness.people.caseworker.id }),
        }),
        expect.objectContaining({
          section: 'profile',
          field: 'incomingReferralSource',
          from: null,
          to: 'LabourInspection',
        }),
        expect.objectContaining({
          section: 'profile',
          field: 'controlMethods',
          from: null,
          to: 'DebtBondage, WithholdsDocuments',
        }),
      ]),
    );
  });

  it('keeps what an update does not mention: profile lists and identity fields survive a partial update', async () => {
    const created = await newCase(caseworker, {
      aliases: ['Nana'],
      documents: [{ kind: 'passport', state: 'lost' }],
      controlMethods: ['DebtBondage'],
    });
    const updated = await caseworker.patch(`/api/cases/${created.id}`, { version: created.version, stage: 'planning' });
    expect(updated.body.profile.controlMethods).toEqual(['DebtBondage']);
    const identity = await caseworker.patch(`/api/cases/${created.id}/identity`, {
      version: updated.body.version,
      givenName: 'Renamed',
    });
    expect(identity.body).toMatchObject({
      givenName: 'Renamed',
      aliases: ['Nana'],
      documents: [{ kind: 'passport', state: 'lost' }],
    });
  });

  it('answers a stale update with 409 and the current version, and loses nothing between two concurrent writers', async () => {
    const created = await newCase(caseworker);
    const [first, second] = await Promise.all([
      caseworker.patch(`/api/cases/${created.id}`, { version: created.version, riskLevel: 'critical' }),
      supervisor.patch(`/api/cases/${created.id}`, { version: created.version, riskLevel: 'low' }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    const winner = first.status === 200 ? first : second;
    expect(loser.body.currentVersion).toBeGreaterThanOrEqual(created.version);
    const current = await supervisor.get(`/api/cases/${created.id}`);
    expect(current.body.riskLevel).toBe(winner.body.riskLevel);
    expect(current.body.version).toBe(created.version + 1);
    const again = await caseworker.patch(`/api/cases/${created.id}`, { version: created.version, stage: 'planning' });
    expect(again.status).toBe(409);
  });

  it('edits the identity with audit and history that name the field, never the value', async () => {
    const created = await newCase(caseworker, { givenName: 'Oldname' });
    const response = await caseworker.patch(`/api/cases/${created.id}/identity`, {
      version: created.version,
      givenName: 'Newname',
      contact: { phone: '+393331234567' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ givenName: 'Newname', contact: { phone: '+393331234567' } });
    const history = await caseworker.get(`/api/cases/${created.id}/history`);
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ section: 'identity', field: 'givenName', from: null, to: null }),
      ]),
    );
    const raw = JSON.stringify(
      await queryDatabase(harness.database.url, 'SELECT * FROM app.case_change WHERE case_id = $1', [created.id]),
    );
    expect(raw).not.toMatch(/Oldname|Newname|393331234567/);
    const audit = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'case.identity.updated' AND subject_id = $1",
      [created.id],
    );
    expect(audit).toHaveLength(1);
    expect(
      (await caseworker.patch(`/api/cases/${created.id}/identity`, { version: created.version, givenName: 'Late' }))
        .status,
    ).toBe(409);
  });

  it('warns of a possible duplicate in the organisation by reference only, whatever the name order and accents', async () => {
    const first = await newCase(caseworker, {
      givenName: 'Amára',
      familyName: 'Duplicheck',
      dateOfBirth: '2001-03-04',
      estimatedAge: undefined,
    });
    expect(first.possibleDuplicates).toEqual([]);
    const check = await supervisor.post('/api/cases/duplicate-check', {
      givenName: 'duplicheck',
      familyName: 'AMARA',
      dateOfBirth: '2001-11-30',
    });
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ possibleDuplicates: [{ reference: first.reference }], withheldDuplicate: false });
    // A colleague who may not open that case is told only that a possible duplicate exists (tests/api/duplicate-check.spec.ts).
    const colleagueCheck = await colleague.post('/api/cases/duplicate-check', {
      givenName: 'duplicheck',
      familyName: 'AMARA',
      dateOfBirth: '2001-11-30',
    });
    expect(colleagueCheck.body).toEqual({ possibleDuplicates: [], withheldDuplicate: true });
    const second = await newCase(caseworker, {
      givenName: 'Amara',
      familyName: 'Duplicheck',
      dateOfBirth: '2001-03-04',
      estimatedAge: undefined,
    });
    expect(second.possibleDuplicates).toEqual([{ reference: first.reference }]);
    const otherOrganisation = await (
      await harness.signInAs('otherCaseworker')
    ).post('/api/cases/duplicate-check', { givenName: 'Amara', familyName: 'Duplicheck', dateOfBirth: '2001-03-04' });
    expect(otherOrganisation.body.possibleDuplicates).toEqual([]);
    const differentYear = await colleague.post('/api/cases/duplicate-check', {
      givenName: 'Amara',
      familyName: 'Duplicheck',
      dateOfBirth: '1999-03-04',
    });
    expect(differentYear.body.possibleDuplicates).toEqual([]);
  });

  it('lets a supervisor reassign a case; the new assignee sees it and the former one no longer does', async () => {
    const created = await newCase(caseworker);
    expect(
      (
        await caseworker.post(`/api/cases/${created.id}/assignee`, {
          version: created.version,
          assigneeId: harness.people.colleague.id,
        })
      ).status,
    ).toBe(404);
    const assigned = await supervisor.post(`/api/cases/${created.id}/assignee`, {
      version: created.version,
      assigneeId: harness.people.colleague.id,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee.id).toBe(harness.people.colleague.id);
    expect((await colleague.get(`/api/cases/${created.id}`)).status).toBe(200);
    expect((await caseworker.get(`/api/cases/${created.id}`)).status).toBe(404);
    const badAssignee = await supervisor.post(`/api/cases/${created.id}/assignee`, {
      version: assigned.body.version,
      assigneeId: harness.people.otherCaseworker.id,
    });
    expect(badAssignee.status).toBe(400);
  });

  it('closes only with a reason and a supervisor’s approval, keeps closed cases read-only, and records reopening', async () => {
    const created = await newCase(caseworker);
    expect((await caseworker.post(`/api/cases/${created.id}/closure`, { version: created.version })).status).toBe(400);
    const requested = await caseworker.post(`/api/cases/${created.id}/closure`, {
      version: created.version,
      reason: 'goalsAchieved',
      comment: 'Back with family',
    });
    expect(requested.status).toBe(200);
    expect(requested.body.status).toBe('Active');
    expect(requested.body.closure).toMatchObject({
      reason: 'goalsAchieved',
      requestedBy: { id: harness.people.caseworker.id },
    });
    expect(
      (
        await caseworker.post(`/api/cases/${created.id}/closure/decision`, {
          version: requested.body.version,
          decision: 'approve',
        })
      ).status,
    ).toBe(404);
    const myWorkApproval = await queryDatabase(
      harness.database.url,
      'SELECT 1 FROM app."case" WHERE id = $1 AND closure_requested_at IS NOT NULL',
      [created.id],
    );
    expect(myWorkApproval).toHaveLength(1);
    const approved = await supervisor.post(`/api/cases/${created.id}/closure/decision`, {
      version: requested.body.version,
      decision: 'approve',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'Closed', closure: null, missing: [] });
    expect(
      (await caseworker.patch(`/api/cases/${created.id}`, { version: approved.body.version, stage: 'followUp' }))
        .status,
    ).toBe(409);
    const reopened = await caseworker.post(`/api/cases/${created.id}/reopen`, {
      version: approved.body.version,
      reason: 'Asked for help again',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('Active');
    const history = (await caseworker.get(`/api/cases/${created.id}/history`)).body.items as {
      action: string;
      comment: string | null;
    }[];
    expect(history.map((entry) => entry.action)).toEqual(expect.arrayContaining(['requested', 'approved', 'reopened']));
    expect(history.find((entry) => entry.action === 'reopened')?.comment).toBe('Asked for help again');
    const raw = JSON.stringify(
      await queryDatabase(harness.database.url, 'SELECT * FROM app.case_change WHERE case_id = $1', [created.id]),
    );
    expect(raw).not.toMatch(/Asked for help|Back with family/);
  });

  it('lets a supervisor return a closure request with a comment, and requires the comment', async () => {
    const created = await newCase(caseworker);
    const requested = await caseworker.post(`/api/cases/${created.id}/closure`, {
      version: created.version,
      reason: 'lostContact',
    });
    expect(
      (
        await supervisor.post(`/api/cases/${created.id}/closure/decision`, {
          version: requested.body.version,
          decision: 'reject',
        })
      ).status,
    ).toBe(400);
    const rejected = await supervisor.post(`/api/cases/${created.id}/closure/decision`, {
      version: requested.body.version,
      decision: 'reject',
      comment: 'Try one more visit',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'Active', closure: null });
  });

  it('closes at once when a supervisor asks', async () => {
    const created = await newCase(supervisor);
    const closed = await supervisor.post(`/api/cases/${created.id}/closure`, {
      version: created.version,
      reason: 'relocated',
    });
    expect(closed.body.status).toBe('Closed');
  });

  it('answers 404 on every lifecycle route for a case outside scope', async () => {
    const created = await newCase(colleague);
    for (const [path, body] of [
      [`/api/cases/${created.id}/closure`, { version: 1, reason: 'other' }],
      [`/api/cases/${created.id}/reopen`, { version: 1, reason: 'x' }],
    ] as const) {
      expect((await caseworker.post(path, body)).status).toBe(404);
    }
    expect((await caseworker.patch(`/api/cases/${created.id}`, { version: 1, stage: 'planning' })).status).toBe(404);
    expect((await caseworker.patch(`/api/cases/${created.id}/identity`, { version: 1, givenName: 'X' })).status).toBe(
      404,
    );
    expect((await caseworker.get(`/api/cases/${created.id}/history`)).status).toBe(404);
    const other = await harness.signInAs('otherSupervisor');
    expect(
      (await other.post(`/api/cases/${created.id}/closure/decision`, { version: 1, decision: 'approve' })).status,
    ).toBe(404);
  });

  it('filters lists by risk, stage and assignee', async () => {
    const critical = await newCase(supervisor, { riskLevel: 'critical', assigneeId: harness.people.colleague.id });
    const list = await supervisor.get(
      `/api/cases?riskLevel=critical&assigneeId=${harness.people.colleague.id}&stage=identification`,
    );
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(critical.id);
    expect(list.body.items.every((item: { riskLevel: string }) => item.riskLevel === 'critical')).toBe(true);
    expect((await supervisor.get('/api/cases?riskLevel=extreme')).status).toBe(400);
  });
});

describe('team mode and sensitive cases', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
    await caseworkerAndColleagueInOneTeam(harness);
  });
  afterAll(() => harness.close());

  it('shows a team member the team’s cases but not their identities, and hides sensitive cases from the team', async () => {
    const caseworker = await harness.signInAs('caseworker');
    const colleague = await harness.signInAs('colleague');
    const ordinary = await newCase(caseworker);
    const sensitive = await newCase(caseworker, { sensitive: true });
    expect((await colleague.get(`/api/cases/${ordinary.id}`)).status).toBe(200);
    expect((await colleague.get(`/api/cases/${ordinary.id}/identity`)).status).toBe(404);
    expect((await colleague.get(`/api/cases/${sensitive.id}`)).status).toBe(404);
    const list = (await colleague.get('/api/cases')).body.items.map((item: { id: string }) => item.id);
    expect(list).toContain(ordinary.id);
    expect(list).not.toContain(sensitive.id);
    // History does not show identity changes to someone who may not read the identity.
    await caseworker.patch(`/api/cases/${ordinary.id}/identity`, { version: ordinary.version, familyName: 'Changed' });
    const history = (await colleague.get(`/api/cases/${ordinary.id}/history`)).body.items as { section: string }[];
    expect(history.some((entry) => entry.section === 'identity')).toBe(false);
    const ownHistory = (await caseworker.get(`/api/cases/${ordinary.id}/history`)).body.items as { section: string }[];
    expect(ownHistory.some((entry) => entry.section === 'identity')).toBe(true);
    // A team member may not flip the sensitive flag.
    const current = (await caseworker.get(`/api/cases/${ordinary.id}`)).body;
    expect(
      (await colleague.patch(`/api/cases/${ordinary.id}`, { version: current.version, sensitive: true })).status,
    ).toBe(400);
    expect((await (await harness.signInAs('supervisor')).get(`/api/cases/${sensitive.id}`)).status).toBe(200);
  });
});
