import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Shelters and placements, vocational training, reintegration plans and follow-up visits. */
export class SheltersTrainingReintegration1764320000000 implements MigrationInterface {
  name = 'SheltersTrainingReintegration1764320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The exact address is sealed under the shelter's own data key; only its organisation's staff may open it.
    await queryRunner.query(`
      CREATE TABLE app.shelter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('women', 'men', 'children', 'families', 'mixed')),
        area text NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
        wrapped_key bytea NOT NULL,
        sealed_address bytea NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (organisation_id, name)
      )`);

    await queryRunner.query(`
      CREATE TABLE app.placement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        shelter_id uuid NOT NULL REFERENCES app.shelter(id),
        from_date date NOT NULL,
        to_date date,
        planned_discharge_on date,
        exit_reason text CHECK (exit_reason IN ('reintegrated', 'transferred', 'leftVoluntarily', 'absconded', 'referredElsewhere', 'moved')),
        sealed_override_reason bytea,
        placed_by uuid NOT NULL REFERENCES app."user"(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (to_date IS NULL OR to_date >= from_date),
        CHECK ((to_date IS NULL) = (exit_reason IS NULL))
      )`);
    // At most one current placement per case, enforced by the database.
    await queryRunner.query(
      `CREATE UNIQUE INDEX placement_one_current_idx ON app.placement (case_id) WHERE to_date IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX placement_shelter_current_idx ON app.placement (shelter_id) WHERE to_date IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX placement_shelter_dates_idx ON app.placement (shelter_id, from_date, to_date)`,
    );

    await queryRunner.query(`
      CREATE TABLE app.training_programme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        provider_organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        trade text NOT NULL,
        place text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        seats integer NOT NULL CHECK (seats BETWEEN 1 AND 1000),
        language text NOT NULL,
        created_by uuid NOT NULL REFERENCES app."user"(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (ends_on >= starts_on)
      )`);
    await queryRunner.query(
      `CREATE INDEX training_programme_owner_idx ON app.training_programme (owner_organisation_id, starts_on DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX training_programme_provider_idx ON app.training_programme (provider_organisation_id, starts_on DESC)`,
    );

    await queryRunner.query(`
      CREATE TABLE app.enrolment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES app.training_programme(id),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('waitingList', 'enrolled', 'attending', 'completed', 'droppedOut')),
        dropout_reason text,
        sessions_attended integer NOT NULL DEFAULT 0 CHECK (sessions_attended >= 0),
        sessions_total integer CHECK (sessions_total IS NULL OR sessions_total >= 0),
        certificate_obtained boolean NOT NULL DEFAULT false,
        outcome text CHECK (outcome IN ('employed', 'selfEmployed', 'furtherTraining', 'notWorking')),
        outcome_recorded_on date,
        waitlisted_at timestamptz,
        enrolled_at timestamptz,
        completed_at timestamptz,
        created_by uuid NOT NULL REFERENCES app."user"(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (programme_id, case_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX enrolment_programme_idx ON app.enrolment (programme_id, status, waitlisted_at)`,
    );
    await queryRunner.query(`CREATE INDEX enrolment_case_idx ON app.enrolment (case_id)`);

    await queryRunner.query(`
      CREATE TABLE app.reintegration_goal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        dimension text NOT NULL CHECK (dimension IN ('economic', 'social', 'psychosocial')),
        sealed_goal bytea NOT NULL,
        sealed_assistance bytea NOT NULL,
        status text NOT NULL CHECK (status IN ('planned', 'inProgress', 'achieved', 'discontinued')),
        created_by uuid NOT NULL REFERENCES app."user"(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX reintegration_goal_case_idx ON app.reintegration_goal (case_id, dimension)`);

    // Sustainability scores 1–5 per dimension, recorded at each visit.
    await queryRunner.query(`
      CREATE TABLE app.follow_up_visit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        months_after integer NOT NULL,
        due_on date NOT NULL,
        task_id uuid REFERENCES app.task(id),
        visited_on date,
        economic_score smallint CHECK (economic_score BETWEEN 1 AND 5),
        social_score smallint CHECK (social_score BETWEEN 1 AND 5),
        psychosocial_score smallint CHECK (psychosocial_score BETWEEN 1 AND 5),
        sealed_notes bytea,
        recorded_by uuid REFERENCES app."user"(id),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX follow_up_visit_case_idx ON app.follow_up_visit (case_id, due_on)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'follow_up_visit',
      'reintegration_goal',
      'enrolment',
      'training_programme',
      'placement',
      'shelter',
    ]) {
      await queryRunner.query(`DROP TABLE app.${table}`);
    }
  }
}
