import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Scope } from '@haven/access';
import { PlacementEntity } from './placement.entity.js';
import { ShelterEntity } from './shelter.entity.js';
import { scopeCondition, SqlParameters } from '../../core/database/scope-sql.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

export type NewShelter = Pick<
  ShelterEntity,
  'id' | 'organisationId' | 'name' | 'kind' | 'area' | 'capacity' | 'wrappedKey' | 'sealedAddress'
>;
export type ShelterChanges = Partial<
  Pick<ShelterEntity, 'name' | 'kind' | 'area' | 'capacity' | 'sealedAddress' | 'active'>
>;
export type NewPlacement = Pick<
  PlacementEntity,
  'caseId' | 'shelterId' | 'fromDate' | 'plannedDischargeOn' | 'sealedOverrideReason' | 'placedById'
>;
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
  fromDate: string;
  toDate: string | null;
  plannedDischargeOn: string | null;
}

export type InsertPlacementResult = { id: string } | { alreadyPlaced: true };

/** The case columns a case scope may name (the `Case` subject fields of libs/access). */
const CASE_SCOPE_COLUMNS: Record<string, string> = {
  organisationId: 'c.organisation_id',
  assigneeId: 'c.assignee_id',
  team: 'c.team',
  sensitive: 'c.sensitive',
};
const ONE_CURRENT_PLACEMENT = 'placement_one_current_idx';
const UNIQUE_SHELTER_NAME = 'shelter_organisation_id_name_key';

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
              p.from_date::text AS "fromDate", p.to_date::text AS "toDate", p.planned_discharge_on::text AS "plannedDischargeOn"
         FROM app.placement p
         JOIN app."case" c ON c.id = p.case_id
        WHERE p.shelter_id = ANY($1::uuid[])
          AND (p.to_date IS NULL OR p.to_date BETWEEN $2 AND $3 OR p.from_date BETWEEN $2 AND $3)
          AND ${inScope}
        ORDER BY p.from_date, c.reference`,
      parameters.values,
    );
  }

  // ── Placements ───────────────────────────────────────────────────────────

  /** Newest first. Callers check the case is in scope first. */
  placementsForCase(caseId: string): Promise<PlacementEntity[]> {
    return this.dataSource.getRepository(PlacementEntity).find({
      where: { caseId },
      relations: { shelter: true, placedBy: true },
      order: { fromDate: 'DESC', createdAt: 'DESC' },
    });
  }

  findPlacement(caseId: string, id: string): Promise<PlacementEntity | null> {
    return this.transactions.manager
      .getRepository(PlacementEntity)
      .findOne({ where: { caseId, id }, relations: { shelter: true, placedBy: true } });
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
