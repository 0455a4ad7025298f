import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open data (docs/architecture.md, "Open data"): each release stores, next to its
 * figures, the record-level export in the form of the global counter-trafficking data
 * hub, made k-anonymous from the same snapshot of the projection, and the report of what
 * was generalised and suppressed. A download is a lookup of this frozen file.
 *
 * `records` holds published values only (bands, years, regions or countries, flags): no
 * case, no person key, no month; it goes when its release is pruned.
 */
export class StatisticsOpenData1764499000000 implements MigrationInterface {
  name = 'StatisticsOpenData1764499000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE stats.release_open_data (
        release_id uuid PRIMARY KEY REFERENCES stats.release (id) ON DELETE CASCADE,
        fields text[] NOT NULL,
        records jsonb NOT NULL,
        report jsonb NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE stats.release_open_data`);
  }
}
