import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole life of a protection case: profile, lifecycle, history, consent,
 * assessments, support plan, services, notes and tasks. Free text is stored sealed
 * (bytea) under the case's data key; coded values stay in clear for statistics.
 */
export class CaseManagement1764300000000 implements MigrationInterface {
  name = 'CaseManagement1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app.organisation ADD COLUMN team_mode boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE app."user" ADD COLUMN team text`);

    await queryRunner.query(`
      ALTER TABLE app."case"
        ADD COLUMN stage text NOT NULL DEFAULT 'identification'
          CHECK (stage IN ('identification', 'assessment', 'planning', 'assistance', 'reintegration', 'followUp')),
        ADD COLUMN sensitive boolean NOT NULL DEFAULT false,
        ADD COLUMN team text,
        ADD COLUMN profile jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN closure_reason text,
        ADD COLUMN closure_requested_by uuid REFERENCES app."user"(id),
        ADD COLUMN closure_requested_at timestamptz,
        ADD COLUMN closed_at timestamptz`);
    await queryRunner.query(`CREATE INDEX case_org_team_idx ON app."case" (organisation_id, team) WHERE NOT sensitive`);
    await queryRunner.query(`CREATE INDEX case_reference_prefix_idx ON app."case" (reference text_pattern_ops)`);
    await queryRunner.query(
      `CREATE INDEX case_closure_pending_idx ON app."case" (organisation_id) WHERE closure_requested_at IS NOT NULL`,
    );

    // Keyed hash of normalised name + birth year: finds possible duplicates without decrypting anything.
    await queryRunner.query(`ALTER TABLE app.survivor_identity ADD COLUMN duplicate_key bytea`);
    await queryRunner.query(`CREATE INDEX survivor_identity_duplicate_idx ON app.survivor_identity (duplicate_key)`);

    await queryRunner.query(`
      CREATE TABLE app.case_change (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES app."user"(id),
        section text NOT NULL,
        action text NOT NULL,
        field text,
        old_value text,
        new_value text,
        sealed_comment bytea
      )`);
    await queryRunner.query(`CREATE INDEX case_change_case_idx ON app.case_change (case_id, id DESC)`);

    await queryRunner.query(`
      CREATE TABLE app.consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('assistance', 'referral', 'statistics', 'research')),
        recipient_organisation_id uuid REFERENCES app.organisation(id),
        given_on date NOT NULL,
        method text NOT NULL CHECK (method IN ('verbal', 'written')),
        interpreter_used boolean NOT NULL,
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_on date,
        withdrawn_by uuid REFERENCES app."user"(id),
        CHECK ((purpose = 'referral') = (recipient_organisation_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX consent_case_idx ON app.consent (case_id, purpose)`);

    await queryRunner.query(`
      CREATE TABLE app.assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('risk', 'needs', 'protection')),
        findings jsonb NOT NULL,
        sealed_notes bytea,
        assessed_by uuid NOT NULL REFERENCES app."user"(id),
        assessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX assessment_case_idx ON app.assessment (case_id, type, assessed_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE app.support_plan (
        case_id uuid PRIMARY KEY REFERENCES app."case"(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
        submitted_by uuid REFERENCES app."user"(id),
        submitted_at timestamptz,
        decided_by uuid REFERENCES app."user"(id),
        decided_at timestamptz,
        sealed_decision_comment bytea,
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(
      `CREATE INDEX support_plan_submitted_idx ON app.support_plan (status) WHERE status = 'submitted'`,
    );
    await queryRunner.query(`
      CREATE TABLE app.support_plan_goal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        type text NOT NULL,
        sealed_objective bytea NOT NULL,
        sealed_actions bytea NOT NULL,
        planned_end_on date,
        actual_end_on date,
        status text NOT NULL CHECK (status IN ('planned', 'inProgress', 'achieved', 'discontinued')),
        created_by uuid NOT NULL REFERENCES app."user"(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX support_plan_goal_case_idx ON app.support_plan_goal (case_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE app.service_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        type text NOT NULL,
        delivered_on date NOT NULL,
        provider_organisation_id uuid REFERENCES app.organisation(id),
        outcome text NOT NULL,
        sealed_notes bytea,
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX service_record_case_idx ON app.service_record (case_id, delivered_on DESC)`);

    await queryRunner.query(`
      CREATE TABLE app.case_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        sealed_body bytea NOT NULL,
        author_id uuid NOT NULL REFERENCES app."user"(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX case_note_case_idx ON app.case_note (case_id, created_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE app.task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        sealed_title bytea NOT NULL,
        due_on date NOT NULL,
        assignee_id uuid NOT NULL REFERENCES app."user"(id),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        created_by uuid NOT NULL REFERENCES app."user"(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(
      `CREATE INDEX task_assignee_open_idx ON app.task (assignee_id, due_on) WHERE status = 'open'`,
    );
    await queryRunner.query(`CREATE INDEX task_case_idx ON app.task (case_id, due_on)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'task',
      'case_note',
      'service_record',
      'support_plan_goal',
      'support_plan',
      'assessment',
      'consent',
      'case_change',
    ]) {
      await queryRunner.query(`DROP TABLE app.${table}`);
    }
    await queryRunner.query(`ALTER TABLE app.survivor_identity DROP COLUMN duplicate_key`);
    await queryRunner.query(`
      ALTER TABLE app."case" DROP COLUMN stage, DROP COLUMN sensitive, DROP COLUMN team, DROP COLUMN profile,
        DROP COLUMN closure_reason, DROP COLUMN closure_requested_by,
        DROP COLUMN closure_requested_at, DROP COLUMN closed_at`);
    await queryRunner.query(`ALTER TABLE app."user" DROP COLUMN team`);
    await queryRunner.query(`ALTER TABLE app.organisation DROP COLUMN team_mode`);
  }
}
