import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The duplicate check answers whether a named person may already be registered: each check is
 * counted per user, so that a member of staff cannot test name after name (a limit per hour,
 * `DUPLICATE_CHECKS_PER_HOUR`). A row holds the user and the time only, never the name; rows
 * older than the hour are removed as checks are made. No case id: not under row-level security.
 */
export class DuplicateChecks1764473100000 implements MigrationInterface {
  name = 'DuplicateChecks1764473100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.duplicate_check (
        user_id uuid NOT NULL REFERENCES app."user"(id) ON DELETE CASCADE,
        checked_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX duplicate_check_user_idx ON app.duplicate_check (user_id, checked_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.duplicate_check`);
  }
}
