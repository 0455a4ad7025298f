import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's notifications are paged by cursor (docs/architecture.md, "Lists and paging"): the
 * index starts with the user the list is scoped to, then when each was raised, then the id that
 * breaks ties in the cursor. It replaces the index on (user, created) that had no tie-breaker.
 */
export class NotificationPageIndex1764499400001 implements MigrationInterface {
  name = 'NotificationPageIndex1764499400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX notification_user_created_idx ON app.notification (user_id, created_at, id)`);
    await queryRunner.query(`DROP INDEX app.notification_user_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX notification_user_idx ON app.notification (user_id, created_at DESC)`);
    await queryRunner.query(`DROP INDEX app.notification_user_created_idx`);
  }
}
