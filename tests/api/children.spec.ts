import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { childCaseBasis } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import pg from 'pg';
import { StatisticsProjector } from '../../apps/api/src/modules/statistics/statistics-projector.service.js';
import { remainingCaseText, caseworkerAndColleagueInOneTeam } from '../support/case-fixtures.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const CLEAR = { type: 'protection', fearOfReturn: false, asylumIntention: false, outcome: 'noProtectionNeed' };
const RETURN_SERVICE = { type: 'return', deliveredOn: '2026-11-20', outcome: 'completed' };
const ASSENT = { assent: 'given', explainedForAge: true };

describe('child cases: the pure rule', () => {
  const registeredAt = new Date('2026-01-10T09:00:00Z');
  it('a person under 18 by registered age, assessed age, or while an assessment is disputed, is a child', () => {
    expect(childCaseBasis({ ageAtRegistration: 16, registeredAt, latestAgeAssessment: null }, '2026-06-01')).toBe(
      'registeredAge',
    );
    expect(childCaseBasis({ ageAtRegistration: 17, registeredAt, latestAgeAssessment: null }, '2027-01-10')).toBeNull();
    // The count is from registration day: still 17 the day before its anniversary.
    expect(childCaseBasis({ ageAtRegistration: 17, registeredAt, latestAgeAssessment: null }, '2027-01-09')).toBe(
      'registeredAge',
    );
    expect(childCaseBasis({ ageAtRegistration: 30, registeredAt, latestAgeAssessment: null }, '2026-06-01')).toBeNull();
    expect(
      childCaseBasis(
        {
          ageAtRegistration: 19,
          registeredAt,
          latestAgeAssessment: { assessedOn: '2026-02-01', assessedAge: 19, disputed: true },
        },
        '2026-06-01',
      ),
    ).toBe('ageDisputed');
    expect(
      childCaseBasis(
        {
          ageAtRegistration: 19,
          registeredAt,
          latestAgeAssessment: { assessedOn: '2026-02-01', assessedAge: 15, disputed: false },
        },
        '2026-06-01',
      ),
    ).toBe('ageAssessment');
    expect(
      childCaseBasis(
        {
          ageAtRegistration: 16,
          registeredAt,
          latestAgeAssessment: { assessedOn: '2026-02-01', assessedAge: 20, disputed: false },
        },
        '2026-06-01',
      ),
    ).toBeNull();
  });
});

describe('children on a case', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let partner: HttpSession;
  let manager: HttpSession;
  const query = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    queryDatabase<T>(harness.database.url, sql, params);

  const register = async (overrides: Record<string, unknown>) => {
    const created = await caseworker.post('/api/cases', registration({ givenName: 'Minora', ...overrides }));
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const determination = async (caseId: string, by: HttpSession = caseworker) => {
    const recorded = await by.post(`/api/cases/${caseId}/child/best-interests`, {
      kind: 'determination',
      completedOn: '2026-11-10',
      summary: 'Return to her mother is in her best interests; reception arranged with the child protection office.',
    });
    expect(recorded.status).toBe(201);
    return recorded.body.id as string;
  };
  /** Whether the case is a child case, as the case header reads it (the case's own page). */
  const basisOf = async (caseId: string): Promise<string | null> => {
    const detail = await caseworker.get(`/api/cases/${caseId}`);
    expect(detail.status).toBe(200);
    return detail.body.childBasis as string | null;
  };
  const decide = (caseId: string, id: string, decision: string, by: HttpSession = supervisor) =>
    by.post(`/api/cases/${caseId}/child/best-interests/${id}/decision`, {
      decision,
      reason: 'Panel reviewed the assessment and the child’s views',
    });

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor, otherSupervisor, partner, manager] = await Promise.all(
      (['caseworker', 'supervisor', 'otherSupervisor', 'partner', 'manager'] as const).map((person) =>
        harness.signInAs(person),
      ),
    );
  });
  afterAll(() => harness.close());

  it('tells a child case from an adult one; a disputed age assessment makes an adult case a child case', async () => {
    const child = await register({ estimatedAge: 16 });
    const adult = await register({ estimatedAge: 30 });
    expect(await basisOf(child)).toBe('registeredAge');
    expect(await basisOf(adult)).toBeNull();

    const assessed = await caseworker.post(`/api/cases/${adult}/child/age-assessments`, {
      assessedOn: '2026-11-01',
      method: 'interview',
      assessedAge: 19,
      assessedBy: 'Age assessment panel North',
      disputed: true,
    });
    expect(assessed.status).toBe(201);
    expect(assessed.body).toMatchObject({ assessedAge: 19, disputed: true, assessedBy: 'Age assessment panel North' });
    expect(await basisOf(adult)).toBe('ageDisputed');
    const settled = await caseworker.post(`/api/cases/${adult}/child/age-assessments`, {
      assessedOn: '2026-11-20',
      method: 'multidisciplinary',
      assessedAge: 19,
      assessedBy: 'Age assessment panel North',
      disputed: false,
    });
    expect(settled.status).toBe(201);
    expect(await basisOf(adult)).toBeNull();
  });

  it('records a guardian, views and best-interests records only on a child case, sealed, with history and audit', async () => {
    const adult = await register({ estimatedAge: 40 });
    const guardianOnAdult = await caseworker.post(`/api/cases/${adult}/child/guardians`, {
      appointedOn: '2026-11-01',
      name: 'Gianna Tutelari',
      organisation: 'Guardianship Office',
    });
    expect(guardianOnAdult.status).toBe(409);

    const child = await register({ estimatedAge: 15 });
    const first = await caseworker.post(`/api/cases/${child}/child/guardians`, {
      appointedOn: '2026-11-01',
      name: 'Gianna Tutelari',
      organisation: 'Guardianship Office',
    });
    expect(first.status).toBe(201);
    const second = await caseworker.post(`/api/cases/${child}/child/guardians`, {
      appointedOn: '2026-11-15',
      name: 'Paolo Custodi',
      organisation: 'Guardianship Office',
    });
    expect(second.status).toBe(201);
    const views = await caseworker.post(`/api/cases/${child}/child/views`, {
      expressedOn: '2026-11-12',
      views: 'Wants to go home to her mother and finish school',
    });
    expect(views.status).toBe(201);
    const bia = await caseworker.post(`/api/cases/${child}/child/best-interests`, {
      kind: 'assessment',
      completedOn: '2026-11-12',
      summary: 'Family assessed by the social services in the country of origin',
    });
    expect(bia.body.status).toBe('recorded');

    const record = (await caseworker.get(`/api/cases/${child}/child`)).body;
    expect(record.guardians.map((guardian: { name: string; endedOn: string | null }) => guardian)).toMatchObject([
      { name: 'Paolo Custodi', endedOn: null },
      { name: 'Gianna Tutelari', endedOn: '2026-11-15' },
    ]);
    expect(record.views[0].views).toBe('Wants to go home to her mother and finish school');

    // Sealed at rest: no name or word of hers is in the tables as written.
    const stored = await query<{ text: string }>(
      `SELECT encode(sealed_name, 'escape') || encode(sealed_organisation, 'escape') AS text FROM app.child_guardian WHERE case_id = $1
       UNION ALL SELECT encode(sealed_views, 'escape') FROM app.child_views WHERE case_id = $1`,
      [child],
    );
    expect(stored).toHaveLength(3);
    for (const row of stored) expect(row.text).not.toMatch(/Tutelari|Custodi|Guardianship|mother/);

    const history = (await caseworker.get(`/api/cases/${child}/history`)).body.items as {
      section: string;
      action: string;
    }[];
    expect(history.filter((entry) => entry.section === 'child').map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['guardian.appointed', 'views.recorded', 'assessment.recorded']),
    );
    const audited = await query<{ action: string }>(
      `SELECT action FROM audit.event WHERE subject_id = $1 AND action LIKE 'child.%' ORDER BY occurred_at`,
      [child],
    );
    expect(audited.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'child.guardian.appointed',
        'child.views.recorded',
        'child.assessment.recorded',
        'child.record.read',
      ]),
    );

    // Need to know: a partner, a manager and another organisation see nothing of it.
    for (const session of [partner, manager, otherSupervisor])
      expect((await session.get(`/api/cases/${child}/child`)).status).toBe(404);
  });

  it('a determination takes a supervisor other than its author; it can be rejected, approved and revoked, each once', async () => {
    const child = await register({ estimatedAge: 16 });
    const id = await determination(child);
    expect((await decide(child, id, 'approve', caseworker)).status).toBe(404);
    expect((await decide(child, id, 'revoke')).status).toBe(409);
    const approved = await decide(child, id, 'approve');
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ status: 'approved', decision: { decision: 'approve' } });
    expect((await decide(child, id, 'approve')).status).toBe(409);
    expect((await decide(child, id, 'revoke')).body.status).toBe('revoked');

    const own = await determination(child, supervisor);
    expect((await decide(child, own, 'approve')).status).toBe(409);
    expect((await decide(child, own, 'reject')).status).toBe(409);
    const rejected = await decide(child, await determination(child), 'reject');
    expect(rejected.body.status).toBe('rejected');
    const unknown = await decide(child, '00000000-0000-4000-8000-000000000000', 'approve');
    expect(unknown.status).toBe(404);
  });

  it('asks for the child’s assent beside every consent on a child case; a refused assent shares nothing', async () => {
    const child = await register({ estimatedAge: 14 });
    const adult = await register({ estimatedAge: 30 });
    const consent = (caseId: string, extra: Record<string, unknown>) =>
      caseworker.post(`/api/cases/${caseId}/consents`, {
        purpose: 'referral',
        recipientOrganisationId: harness.organisations.clinic,
        givenOn: '2026-11-01',
        method: 'written',
        ...extra,
      });
    const missing = await consent(child, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'childAssent' })]);
    const onAdult = await consent(adult, { childAssent: ASSENT });
    expect(onAdult.status).toBe(400);
    expect(onAdult.body.errors).toEqual([expect.objectContaining({ field: 'childAssent' })]);

    const refused = await consent(child, { childAssent: { assent: 'refused', explainedForAge: true } });
    expect(refused.status).toBe(201);
    expect(refused.body.childAssent).toEqual({ assent: 'refused', explainedForAge: true });
    const referral = await caseworker.post(`/api/cases/${child}/referrals`, {
      toOrganisationId: harness.organisations.clinic,
      services: ['medical'],
      lens: ['basicProfile'],
    });
    expect(referral.status).toBe(409);
    expect(referral.body.title).toBe('Consent required');
    expect((await caseworker.get(`/api/cases/${child}`)).body.consent.referralOrganisationIds).toEqual([]);
  });

  it('a consent given while the case was an adult’s carries no assent, and shares nothing once she is taken for a child', async () => {
    const adult = await register({ estimatedAge: 30 });
    const given = await caseworker.post(`/api/cases/${adult}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: harness.organisations.clinic,
      givenOn: '2026-11-01',
      method: 'written',
    });
    expect(given.status).toBe(201);
    expect((await caseworker.get(`/api/cases/${adult}`)).body.consent.referralOrganisationIds).toEqual([
      harness.organisations.clinic,
    ]);
    const disputed = await caseworker.post(`/api/cases/${adult}/child/age-assessments`, {
      assessedOn: '2026-11-05',
      method: 'interview',
      assessedAge: 19,
      assessedBy: 'Age assessment panel North',
      disputed: true,
    });
    expect(disputed.status).toBe(201);

    const referral = await caseworker.post(`/api/cases/${adult}/referrals`, {
      toOrganisationId: harness.organisations.clinic,
      services: ['medical'],
      lens: ['basicProfile'],
    });
    expect(referral.status).toBe(409);
    expect(referral.body.title).toBe('Consent required');
    expect((await caseworker.get(`/api/cases/${adult}`)).body.consent.referralOrganisationIds).toEqual([]);
  });

  it('counts a child case as consented to statistics only with her assent, and re-counts a case an age assessment makes a child’s', async () => {
    const projector = harness.app.get(StatisticsProjector);
    const refresh = async () => {
      for (let pass = 0; pass < 100; pass += 1) if ((await projector.refresh()).upToDate) return;
      throw new Error('the projection did not catch up');
    };
    const consented = async () =>
      (await query<{ n: number }>(`SELECT count(*)::int AS n FROM stats.case_row WHERE consented`))[0]!.n;
    const statisticsConsent = (caseId: string, extra: Record<string, unknown> = {}) =>
      caseworker.post(`/api/cases/${caseId}/consents`, {
        purpose: 'statistics',
        givenOn: '2026-11-01',
        method: 'written',
        ...extra,
      });
    await refresh();
    const before = await consented();

    const refusing = await register({ estimatedAge: 15 });
    expect(
      (await statisticsConsent(refusing, { childAssent: { assent: 'refused', explainedForAge: true } })).status,
    ).toBe(201);
    const assenting = await register({ estimatedAge: 15 });
    expect((await statisticsConsent(assenting, { childAssent: ASSENT })).status).toBe(201);
    const adult = await register({ estimatedAge: 30 });
    expect((await statisticsConsent(adult)).status).toBe(201);
    await refresh();
    // The assenting child and the adult; not the child who refused.
    expect(await consented()).toBe(before + 2);

    await caseworker.post(`/api/cases/${adult}/child/age-assessments`, {
      assessedOn: '2026-11-05',
      method: 'interview',
      assessedAge: 19,
      assessedBy: 'Age assessment panel North',
      disputed: true,
    });
    await refresh();
    expect(await consented()).toBe(before + 1);
  });

  it('holds a child’s return, and her transfer to another country, until a supervisor approves a determination', async () => {
    const admin = await harness.signInAs('admin');
    await admin.patch(`/api/organisations/${harness.organisations.shelterB}`, { country: 'NG' });
    const child = await register({ estimatedAge: 16, nationality: 'NG' });
    await caseworker.post(`/api/cases/${child}/consents`, {
      purpose: 'transfer',
      recipientOrganisationId: harness.organisations.shelterB,
      givenOn: '2026-11-01',
      method: 'written',
      childAssent: ASSENT,
    });
    expect((await caseworker.post(`/api/cases/${child}/assessments`, CLEAR)).status).toBe(201);

    const blocked = await caseworker.post(`/api/cases/${child}/services`, RETURN_SERVICE);
    expect(blocked.status).toBe(409);
    expect(blocked.body.blockers).toEqual([
      expect.objectContaining({
        safeguard: 'bestInterests',
        code: 'bestInterestsDeterminationMissing',
        clearedBy: 'bestInterestsDetermination',
      }),
    ]);
    const transfer = await supervisor.post(`/api/cases/${child}/transfers`, {
      toOrganisationId: harness.organisations.shelterB,
      forReturn: false,
    });
    expect(transfer.status).toBe(409);
    expect(transfer.body.blockers.map((found: { code: string }) => found.code)).toEqual([
      'bestInterestsDeterminationMissing',
    ]);

    const id = await determination(child);
    // Waiting for approval is not enough.
    expect((await caseworker.post(`/api/cases/${child}/services`, RETURN_SERVICE)).status).toBe(409);
    expect((await decide(child, id, 'approve')).status).toBe(201);
    const proposed = await supervisor.post(`/api/cases/${child}/transfers`, {
      toOrganisationId: harness.organisations.shelterB,
      forReturn: false,
    });
    expect(proposed.status).toBe(201);

    // Revoked: the receiving organisation's decision is held, and it is told only that a determination is pending.
    expect((await decide(child, id, 'revoke')).status).toBe(201);
    const decided = await otherSupervisor.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: proposed.body.version,
      decision: 'accept',
    });
    expect(decided.status).toBe(409);
    expect(decided.body.blockers.map((found: { code: string }) => found.code)).toEqual([
      'bestInterestsDeterminationPending',
    ]);
    expect(JSON.stringify(decided.body)).not.toContain('is a child');
    expect((await caseworker.post(`/api/cases/${child}/services`, RETURN_SERVICE)).status).toBe(409);

    expect((await decide(child, await determination(child), 'approve')).status).toBe(201);
    expect((await caseworker.post(`/api/cases/${child}/services`, RETURN_SERVICE)).status).toBe(201);
    const accepted = await otherSupervisor.post(`/api/transfers/${proposed.body.id}/decision`, {
      version: proposed.body.version,
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    await admin.patch(`/api/organisations/${harness.organisations.shelterB}`, { country: 'IT' });
  });

  it('records an age assessment only while no step toward return is deciding on the case (the gate’s lock)', async () => {
    const adult = await register({ estimatedAge: 30 });
    // A step toward return holds the case's return-safeguard lock while it decides (as the return gate does).
    const step = new pg.Client({ connectionString: harness.database.url });
    await step.connect();
    try {
      await step.query('BEGIN');
      await step.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`return-safeguards:${adult}`]);
      let answered = false;
      const assessment = caseworker
        .post(`/api/cases/${adult}/child/age-assessments`, {
          assessedOn: '2026-11-20',
          method: 'interview',
          assessedAge: 17,
          assessedBy: 'Age assessment panel',
          disputed: true,
        })
        .then((response) => {
          answered = true;
          return response;
        });
      // The assessment waits for that lock: it cannot make the case a child's in the middle of the step's decision.
      const waitingForTheLock = async () =>
        (
          await step.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
          )
        ).rows[0]!.n > 0;
      while (!answered && !(await waitingForTheLock())) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(answered).toBe(false);
      await step.query('COMMIT');
      expect((await assessment).status).toBe(201);
    } finally {
      await step.end();
    }
  });

  it('a child’s transfer within the country needs no determination', async () => {
    const child = await register({ estimatedAge: 16 });
    await caseworker.post(`/api/cases/${child}/consents`, {
      purpose: 'transfer',
      recipientOrganisationId: harness.organisations.shelterB,
      givenOn: '2026-11-01',
      method: 'written',
      childAssent: ASSENT,
    });
    const within = await supervisor.post(`/api/cases/${child}/transfers`, {
      toOrganisationId: harness.organisations.shelterB,
      forReturn: false,
    });
    expect(within.status).toBe(201);
  });

  it('erasure deletes every child record with the case key', async () => {
    const child = await register({ estimatedAge: 16 });
    await caseworker.post(`/api/cases/${child}/child/guardians`, {
      appointedOn: '2026-11-01',
      name: 'Gianna Tutelari',
      organisation: 'Guardianship Office',
    });
    await caseworker.post(`/api/cases/${child}/child/views`, { expressedOn: '2026-11-02', views: 'Likes school' });
    await caseworker.post(`/api/cases/${child}/child/age-assessments`, {
      assessedOn: '2026-11-01',
      method: 'documents',
      assessedAge: 16,
      assessedBy: 'Registry',
      disputed: false,
    });
    await determination(child);
    const current = await supervisor.get(`/api/cases/${child}`);
    expect(
      (
        await supervisor.post(`/api/cases/${child}/closure`, {
          version: current.body.version,
          reason: 'goalsAchieved',
          comment: 'Closed',
        })
      ).status,
    ).toBe(200);
    const reference = current.body.reference as string;
    const erased = await supervisor.post(`/api/cases/${child}/erasure`, {
      reason: 'survivorRequest',
      channel: 'inPerson',
      confirmReference: reference,
    });
    expect(erased.status).toBe(200);
    expect(await remainingCaseText(query, child)).toEqual({});
  });
});

describe('the guardian’s and the age assessor’s names, to those who may read the identity', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
    await caseworkerAndColleagueInOneTeam(harness);
  });
  afterAll(() => harness.close());

  it('opens them for the assignee and supervisors, audited; a team colleague gets null and no audit', async () => {
    const [caseworker, colleague, supervisor] = await Promise.all(
      (['caseworker', 'colleague', 'supervisor'] as const).map((person) => harness.signInAs(person)),
    );
    const created = await caseworker.post('/api/cases', registration({ givenName: 'Minora', estimatedAge: 15 }));
    expect(created.status).toBe(201);
    const child = created.body.id as string;
    const appointed = await caseworker.post(`/api/cases/${child}/child/guardians`, {
      appointedOn: '2026-11-01',
      name: 'Gianna Tutelari',
      organisation: 'Guardianship Office North',
    });
    expect(appointed.status).toBe(201);
    expect(appointed.body.name).toBe('Gianna Tutelari');
    const assessed = await caseworker.post(`/api/cases/${child}/child/age-assessments`, {
      assessedOn: '2026-11-02',
      method: 'interview',
      assessedAge: 15,
      assessedBy: 'Dottor Valutatore',
      disputed: false,
    });
    expect(assessed.status).toBe(201);
    const namesRead = async () =>
      (
        await queryDatabase<{ actor: string }>(
          harness.database.url,
          `SELECT actor_user_id AS actor FROM audit.event WHERE action = 'case.names.read' AND subject_id = $1`,
          [child],
        )
      ).map((row) => row.actor);

    const asSupervisor = (await supervisor.get(`/api/cases/${child}/child`)).body;
    expect(asSupervisor.guardians[0]).toMatchObject({ name: 'Gianna Tutelari' });
    expect(asSupervisor.ageAssessments[0]).toMatchObject({ assessedBy: 'Dottor Valutatore' });
    expect(await namesRead()).toEqual(
      expect.arrayContaining([harness.people.caseworker.id, harness.people.supervisor.id]),
    );

    const before = (await namesRead()).length;
    // The colleague covering the case reads the guardian's office and the age found, not who they are…
    const asColleague = await colleague.get(`/api/cases/${child}/child`);
    expect(asColleague.status).toBe(200);
    expect(asColleague.body.guardians[0]).toMatchObject({ name: null, organisation: 'Guardianship Office North' });
    expect(asColleague.body.ageAssessments[0]).toMatchObject({ assessedAge: 15, assessedBy: null });
    // …nor the names she records herself.
    const theirs = await colleague.post(`/api/cases/${child}/child/guardians`, {
      appointedOn: '2026-11-20',
      name: 'Paolo Custodi',
      organisation: 'Guardianship Office South',
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.name).toBeNull();
    const theirAssessment = await colleague.post(`/api/cases/${child}/child/age-assessments`, {
      assessedOn: '2026-11-21',
      method: 'documents',
      assessedAge: 15,
      assessedBy: 'Ufficio Anagrafe Echoless',
      disputed: false,
    });
    expect(theirAssessment.status).toBe(201);
    expect(theirAssessment.body.assessedBy).toBeNull();
    expect(JSON.stringify((await colleague.get(`/api/cases/${child}/child`)).body)).not.toMatch(
      /Tutelari|Custodi|Valutatore|Echoless/,
    );
    expect(await namesRead()).toHaveLength(before);
    expect(await namesRead()).not.toContain(harness.people.colleague.id);
    // The assignee reads them all.
    expect(JSON.stringify((await caseworker.get(`/api/cases/${child}/child`)).body)).toMatch(
      /Custodi[\s\S]*Echoless|Echoless[\s\S]*Custodi/,
    );
  });
});
