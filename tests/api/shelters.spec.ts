import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { occupancyBoardSchema, placementListSchema, shelterDetailSchema, shelterListSchema } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
};

describe('shelters, placements and the occupancy board', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let partner: HttpSession;
  let manager: HttpSession;
  let admin: HttpSession;
  let counter = 0;

  const createShelter = async (overrides: Record<string, unknown> = {}) => {
    counter += 1;
    const response = await supervisor.post('/api/shelters', {
      name: `Test house ${counter}`,
      kind: 'women',
      area: 'North district',
      capacity: 5,
      address: `Via Riservata ${counter}, Testville`,
      ...overrides,
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; name: string; version: number; address: string };
  };
  const register = async (session: HttpSession, overrides: Record<string, unknown> = {}) => {
    const response = await session.post('/api/cases', registration(overrides));
    expect(response.status).toBe(201);
    return response.body as { id: string; reference: string };
  };
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

  describe('shelters', () => {
    it('lets a supervisor add a shelter, refuses a caseworker, and writes nothing on bad input', async () => {
      const created = await createShelter({ name: 'Casa Aurora', capacity: 12 });
      expect(created).toMatchObject({
        name: 'Casa Aurora',
        kind: 'women',
        capacity: 12,
        occupied: 0,
        active: true,
        version: 1,
        address: expect.stringContaining('Via Riservata'),
      });
      expect(
        (await caseworker.post('/api/shelters', { name: 'Nope', kind: 'men', area: 'x', capacity: 1, address: 'y' }))
          .status,
      ).toBe(403);

      const before = await countRows('shelter');
      const bad = await supervisor.post('/api/shelters', {
        name: '',
        kind: 'castle',
        area: 'North',
        capacity: 0,
        address: 'Somewhere',
        street: 'extra',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(
        expect.arrayContaining(['name', 'kind', 'capacity']),
      );
      expect(
        (
          await supervisor.post('/api/shelters', {
            name: 'Casa Aurora',
            kind: 'women',
            area: 'North',
            capacity: 3,
            address: 'Other',
          })
        ).status,
      ).toBe(409);
      expect(await countRows('shelter')).toBe(before);
    });

    it('keeps the confidential address sealed at rest, out of lists, and away from other organisations, partners, managers and admins', async () => {
      const shelter = await createShelter({ address: 'Vicolo Segretissimo 7' });
      const rows = await queryDatabase(harness.database.url, 'SELECT * FROM app.shelter WHERE id = $1', [shelter.id]);
      expect(JSON.stringify(rows)).not.toContain('Segretissimo');
      expect(Buffer.from((rows[0] as { sealed_address: Buffer }).sealed_address).toString('latin1')).not.toContain(
        'Segretissimo',
      );

      const list = await caseworker.get('/api/shelters');
      expect(list.status).toBe(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toContain(shelter.id);
      expect(JSON.stringify(list.body)).not.toContain('Segretissimo');
      expect(list.body.items[0]).not.toHaveProperty('address');

      const read = await caseworker.get(`/api/shelters/${shelter.id}`);
      expect(read.status).toBe(200);
      expect(read.body.address).toBe('Vicolo Segretissimo 7');
      expect(shelterDetailSchema.safeParse(read.body).error).toBeUndefined();
      expect(shelterListSchema.safeParse(list.body).error).toBeUndefined();
      const audit = await queryDatabase(
        harness.database.url,
        "SELECT actor_user_id FROM audit.event WHERE action = 'shelter.address.read' AND subject_id = $1",
        [shelter.id],
      );
      expect(audit).toEqual([{ actor_user_id: harness.people.caseworker.id }]);

      expect((await otherSupervisor.get(`/api/shelters/${shelter.id}`)).status).toBe(404);
      expect((await otherSupervisor.get('/api/shelters')).body.items).toEqual([]);
      expect((await otherSupervisor.patch(`/api/shelters/${shelter.id}`, { version: 1, capacity: 1 })).status).toBe(
        404,
      );
      for (const outsider of [partner, manager, admin]) {
        expect((await outsider.get(`/api/shelters/${shelter.id}`)).status).toBe(404);
        expect((await outsider.get('/api/shelters')).status).toBe(403);
        expect((await outsider.get('/api/shelters/occupancy')).status).toBe(403);
        expect(
          (await outsider.post('/api/shelters', { name: 'x', kind: 'mixed', area: 'x', capacity: 1, address: 'x' }))
            .status,
        ).toBe(403);
      }
      expect(
        await queryDatabase(
          harness.database.url,
          "SELECT 1 FROM audit.event WHERE action = 'shelter.address.read' AND subject_id = $1",
          [shelter.id],
        ),
      ).toHaveLength(1);
    });

    it('updates with the version it was based on (409 when stale) and reseals a new address', async () => {
      const shelter = await createShelter();
      const updated = await supervisor.patch(`/api/shelters/${shelter.id}`, {
        version: 1,
        capacity: 8,
        address: 'Piazza Nuova 3',
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ capacity: 8, address: 'Piazza Nuova 3', version: 2 });
      const stale = await supervisor.patch(`/api/shelters/${shelter.id}`, { version: 1, capacity: 9 });
      expect(stale.status).toBe(409);
      expect(stale.body.currentVersion).toBe(2);
      expect((await caseworker.patch(`/api/shelters/${shelter.id}`, { version: 2, capacity: 9 })).status).toBe(404);
      expect((await supervisor.patch(`/api/shelters/${shelter.id}`, { version: 2, capacity: -1 })).status).toBe(400);
      expect(
        JSON.stringify(
          await queryDatabase(harness.database.url, 'SELECT * FROM app.shelter WHERE id = $1', [shelter.id]),
        ),
      ).not.toContain('Piazza Nuova');
    });
  });

  describe('placements', () => {
    it('places, keeps at most one current placement, and answers "use move" for a second one', async () => {
      const [first, second] = [await createShelter(), await createShelter()];
      const created = await register(caseworker);
      const placed = await caseworker.post(`/api/cases/${created.id}/placements`, {
        shelterId: first.id,
        fromDate: daysAgo(3),
      });
      expect(placed.status).toBe(201);
      expect(placed.body).toMatchObject({
        shelter: { id: first.id, name: first.name },
        fromDate: daysAgo(3),
        toDate: null,
        current: true,
        lengthOfStayDays: 3,
        kindOverride: null,
        version: 1,
      });
      expect(placed.body.shelter).not.toHaveProperty('address');
      const again = await caseworker.post(`/api/cases/${created.id}/placements`, {
        shelterId: second.id,
        fromDate: today(),
      });
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/use move/);
    });

    it('lets only one of two simultaneous placements of the same case through', async () => {
      const [first, second] = [await createShelter(), await createShelter()];
      const created = await register(caseworker);
      const responses = await Promise.all([
        caseworker.post(`/api/cases/${created.id}/placements`, { shelterId: first.id, fromDate: today() }),
        supervisor.post(`/api/cases/${created.id}/placements`, { shelterId: second.id, fromDate: today() }),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      expect(
        await queryDatabase(
          harness.database.url,
          'SELECT 1 FROM app.placement WHERE case_id = $1 AND to_date IS NULL',
          [created.id],
        ),
      ).toHaveLength(1);
    });

    it('enforces capacity when staff place at the same moment', async () => {
      const shelter = await createShelter({ capacity: 2 });
      const staff = [caseworker, supervisor, caseworker, supervisor, caseworker, supervisor];
      const cases = await Promise.all(staff.map((session) => register(session)));
      const responses = await Promise.all(
        cases.map((created, index) =>
          staff[index]!.post(`/api/cases/${created.id}/placements`, { shelterId: shelter.id, fromDate: today() }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(2);
      expect(statuses.filter((status) => status === 409)).toHaveLength(4);
      const refused = responses.find((response) => response.status === 409)!;
      expect(refused.body).toMatchObject({ capacity: 2, occupied: 2 });
      expect(
        await queryDatabase(
          harness.database.url,
          'SELECT 1 FROM app.placement WHERE shelter_id = $1 AND to_date IS NULL',
          [shelter.id],
        ),
      ).toHaveLength(2);
      expect((await supervisor.get(`/api/shelters/${shelter.id}`)).body.occupied).toBe(2);
    });

    it('moves atomically: a move into a full shelter changes nothing; a move closes the stay as "moved" and opens the next', async () => {
      const [from, full, to] = [await createShelter(), await createShelter({ capacity: 1 }), await createShelter()];
      const occupant = await register(caseworker);
      expect(
        (await caseworker.post(`/api/cases/${occupant.id}/placements`, { shelterId: full.id, fromDate: today() }))
          .status,
      ).toBe(201);
      const created = await register(caseworker);
      const placed = (
        await caseworker.post(`/api/cases/${created.id}/placements`, { shelterId: from.id, fromDate: daysAgo(10) })
      ).body;

      const refused = await caseworker.post(`/api/cases/${created.id}/placements/move`, {
        version: placed.version,
        shelterId: full.id,
        fromDate: daysAgo(2),
      });
      expect(refused.status).toBe(409);
      let list = (await caseworker.get(`/api/cases/${created.id}/placements`)).body;
      expect(list.items).toHaveLength(1);
      expect(list.current).toMatchObject({ id: placed.id, toDate: null, version: placed.version });

      expect(
        (
          await caseworker.post(`/api/cases/${created.id}/placements/move`, {
            version: placed.version,
            shelterId: to.id,
            fromDate: daysAgo(11),
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await caseworker.post(`/api/cases/${created.id}/placements/move`, {
            version: placed.version,
            shelterId: from.id,
            fromDate: daysAgo(2),
          })
        ).status,
      ).toBe(400);
      const moved = await caseworker.post(`/api/cases/${created.id}/placements/move`, {
        version: placed.version,
        shelterId: to.id,
        fromDate: daysAgo(4),
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        shelter: { id: to.id },
        fromDate: daysAgo(4),
        current: true,
        lengthOfStayDays: 4,
      });
      expect(moved.body.version).toBeGreaterThan(placed.version);
      // A version seen on the earlier stay is stale for the new one.
      const stale = await caseworker.post(`/api/cases/${created.id}/placements/move`, {
        version: placed.version,
        shelterId: from.id,
        fromDate: today(),
      });
      expect(stale.status).toBe(409);
      expect(stale.body.currentVersion).toBe(moved.body.version);
      const staleDischarge = await caseworker.post(`/api/cases/${created.id}/placements/discharge`, {
        version: placed.version,
        toDate: today(),
        exitReason: 'absconded',
      });
      expect(staleDischarge.status).toBe(409);

      list = (await caseworker.get(`/api/cases/${created.id}/placements`)).body;
      expect(list.items).toHaveLength(2);
      expect(list.items[1]).toMatchObject({
        id: placed.id,
        toDate: daysAgo(4),
        exitReason: 'moved',
        current: false,
        lengthOfStayDays: 6,
      });
      expect(list.current.id).toBe(moved.body.id);
      expect(list.totalDaysInShelter).toBe(10);
    });

    it('plans a discharge, then discharges with an exit reason and a computed length of stay', async () => {
      const shelter = await createShelter();
      const created = await register(caseworker);
      const placed = (
        await caseworker.post(`/api/cases/${created.id}/placements`, { shelterId: shelter.id, fromDate: daysAgo(30) })
      ).body;
      const planned = await caseworker.post(`/api/cases/${created.id}/placements/discharge`, {
        version: placed.version,
        toDate: '2099-01-15',
        plannedDischarge: true,
      });
      expect(planned.status).toBe(200);
      expect(planned.body).toMatchObject({ current: true, plannedDischargeOn: '2099-01-15', toDate: null, version: 2 });

      const before = await countRows('placement');
      for (const body of [
        { version: 2, toDate: today() },
        { version: 2, toDate: today(), exitReason: 'moved' },
        { version: 2, toDate: '2099-01-01', exitReason: 'reintegrated' },
        { version: 2, toDate: 'yesterday', exitReason: 'reintegrated' },
      ]) {
        const response = await caseworker.post(`/api/cases/${created.id}/placements/discharge`, body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
      }
      expect(
        (
          await caseworker.post(`/api/cases/${created.id}/placements/discharge`, {
            version: 2,
            toDate: daysAgo(31),
            exitReason: 'reintegrated',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await caseworker.post(`/api/cases/${created.id}/placements/discharge`, {
            version: 1,
            toDate: today(),
            exitReason: 'reintegrated',
          })
        ).status,
      ).toBe(409);
      expect(await countRows('placement')).toBe(before);

      const discharged = await caseworker.post(`/api/cases/${created.id}/placements/discharge`, {
        version: 2,
        toDate: daysAgo(2),
        exitReason: 'reintegrated',
      });
      expect(discharged.status).toBe(200);
      expect(discharged.body).toMatchObject({
        current: false,
        toDate: daysAgo(2),
        exitReason: 'reintegrated',
        lengthOfStayDays: 28,
      });
      const list = (await caseworker.get(`/api/cases/${created.id}/placements`)).body;
      expect(list).toMatchObject({ current: null, totalDaysInShelter: 28 });
      expect(placementListSchema.safeParse(list).error).toBeUndefined();
      expect(
        (
          await caseworker.post(`/api/cases/${created.id}/placements/discharge`, {
            version: 3,
            toDate: today(),
            exitReason: 'absconded',
          })
        ).status,
      ).toBe(409);
      const history = await queryDatabase<{ action: string }>(
        harness.database.url,
        "SELECT action FROM app.case_change WHERE case_id = $1 AND section = 'placement' ORDER BY id",
        [created.id],
      );
      expect(history.map((row) => row.action)).toEqual(['placed', 'dischargePlanned', 'discharged']);
    });

    it('needs a supervisor’s override with a reason when the shelter’s kind does not fit, sealed and audited', async () => {
      const children = await createShelter({ kind: 'children' });
      const men = await createShelter({ kind: 'men' });
      const adult = await register(caseworker, { estimatedAge: 30 });
      const byCaseworker = await caseworker.post(`/api/cases/${adult.id}/placements`, {
        shelterId: children.id,
        fromDate: today(),
        overrideReason: 'No other bed tonight',
      });
      expect(byCaseworker.status).toBe(400);
      expect(byCaseworker.body.errors).toEqual([expect.objectContaining({ field: 'overrideReason' })]);
      const withoutReason = await supervisor.post(`/api/cases/${adult.id}/placements`, {
        shelterId: children.id,
        fromDate: today(),
      });
      expect(withoutReason.status).toBe(400);
      expect(withoutReason.body.errors).toEqual([expect.objectContaining({ field: 'overrideReason' })]);
      expect(
        (await supervisor.post(`/api/cases/${adult.id}/placements`, { shelterId: men.id, fromDate: today() })).status,
      ).toBe(400);
      expect(
        await queryDatabase(harness.database.url, 'SELECT 1 FROM app.placement WHERE case_id = $1', [adult.id]),
      ).toHaveLength(0);

      const overridden = await supervisor.post(`/api/cases/${adult.id}/placements`, {
        shelterId: children.id,
        fromDate: today(),
        overrideReason: 'Mother of a resident, Overridereason',
      });
      expect(overridden.status).toBe(201);
      expect(overridden.body.kindOverride).toEqual({ reason: 'Mother of a resident, Overridereason' });
      expect((await caseworker.get(`/api/cases/${adult.id}/placements`)).body.current.kindOverride).toEqual({
        reason: 'Mother of a resident, Overridereason',
      });
      const audit = await queryDatabase(
        harness.database.url,
        "SELECT actor_user_id FROM audit.event WHERE action = 'placement.kind.overridden' AND subject_id = $1",
        [adult.id],
      );
      expect(audit).toEqual([{ actor_user_id: harness.people.supervisor.id }]);
      const raw = JSON.stringify([
        await queryDatabase(harness.database.url, 'SELECT * FROM app.placement WHERE case_id = $1', [adult.id]),
        await queryDatabase(harness.database.url, 'SELECT * FROM app.case_change WHERE case_id = $1', [adult.id]),
      ]);
      expect(raw).not.toContain('Overridereason');
      const history = (await supervisor.get(`/api/cases/${adult.id}/history`)).body.items as {
        section: string;
        action: string;
        comment: string | null;
      }[];
      expect(history).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ section: 'placement', action: 'placed' }),
          expect.objectContaining({
            section: 'placement',
            action: 'kindOverridden',
            comment: 'Mother of a resident, Overridereason',
          }),
        ]),
      );

      const child = await register(caseworker, { estimatedAge: 15 });
      const fits = await caseworker.post(`/api/cases/${child.id}/placements`, {
        shelterId: children.id,
        fromDate: today(),
      });
      expect(fits.status).toBe(201);
      expect(fits.body.kindOverride).toBeNull();
      const man = await register(caseworker, { sex: 'Masculine', estimatedAge: 40 });
      expect(
        (
          await caseworker.post(`/api/cases/${man.id}/placements`, {
            shelterId: men.id,
            fromDate: today(),
            overrideReason: 'Not needed',
          })
        ).status,
      ).toBe(400);
      expect(
        (await caseworker.post(`/api/cases/${man.id}/placements`, { shelterId: men.id, fromDate: today() })).status,
      ).toBe(201);
    });

    it('answers 404 for cases outside scope and refuses shelters of another organisation, writing nothing', async () => {
      const shelter = await createShelter();
      const created = await register(caseworker);
      const colleagues = await register(colleague);
      expect((await colleague.get(`/api/cases/${created.id}/placements`)).status).toBe(404);
      expect(
        (await colleague.post(`/api/cases/${created.id}/placements`, { shelterId: shelter.id, fromDate: today() }))
          .status,
      ).toBe(404);
      for (const outsider of [otherSupervisor, partner, manager, admin]) {
        expect((await outsider.get(`/api/cases/${created.id}/placements`)).status).toBe(404);
        expect(
          (await outsider.post(`/api/cases/${created.id}/placements`, { shelterId: shelter.id, fromDate: today() }))
            .status,
        ).toBe(404);
        expect(
          (
            await outsider.post(`/api/cases/${created.id}/placements/move`, {
              version: 1,
              shelterId: shelter.id,
              fromDate: today(),
            })
          ).status,
        ).toBe(404);
        expect(
          (
            await outsider.post(`/api/cases/${created.id}/placements/discharge`, {
              version: 1,
              toDate: today(),
              exitReason: 'absconded',
            })
          ).status,
        ).toBe(404);
      }
      const otherOrganisationCase = await register(otherSupervisor);
      const foreign = await otherSupervisor.post(`/api/cases/${otherOrganisationCase.id}/placements`, {
        shelterId: shelter.id,
        fromDate: today(),
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'shelterId' })]);
      const before = await countRows('placement');
      expect(
        (
          await caseworker.post(`/api/cases/${created.id}/placements`, {
            shelterId: 'not-a-uuid',
            fromDate: '2020-13-45',
            extra: true,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await caseworker.post(`/api/cases/${created.id}/placements`, {
            shelterId: shelter.id,
            fromDate: '2999-01-01',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await caseworker.post(`/api/cases/${created.id}/placements`, {
            shelterId: shelter.id,
            fromDate: '0000-01-01',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await caseworker.post(`/api/cases/${created.id}/placements`, {
            shelterId: shelter.id,
            fromDate: today(),
            plannedDischargeOn: daysAgo(1),
          })
        ).status,
      ).toBe(400);
      expect(await countRows('placement')).toBe(before);
      expect(colleagues.id).toBeDefined();
    });
  });

  describe('occupancy board', () => {
    it('shows beds, occupants by reference, arrivals, departures and planned discharges; caseworkers see only their own cases listed', async () => {
      const shelter = await createShelter({ name: 'Board house', capacity: 4 });
      const mine = await register(caseworker, { givenName: 'Boardname' });
      const theirs = await register(colleague);
      const leaving = await register(caseworker);
      await caseworker.post(`/api/cases/${mine.id}/placements`, {
        shelterId: shelter.id,
        fromDate: today(),
        plannedDischargeOn: '2099-06-30',
      });
      await colleague.post(`/api/cases/${theirs.id}/placements`, { shelterId: shelter.id, fromDate: daysAgo(40) });
      const stay = (
        await caseworker.post(`/api/cases/${leaving.id}/placements`, { shelterId: shelter.id, fromDate: daysAgo(20) })
      ).body;
      await caseworker.post(`/api/cases/${leaving.id}/placements/discharge`, {
        version: stay.version,
        toDate: today(),
        exitReason: 'leftVoluntarily',
      });

      const board = await supervisor.get('/api/shelters/occupancy');
      expect(board.status).toBe(200);
      expect(occupancyBoardSchema.safeParse(board.body).error).toBeUndefined();
      const row = board.body.shelters.find((entry: { shelter: { id: string } }) => entry.shelter.id === shelter.id);
      expect(row).toMatchObject({ capacity: 4, occupied: 2, free: 2 });
      expect(row.occupants.map((entry: { caseReference: string }) => entry.caseReference).sort()).toEqual(
        [mine.reference, theirs.reference].sort(),
      );
      expect(
        row.occupants.find((entry: { caseReference: string }) => entry.caseReference === theirs.reference)
          .lengthOfStayDays,
      ).toBe(40);
      expect(row.arrivalsThisWeek).toMatchObject({
        count: 1,
        items: [expect.objectContaining({ caseReference: mine.reference })],
      });
      expect(row.departuresThisWeek).toMatchObject({
        count: 1,
        items: [expect.objectContaining({ caseReference: leaving.reference, toDate: today() })],
      });
      expect(row.plannedDischarges).toMatchObject({
        count: 1,
        items: [expect.objectContaining({ caseReference: mine.reference, plannedDischargeOn: '2099-06-30' })],
      });
      expect(row.shelter).not.toHaveProperty('address');
      expect(JSON.stringify(board.body)).not.toMatch(/Boardname|Via Riservata|Testperson/);

      const own = (await caseworker.get('/api/shelters/occupancy')).body.shelters.find(
        (entry: { shelter: { id: string } }) => entry.shelter.id === shelter.id,
      );
      expect(own).toMatchObject({ occupied: 2, free: 2 });
      expect(own.occupants.map((entry: { caseReference: string }) => entry.caseReference)).toEqual([mine.reference]);
      expect(JSON.stringify(own)).not.toContain(theirs.reference);

      expect((await otherSupervisor.get('/api/shelters/occupancy')).body.shelters).toEqual([]);
    });

    it('refuses to lower the capacity below the beds taken', async () => {
      const shelter = await createShelter({ capacity: 3 });
      for (let index = 0; index < 2; index += 1) {
        const created = await register(caseworker);
        await caseworker.post(`/api/cases/${created.id}/placements`, { shelterId: shelter.id, fromDate: today() });
      }
      const lowered = await supervisor.patch(`/api/shelters/${shelter.id}`, { version: 1, capacity: 1 });
      expect(lowered.status).toBe(409);
      expect((await supervisor.patch(`/api/shelters/${shelter.id}`, { version: 1, capacity: 2 })).status).toBe(200);
    });
  });
});
