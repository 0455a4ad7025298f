import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A caseworker's "my cases" list and its count, under row-level security.
 *
 * The case policies look at the case's id (is it shared with the scope by a referral, a
 * transfer, a training?), so with the old index on (organisation, assignee, registered)
 * every count had to visit each of the caseworker's rows in the table (about a thousand
 * pages for a thousand cases, scattered over five years of registrations). With the id
 * in the index, the count is answered from the index alone, and the list's order
 * (newest first, then id) is the index's order: no sort.
 */
export class CaseloadIndex1764459000000 implements MigrationInterface {
  name = 'CaseloadIndex1764459000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.case_org_assignee_idx`);
    await queryRunner.query(
      `CREATE INDEX case_org_assignee_idx ON app."case" (organisation_id, assignee_id, registered_at DESC, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.case_org_assignee_idx`);
    await queryRunner.query(
      `CREATE INDEX case_org_assignee_idx ON app."case" (organisation_id, assignee_id, registered_at DESC)`,
    );
  }
}
