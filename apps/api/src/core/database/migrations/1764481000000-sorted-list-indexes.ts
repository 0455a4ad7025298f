import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every sort a case list allows (CASE_SORTS in libs/contracts) is read in an index's order,
 * for the organisation (a supervisor) and for one assignee (a caseworker), so a page costs
 * the same whatever the organisation's size: keyset paging reads the page's rows from the
 * index, with no sort. Registration date already had both (1764440000000, 1764459000000).
 * The id ends each index: it breaks ties in the cursor, and the row-level security policies
 * read it, so the bounded count stays an index-only scan.
 */
export class SortedListIndexes1764481000000 implements MigrationInterface {
  name = 'SortedListIndexes1764481000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX case_org_updated_idx ON app."case" (organisation_id, updated_at, id)`);
    await queryRunner.query(
      `CREATE INDEX case_org_assignee_updated_idx ON app."case" (organisation_id, assignee_id, updated_at, id)`,
    );
    await queryRunner.query(`CREATE INDEX case_org_reference_idx ON app."case" (organisation_id, reference, id)`);
    await queryRunner.query(
      `CREATE INDEX case_org_assignee_reference_idx ON app."case" (organisation_id, assignee_id, reference, id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'case_org_updated_idx',
      'case_org_assignee_updated_idx',
      'case_org_reference_idx',
      'case_org_assignee_reference_idx',
    ])
      await queryRunner.query(`DROP INDEX app.${index}`);
  }
}
