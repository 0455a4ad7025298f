import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schemas: `app` holds case data, `audit` the append-only event log, `stats` the
 * anonymised projections (filled by the statistics module).
 */
export class Foundation1764288000000 implements MigrationInterface {
  name = 'Foundation1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS app`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS audit`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS stats`);

    await queryRunner.query(`
      CREATE TABLE app.organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('shelter', 'partner', 'programme', 'system')),
        country char(2),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE app."user" (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        display_name text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        role text NOT NULL CHECK (role IN ('caseworker', 'supervisor', 'partner', 'manager', 'admin')),
        active boolean NOT NULL DEFAULT true,
        password_hash text NOT NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX user_organisation_idx ON app."user" (organisation_id, role)`);

    // Only a hash of the session token is stored: a database read does not yield usable sessions.
    await queryRunner.query(`
      CREATE TABLE app.user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        csrf_token text NOT NULL,
        user_id uuid NOT NULL REFERENCES app."user"(id) ON DELETE CASCADE,
        address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX user_session_user_idx ON app.user_session (user_id) WHERE revoked_at IS NULL`,
    );

    // Failed sign-ins, keyed by a keyed hash of the e-mail (never the e-mail itself) and by address.
    await queryRunner.query(`
      CREATE TABLE app.login_failure (
        id bigserial PRIMARY KEY,
        account_key bytea NOT NULL,
        address text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX login_failure_account_idx ON app.login_failure (account_key, occurred_at)`);
    await queryRunner.query(`CREATE INDEX login_failure_address_idx ON app.login_failure (address, occurred_at)`);

    await queryRunner.query(`
      CREATE TABLE app."case" (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        assignee_id uuid REFERENCES app."user"(id),
        status text NOT NULL CHECK (status IN ('Active', 'FollowUp', 'Closed', 'ClosedReferred')),
        risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
        sex text NOT NULL,
        nationality char(2) NOT NULL,
        age_at_registration integer CHECK (age_at_registration BETWEEN 0 AND 120),
        exploitation_types text[] NOT NULL DEFAULT '{}',
        registered_by uuid NOT NULL REFERENCES app."user"(id),
        registered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(
      `CREATE INDEX case_org_assignee_idx ON app."case" (organisation_id, assignee_id, registered_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX case_org_status_idx ON app."case" (organisation_id, status, registered_at DESC)`,
    );

    // One data key per case, stored wrapped by the master key. Deleting the row shreds the case's encrypted data.
    await queryRunner.query(`
      CREATE TABLE app.case_key (
        case_id uuid PRIMARY KEY REFERENCES app."case"(id) ON DELETE CASCADE,
        wrapped_key bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE app.survivor_identity (
        case_id uuid PRIMARY KEY REFERENCES app."case"(id) ON DELETE CASCADE,
        sealed_payload bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The audit log: append-only, hash-chained. Rows hold ids and codes, never names or search terms.
    await queryRunner.query(`
      CREATE TABLE audit.event (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_organisation_id uuid,
        action text NOT NULL,
        category text NOT NULL CHECK (category IN ('case', 'system')),
        subject_type text,
        subject_id text,
        subject_organisation_id uuid,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
        address text,
        previous_hash bytea NOT NULL,
        hash bytea NOT NULL UNIQUE
      )`);
    await queryRunner.query(`CREATE INDEX audit_event_subject_idx ON audit.event (subject_type, subject_id, id)`);
    await queryRunner.query(`CREATE INDEX audit_event_actor_idx ON audit.event (actor_user_id, id)`);
    await queryRunner.query(`
      CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit.event is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON audit.event
      FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON audit.event
      FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit.event FROM PUBLIC`);

    await queryRunner.query(`
      CREATE TABLE app.demo_marker (
        id integer PRIMARY KEY CHECK (id = 1),
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA stats CASCADE`);
    await queryRunner.query(`DROP SCHEMA audit CASCADE`);
    await queryRunner.query(`DROP SCHEMA app CASCADE`);
  }
}
