import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Since I last looked": for each member of staff, the time up to which she has looked at the
 * answers partners gave to her referrals. My work shows the answers after it and the bell counts
 * them as unread; looking moves it (and reads those notifications) in one step. A row holds the user
 * and a time only. No case id: not under row-level security, like the notifications it goes with.
 */
export class MyWorkMarker1764483000000 implements MigrationInterface {
  name = 'MyWorkMarker1764483000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.referral_answers_seen (
        user_id uuid PRIMARY KEY REFERENCES app."user"(id) ON DELETE CASCADE,
        seen_up_to timestamptz NOT NULL
      )`);
    // My work reads the user's unread notifications of a few kinds after a time.
    await queryRunner.query(
      `CREATE INDEX notification_user_kind_unread_idx ON app.notification (user_id, kind, created_at) WHERE read_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.notification_user_kind_unread_idx`);
    await queryRunner.query(`DROP TABLE app.referral_answers_seen`);
  }
}
