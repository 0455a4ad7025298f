import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  occupancyBoardSchema,
  placementListSchema,
  roomListSchema,
  shelterDetailSchema,
  shelterListSchema,
} from '@haven/contracts';
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
      // Whole summaries, as the contract says: the name the page is sorted by stays in each row.
      expect(shelterListSchema.parse(list.body).items.find((item) => item.id === shelter.id)?.name).toEqual(
        expect.any(String),
      );
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

  describe('rooms and beds', () => {
    type RoomBody = { id: string; name: string; sex: string; ageGroup: string; beds: BedBody[] };
    type BedBody = { id: string; label: string; accessible: boolean; active: boolean; occupied: boolean };
    const roomsOf = async (shelterId: string, session: HttpSession = supervisor) => {
      const response = await session.get(`/api/shelters/${shelterId}/rooms`);
      expect(response.status).toBe(200);
      expect(roomListSchema.safeParse(response.body).error).toBeUndefined();
      return response.body.items as RoomBody[];
    };
    const auditActions = async (shelterId: string) =>
      (
        await queryDatabase<{ action: string }>(
          harness.database.url,
          `SELECT action FROM audit.event WHERE subject_id = $1 ORDER BY occurred_at`,
          [shelterId],
        )
      ).map((row) => row.action);

    it('gives a new shelter one room serving whom its kind serves, with as many beds as its capacity', async () => {
      const shelter = await createShelter({ kind: 'women', capacity: 3 });
      const rooms = await roomsOf(shelter.id, caseworker);
      expect(rooms).toEqual([
        {
          id: expect.any(String),
          name: 'Room 1',
          sex: 'female',
          ageGroup: 'adult',
          beds: ['1', '2', '3'].map((label) => ({
            id: expect.any(String),
            label,
            accessible: false,
            active: true,
            occupied: false,
          })),
        },
      ]);
      const children = await createShelter({ kind: 'children', capacity: 1 });
      expect(await roomsOf(children.id)).toEqual([expect.objectContaining({ sex: 'any', ageGroup: 'child' })]);
    });

    it('lets a supervisor add rooms and beds (audited, capacity follows the beds), refusing caseworkers (404, as for any record they may not change) and bad input', async () => {
      const shelter = await createShelter({ kind: 'mixed', capacity: 2 });
      const added = await supervisor.post(`/api/shelters/${shelter.id}/rooms`, {
        name: 'Garden room',
        sex: 'male',
        ageGroup: 'adult',
        beds: 3,
        accessibleBeds: 1,
      });
      expect(added.status).toBe(201);
      const garden = (added.body.items as RoomBody[]).find((room) => room.name === 'Garden room')!;
      expect(garden.beds.map((bed) => [bed.label, bed.accessible])).toEqual([
        ['1', true],
        ['2', false],
        ['3', false],
      ]);
      let detail = (await supervisor.get(`/api/shelters/${shelter.id}`)).body;
      expect(detail).toMatchObject({ capacity: 5, version: 2 });

      const bed = await supervisor.post(`/api/shelters/${shelter.id}/rooms/${garden.id}/beds`, {
        label: '4A',
        accessible: true,
      });
      expect(bed.status).toBe(201);
      expect((await supervisor.get(`/api/shelters/${shelter.id}`)).body.capacity).toBe(6);
      expect(
        (await supervisor.post(`/api/shelters/${shelter.id}/rooms/${garden.id}/beds`, { label: '4A' })).status,
      ).toBe(409);
      expect(
        (
          await supervisor.post(`/api/shelters/${shelter.id}/rooms`, {
            name: 'Garden room',
            sex: 'male',
            ageGroup: 'adult',
            beds: 1,
          })
        ).status,
      ).toBe(409);

      const before = await countRows('shelter_bed');
      const bad = await supervisor.post(`/api/shelters/${shelter.id}/rooms`, {
        name: 'Loft',
        sex: 'nobody',
        ageGroup: 'adult',
        beds: 2,
        accessibleBeds: 3,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(['sex']));
      expect(
        (
          await caseworker.post(`/api/shelters/${shelter.id}/rooms`, {
            name: 'Loft',
            sex: 'any',
            ageGroup: 'any',
            beds: 1,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await otherSupervisor.post(`/api/shelters/${shelter.id}/rooms`, {
            name: 'Loft',
            sex: 'any',
            ageGroup: 'any',
            beds: 1,
          })
        ).status,
      ).toBe(404);
      expect(await countRows('shelter_bed')).toBe(before);

      const retired = await supervisor.patch(`/api/shelters/${shelter.id}/beds/${bed.body.items[1].beds[3].id}`, {
        active: false,
      });
      expect(retired.status).toBe(200);
      detail = (await supervisor.get(`/api/shelters/${shelter.id}`)).body;
      expect(detail.capacity).toBe(5);
      expect(await auditActions(shelter.id)).toEqual(
        expect.arrayContaining(['shelter.room.created', 'shelter.bed.added', 'shelter.bed.updated']),
      );
    });

    it('places on a chosen free bed that fits, and refuses a taken bed (409) or one that does not fit (422), naming why', async () => {
      const shelter = await createShelter({ kind: 'mixed', capacity: 1 });
      await supervisor.post(`/api/shelters/${shelter.id}/rooms`, {
        name: 'Men',
        sex: 'male',
        ageGroup: 'adult',
        beds: 1,
      });
      const accessible = await supervisor.post(`/api/shelters/${shelter.id}/rooms`, {
        name: 'Ground floor',
        sex: 'any',
        ageGroup: 'any',
        beds: 1,
        accessibleBeds: 1,
      });
      const rooms = accessible.body.items as RoomBody[];
      const [roomOne, men, ground] = ['Room 1', 'Men', 'Ground floor'].map(
        (name) => rooms.find((room) => room.name === name)!.beds[0]!.id,
      );
      const woman = await register(caseworker);
      const placed = await caseworker.post(`/api/cases/${woman.id}/placements`, {
        shelterId: shelter.id,
        bedId: roomOne,
        fromDate: today(),
      });
      expect(placed.status).toBe(201);
      expect(placed.body.bed).toEqual({ id: roomOne, label: '1', room: 'Room 1' });

      const another = await register(caseworker);
      const taken = await caseworker.post(`/api/cases/${another.id}/placements`, {
        shelterId: shelter.id,
        bedId: roomOne,
        fromDate: today(),
      });
      expect(taken.status).toBe(409);
      expect(taken.body.detail).toBe('Bed 1 in Room 1 is taken. Choose a free bed.');
      const misfit = await caseworker.post(`/api/cases/${another.id}/placements`, {
        shelterId: shelter.id,
        bedId: men,
        fromDate: today(),
      });
      expect(misfit.status).toBe(422);
      expect(misfit.body).toMatchObject({
        detail: expect.stringContaining('Bed 1 in Men is in a room for men and boys.'),
        errors: [{ field: 'bedId', message: 'This bed does not fit the survivor' }],
      });
      const wheelchair = await register(caseworker, { sex: 'Masculine' });
      const notAccessible = await caseworker.post(`/api/cases/${wheelchair.id}/placements`, {
        shelterId: shelter.id,
        bedId: men,
        needsAccessibleBed: true,
        fromDate: today(),
      });
      expect(notAccessible.status).toBe(422);
      expect(notAccessible.body.detail).toMatch(/not accessible/);
      // Without a bed chosen, the first free bed that fits is taken: the accessible one.
      const chosen = await caseworker.post(`/api/cases/${wheelchair.id}/placements`, {
        shelterId: shelter.id,
        needsAccessibleBed: true,
        fromDate: today(),
      });
      expect(chosen.status).toBe(201);
      expect(chosen.body.bed.id).toBe(ground);
      expect(await countRows('placement')).toBeGreaterThan(0);
      expect(
        await queryDatabase(harness.database.url, 'SELECT 1 FROM app.placement WHERE case_id = $1', [another.id]),
      ).toHaveLength(0);

      // Taking a bed out of use: refused while taken.
      expect((await supervisor.patch(`/api/shelters/${shelter.id}/beds/${roomOne}`, { active: false })).status).toBe(
        409,
      );
    });

    it('lets exactly one of twenty simultaneous placements into the same bed through', async () => {
      const shelter = await createShelter({ kind: 'mixed', capacity: 20 });
      const bedId = (await roomsOf(shelter.id))[0]!.beds[4]!.id;
      const staff = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? caseworker : supervisor));
      const cases = await Promise.all(staff.map((session) => register(session)));
      const responses = await Promise.all(
        cases.map((created, index) =>
          staff[index]!.post(`/api/cases/${created.id}/placements`, {
            shelterId: shelter.id,
            bedId,
            fromDate: today(),
          }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      for (const refused of responses.filter((response) => response.status === 409))
        expect(refused.body.detail).toBe('Bed 5 in Room 1 is taken. Choose a free bed.');
      expect(
        await queryDatabase(harness.database.url, 'SELECT case_id FROM app.placement WHERE bed_id = $1', [bedId]),
      ).toHaveLength(1);
    });

    it('shows each bed on the board, free or occupied, naming the occupant only to those who may read the case', async () => {
      const shelter = await createShelter({ kind: 'women', capacity: 3 });
      const mine = await register(caseworker);
      const theirs = await register(colleague);
      const [first, second] = (await roomsOf(shelter.id))[0]!.beds;
      await caseworker.post(`/api/cases/${mine.id}/placements`, {
        shelterId: shelter.id,
        bedId: first!.id,
        fromDate: today(),
      });
      await colleague.post(`/api/cases/${theirs.id}/placements`, {
        shelterId: shelter.id,
        bedId: second!.id,
        fromDate: today(),
      });
      const rowFor = async (session: HttpSession) =>
        (await session.get('/api/shelters/occupancy')).body.shelters.find(
          (entry: { shelter: { id: string } }) => entry.shelter.id === shelter.id,
        );
      expect((await rowFor(supervisor)).rooms).toEqual([
        {
          id: expect.any(String),
          name: 'Room 1',
          sex: 'female',
          ageGroup: 'adult',
          beds: [
            {
              id: first!.id,
              label: '1',
              accessible: false,
              occupied: true,
              occupant: { caseId: mine.id, caseReference: mine.reference },
            },
            {
              id: second!.id,
              label: '2',
              accessible: false,
              occupied: true,
              occupant: { caseId: theirs.id, caseReference: theirs.reference },
            },
            expect.objectContaining({ label: '3', occupied: false, occupant: null }),
          ],
        },
      ]);
      const own = await rowFor(caseworker);
      expect(
        own.rooms[0].beds.map((bed: { occupied: boolean; occupant: unknown }) => [bed.occupied, bed.occupant]),
      ).toEqual([
        [true, { caseId: mine.id, caseReference: mine.reference }],
        [true, null],
        [false, null],
      ]);
      expect(JSON.stringify(own)).not.toContain(theirs.reference);
    });

    it('keeps capacity and beds together when the capacity is typed in: beds are added, or free ones taken out of use', async () => {
      const shelter = await createShelter({ capacity: 2 });
      const raised = await supervisor.patch(`/api/shelters/${shelter.id}`, { version: 1, capacity: 4 });
      expect(raised.status).toBe(200);
      let beds = (await roomsOf(shelter.id))[0]!.beds;
      expect(beds.filter((bed) => bed.active).map((bed) => bed.label)).toEqual(['1', '2', '3', '4']);
      const lowered = await supervisor.patch(`/api/shelters/${shelter.id}`, {
        version: raised.body.version,
        capacity: 1,
      });
      expect(lowered.status).toBe(200);
      beds = (await roomsOf(shelter.id))[0]!.beds;
      expect(beds.filter((bed) => bed.active).map((bed) => bed.label)).toEqual(['1']);
      expect(lowered.body.capacity).toBe(1);
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
