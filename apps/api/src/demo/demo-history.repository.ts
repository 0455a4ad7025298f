import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TransactionHost } from '../core/database/transaction-host.js';

/** A shelter organisation of the demo, with who works there and where people can stay. */
export interface DemoShelterOrganisation {
  id: string;
  /** Users of the organisation who can hold a caseload (caseworkers first). */
  staff: { id: string; team: string | null }[];
  shelters: string[];
}

/** Rows of one table, as one array per column (unnested into rows by PostgreSQL). */
export type ColumnArrays = Record<string, { type: string; values: unknown[]; select?: (column: string) => string }>;

/** Writes the demo's historic cases in bulk: the only TypeORM user of demo-history.service.ts. */
@Injectable()
export class DemoHistoryRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  async isLoaded(): Promise<boolean> {
    return (
      (await this.dataSource.query(`SELECT 1 FROM app."case" WHERE reference LIKE 'HV-HIST-%' LIMIT 1`)).length > 0
    );
  }

  /** Every organisation of kind `shelter` with its staff and its active shelters. */
  async shelterOrganisations(): Promise<DemoShelterOrganisation[]> {
    return this.dataSource.query(
      `SELECT o.id,
              COALESCE((SELECT json_agg(json_build_object('id', u.id, 'team', u.team) ORDER BY u.role = 'caseworker' DESC, u.email)
                          FROM app."user" u WHERE u.organisation_id = o.id AND u.role IN ('caseworker', 'supervisor')), '[]') AS staff,
              COALESCE((SELECT json_agg(s.id ORDER BY s.name) FROM app.shelter s WHERE s.organisation_id = o.id AND s.active), '[]') AS shelters
         FROM app.organisation o WHERE o.kind = 'shelter' ORDER BY o.name`,
    );
  }

  /** Organisations of kind `partner`: where historic referrals went and who ran the training. */
  async partnerOrganisations(): Promise<string[]> {
    return (await this.dataSource.query(`SELECT id FROM app.organisation WHERE kind = 'partner' ORDER BY name`)).map(
      (row: { id: string }) => row.id,
    );
  }

  /** Inserts rows given as column arrays, 1,000 at a time. */
  async insert(table: string, columns: ColumnArrays): Promise<void> {
    const names = Object.keys(columns);
    const length = columns[names[0]!]!.values.length;
    for (let start = 0; start < length; start += 1_000) {
      await this.transactions.manager.query(
        `INSERT INTO ${table} (${names.join(', ')})
         SELECT ${names.map((name, index) => columns[name]!.select?.(`u.c${index}`) ?? `u.c${index}`).join(', ')}
           FROM unnest(${names.map((name, index) => `$${index + 1}::${columns[name]!.type}[]`).join(', ')}) AS u(${names.map((_, index) => `c${index}`).join(', ')})`,
        names.map((name) => columns[name]!.values.slice(start, start + 1_000)),
      );
    }
  }

  /**
   * Beds for the history's shelters: a shelter written without rooms gets one room with
   * as many beds as its capacity (as the shelters module gives a new shelter), and the
   * current stays without a bed take the free beds of their shelter in order of arrival.
   */
  async fitBeds(): Promise<void> {
    const manager = this.transactions.manager;
    await manager.query(`
      INSERT INTO app.shelter_room (shelter_id, name, sex, age_group)
      SELECT s.id, 'Room 1',
             CASE s.kind WHEN 'women' THEN 'female' WHEN 'men' THEN 'male' ELSE 'any' END,
             CASE s.kind WHEN 'children' THEN 'child' WHEN 'women' THEN 'adult' WHEN 'men' THEN 'adult' ELSE 'any' END
        FROM app.shelter s WHERE NOT EXISTS (SELECT 1 FROM app.shelter_room r WHERE r.shelter_id = s.id)`);
    await manager.query(`
      INSERT INTO app.shelter_bed (shelter_id, room_id, label, position)
      SELECT r.shelter_id, r.id, n::text, n
        FROM app.shelter_room r JOIN app.shelter s ON s.id = r.shelter_id
       CROSS JOIN LATERAL generate_series(1, s.capacity) AS n
       WHERE NOT EXISTS (SELECT 1 FROM app.shelter_bed b WHERE b.shelter_id = s.id)`);
    await manager.query(`
      WITH stays AS (
        SELECT id, shelter_id, row_number() OVER (PARTITION BY shelter_id ORDER BY from_date, id) AS n
          FROM app.placement WHERE to_date IS NULL AND bed_id IS NULL
      ),
      free AS (
        SELECT b.id, b.shelter_id, row_number() OVER (PARTITION BY b.shelter_id ORDER BY b.position) AS n
          FROM app.shelter_bed b
         WHERE b.active AND NOT EXISTS (SELECT 1 FROM app.placement p WHERE p.bed_id = b.id AND p.to_date IS NULL)
      )
      UPDATE app.placement p SET bed_id = free.id
        FROM stays JOIN free ON free.shelter_id = stays.shelter_id AND free.n = stays.n
       WHERE p.id = stays.id`);
  }
}
