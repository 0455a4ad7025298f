import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance by session and follow-ups after training (docs/architecture.md, "Training"):
 * - `enrolment_attendance`: one row per enrolment and date (present, absent or excused),
 *   written by the programme's own organisation or by the partner that provides it;
 * - `enrolment_follow_up`: the employment outcome on a dated follow-up, written by the
 *   programme's own organisation only; its note speaks of the survivor, so it is sealed with
 *   the case's key like other free text, and cleared when the case is anonymised.
 * Both hang off the case like the enrolment: the own-organisation policy asks
 * `app.case_of_scope(case_id)` (migration 1764459800000), and the provider's policies on
 * attendance are the enrolment's (migration 1764430000000), on the row's programme.
 */
export class TrainingAttendanceAndFollowUps1764499500000 implements MigrationInterface {
  name = 'TrainingAttendanceAndFollowUps1764499500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.enrolment_attendance (
        enrolment_id uuid NOT NULL REFERENCES app.enrolment(id) ON DELETE CASCADE,
        programme_id uuid NOT NULL REFERENCES app.training_programme(id),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        session_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enrolment_id, session_on)
      )`);
    await queryRunner.query(`
      CREATE TABLE app.enrolment_follow_up (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL REFERENCES app.enrolment(id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        followed_up_on date NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('employed', 'selfEmployed', 'furtherTraining', 'notWorking')),
        sealed_note bytea,
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX enrolment_follow_up_enrolment_idx ON app.enrolment_follow_up (enrolment_id, followed_up_on, recorded_at)`,
    );
    for (const table of ['enrolment_attendance', 'enrolment_follow_up']) {
      await queryRunner.query(`CREATE INDEX ${table}_case_idx ON app.${table} (case_id)`);
      const own = `app.scope_is_system() OR app.case_of_scope(${table}.case_id)`;
      await queryRunner.query(`ALTER TABLE app.${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY ${table}_of_scope ON app.${table} FOR ALL USING (${own}) WITH CHECK (${own})`,
      );
    }
    // The training provider records attendance, as it updates the enrolment (enrolment_recorded_by_provider).
    const providedProgramme = `enrolment_attendance.programme_id IN (SELECT p.id FROM app.training_programme p WHERE p.provider_organisation_id = app.scope_organisation_id())`;
    await queryRunner.query(
      `CREATE POLICY enrolment_attendance_of_provider ON app.enrolment_attendance FOR SELECT USING (${providedProgramme})`,
    );
    await queryRunner.query(
      `CREATE POLICY enrolment_attendance_recorded_by_provider ON app.enrolment_attendance FOR INSERT WITH CHECK (${providedProgramme})`,
    );
    await queryRunner.query(
      `CREATE POLICY enrolment_attendance_replaced_by_provider ON app.enrolment_attendance FOR UPDATE USING (${providedProgramme}) WITH CHECK (${providedProgramme})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.enrolment_follow_up`);
    await queryRunner.query(`DROP TABLE app.enrolment_attendance`);
  }
}
