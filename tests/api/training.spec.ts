import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  enrolmentListSchema,
  programmeDetailSchema,
  programmeEnrolmentSchema,
  programmeListSchema,
} from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const today = () => new Date().toISOString().slice(0, 10);

interface ProgrammeEnrolment {
  id: string;
  caseId?: string;
  caseReference: string;
  status: string;
  waitingPosition: number | null;
  version: number;
}

describe('vocational training: programmes, enrolments, waiting list', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let partner: HttpSession;
  let manager: HttpSession;
  let admin: HttpSession;

  const createProgramme = async (overrides: Record<string, unknown> = {}) => {
    const response = await supervisor.post('/api/training-programmes', {
      providerOrganisationId: harness.organisations.clinic,
      trade: 'Tailoring',
      place: 'Training centre, East district',
      startsOn: '2026-01-12',
      endsOn: '2099-06-30',
      seats: 2,
      language: 'en',
      ...overrides,
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number; seats: number };
  };
  const register = async (session: HttpSession, overrides: Record<string, unknown> = {}) => {
    const response = await session.post('/api/cases', registration(overrides));
    expect(response.status).toBe(201);
    return response.body as { id: string; reference: string };
  };
  const enrol = (session: HttpSession, caseId: string, programmeId: string) =>
    session.post(`/api/cases/${caseId}/enrolments`, { programmeId });
  const programmeEnrolments = async (session: HttpSession, programmeId: string) =>
    (await session.get(`/api/training-programmes/${programmeId}`)).body.enrolments as ProgrammeEnrolment[];
  const countRows = async (table: string) =>
    Number((await queryDatabase<{ n: string }>(harness.database.url, `SELECT count(*) AS n FROM app.${table}`))[0]!.n);

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, colleague, supervisor, otherSupervisor, partner, manager, admin] = await Promise.all(
      (['caseworker', 'colleague', 'supervisor', 'otherSupervisor', 'partner', 'manager', 'admin'] as const).map(
        (person) => harness.signInAs(person),
      ),
    );
  });
  afterAll(() => harness.close());

  it('lets a supervisor set up a programme with a partner provider; refuses others and bad input without writing', async () => {
    const programme = await createProgramme();
    expect(programme).toMatchObject({
      providerOrganisation: { id: harness.organisations.clinic, name: 'Test Clinic' },
      ownerOrganisation: { id: harness.organisations.shelterA },
      seats: 2,
      seatsTaken: 0,
      waiting: 0,
      enrolments: [],
      version: 1,
    });
    const before = await countRows('training_programme');
    expect(
      (
        await caseworker.post('/api/training-programmes', {
          providerOrganisationId: harness.organisations.clinic,
          trade: 'x',
          place: 'x',
          startsOn: '2026-01-01',
          endsOn: '2026-02-01',
          seats: 1,
          language: 'en',
        })
      ).status,
    ).toBe(403);
    for (const outsider of [partner, manager, admin]) {
      expect(
        (
          await outsider.post('/api/training-programmes', {
            providerOrganisationId: harness.organisations.clinic,
            trade: 'x',
            place: 'x',
            startsOn: '2026-01-01',
            endsOn: '2026-02-01',
            seats: 1,
            language: 'en',
          })
        ).status,
      ).toBe(403);
    }
    const bad = await supervisor.post('/api/training-programmes', {
      providerOrganisationId: harness.organisations.clinic,
      trade: '',
      place: 'x',
      startsOn: '2026-03-01',
      endsOn: '2026-02-01',
      seats: 0,
      language: 'English',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(['trade', 'seats', 'language', 'endsOn']),
    );
    expect(
      (
        await supervisor.post('/api/training-programmes', {
          providerOrganisationId: harness.organisations.clinic,
          trade: 'x',
          place: 'x',
          startsOn: '0000-01-01',
          endsOn: '2026-02-01',
          seats: 1,
          language: 'en',
        })
      ).status,
    ).toBe(400);
    const notProvider = await supervisor.post('/api/training-programmes', {
      providerOrganisationId: harness.organisations.programme,
      trade: 'x',
      place: 'x',
      startsOn: '2026-01-01',
      endsOn: '2026-02-01',
      seats: 1,
      language: 'en',
    });
    expect(notProvider.status).toBe(400);
    expect(notProvider.body.errors).toEqual([expect.objectContaining({ field: 'providerOrganisationId' })]);
    expect(await countRows('training_programme')).toBe(before);
  });

  it('puts enrolments beyond the seats on a waiting list and moves the oldest up when a seat frees', async () => {
    const programme = await createProgramme();
    const cases = [];
    for (let index = 0; index < 4; index += 1) cases.push(await register(caseworker));
    const responses = [];
    for (const created of cases) responses.push(await enrol(caseworker, created.id, programme.id));
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    expect(responses.map((response) => [response.body.status, response.body.waitingPosition])).toEqual([
      ['enrolled', null],
      ['enrolled', null],
      ['waitingList', 1],
      ['waitingList', 2],
    ]);
    expect(responses[2]!.body.programme).toMatchObject({
      id: programme.id,
      trade: 'Tailoring',
      providerOrganisation: { name: 'Test Clinic' },
    });
    expect((await enrol(caseworker, cases[0]!.id, programme.id)).status).toBe(409);

    const enrolled = responses[0]!.body as { id: string; version: number };
    const dropped = await supervisor.patch(`/api/training-programmes/${programme.id}/enrolments/${enrolled.id}`, {
      version: enrolled.version,
      status: 'droppedOut',
      dropoutReason: 'foundWork',
    });
    expect(dropped.status).toBe(200);
    expect(dropped.body).toMatchObject({ status: 'droppedOut', dropoutReason: 'foundWork' });

    const third = (await caseworker.get(`/api/cases/${cases[2]!.id}/enrolments`)).body.items[0];
    expect(third).toMatchObject({ status: 'enrolled', waitingPosition: null, enrolledAt: expect.any(String) });
    const fourth = (await caseworker.get(`/api/cases/${cases[3]!.id}/enrolments`)).body.items[0];
    expect(fourth).toMatchObject({ status: 'waitingList', waitingPosition: 1 });
    expect((await supervisor.get(`/api/training-programmes/${programme.id}`)).body).toMatchObject({
      seatsTaken: 2,
      waiting: 1,
    });
    const promoted = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'enrolment.promoted' AND subject_id = $1",
      [cases[2]!.id],
    );
    expect(promoted).toHaveLength(1);
    const history = await queryDatabase(
      harness.database.url,
      "SELECT action, new_value FROM app.case_change WHERE case_id = $1 AND section = 'training' ORDER BY id",
      [cases[2]!.id],
    );
    expect(history).toEqual([
      { action: 'waitlisted', new_value: 'Tailoring' },
      { action: 'enrolment.promoted', new_value: 'enrolled' },
    ]);

    // More seats move the waiting list up; fewer than are taken are refused.
    const current = (await supervisor.get(`/api/training-programmes/${programme.id}`)).body;
    expect(
      (await supervisor.patch(`/api/training-programmes/${programme.id}`, { version: current.version, seats: 1 }))
        .status,
    ).toBe(409);
    const widened = await supervisor.patch(`/api/training-programmes/${programme.id}`, {
      version: current.version,
      seats: 3,
    });
    expect(widened.status).toBe(200);
    expect(widened.body).toMatchObject({ seats: 3, seatsTaken: 3, waiting: 0, version: current.version + 1 });
    const stale = await supervisor.patch(`/api/training-programmes/${programme.id}`, {
      version: current.version,
      seats: 4,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(current.version + 1);
  });

  it('gives the last seat to exactly one of several simultaneous enrolments', async () => {
    const programme = await createProgramme({ seats: 1 });
    const cases = await Promise.all([
      register(caseworker),
      register(caseworker),
      register(supervisor),
      register(supervisor),
    ]);
    const responses = await Promise.all(
      cases.map((created, index) => enrol(index < 2 ? caseworker : supervisor, created.id, programme.id)),
    );
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    expect(responses.filter((response) => response.body.status === 'enrolled')).toHaveLength(1);
    expect(
      responses
        .filter((response) => response.body.status === 'waitingList')
        .map((response) => response.body.waitingPosition)
        .sort(),
    ).toEqual([1, 2, 3]);
  });

  it('lets the provider partner see enrolments by reference only and record attendance, completion and certificate — nothing else', async () => {
    const programme = await createProgramme({ trade: 'Hairdressing' });
    const created = await register(caseworker, { givenName: 'Trainingname' });
    const enrolment = (await enrol(caseworker, created.id, programme.id)).body as { id: string; version: number };

    // The page answers whole summaries, as the contract says (a name read as the sort key must stay in the row).
    const listed = programmeListSchema.parse((await partner.get('/api/training-programmes')).body);
    expect(listed.items.find((item) => item.id === programme.id)?.trade).toBe('Hairdressing');
    const seen = await partner.get(`/api/training-programmes/${programme.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.enrolments).toEqual([
      expect.objectContaining({ id: enrolment.id, caseReference: created.reference, status: 'enrolled' }),
    ]);
    expect(seen.body.enrolments[0]).not.toHaveProperty('caseId');
    expect(programmeDetailSchema.safeParse(seen.body).error).toBeUndefined();
    expect(JSON.stringify(seen.body)).not.toMatch(/Trainingname|Testperson|riskLevel|nationality/);
    expect((await partner.get(`/api/cases/${created.id}/enrolments`)).status).toBe(404);
    expect((await partner.get(`/api/cases/${created.id}`)).status).toBe(404);
    expect((await partner.patch(`/api/training-programmes/${programme.id}`, { version: 1, seats: 9 })).status).toBe(
      404,
    );

    const url = `/api/training-programmes/${programme.id}/enrolments/${enrolment.id}`;
    const attending = await partner.patch(url, {
      version: enrolment.version,
      status: 'attending',
      sessionsAttended: 4,
      sessionsTotal: 20,
    });
    expect(attending.status).toBe(200);
    expect(attending.body).toMatchObject({
      status: 'attending',
      sessionsAttended: 4,
      sessionsTotal: 20,
      version: enrolment.version + 1,
    });
    expect(attending.body).not.toHaveProperty('caseId');
    for (const body of [
      { version: attending.body.version, outcome: 'employed' },
      { version: attending.body.version, status: 'droppedOut', dropoutReason: 'health' },
      { version: attending.body.version, status: 'enrolled' },
    ]) {
      const refused = await partner.patch(url, body);
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
    }
    expect((await partner.patch(url, { version: attending.body.version, certificateObtained: true })).status).toBe(400);
    expect((await partner.patch(url, { version: attending.body.version, sessionsAttended: 21 })).status).toBe(400);
    const completed = await partner.patch(url, {
      version: attending.body.version,
      status: 'completed',
      sessionsAttended: 19,
      certificateObtained: true,
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      status: 'completed',
      sessionsAttended: 19,
      certificateObtained: true,
      completedAt: expect.any(String),
    });
    expect((await partner.patch(url, { version: attending.body.version, sessionsAttended: 20 })).status).toBe(409);

    // Six months later the follow-up records the outcome (the programme's own organisation).
    const outcome = await supervisor.patch(url, {
      version: completed.body.version,
      outcome: 'selfEmployed',
      outcomeRecordedOn: today(),
    });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ outcome: 'selfEmployed', outcomeRecordedOn: today(), caseId: created.id });
    const enrolments = (await caseworker.get(`/api/cases/${created.id}/enrolments`)).body;
    expect(enrolmentListSchema.safeParse(enrolments).error).toBeUndefined();
    expect(programmeEnrolmentSchema.safeParse(outcome.body).error).toBeUndefined();
    const fromCase = enrolments.items[0];
    expect(fromCase).toMatchObject({ status: 'completed', certificateObtained: true, outcome: 'selfEmployed' });
    const audit = await queryDatabase(
      harness.database.url,
      "SELECT actor_user_id FROM audit.event WHERE action = 'enrolment.updated' AND subject_id = $1 ORDER BY id",
      [created.id],
    );
    expect(audit.map((row) => (row as { actor_user_id: string }).actor_user_id)).toEqual([
      harness.people.partner.id,
      harness.people.partner.id,
      harness.people.supervisor.id,
    ]);
  });

  it('dates a completion on or after the programme’s start: earlier answers 400 naming completedOn and writes nothing', async () => {
    const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const started = await createProgramme({ trade: 'Bakery', startsOn: dayFromToday(-30) });
    const created = await register(caseworker);
    const enrolment = (await enrol(caseworker, created.id, started.id)).body as { id: string; version: number };
    const url = `/api/training-programmes/${started.id}/enrolments/${enrolment.id}`;

    const early = await supervisor.patch(url, {
      version: enrolment.version,
      status: 'completed',
      completedOn: dayFromToday(-31),
    });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([
      expect.objectContaining({
        field: 'completedOn',
        message: 'Not before the programme starts',
      }),
    ]);
    const unchanged = (await programmeEnrolments(supervisor, started.id)).find((item) => item.id === enrolment.id)!;
    expect(unchanged).toMatchObject({ status: 'enrolled', completedAt: null, version: enrolment.version });
    // A completion date without completing, too, is refused by its field.
    const alone = await supervisor.patch(url, { version: enrolment.version, completedOn: dayFromToday(-1) });
    expect(alone.status).toBe(400);
    expect(alone.body.errors.map((error: { field: string }) => error.field)).toEqual(['completedOn']);

    const completed = await supervisor.patch(url, {
      version: enrolment.version,
      status: 'completed',
      completedOn: dayFromToday(-2),
    });
    expect(completed.status).toBe(200);
    expect(completed.body.completedAt.slice(0, 10)).toBe(dayFromToday(-2));

    // A programme not started yet cannot be completed today.
    const upcoming = await createProgramme({ trade: 'Welding', startsOn: dayFromToday(10) });
    const other = await register(caseworker);
    const next = (await enrol(caseworker, other.id, upcoming.id)).body as { id: string; version: number };
    const tooSoon = await supervisor.patch(`/api/training-programmes/${upcoming.id}/enrolments/${next.id}`, {
      version: next.version,
      status: 'completed',
    });
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.errors.map((error: { field: string }) => error.field)).toEqual(['completedOn']);
  });

  it('keeps programmes and enrolments inside their scope', async () => {
    const programme = await createProgramme({ providerOrganisationId: harness.organisations.shelterA });
    const mine = await register(caseworker);
    const theirs = await register(colleague);
    expect((await enrol(caseworker, mine.id, programme.id)).status).toBe(201);
    expect((await enrol(colleague, theirs.id, programme.id)).status).toBe(201);

    // The provider here is the shelter itself: the partner has no view of it.
    expect((await partner.get(`/api/training-programmes/${programme.id}`)).status).toBe(404);
    expect(
      (await partner.get('/api/training-programmes')).body.items.map((item: { id: string }) => item.id),
    ).not.toContain(programme.id);
    const enrolmentId = (await programmeEnrolments(supervisor, programme.id))[0]!.id;
    expect(
      (
        await partner.patch(`/api/training-programmes/${programme.id}/enrolments/${enrolmentId}`, {
          version: 1,
          sessionsAttended: 1,
        })
      ).status,
    ).toBe(404);

    // A caseworker sees the programme and only the enrolments of the cases they work on.
    const seenByCaseworker = await programmeEnrolments(caseworker, programme.id);
    expect(seenByCaseworker.map((item) => [item.caseReference, item.caseId])).toEqual([[mine.reference, mine.id]]);
    expect((await supervisor.get(`/api/training-programmes/${programme.id}`)).body.enrolments).toHaveLength(2);
    expect(
      (
        await caseworker.patch(`/api/training-programmes/${programme.id}/enrolments/${enrolmentId}`, {
          version: 1,
          sessionsAttended: 1,
        })
      ).status,
    ).toBe(404);

    expect((await otherSupervisor.get(`/api/training-programmes/${programme.id}`)).status).toBe(404);
    expect((await otherSupervisor.get('/api/training-programmes')).body.items).toEqual([]);
    expect(
      (await otherSupervisor.patch(`/api/training-programmes/${programme.id}`, { version: 1, seats: 9 })).status,
    ).toBe(404);
    expect(
      (
        await otherSupervisor.patch(`/api/training-programmes/${programme.id}/enrolments/${enrolmentId}`, {
          version: 1,
          sessionsAttended: 1,
        })
      ).status,
    ).toBe(404);
    const foreignCase = await register(otherSupervisor);
    const foreign = await enrol(otherSupervisor, foreignCase.id, programme.id);
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'programmeId' })]);
    expect((await enrol(otherSupervisor, mine.id, programme.id)).status).toBe(404);
    expect((await colleague.get(`/api/cases/${mine.id}/enrolments`)).status).toBe(404);
    for (const outsider of [manager, admin]) {
      expect((await outsider.get('/api/training-programmes')).status).toBe(403);
      expect((await outsider.get(`/api/training-programmes/${programme.id}`)).status).toBe(404);
      expect((await outsider.get(`/api/cases/${mine.id}/enrolments`)).status).toBe(404);
    }
  });

  it('answers a stale enrolment update with 409, refuses impossible moves, and writes nothing on bad input', async () => {
    const programme = await createProgramme();
    const created = await register(caseworker);
    const enrolment = (await enrol(caseworker, created.id, programme.id)).body as { id: string; version: number };
    const url = `/api/training-programmes/${programme.id}/enrolments/${enrolment.id}`;
    expect((await supervisor.patch(url, { version: enrolment.version, status: 'attending' })).status).toBe(200);
    const stale = await supervisor.patch(url, { version: enrolment.version, sessionsAttended: 3 });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(enrolment.version + 1);
    expect((await supervisor.patch(url, { version: enrolment.version + 1, status: 'waitingList' })).status).toBe(409);

    const before = JSON.stringify(
      await queryDatabase(harness.database.url, 'SELECT * FROM app.enrolment WHERE id = $1', [enrolment.id]),
    );
    for (const body of [
      { status: 'attending' },
      { version: 2, status: 'droppedOut' },
      { version: 2, dropoutReason: 'health' },
      { version: 2, sessionsAttended: -1 },
      { version: 2, outcome: 'rich' },
      { version: 2, outcomeRecordedOn: '2999-01-01', outcome: 'employed' },
      { version: 2, unknown: true },
    ]) {
      const response = await supervisor.patch(url, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect((await supervisor.patch(url, { version: 2, outcome: 'employed' })).status).toBe(400);
    expect(
      JSON.stringify(
        await queryDatabase(harness.database.url, 'SELECT * FROM app.enrolment WHERE id = $1', [enrolment.id]),
      ),
    ).toBe(before);
    const enrolmentsBefore = await countRows('enrolment');
    expect((await caseworker.post(`/api/cases/${created.id}/enrolments`, { programmeId: 'nope' })).status).toBe(400);
    expect(
      (
        await caseworker.post(`/api/cases/${created.id}/enrolments`, {
          programmeId: '00000000-0000-4000-8000-000000000000',
        })
      ).status,
    ).toBe(400);
    expect(await countRows('enrolment')).toBe(enrolmentsBefore);
  });

  it('refuses enrolment in a programme that has ended', async () => {
    const programme = await createProgramme({ startsOn: '2024-01-01', endsOn: '2024-03-01' });
    const created = await register(caseworker);
    expect((await enrol(caseworker, created.id, programme.id)).status).toBe(409);
  });

  describe('attendance by session and follow-ups after training', () => {
    const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);
    const setUp = async (overrides: Record<string, unknown> = {}) => {
      const programme = await createProgramme({ startsOn: dayFromToday(-60), ...overrides });
      const created = await register(caseworker);
      const enrolment = (await enrol(caseworker, created.id, programme.id)).body as { id: string; version: number };
      const url = `/api/training-programmes/${programme.id}/enrolments/${enrolment.id}`;
      return { programme, created, enrolment, url };
    };

    it('records a dated session per enrolment (also the provider), replaces a second record for the same date, and counts those present', async () => {
      const { created, enrolment, url } = await setUp();
      const first = await partner.put(`${url}/attendance`, { date: dayFromToday(-10), status: 'present' });
      expect(first.status).toBe(200);
      expect(programmeEnrolmentSchema.safeParse(first.body).error).toBeUndefined();
      expect(first.body).toMatchObject({
        sessionsAttended: 1,
        attendance: [{ date: dayFromToday(-10), status: 'present' }],
        version: enrolment.version + 1,
      });
      expect(first.body).not.toHaveProperty('followUps');
      expect((await supervisor.put(`${url}/attendance`, { date: dayFromToday(-9), status: 'absent' })).status).toBe(
        200,
      );
      expect((await supervisor.put(`${url}/attendance`, { date: dayFromToday(-8), status: 'present' })).status).toBe(
        200,
      );
      // The same date again replaces that day's record: still one row for it.
      const replaced = await partner.put(`${url}/attendance`, { date: dayFromToday(-10), status: 'excused' });
      expect(replaced.status).toBe(200);
      expect(replaced.body.attendance).toEqual([
        expect.objectContaining({ date: dayFromToday(-10), status: 'excused' }),
        expect.objectContaining({ date: dayFromToday(-9), status: 'absent' }),
        expect.objectContaining({ date: dayFromToday(-8), status: 'present' }),
      ]);
      expect(replaced.body.sessionsAttended).toBe(1);
      const fromCase = (await caseworker.get(`/api/cases/${created.id}/enrolments`)).body;
      expect(enrolmentListSchema.safeParse(fromCase).error).toBeUndefined();
      expect(fromCase.items[0]).toMatchObject({ sessionsAttended: 1, attendance: expect.any(Array) });
      expect(fromCase.items[0].attendance).toHaveLength(3);

      // Once sessions are dated, the figure is counted, never typed.
      const typed = await supervisor.patch(url, { version: replaced.body.version, sessionsAttended: 5 });
      expect(typed.status).toBe(400);
      expect(fieldsOf(typed.body)).toEqual(['sessionsAttended']);

      const audit = await queryDatabase<{ actor_user_id: string }>(
        harness.database.url,
        "SELECT actor_user_id FROM audit.event WHERE action = 'enrolment.attendance.recorded' AND subject_id = $1 ORDER BY id",
        [created.id],
      );
      expect(audit.map((row) => row.actor_user_id)).toEqual([
        harness.people.partner.id,
        harness.people.supervisor.id,
        harness.people.supervisor.id,
        harness.people.partner.id,
      ]);
    });

    it('refuses a session in the future, before the programme starts, before enrolment, or with a bad status: 400 naming the field, nothing written', async () => {
      const { url } = await setUp();
      const before = await countRows('enrolment_attendance');
      for (const [body, field] of [
        [{ date: dayFromToday(1), status: 'present' }, 'date'],
        [{ date: dayFromToday(-61), status: 'present' }, 'date'],
        [{ date: 'yesterday', status: 'present' }, 'date'],
        [{ date: dayFromToday(-1), status: 'late' }, 'status'],
        [{ status: 'present' }, 'date'],
      ] as const) {
        const refused = await supervisor.put(`${url}/attendance`, body);
        expect({ body, status: refused.status, fields: fieldsOf(refused.body) }).toEqual({
          body,
          status: 400,
          fields: [field],
        });
      }
      // A survivor still on the waiting list has no sessions yet.
      const full = await createProgramme({ startsOn: dayFromToday(-60), seats: 1 });
      await enrol(caseworker, (await register(caseworker)).id, full.id);
      const waiting = (await enrol(caseworker, (await register(caseworker)).id, full.id)).body as { id: string };
      const early = await supervisor.put(`/api/training-programmes/${full.id}/enrolments/${waiting.id}/attendance`, {
        date: dayFromToday(-1),
        status: 'present',
      });
      expect(early.status).toBe(400);
      expect(fieldsOf(early.body)).toEqual(['date']);
      expect(await countRows('enrolment_attendance')).toBe(before);
    });

    it('keeps attendance and follow-ups inside the programme’s scope: 404 outside it; follow-ups are the programme’s own organisation’s', async () => {
      const own = await createProgramme({ providerOrganisationId: harness.organisations.shelterA });
      const mine = await register(caseworker);
      const theirs = await register(colleague);
      await enrol(caseworker, mine.id, own.id);
      await enrol(colleague, theirs.id, own.id);
      const enrolmentId = (await programmeEnrolments(supervisor, own.id)).find((item) => item.caseId === theirs.id)!.id;
      const url = `/api/training-programmes/${own.id}/enrolments/${enrolmentId}`;
      const session = { date: dayFromToday(-1), status: 'present' };
      const followUp = { followedUpOn: dayFromToday(-1), outcome: 'employed' };
      const before = [await countRows('enrolment_attendance'), await countRows('enrolment_follow_up')];
      for (const outsider of [partner, otherSupervisor, caseworker]) {
        expect((await outsider.put(`${url}/attendance`, session)).status).toBe(404);
        expect((await outsider.post(`${url}/follow-ups`, followUp)).status).toBe(404);
      }
      // An enrolment of another programme is not found through this one.
      const { enrolment: elsewhere } = await setUp();
      expect(
        (await supervisor.put(`/api/training-programmes/${own.id}/enrolments/${elsewhere.id}/attendance`, session))
          .status,
      ).toBe(404);
      expect([await countRows('enrolment_attendance'), await countRows('enrolment_follow_up')]).toEqual(before);

      // The provider records attendance but not follow-ups.
      const { url: provided } = await setUp();
      const completed = await partner.patch(provided, { version: 1, status: 'completed' });
      expect(completed.status).toBe(200);
      expect((await partner.post(`${provided}/follow-ups`, followUp)).status).toBe(403);
      expect(await countRows('enrolment_follow_up')).toBe(before[1]);
    });

    it('dates follow-ups after training; the enrolment’s outcome is the latest follow-up’s; 400 naming the field for bad ones', async () => {
      const { created, enrolment, url, programme } = await setUp({ trade: 'Carpentry' });
      const before = await countRows('enrolment_follow_up');
      const tooSoon = await supervisor.post(`${url}/follow-ups`, {
        followedUpOn: dayFromToday(-1),
        outcome: 'employed',
      });
      expect(tooSoon.status).toBe(400);
      expect(fieldsOf(tooSoon.body)).toEqual(['followedUpOn']);
      const completed = await supervisor.patch(url, {
        version: enrolment.version,
        status: 'completed',
        completedOn: dayFromToday(-20),
      });
      expect(completed.status).toBe(200);
      for (const [body, field] of [
        [{ followedUpOn: dayFromToday(1), outcome: 'employed' }, 'followedUpOn'],
        [{ followedUpOn: dayFromToday(-21), outcome: 'employed' }, 'followedUpOn'],
        [{ followedUpOn: dayFromToday(-1), outcome: 'rich' }, 'outcome'],
        [{ followedUpOn: dayFromToday(-1), outcome: 'employed', note: 'x'.repeat(1001) }, 'note'],
      ] as const) {
        const refused = await supervisor.post(`${url}/follow-ups`, body);
        expect({ body, status: refused.status, fields: fieldsOf(refused.body) }).toEqual({
          body,
          status: 400,
          fields: [field],
        });
      }
      expect(await countRows('enrolment_follow_up')).toBe(before);

      const later = await supervisor.post(`${url}/follow-ups`, {
        followedUpOn: dayFromToday(-2),
        outcome: 'employed',
        note: 'Works at a tailoring shop',
      });
      expect(later.status).toBe(201);
      expect(programmeEnrolmentSchema.safeParse(later.body).error).toBeUndefined();
      expect(later.body).toMatchObject({ outcome: 'employed', outcomeRecordedOn: dayFromToday(-2) });
      // An earlier follow-up recorded afterwards does not replace the latest outcome.
      const earlier = await supervisor.post(`${url}/follow-ups`, {
        followedUpOn: dayFromToday(-10),
        outcome: 'notWorking',
      });
      expect(earlier.status).toBe(201);
      expect(earlier.body).toMatchObject({ outcome: 'employed', outcomeRecordedOn: dayFromToday(-2) });
      expect(earlier.body.followUps.map((item: { outcome: string }) => item.outcome)).toEqual([
        'notWorking',
        'employed',
      ]);
      // An outcome given on the enrolment itself is a follow-up of its day.
      const patched = await supervisor.patch(url, {
        version: earlier.body.version,
        outcome: 'furtherTraining',
        outcomeRecordedOn: dayFromToday(-1),
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ outcome: 'furtherTraining', outcomeRecordedOn: dayFromToday(-1) });
      expect(patched.body.followUps).toHaveLength(3);

      const fromCase = (await caseworker.get(`/api/cases/${created.id}/enrolments`)).body.items[0];
      expect(fromCase.followUps.map((item: { followedUpOn: string }) => item.followedUpOn)).toEqual([
        dayFromToday(-10),
        dayFromToday(-2),
        dayFromToday(-1),
      ]);
      expect(fromCase.followUps[1].note).toBe('Works at a tailoring shop');
      // The note speaks of the survivor: sealed with the case's key, never stored as written.
      const stored = await queryDatabase<{ sealed_note: Buffer | null }>(
        harness.database.url,
        'SELECT sealed_note FROM app.enrolment_follow_up WHERE case_id = $1 AND sealed_note IS NOT NULL',
        [created.id],
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]!.sealed_note!.toString('latin1')).not.toContain('tailoring');
      // The provider sees the outcome figure, never the follow-ups' notes.
      const seenByProvider = await partner.get(`/api/training-programmes/${programme.id}`);
      expect(JSON.stringify(seenByProvider.body)).not.toContain('tailoring shop');
      const audit = await queryDatabase<{ n: string }>(
        harness.database.url,
        "SELECT count(*) AS n FROM audit.event WHERE action = 'enrolment.followUp.added' AND subject_id = $1",
        [created.id],
      );
      expect(Number(audit[0]!.n)).toBe(2);
    });
  });
});
