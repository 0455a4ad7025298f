import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partner inbox is paged, newest first, with the whole inbox counted by state
 * (docs/benchmarks.md). It replaces the inbox's partial index of 1764440000000 with one
 * that serves both queries under row-level security:
 *
 * - the key ends with the id, the page's tie-break, so a page is read in order from the
 *   top of the index and the scan stops after it;
 * - it also holds the state and the sender: with those, the count reads the index alone
 *   (an index-only scan) — the row-level policies on referrals look at the recipient and
 *   the sender, and a column the index lacks would send the count to every referral's
 *   row in the table.
 */
export class InboxPageIndex1764453000000 implements MigrationInterface {
  name = 'InboxPageIndex1764453000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX referral_inbox_page_idx ON app.referral (to_organisation_id, sent_at DESC, id DESC) INCLUDE (status, from_organisation_id)
         WHERE status IN ('sent', 'accepted', 'completed')`,
    );
    await queryRunner.query(`DROP INDEX app.referral_inbox_visible_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX referral_inbox_visible_idx ON app.referral (to_organisation_id, sent_at DESC) WHERE status IN ('sent', 'accepted', 'completed')`,
    );
    await queryRunner.query(`DROP INDEX app.referral_inbox_page_idx`);
  }
}
