import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { scopeOf } from '@haven/access';
import type {
  AddBedCommand,
  CreateRoomCommand,
  CreateShelterRequest,
  OccupancyBoard,
  RoomAgeGroup,
  RoomList,
  RoomSex,
  ShelterKind,
  UpdateBedRequest,
  ShelterDetail,
  ShelterList,
  ShelterListQuery,
  UpdateShelterRequest,
} from '@haven/contracts';
import { keysetResponse } from '../../core/database/keyset.js';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../core/errors/problem.js';
import { toBoardEntry, toShelterDetail, toShelterSummary } from './shelter.mapper.js';
import type { ShelterEntity } from './shelter.entity.js';
import { SheltersRepository, type BoardRow, type ShelterChanges, type ShelterCounts } from './shelters.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

const addressAssociatedData = (shelterId: string) => `shelter-address:${shelterId}`;
const DUPLICATE_NAME = 'Your organisation already has a shelter with this name.';
const MOST_BEDS = 10_000;

/** The first room of a new shelter serves whom the shelter's kind serves. */
const FIRST_ROOM: Record<ShelterKind, { sex: RoomSex; ageGroup: RoomAgeGroup }> = {
  women: { sex: 'female', ageGroup: 'adult' },
  men: { sex: 'male', ageGroup: 'adult' },
  children: { sex: 'any', ageGroup: 'child' },
  families: { sex: 'any', ageGroup: 'any' },
  mixed: { sex: 'any', ageGroup: 'any' },
};

/** Beds labelled `from`, `from + 1`, …: the labels a room's beds get when added by number. */
function numberedBeds(from: number, count: number, accessible = 0) {
  return Array.from({ length: count }, (_, index) => ({ label: String(from + index), accessible: index < accessible }));
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Monday to Sunday (UTC) of the week that contains `today`. */
export function weekOf(today: string): { from: string; to: string } {
  const date = new Date(`${today}T00:00:00Z`);
  const monday = new Date(date);
  monday.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  const sunday = new Date(monday);
  sunday.setUTCDate(monday.getUTCDate() + 6);
  return { from: isoDay(monday), to: isoDay(sunday) };
}

/**
 * Shelters of an organisation and the occupancy board. The exact address is sealed under
 * the shelter's own data key and opened only for the organisation's staff (every opening
 * audited); lists and the board never carry it. Administrators, partners and managers
 * have no shelter permission at all.
 */
@Injectable()
export class SheltersService {
  constructor(
    private readonly shelters: SheltersRepository,
    private readonly encryption: EnvelopeEncryption,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  /** One page of the organisation's shelters by cursor, each with its beds taken (counted for the page's shelters only). */
  async list(caller: Caller, query: ShelterListQuery): Promise<ShelterList> {
    const { rows, plan, count } = await this.shelters.pageInScope(scopeOf(caller.ability, 'read', 'Shelter'), query);
    const counts = await this.shelters.counts(
      rows.map((row) => row.entity.id),
      weekOf(isoDay(new Date())),
    );
    return keysetResponse(rows, query, plan, count, ({ entity }) =>
      toShelterSummary(entity, counts.get(entity.id)?.occupied ?? 0),
    );
  }

  /** The shelter with its address, for its own organisation's staff; the read is audited first. */
  async get(caller: Caller, id: string): Promise<ShelterDetail> {
    const shelter = await this.shelters.findInScope(id, scopeOf(caller.ability, 'read', 'Shelter'));
    if (!shelter) throw new NotFoundError();
    return this.withAddress(caller, shelter);
  }

  /** The id is chosen first: the shelter's data key is bound to it. */
  async create(caller: Caller, request: CreateShelterRequest): Promise<ShelterDetail> {
    const id = randomUUID();
    const { dataKey, wrappedKey } = this.encryption.newDataKey(id);
    const organisationId = caller.actor.organisationId;
    await this.transactions.withTransaction(async () => {
      const inserted = await this.shelters.insertShelter({
        id,
        organisationId,
        name: request.name,
        kind: request.kind,
        area: request.area,
        capacity: request.capacity,
        wrappedKey,
        sealedAddress: this.encryption.sealJson(dataKey, request.address, addressAssociatedData(id)),
      });
      if (!inserted) throw new ConflictError(DUPLICATE_NAME);
      // Capacity is the number of beds: a new shelter gets them in one room, which supervisors can split later.
      const roomId = await this.shelters.insertRoom({ shelterId: id, name: 'Room 1', ...FIRST_ROOM[request.kind] });
      await this.shelters.insertBeds(id, roomId!, numberedBeds(1, request.capacity));
      await this.audit.record(caller, {
        action: 'shelter.created',
        category: 'system',
        subject: { type: 'Shelter', id, organisationId },
      });
    });
    const created = await this.shelters.findInScope(id, scopeOf(caller.ability, 'read', 'Shelter'));
    return toShelterDetail(created!, 0, request.address);
  }

  async update(caller: Caller, id: string, request: UpdateShelterRequest): Promise<ShelterDetail> {
    await this.transactions.withTransaction(async () => {
      // Locked, so no placement can take a bed between the count and a lower capacity.
      const shelter = await this.shelters.lockInScope(id, scopeOf(caller.ability, 'update', 'Shelter'));
      if (!shelter) throw new NotFoundError();
      if (shelter.version !== request.version) throw this.stale(shelter);
      const changes = this.changesFor(shelter, request);
      if (changes.capacity !== undefined) {
        const occupied = await this.shelters.occupied(id);
        if (changes.capacity < occupied)
          throw new ConflictError(
            `${occupied} people are placed in this shelter now; discharge or move them before lowering the capacity.`,
            { occupied },
          );
        await this.matchBeds(shelter, changes.capacity);
      }
      if (Object.keys(changes).length === 0) return;
      const outcome = await this.shelters.updateShelterIfVersion(id, request.version, changes);
      if (outcome === 'stale') throw this.stale(shelter);
      if (outcome === 'duplicateName') throw new ConflictError(DUPLICATE_NAME);
      await this.audit.record(caller, {
        action: 'shelter.updated',
        category: 'system',
        subject: { type: 'Shelter', id, organisationId: shelter.organisationId },
      });
    });
    return this.get(caller, id);
  }

  /** The shelter's rooms and beds, each bed free or occupied (never by whom). */
  async rooms(caller: Caller, shelterId: string): Promise<RoomList> {
    const shelter = await this.shelters.findInScope(shelterId, scopeOf(caller.ability, 'read', 'Shelter'));
    if (!shelter) throw new NotFoundError();
    return this.roomList(shelterId);
  }

  /** Adds a room with its beds (supervisors); the capacity grows by them. */
  async createRoom(caller: Caller, shelterId: string, request: CreateRoomCommand): Promise<RoomList> {
    await this.changeBeds(caller, shelterId, 'shelter.room.created', async () => {
      const roomId = await this.shelters.insertRoom({
        shelterId,
        name: request.name,
        sex: request.sex,
        ageGroup: request.ageGroup,
      });
      if (!roomId) throw new ConflictError('This shelter already has a room with this name.');
      await this.shelters.insertBeds(shelterId, roomId, numberedBeds(1, request.beds, request.accessibleBeds));
    });
    return this.roomList(shelterId);
  }

  /** Adds one bed to a room of the shelter (supervisors). */
  async addBed(caller: Caller, shelterId: string, roomId: string, request: AddBedCommand): Promise<RoomList> {
    await this.changeBeds(caller, shelterId, 'shelter.bed.added', async () => {
      const rooms = await this.shelters.rooms([shelterId]);
      if (!rooms.some((room) => room.id === roomId)) throw new NotFoundError();
      if (!(await this.shelters.insertBeds(shelterId, roomId, [request])))
        throw new ConflictError('This room already has a bed with this label.');
    });
    return this.roomList(shelterId);
  }

  /** Marks a bed accessible or not, or takes a free bed out of use or back (supervisors). */
  async updateBed(caller: Caller, shelterId: string, bedId: string, request: UpdateBedRequest): Promise<RoomList> {
    await this.changeBeds(caller, shelterId, 'shelter.bed.updated', async () => {
      const bed = await this.shelters.findBed(shelterId, bedId);
      if (!bed) throw new NotFoundError();
      if (request.active === false && bed.active) {
        if (await this.shelters.bedOccupied(bedId))
          throw new ConflictError(
            `Bed ${bed.label} in ${bed.room!.name} is taken; discharge or move the survivor before taking it out of use.`,
          );
        if ((await this.shelters.activeBeds(shelterId)) <= 1)
          throw new ConflictError('A shelter keeps at least one bed; close the shelter instead.');
      }
      await this.shelters.updateBed(bedId, request);
    });
    return this.roomList(shelterId);
  }

  /**
   * Each shelter of the caller's organisation with its beds, who is in them (by case
   * reference), this week's arrivals and departures, and planned discharges. Counts are
   * over everyone; the listed cases are only those the caller may read (supervisors: all).
   */
  async occupancy(caller: Caller): Promise<OccupancyBoard> {
    const today = isoDay(new Date());
    const week = weekOf(today);
    const shelters = await this.shelters.listInScope(scopeOf(caller.ability, 'read', 'Shelter'));
    const ids = shelters.map((shelter) => shelter.id);
    const caseScope = scopeOf(caller.ability, 'read', 'Case');
    const inWeek = (day: string | null) => day !== null && day >= week.from && day <= week.to;
    // Whoever reads every case of the organisation (supervisors) is listed every placement
    // the counts count, so the rows are counted here: one query less, the board's
    // costliest under row-level security. Others get the counts over everyone.
    const rowsAreEveryPlacement = caseScope.some(
      (allowed) => Object.keys(allowed).length === 1 && allowed.organisationId === caller.actor.organisationId,
    );
    const [rooms, beds] = await Promise.all([this.shelters.rooms(ids), this.shelters.beds(ids)]);
    const [counts, rows] = rowsAreEveryPlacement
      ? await this.shelters.boardRows(ids, caseScope, week).then((all) => [countsOf(all, inWeek), all] as const)
      : await Promise.all([this.shelters.counts(ids, week), this.shelters.boardRows(ids, caseScope, week)]);
    return {
      week,
      shelters: shelters
        .filter((shelter) => shelter.active || (counts.get(shelter.id)?.occupied ?? 0) > 0)
        .map((shelter) => {
          const count = counts.get(shelter.id) ?? { occupied: 0, arrivals: 0, departures: 0, plannedDischarges: 0 };
          const mine = rows.filter((row) => row.shelterId === shelter.id);
          const current = mine.filter((row) => row.toDate === null);
          return {
            shelter: {
              id: shelter.id,
              name: shelter.name,
              kind: shelter.kind,
              area: shelter.area,
              capacity: shelter.capacity,
              active: shelter.active,
            },
            capacity: shelter.capacity,
            occupied: count.occupied,
            free: Math.max(0, shelter.capacity - count.occupied),
            rooms: rooms
              .filter((room) => room.shelterId === shelter.id)
              .map((room) => ({
                id: room.id,
                name: room.name,
                sex: room.sex,
                ageGroup: room.ageGroup,
                beds: beds
                  .filter((bed) => bed.roomId === room.id && (bed.active || bed.occupied))
                  .map((bed) => {
                    // The occupant is named (by reference) only when their case is in the viewer's scope.
                    const occupant = current.find((row) => row.bedId === bed.id);
                    return {
                      id: bed.id,
                      label: bed.label,
                      accessible: bed.accessible,
                      occupied: bed.occupied,
                      occupant: occupant ? { caseId: occupant.caseId, caseReference: occupant.caseReference } : null,
                    };
                  }),
              })),
            occupants: current.map((row) => toBoardEntry(row, today)),
            arrivalsThisWeek: {
              count: count.arrivals,
              items: mine.filter((row) => inWeek(row.fromDate)).map((row) => toBoardEntry(row, today)),
            },
            departuresThisWeek: {
              count: count.departures,
              items: mine.filter((row) => inWeek(row.toDate)).map((row) => toBoardEntry(row, today)),
            },
            plannedDischarges: {
              count: count.plannedDischarges,
              items: current
                .filter((row) => row.plannedDischargeOn !== null)
                .sort((a, b) => a.plannedDischargeOn!.localeCompare(b.plannedDischargeOn!))
                .map((row) => toBoardEntry(row, today)),
            },
          };
        }),
    };
  }

  // ── Internals ──────────────────────────────────────────────────────────────

  /**
   * One change to a shelter's rooms or beds: with the shelter locked (no placement takes
   * a bed meanwhile), then the capacity set to the beds in use, and the change audited.
   */
  private async changeBeds(
    caller: Caller,
    shelterId: string,
    action: 'shelter.room.created' | 'shelter.bed.added' | 'shelter.bed.updated',
    change: () => Promise<void>,
  ): Promise<void> {
    await this.transactions.withTransaction(async () => {
      const shelter = await this.shelters.lockInScope(shelterId, scopeOf(caller.ability, 'update', 'Shelter'));
      if (!shelter) throw new NotFoundError();
      await change();
      const capacity = await this.shelters.activeBeds(shelterId);
      if (capacity > MOST_BEDS)
        throw new UnprocessableError(`A shelter has at most ${MOST_BEDS} beds.`, [
          { field: 'beds', message: `At most ${MOST_BEDS} beds in the shelter` },
        ]);
      if (capacity !== shelter.capacity) await this.shelters.setCapacity(shelterId, capacity);
      await this.audit.record(caller, {
        action,
        category: 'system',
        subject: { type: 'Shelter', id: shelterId, organisationId: shelter.organisationId },
      });
    });
  }

  /** A new capacity typed in directly: beds are added to the last room, or free beds taken out of use. */
  private async matchBeds(shelter: ShelterEntity, capacity: number): Promise<void> {
    const inUse = await this.shelters.activeBeds(shelter.id);
    if (capacity > inUse) {
      const rooms = await this.shelters.rooms([shelter.id]);
      const room = rooms.at(-1);
      const allBeds = (await this.shelters.beds([shelter.id])).length;
      if (!room || !(await this.shelters.insertBeds(shelter.id, room.id, numberedBeds(allBeds + 1, capacity - inUse))))
        throw new ConflictError('Add the beds room by room: the last room’s bed labels are not numbers.');
    } else if (capacity < inUse) {
      const retired = await this.shelters.retireFreeBeds(shelter.id, inUse - capacity);
      if (retired < inUse - capacity)
        throw new ConflictError('Not enough free beds to take out of use; discharge or move people first.');
    }
  }

  private async roomList(shelterId: string): Promise<RoomList> {
    const [rooms, beds] = await Promise.all([this.shelters.rooms([shelterId]), this.shelters.beds([shelterId])]);
    return {
      items: rooms.map((room) => ({
        id: room.id,
        name: room.name,
        sex: room.sex,
        ageGroup: room.ageGroup,
        beds: beds.filter((bed) => bed.roomId === room.id).map(({ roomId: _room, ...bed }) => bed),
      })),
    };
  }

  private async withAddress(caller: Caller, shelter: ShelterEntity): Promise<ShelterDetail> {
    const dataKey = this.encryption.unwrapDataKey(shelter.id, shelter.wrappedKey);
    const address = this.encryption.openJson<string>(dataKey, shelter.sealedAddress, addressAssociatedData(shelter.id));
    const counts = await this.shelters.counts([shelter.id], weekOf(isoDay(new Date())));
    await this.audit.record(caller, {
      action: 'shelter.address.read',
      category: 'case',
      subject: { type: 'Shelter', id: shelter.id, organisationId: shelter.organisationId },
    });
    return toShelterDetail(shelter, counts.get(shelter.id)?.occupied ?? 0, address);
  }

  private changesFor(shelter: ShelterEntity, request: UpdateShelterRequest): ShelterChanges {
    const changes: ShelterChanges = {};
    if (request.name !== undefined && request.name !== shelter.name) changes.name = request.name;
    if (request.kind !== undefined && request.kind !== shelter.kind) changes.kind = request.kind;
    if (request.area !== undefined && request.area !== shelter.area) changes.area = request.area;
    if (request.capacity !== undefined && request.capacity !== shelter.capacity) changes.capacity = request.capacity;
    if (request.active !== undefined && request.active !== shelter.active) changes.active = request.active;
    if (request.address !== undefined) {
      const dataKey = this.encryption.unwrapDataKey(shelter.id, shelter.wrappedKey);
      if (
        this.encryption.openJson<string>(dataKey, shelter.sealedAddress, addressAssociatedData(shelter.id)) !==
        request.address
      ) {
        changes.sealedAddress = this.encryption.sealJson(dataKey, request.address, addressAssociatedData(shelter.id));
      }
    }
    return changes;
  }

  private stale(shelter: ShelterEntity): ConflictError {
    return new ConflictError('Someone else changed this shelter since you opened it. Reload to see their changes.', {
      currentVersion: shelter.version,
    });
  }
}

/** The board's counts from its rows, when the rows are every placement on the board (see `occupancy`). */
function countsOf(rows: readonly BoardRow[], inWeek: (day: string | null) => boolean): Map<string, ShelterCounts> {
  const counts = new Map<string, ShelterCounts>();
  for (const row of rows) {
    let count = counts.get(row.shelterId);
    if (!count)
      counts.set(
        row.shelterId,
        (count = { shelterId: row.shelterId, occupied: 0, arrivals: 0, departures: 0, plannedDischarges: 0 }),
      );
    if (row.toDate === null) count.occupied += 1;
    if (row.toDate === null && row.plannedDischargeOn !== null) count.plannedDischarges += 1;
    if (inWeek(row.fromDate)) count.arrivals += 1;
    if (inWeek(row.toDate)) count.departures += 1;
  }
  return counts;
}
