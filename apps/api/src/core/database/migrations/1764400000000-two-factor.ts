import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor sign-in (TOTP).
 *
 * - `user_two_factor`: one row per user who started enrolment. The TOTP secret is sealed
 *   under its own data key, which is stored only wrapped by the master key (envelope
 *   encryption, as for survivor identities). `last_time_step` is the last accepted TOTP
 *   time step: a code is never accepted twice (replay).
 * - `recovery_code`: keyed hashes of one-time recovery codes; `used_at` marks a spent one.
 * - `pending_sign_in`: a correct password waiting for its second factor. Only a hash of the
 *   browser's token is stored; it lives a few minutes and is deleted when used.
 */
export class TwoFactor1764400000000 implements MigrationInterface {
  name = 'TwoFactor1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.user_two_factor (
        user_id uuid PRIMARY KEY REFERENCES app."user"(id) ON DELETE CASCADE,
        wrapped_key bytea NOT NULL,
        sealed_secret bytea NOT NULL,
        confirmed_at timestamptz,
        last_time_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE app.recovery_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app."user"(id) ON DELETE CASCADE,
        code_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX recovery_code_user_idx ON app.recovery_code (user_id) WHERE used_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE app.pending_sign_in (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES app."user"(id) ON DELETE CASCADE,
        address text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX pending_sign_in_user_idx ON app.pending_sign_in (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.pending_sign_in`);
    await queryRunner.query(`DROP TABLE app.recovery_code`);
    await queryRunner.query(`DROP TABLE app.user_two_factor`);
  }
}
