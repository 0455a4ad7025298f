import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit for people: a coded reason on audit events (covered by the hash chain when
 * present), the lists the access-log views filter on, and the actor of a notification
 * (who viewed an identity), so the alert can name them when it is read.
 */
export class AccessLog1764410000000 implements MigrationInterface {
  name = 'AccessLog1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Adding a nullable column rewrites no row, so the append-only trigger is not involved.
    await queryRunner.query(`ALTER TABLE audit.event ADD COLUMN reason text`);
    // The administrators' view reads system events newest first.
    await queryRunner.query(`CREATE INDEX audit_event_category_idx ON audit.event (category, id)`);
    await queryRunner.query(`ALTER TABLE app.notification ADD COLUMN actor_user_id uuid REFERENCES app."user"(id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app.notification DROP COLUMN actor_user_id`);
    await queryRunner.query(`DROP INDEX audit.audit_event_category_idx`);
    await queryRunner.query(`ALTER TABLE audit.event DROP COLUMN reason`);
  }
}
