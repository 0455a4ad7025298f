import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces on `haven_release_change` every change to the set of statistics releases (a
 * release stored, pruned, or the table emptied), once it commits, whichever process made
 * it — the schedule of any replica or `npm run stats:release`. Each API process keeps the
 * release in force in memory while it listens (modules/statistics/release-in-force.ts), so
 * serving a published table reads nothing from the database.
 */
export class StatisticsReleaseNotifications1764480000000 implements MigrationInterface {
  name = 'StatisticsReleaseNotifications1764480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION stats.announce_release_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('haven_release_change', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER release_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stats.release
        FOR EACH STATEMENT EXECUTE FUNCTION stats.announce_release_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER release_changed ON stats.release`);
    await queryRunner.query(`DROP FUNCTION stats.announce_release_change()`);
  }
}
