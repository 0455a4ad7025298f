import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training programmes are paged by cursor (docs/architecture.md, "Lists and paging"): the
 * organisation that runs a programme and a partner that provides it each read their list in
 * the order of an index that starts with their column (owner or provider), then the sort key
 * (the trade, or when the programme was set up), then the id that breaks ties in the cursor.
 */
export class ProgrammeListIndexes1764499400003 implements MigrationInterface {
  name = 'ProgrammeListIndexes1764499400003';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [side, column] of [
      ['owner', 'owner_organisation_id'],
      ['provider', 'provider_organisation_id'],
    ]) {
      await queryRunner.query(
        `CREATE INDEX training_programme_${side}_trade_idx ON app.training_programme (${column}, trade, id)`,
      );
      await queryRunner.query(
        `CREATE INDEX training_programme_${side}_created_idx ON app.training_programme (${column}, created_at, id)`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const side of ['owner', 'provider']) {
      await queryRunner.query(`DROP INDEX app.training_programme_${side}_created_idx`);
      await queryRunner.query(`DROP INDEX app.training_programme_${side}_trade_idx`);
    }
  }
}
