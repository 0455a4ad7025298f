import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Scope } from '@haven/access';
import { SHELTER_NAME_MAX_LENGTH, type KeysetQuery, type ShelterSort } from '@haven/contracts';
import { PlacementEntity } from './placement.entity.js';
import { ShelterEntity } from './shelter.entity.js';
import { ShelterBedEntity } from './shelter-bed.entity.js';
import { ShelterRoomEntity } from './shelter-room.entity.js';
import { keysetPlan, readKeysetPage, type KeysetEntityPage, type KeysetList } from '../../core/database/keyset.js';
import { scopeCondition, SqlParameters } from '../../core/database/scope-sql.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

/**
 * The shelter list's sorts (SHELTER_SORTS), each read in the order of an index on
 * (organisation, key, id) (migration 1764499400002).
 */
const SHELTER_LIST: KeysetList<ShelterSort> = {
  sorts: {
    name: { column: 's.name', type: 'text', maxLength: SHELTER_NAME_MAX_LENGTH },
    createdAt: { column: 's.created_at', type: 'timestamptz' },
  },
  id: { column: 's.id', type: 'uuid' },
};

/** What a list of shelters reads: never the address, whose sealed copy and key stay in the table. */
const LISTED_COLUMNS = [
  's.id',
  's.organisationId',
  's.name',
  's.kind',
  's.area',
  's.capacity',
  's.active',
  's.createdAt',
  's.updatedAt',
  's.version',
];

export type NewShelter = Pick<
  ShelterEntity,
  'id' | 'organisationId' | 'name' | 'kind' | 'area' | 'capacity' | 'wrappedKey' | 'sealedAddress'
>;
export type ShelterChanges = Partial<
  Pick<ShelterEntity, 'name' | 'kind' | 'area' | 'capacity' | 'sealedAddress' | 'active'>
>;
export type NewPlacement = Pick<
  PlacementEntity,
  'caseId' | 'shelterId' | 'bedId' | 'fromDate' | 'plannedDischargeOn' | 'sealedOverrideReason' | 'placedById'
>;
export type NewRoom = Pick<ShelterRoomEntity, 'shelterId' | 'name' | 'sex' | 'ageGroup'>;
export type NewBed = Pick<ShelterBedEntity, 'label' | 'accessible'>;

/** A bed with its room and whether a current placement holds it. */
export interface BedRow {
  id: string;
  roomId: string;
  label: string;
  accessible: boolean;
  active: boolean;
  occupied: boolean;
}
export type PlacementChanges = Partial<Pick<PlacementEntity, 'toDate' | 'exitReason' | 'plannedDischargeOn'>>;

/** Per shelter: beds taken now, and the week's movements (counted over every case, listing none). */
export interface ShelterCounts {
  shelterId: string;
  occupied: number;
  arrivals: number;
  departures: number;
  plannedDischarges: number;
}

/** One placement on the occupancy board, with the case's reference (never a name). */
export interface BoardRow {
  placementId: string;
  shelterId: string;
  caseId: string;
  caseReference: string;
  bedId: string | null;
  fromDate: string;
  toDate: string | null;
  plannedDischargeOn: string | null;
}

export type InsertPlacementResult = { id: string } | { alreadyPlaced: true } | { bedTaken: true };

/** The case columns a case scope may name (the `Case` subject fields of libs/access). */
const CASE_SCOPE_COLUMNS: Record<string, string> = {
  organisationId: 'c.organisation_id',
  assigneeId: 'c.assignee_id',
  team: 'c.team',
  sensitive: 'c.sensitive',
};
const ONE_CURRENT_PLACEMENT = 'placement_one_current_idx';
const UNIQUE_SHELTER_NAME = 'shelter_organisation_id_name_key';
const ONE_PER_BED = 'placement_one_per_bed_idx';
const UNIQUE_ROOM_NAME = 'shelter_room_name_key';
const UNIQUE_BED_LABEL = 'shelter_bed_label_key';

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const failure = error as { code?: string; constraint?: string };
  return failure?.code === '23505' && failure.constraint === constraint;
}

/**
 * Shelters and placements. Shelter queries take the caller's shelter scope; the board
 * lists placements only of the cases in the caller's case scope (both in the WHERE clause).
 */
@Injectable()
export class SheltersRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Anonymisation (retention, erasure): keeps stays (statistics count them); drops override reasons. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(`UPDATE app.placement SET sealed_override_reason = NULL WHERE case_id = $1`, [
      caseId,
    ]);
  }

  // ── Shelters ─────────────────────────────────────────────────────────────

  async listInScope(scope: Scope): Promise<Omit<ShelterEntity, 'wrappedKey' | 'sealedAddress'>[]> {
    if (scope.length === 0) return [];
    // Lists never show the address: its sealed copy and key stay in the table.
    return this.dataSource.getRepository(ShelterEntity).find({
      select: {
        id: true,
        organisationId: true,
        name: true,
        kind: true,
        area: true,
        capacity: true,
        active: true,
        createdAt: true,
        updatedAt: true,
        version: true,
      },
      where: scope.map((allowed) => ({ ...allowed })),
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  /** One page of the scope's shelters by cursor (SHELTER_LIST), without the address. */
  async pageInScope(scope: Scope, query: KeysetQuery<ShelterSort>): Promise<KeysetEntityPage<ShelterEntity>> {
    if (scope.length === 0) return { rows: [], plan: keysetPlan(query, SHELTER_LIST.sorts[query.sort]), count: 0 };
    const builder = this.dataSource.getRepository(ShelterEntity).createQueryBuilder('s').select(LISTED_COLUMNS);
    // The caller's scope (her organisation): equalities OR-ed together.
    const scopeClauses = scope.map((allowed, index) => {
      const parts = Object.entries(allowed).map(([field, value]) => {
        builder.setParameter(`scope${index}_${field}`, value);
        return `s.${field} = :scope${index}_${field}`;
      });
      return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
    });
    builder.where(`(${scopeClauses.join(' OR ')})`);
    return readKeysetPage(this.dataSource, builder, SHELTER_LIST, query);
  }

  async findInScope(id: string, scope: Scope): Promise<ShelterEntity | null> {
    if (scope.length === 0) return null;
    return this.transactions.manager
      .getRepository(ShelterEntity)
      .findOne({ where: scope.map((allowed) => ({ ...allowed, id })) });
  }

  /**
   * The shelter, locked until the transaction ends (SELECT … FOR UPDATE): placements into
   * one shelter are counted and written one at a time, so two staff placing at the same
   * moment cannot both take the last bed.
   */
  async lockInScope(id: string, scope: Scope): Promise<ShelterEntity | null> {
    if (scope.length === 0) return null;
    return this.transactions.manager
      .getRepository(ShelterEntity)
      .findOne({ where: scope.map((allowed) => ({ ...allowed, id })), lock: { mode: 'pessimistic_write' } });
  }

  /** Answers false when the organisation already has a shelter of that name. */
  async insertShelter(values: NewShelter): Promise<boolean> {
    const now = new Date();
    try {
      await this.transactions.manager
        .getRepository(ShelterEntity)
        .insert({ ...values, active: true, createdAt: now, updatedAt: now, version: 1 });
      return true;
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_SHELTER_NAME)) return false;
      throw error;
    }
  }

  /** Applies changes only at `version`; 'stale' when someone else changed it first, 'duplicateName' when the new name is taken. */
  async updateShelterIfVersion(
    id: string,
    version: number,
    changes: ShelterChanges,
  ): Promise<'updated' | 'stale' | 'duplicateName'> {
    try {
      const result = await this.transactions.manager
        .getRepository(ShelterEntity)
        .update({ id, version }, { ...changes, updatedAt: new Date(), version: () => 'version + 1' });
      return (result.affected ?? 0) === 1 ? 'updated' : 'stale';
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_SHELTER_NAME)) return 'duplicateName';
      throw error;
    }
  }

  /** Beds taken now and this week's movements, per shelter. `week` is inclusive (YYYY-MM-DD). */
  async counts(shelterIds: string[], week: { from: string; to: string }): Promise<Map<string, ShelterCounts>> {
    if (shelterIds.length === 0) return new Map();
    const rows: ShelterCounts[] = await this.transactions.manager.query(
      // One indexed count each (current stays, arrivals, departures): a join with every
      // placement the shelters ever had grows with their history, these do not.
      `SELECT s.id AS "shelterId",
              (SELECT count(*) FROM app.placement p WHERE p.shelter_id = s.id AND p.to_date IS NULL)::int AS occupied,
              (SELECT count(*) FROM app.placement p WHERE p.shelter_id = s.id AND p.from_date BETWEEN $2 AND $3)::int AS arrivals,
              (SELECT count(*) FROM app.placement p WHERE p.shelter_id = s.id AND p.to_date BETWEEN $2 AND $3)::int AS departures,
              (SELECT count(*) FROM app.placement p
                WHERE p.shelter_id = s.id AND p.to_date IS NULL AND p.planned_discharge_on IS NOT NULL)::int AS "plannedDischarges"
         FROM app.shelter s
        WHERE s.id = ANY($1::uuid[])`,
      [shelterIds, week.from, week.to],
    );
    return new Map(rows.map((row) => [row.shelterId, row]));
  }

  /** Beds taken now in one shelter (call with the shelter locked). */
  async occupied(shelterId: string): Promise<number> {
    return this.transactions.manager.getRepository(PlacementEntity).countBy({ shelterId, toDate: IsNull() });
  }

  /**
   * Placements on the board — current ones and this week's arrivals and departures — of
   * the cases inside `caseScope` only: the scope is part of the WHERE clause.
   */
  async boardRows(shelterIds: string[], caseScope: Scope, week: { from: string; to: string }): Promise<BoardRow[]> {
    if (shelterIds.length === 0 || caseScope.length === 0) return [];
    const parameters = new SqlParameters(shelterIds, week.from, week.to);
    const inScope = scopeCondition(caseScope, CASE_SCOPE_COLUMNS, parameters);
    return this.dataSource.query(
      `SELECT p.id AS "placementId", p.shelter_id AS "shelterId", p.case_id AS "caseId", c.reference AS "caseReference",
              p.bed_id AS "bedId", p.from_date::text AS "fromDate", p.to_date::text AS "toDate", p.planned_discharge_on::text AS "plannedDischargeOn"
         FROM app.placement p
         JOIN app."case" c ON c.id = p.case_id
        WHERE p.shelter_id = ANY($1::uuid[])
          AND (p.to_date IS NULL OR p.to_date BETWEEN $2 AND $3 OR p.from_date BETWEEN $2 AND $3)
          AND ${inScope}
        ORDER BY p.from_date, c.reference`,
      parameters.values,
    );
  }

  // ── Rooms and beds ───────────────────────────────────────────────────────

  /** The shelters' rooms, by name. */
  rooms(shelterIds: string[]): Promise<ShelterRoomEntity[]> {
    if (shelterIds.length === 0) return Promise.resolve([]);
    return this.transactions.manager
      .getRepository(ShelterRoomEntity)
      .createQueryBuilder('r')
      .where('r.shelter_id = ANY(:ids::uuid[])', { ids: shelterIds })
      .orderBy('r.created_at')
      .addOrderBy('r.name')
      .getMany();
  }

  /** The shelters' beds in order, each with whether a current placement holds it. */
  beds(shelterIds: string[]): Promise<BedRow[]> {
    if (shelterIds.length === 0) return Promise.resolve([]);
    return this.transactions.manager.query(
      `SELECT b.id, b.room_id AS "roomId", b.label, b.accessible, b.active,
              EXISTS (SELECT 1 FROM app.placement p WHERE p.bed_id = b.id AND p.to_date IS NULL) AS occupied
         FROM app.shelter_bed b
        WHERE b.shelter_id = ANY($1::uuid[])
        ORDER BY b.position`,
      [shelterIds],
    );
  }

  /** One bed of a shelter, with its room. */
  findBed(shelterId: string, bedId: string): Promise<ShelterBedEntity | null> {
    return this.transactions.manager
      .getRepository(ShelterBedEntity)
      .findOne({ where: { id: bedId, shelterId }, relations: { room: true } });
  }

  /** The shelter's free beds in use, in order, with their rooms (call with the shelter locked). */
  async freeBeds(shelterId: string): Promise<ShelterBedEntity[]> {
    return this.transactions.manager
      .getRepository(ShelterBedEntity)
      .createQueryBuilder('b')
      .innerJoinAndSelect('b.room', 'room')
      .where('b.shelter_id = :shelterId AND b.active', { shelterId })
      .andWhere('NOT EXISTS (SELECT 1 FROM app.placement p WHERE p.bed_id = b.id AND p.to_date IS NULL)')
      .orderBy('b.position')
      .getMany();
  }

  async bedOccupied(bedId: string): Promise<boolean> {
    return (await this.transactions.manager.getRepository(PlacementEntity).countBy({ bedId, toDate: IsNull() })) > 0;
  }

  /** Answers null when the shelter already has a room of that name. */
  async insertRoom(values: NewRoom): Promise<string | null> {
    try {
      const result = await this.transactions.manager
        .getRepository(ShelterRoomEntity)
        .insert({ ...values, createdAt: new Date() });
      return result.identifiers[0]!.id as string;
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_ROOM_NAME)) return null;
      throw error;
    }
  }

  /** Adds beds at the end of the shelter's order; false when a label is already in the room. */
  async insertBeds(shelterId: string, roomId: string, beds: NewBed[]): Promise<boolean> {
    const [{ last }] = (await this.transactions.manager.query(
      `SELECT coalesce(max(position), 0) AS last FROM app.shelter_bed WHERE shelter_id = $1`,
      [shelterId],
    )) as [{ last: number }];
    const now = new Date();
    try {
      await this.transactions.manager.getRepository(ShelterBedEntity).insert(
        beds.map((bed, index) => ({
          ...bed,
          shelterId,
          roomId,
          position: Number(last) + index + 1,
          active: true,
          createdAt: now,
        })),
      );
      return true;
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_BED_LABEL)) return false;
      throw error;
    }
  }

  async updateBed(bedId: string, changes: Partial<Pick<ShelterBedEntity, 'accessible' | 'active'>>): Promise<void> {
    await this.transactions.manager.getRepository(ShelterBedEntity).update({ id: bedId }, changes);
  }

  /** Takes the last `count` free beds out of use; answers how many it could (call with the shelter locked). */
  async retireFreeBeds(shelterId: string, count: number): Promise<number> {
    const [{ retired }] = (await this.transactions.manager.query(
      `WITH retired AS (
         UPDATE app.shelter_bed SET active = false
          WHERE id IN (SELECT b.id FROM app.shelter_bed b
                        WHERE b.shelter_id = $1 AND b.active
                          AND NOT EXISTS (SELECT 1 FROM app.placement p WHERE p.bed_id = b.id AND p.to_date IS NULL)
                        ORDER BY b.position DESC LIMIT $2)
          RETURNING id)
       SELECT count(*)::int AS retired FROM retired`,
      [shelterId, count],
    )) as [{ retired: number }];
    return retired;
  }

  /** Beds in use in one shelter: its capacity. */
  activeBeds(shelterId: string): Promise<number> {
    return this.transactions.manager.getRepository(ShelterBedEntity).countBy({ shelterId, active: true });
  }

  /** The capacity follows the beds in use: set with the shelter locked, as a change of the shelter (its version moves). */
  async setCapacity(shelterId: string, capacity: number): Promise<void> {
    await this.transactions.manager
      .getRepository(ShelterEntity)
      .update({ id: shelterId }, { capacity, updatedAt: new Date(), version: () => 'version + 1' });
  }

  // ── Placements ───────────────────────────────────────────────────────────

  /** Newest first. Callers check the case is in scope first. */
  placementsForCase(caseId: string): Promise<PlacementEntity[]> {
    return this.dataSource.getRepository(PlacementEntity).find({
      where: { caseId },
      relations: { shelter: true, placedBy: true, bed: { room: true } },
      order: { fromDate: 'DESC', createdAt: 'DESC' },
    });
  }

  findPlacement(caseId: string, id: string): Promise<PlacementEntity | null> {
    return this.transactions.manager
      .getRepository(PlacementEntity)
      .findOne({ where: { caseId, id }, relations: { shelter: true, placedBy: true, bed: { room: true } } });
  }

  currentForCase(caseId: string): Promise<PlacementEntity | null> {
    return this.transactions.manager
      .getRepository(PlacementEntity)
      .findOne({ where: { caseId, toDate: IsNull() }, relations: { shelter: true } });
  }

  /**
   * The unique index on current placements answers a second current placement of the case
   * (a concurrent one too). Versions keep counting across a case's stays, so a version seen
   * on an earlier stay can never match the current one.
   */
  async insertPlacement(values: NewPlacement): Promise<InsertPlacementResult> {
    try {
      const [{ next }] = (await this.transactions.manager.query(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM app.placement WHERE case_id = $1`,
        [values.caseId],
      )) as [{ next: number }];
      const result = await this.transactions.manager
        .getRepository(PlacementEntity)
        .insert({ ...values, toDate: null, exitReason: null, createdAt: new Date(), version: Number(next) });
      return { id: result.identifiers[0]!.id as string };
    } catch (error) {
      if (isUniqueViolation(error, ONE_CURRENT_PLACEMENT)) return { alreadyPlaced: true };
      if (isUniqueViolation(error, ONE_PER_BED)) return { bedTaken: true };
      throw error;
    }
  }

  async updatePlacementIfVersion(id: string, version: number, changes: PlacementChanges): Promise<boolean> {
    const result = await this.transactions.manager
      .getRepository(PlacementEntity)
      .update({ id, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }
}
