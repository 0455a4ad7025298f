import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme's registers of work that is not a case (docs/architecture.md, "Programme
 * registers"): information campaigns, institutions and capacity-building events, diaspora
 * projects. One table, a record per row: the register it belongs to, the period it covers (none
 * for an institution), a label to search, and its fields as the contract checked them. No row
 * names a person, so the table is not under row-level security: each query names the
 * organisation, like the shelters'.
 *
 * Lists read an organisation's register newest first; the results report sums the records by
 * the period they end in (projects: start in). Targets are the programme's, per result and year.
 */
export class ProgrammeRegisters1764498000000 implements MigrationInterface {
  name = 'ProgrammeRegisters1764498000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.programme_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        register text NOT NULL CHECK (register IN ('campaigns', 'institutions', 'capacity-events', 'diaspora-projects')),
        label text NOT NULL,
        starts_on date,
        ends_on date,
        fields jsonb NOT NULL,
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT programme_record_period_check CHECK (
          (register = 'institutions') = (starts_on IS NULL AND ends_on IS NULL) AND (ends_on IS NULL OR ends_on >= starts_on)
        )
      )`);
    await queryRunner.query(
      `CREATE INDEX programme_record_list_idx ON app.programme_record (organisation_id, register, recorded_at, id)`,
    );
    // An institution is registered once per organisation: the same name in the same country is the same institution.
    await queryRunner.query(
      `CREATE UNIQUE INDEX programme_institution_name_idx ON app.programme_record (organisation_id, lower(label), (fields->>'country')) WHERE register = 'institutions'`,
    );
    // The programme's targets: per result and calendar year, set by its managers.
    await queryRunner.query(`
      CREATE TABLE app.programme_target (
        result text NOT NULL,
        year integer NOT NULL,
        baseline integer NOT NULL CHECK (baseline >= 0),
        target integer NOT NULL CHECK (target >= 0),
        updated_by uuid NOT NULL REFERENCES app."user"(id),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (result, year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.programme_target`);
    await queryRunner.query(`DROP TABLE app.programme_record`);
  }
}
