import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transfers proposed to an organisation are paged by cursor (docs/architecture.md, "Lists
 * and paging"): the index starts with the receiving organisation the scope filters on, then
 * when each was proposed, then the id that breaks ties in the cursor. The old index on
 * (receiving organisation, status) still serves the count of those waiting for a decision.
 */
export class IncomingTransferPageIndex1764499400000 implements MigrationInterface {
  name = 'IncomingTransferPageIndex1764499400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX transfer_incoming_page_idx ON app.transfer (to_organisation_id, proposed_at, id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.transfer_incoming_page_idx`);
  }
}
