import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identification and legal status (docs/architecture.md, "Identification and legal status"):
 * screenings for indicators of trafficking with their coded answers and proposal, the formal
 * decisions on the trafficking status, and one legal status per case (migration status,
 * reflection period, residence permit). Free text — the interpreter's name, a decision's
 * reason — is sealed under the case key. All three tables are under the case's row-level
 * security and nothing else: no lens section shares them, so a partner reads none of them.
 */
export class IdentificationLegalStatus1764497000000 implements MigrationInterface {
  name = 'IdentificationLegalStatus1764497000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.identification_screening (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        screened_on date NOT NULL,
        language text NOT NULL,
        interpreter_used boolean NOT NULL,
        sealed_interpreter_name bytea,
        answers jsonb NOT NULL,
        proposal text NOT NULL CHECK (proposal IN ('presumedVictim', 'notIndicated')),
        positive_dimensions text[] NOT NULL,
        screened_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (interpreter_used OR sealed_interpreter_name IS NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX identification_screening_case_idx ON app.identification_screening (case_id, recorded_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE app.trafficking_status_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking')),
        decided_by text NOT NULL CHECK (decided_by IN ('Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other')),
        decided_on date NOT NULL,
        sealed_reason bytea,
        screening_id uuid REFERENCES app.identification_screening(id) ON DELETE CASCADE,
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX trafficking_status_decision_case_idx ON app.trafficking_status_decision (case_id, recorded_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE app.legal_status (
        case_id uuid PRIMARY KEY REFERENCES app."case"(id) ON DELETE CASCADE,
        migration_status text CHECK (migration_status IN ('National', 'RegularMigrant', 'IrregularMigrant', 'AsylumSeeker', 'Refugee', 'Stateless', 'InternallyDisplaced', 'InTransit', 'Unknown')),
        reflection_starts_on date,
        reflection_ends_on date,
        permit_applied_on date,
        permit_decision text CHECK (permit_decision IN ('pending', 'granted', 'refused')),
        permit_expires_on date,
        version integer NOT NULL DEFAULT 1,
        updated_by uuid NOT NULL REFERENCES app."user"(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (reflection_ends_on IS NULL OR (reflection_starts_on IS NOT NULL AND reflection_ends_on >= reflection_starts_on)),
        CHECK (permit_decision IS NULL OR permit_applied_on IS NOT NULL),
        CHECK (permit_expires_on IS NULL OR permit_decision = 'granted')
      )`);

    for (const table of ['identification_screening', 'trafficking_status_decision', 'legal_status']) {
      const own = `app.scope_is_system() OR app.case_of_scope(${table}.case_id)`;
      await queryRunner.query(`ALTER TABLE app.${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY ${table}_of_scope ON app.${table} FOR ALL USING (${own}) WITH CHECK (${own})`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.legal_status`);
    await queryRunner.query(`DROP TABLE app.trafficking_status_decision`);
    await queryRunner.query(`DROP TABLE app.identification_screening`);
  }
}
