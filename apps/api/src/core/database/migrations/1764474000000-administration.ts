import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Putting Haven into service without demo data: organisations of every kind with their
 * service-directory entry and settings, invited staff who set their own password through a
 * one-time link.
 *
 * - Organisation kinds gain training providers, reintegration or return offices and
 *   government institutions; an organisation can be deactivated (it then receives no
 *   referrals or transfers) rather than deleted, since its cases and audit trail remain.
 * - An invited user has no password until they use their link: `password_hash` may be
 *   empty (sign-in then checks a decoy hash and fails like a wrong password), and
 *   `activated_at` says when a password was first set.
 * - `app.account_link` holds only the SHA-256 of each link's random token. A link is spent
 *   by one conditional UPDATE, so two simultaneous uses cannot both succeed; issuing a new
 *   link for a user marks the older ones superseded.
 */
export class Administration1764474000000 implements MigrationInterface {
  name = 'Administration1764474000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app.organisation DROP CONSTRAINT organisation_kind_check`);
    await queryRunner.query(`
      ALTER TABLE app.organisation
        ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('shelter', 'partner', 'training', 'reintegration', 'government', 'programme', 'system')),
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN languages text[] NOT NULL DEFAULT '{}',
        ADD COLUMN eligible_sexes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN eligible_age_min integer CHECK (eligible_age_min BETWEEN 0 AND 120),
        ADD COLUMN eligible_age_max integer CHECK (eligible_age_max BETWEEN 0 AND 120),
        ADD COLUMN opening_hours text,
        ADD COLUMN teams text[] NOT NULL DEFAULT '{}',
        ADD COLUMN lists_show_names boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT organisation_age_range CHECK (eligible_age_min IS NULL OR eligible_age_max IS NULL OR eligible_age_min <= eligible_age_max)`);

    await queryRunner.query(`ALTER TABLE app."user" ALTER COLUMN password_hash DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE app."user" ADD COLUMN activated_at timestamptz`);
    await queryRunner.query(`UPDATE app."user" SET activated_at = created_at WHERE password_hash IS NOT NULL`);
    // The last-administrator rule counts these under a lock on every change of an administrator.
    await queryRunner.query(`CREATE INDEX user_active_admin_idx ON app."user" (id) WHERE role = 'admin' AND active`);

    await queryRunner.query(`
      CREATE TABLE app.account_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app."user"(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'password-reset')),
        token_hash bytea NOT NULL UNIQUE,
        issued_by uuid REFERENCES app."user"(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        superseded_at timestamptz
      )`);
    // The users list shows when each person last signed in.
    await queryRunner.query(`CREATE INDEX user_session_last_sign_in_idx ON app.user_session (user_id, created_at)`);
    await queryRunner.query(
      `CREATE INDEX account_link_open_idx ON app.account_link (user_id) WHERE used_at IS NULL AND superseded_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.account_link`);
    await queryRunner.query(`DROP INDEX app.user_session_last_sign_in_idx`);
    await queryRunner.query(`DROP INDEX app.user_active_admin_idx`);
    await queryRunner.query(`ALTER TABLE app."user" DROP COLUMN activated_at`);
    await queryRunner.query(`DELETE FROM app."user" WHERE password_hash IS NULL`);
    await queryRunner.query(`ALTER TABLE app."user" ALTER COLUMN password_hash SET NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE app.organisation
        DROP CONSTRAINT organisation_age_range,
        DROP COLUMN lists_show_names, DROP COLUMN teams, DROP COLUMN opening_hours, DROP COLUMN eligible_age_max,
        DROP COLUMN eligible_age_min, DROP COLUMN eligible_sexes, DROP COLUMN languages, DROP COLUMN active,
        DROP CONSTRAINT organisation_kind_check`);
    await queryRunner.query(
      `ALTER TABLE app.organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('shelter', 'partner', 'programme', 'system'))`,
    );
  }
}
