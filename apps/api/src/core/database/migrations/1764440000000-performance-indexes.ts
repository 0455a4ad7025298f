import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes found missing by the benchmarks at a million cases (docs/benchmarks.md).
 *
 * - Organisation-wide case lists (a supervisor's "all cases", search within the
 *   organisation) sort by registration newest first: the index gives that order, so a
 *   page is read from the top of the index instead of sorting every case of the
 *   organisation.
 * - The partner inbox shows only sent, accepted and completed referrals, newest first:
 *   a partial index in that order lets it stop after the first page; the existing one
 *   (recipient, status, date) needs a sort across three statuses.
 * - The occupancy board asks for this week's departures: with an index on the end date
 *   the board reads the week's rows instead of every past placement of the shelters.
 */
export class PerformanceIndexes1764440000000 implements MigrationInterface {
  name = 'PerformanceIndexes1764440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX case_org_registered_idx ON app."case" (organisation_id, registered_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX referral_inbox_visible_idx ON app.referral (to_organisation_id, sent_at DESC) WHERE status IN ('sent', 'accepted', 'completed')`,
    );
    await queryRunner.query(
      `CREATE INDEX placement_shelter_departures_idx ON app.placement (shelter_id, to_date) WHERE to_date IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.placement_shelter_departures_idx`);
    await queryRunner.query(`DROP INDEX app.referral_inbox_visible_idx`);
    await queryRunner.query(`DROP INDEX app.case_org_registered_idx`);
  }
}
