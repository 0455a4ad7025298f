import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's shelters are paged by cursor (docs/architecture.md, "Lists and paging"):
 * each index starts with the organisation the scope filters on, then the sort key (the name,
 * or when the shelter was set up), then the id that breaks ties in the cursor.
 */
export class ShelterListIndexes1764499400002 implements MigrationInterface {
  name = 'ShelterListIndexes1764499400002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX shelter_org_name_idx ON app.shelter (organisation_id, name, id)`);
    await queryRunner.query(`CREATE INDEX shelter_org_created_idx ON app.shelter (organisation_id, created_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.shelter_org_created_idx`);
    await queryRunner.query(`DROP INDEX app.shelter_org_name_idx`);
  }
}
