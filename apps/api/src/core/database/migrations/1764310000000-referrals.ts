import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals and transfers between organisations: the partner directory, referrals with
 * their lens (the sections the partner may see), in-app notifications, transfers of
 * responsibility, and the protection review that may clear a return.
 */
export class Referrals1764310000000 implements MigrationInterface {
  name = 'Referrals1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Directory: what an organisation offers and whether it takes referrals now (no survivor data here).
    await queryRunner.query(`
      ALTER TABLE app.organisation
        ADD COLUMN services text[] NOT NULL DEFAULT '{}',
        ADD COLUMN area text,
        ADD COLUMN contact_point text,
        ADD COLUMN accepting_referrals boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`CREATE INDEX organisation_services_idx ON app.organisation USING gin (services)`);

    await queryRunner.query(
      `ALTER TABLE app."case" ADD COLUMN transferred_from_case_id uuid REFERENCES app."case"(id)`,
    );

    await queryRunner.query(`
      CREATE TABLE app.referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        from_organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        to_organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        services text[] NOT NULL,
        urgency text NOT NULL CHECK (urgency IN ('routine', 'urgent', 'emergency')),
        lens text[] NOT NULL,
        for_return boolean NOT NULL DEFAULT false,
        sealed_message bytea,
        override_by uuid REFERENCES app."user"(id),
        sealed_override_reason bytea,
        status text NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'completed', 'withdrawn')),
        sealed_response bytea,
        outcome text,
        sent_by uuid NOT NULL REFERENCES app."user"(id),
        sent_at timestamptz NOT NULL DEFAULT now(),
        responded_by uuid REFERENCES app."user"(id),
        responded_at timestamptz,
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(
      `CREATE INDEX referral_inbox_idx ON app.referral (to_organisation_id, status, sent_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX referral_case_idx ON app.referral (case_id, sent_at DESC)`);

    // Services a partner records through a referral appear on the sender's case.
    await queryRunner.query(`ALTER TABLE app.service_record ADD COLUMN referral_id uuid REFERENCES app.referral(id)`);
    await queryRunner.query(
      `CREATE INDEX service_record_referral_idx ON app.service_record (referral_id) WHERE referral_id IS NOT NULL`,
    );

    // One row per recipient user; the subject is an id the recipient may open, never case content.
    await queryRunner.query(`
      CREATE TABLE app.notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app."user"(id) ON DELETE CASCADE,
        kind text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX notification_user_idx ON app.notification (user_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX notification_unread_idx ON app.notification (user_id) WHERE read_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE app.transfer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        from_organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        to_organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        for_return boolean NOT NULL DEFAULT false,
        sealed_reason bytea,
        status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected', 'cancelled')),
        proposed_by uuid NOT NULL REFERENCES app."user"(id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES app."user"(id),
        decided_at timestamptz,
        sealed_decision_comment bytea,
        received_case_id uuid REFERENCES app."case"(id),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX transfer_incoming_idx ON app.transfer (to_organisation_id, status)`);
    await queryRunner.query(`CREATE INDEX transfer_case_idx ON app.transfer (case_id)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX transfer_one_open_idx ON app.transfer (case_id) WHERE status = 'proposed'`,
    );

    // A supervisor's recorded decision that a return may proceed despite an open protection concern.
    await queryRunner.query(`
      CREATE TABLE app.protection_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        decision text NOT NULL CHECK (decision IN ('returnMayProceed', 'returnBlocked')),
        sealed_reason bytea NOT NULL,
        decided_by uuid NOT NULL REFERENCES app."user"(id),
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX protection_review_case_idx ON app.protection_review (case_id, decided_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.protection_review`);
    await queryRunner.query(`DROP TABLE app.transfer`);
    await queryRunner.query(`DROP TABLE app.notification`);
    await queryRunner.query(`ALTER TABLE app.service_record DROP COLUMN referral_id`);
    await queryRunner.query(`DROP TABLE app.referral`);
    await queryRunner.query(`ALTER TABLE app."case" DROP COLUMN transferred_from_case_id`);
    await queryRunner.query(
      `ALTER TABLE app.organisation DROP COLUMN services, DROP COLUMN area, DROP COLUMN contact_point, DROP COLUMN accepting_referrals`,
    );
  }
}
