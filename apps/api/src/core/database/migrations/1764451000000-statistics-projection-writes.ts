import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHILD_TABLES = ['service_row', 'referral_row', 'placement_row', 'enrolment_row', 'follow_up_row'] as const;

/**
 * Cheaper writes to the statistics projection, for the rebuild at a million cases
 * (docs/benchmarks.md, "Generation runs").
 *
 * - The projection's child rows no longer reference `stats.case_row` by foreign key.
 *   The projection is derived data with one writer, the projector, which replaces all
 *   the rows of a case together in one transaction (and deletes child rows itself
 *   instead of by cascade). The keys cost more than the rows: a check and a row lock on
 *   `case_row` for every child row inserted (inserting child rows took twice as long),
 *   and one cascaded delete per case removed (deleting a projection of 100,000 cases
 *   took 20 times as long).
 * - Placements are indexed by case: the refresh reads a batch of cases' stays, and
 *   without it read the whole table for every batch.
 */
export class StatisticsProjectionWrites1764451000000 implements MigrationInterface {
  name = 'StatisticsProjectionWrites1764451000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of CHILD_TABLES)
      await queryRunner.query(`ALTER TABLE stats.${table} DROP CONSTRAINT ${table}_row_key_fkey`);
    await queryRunner.query(`CREATE INDEX placement_case_idx ON app.placement (case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.placement_case_idx`);
    for (const table of CHILD_TABLES) {
      await queryRunner.query(
        `DELETE FROM stats.${table} child WHERE NOT EXISTS (SELECT 1 FROM stats.case_row c WHERE c.row_key = child.row_key)`,
      );
      await queryRunner.query(
        `ALTER TABLE stats.${table} ADD CONSTRAINT ${table}_row_key_fkey FOREIGN KEY (row_key) REFERENCES stats.case_row(row_key) ON DELETE CASCADE`,
      );
    }
  }
}
