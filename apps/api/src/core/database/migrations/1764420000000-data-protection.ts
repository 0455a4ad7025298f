import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Free text that was required while the case key existed; anonymisation clears it (docs/architecture.md, rules 6 and 10). */
const SEALED_REQUIRED_COLUMNS: readonly [table: string, column: string][] = [
  ['support_plan_goal', 'sealed_objective'],
  ['support_plan_goal', 'sealed_actions'],
  ['protection_review', 'sealed_reason'],
  ['reintegration_goal', 'sealed_goal'],
  ['reintegration_goal', 'sealed_assistance'],
  ['task', 'sealed_title'],
];

/**
 * Retention and erasure (docs/architecture.md, rule 10).
 *
 * - `organisation.retention_months`: months after closure before a case is anonymised; null keeps cases.
 * - `case.anonymised_at` / `anonymisation_kind`: the mark of an anonymised (read-only) case.
 * - `case_erasure`: the tombstone of an erasure request — ids and codes only.
 * - `retention_run`: what each retention run did, per organisation (counts only).
 */
export class DataProtection1764420000000 implements MigrationInterface {
  name = 'DataProtection1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE app.organisation ADD COLUMN retention_months integer CHECK (retention_months BETWEEN 6 AND 1200)`,
    );
    await queryRunner.query(`
      ALTER TABLE app."case"
        ADD COLUMN anonymised_at timestamptz,
        ADD COLUMN anonymisation_kind text CHECK (anonymisation_kind IN ('retention', 'erasure')),
        ADD CONSTRAINT case_anonymisation_complete CHECK ((anonymised_at IS NULL) = (anonymisation_kind IS NULL))`);
    // The retention job looks for closed cases that are not yet anonymised, per organisation.
    await queryRunner.query(
      `CREATE INDEX case_retention_idx ON app."case" (organisation_id, closed_at) WHERE anonymised_at IS NULL AND closed_at IS NOT NULL`,
    );
    for (const [table, column] of SEALED_REQUIRED_COLUMNS) {
      await queryRunner.query(`ALTER TABLE app.${table} ALTER COLUMN ${column} DROP NOT NULL`);
    }
    await queryRunner.query(`
      CREATE TABLE app.case_erasure (
        case_id uuid PRIMARY KEY REFERENCES app."case"(id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (reason IN ('survivorRequest', 'consentWithdrawn', 'legalObligation', 'recordedInError')),
        channel text NOT NULL CHECK (channel IN ('inPerson', 'inWriting', 'representative')),
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL
      )`);
    // Under row-level security like every table of case rows: only the case's organisation reads
    // its tombstone. Written against the settings themselves, since the scope functions of
    // migration 1764430000000 come later; the rule is the same as its `*_of_scope` policies.
    await queryRunner.query(`ALTER TABLE app.case_erasure ENABLE ROW LEVEL SECURITY`);
    const scoped = `coalesce(current_setting('app.system', true), '') = 'on'
      OR EXISTS (SELECT 1 FROM app."case" c WHERE c.id = case_erasure.case_id AND c.organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid)`;
    await queryRunner.query(
      `CREATE POLICY case_erasure_of_scope ON app.case_erasure FOR ALL USING (${scoped}) WITH CHECK (${scoped})`,
    );
    await queryRunner.query(`
      CREATE TABLE app.retention_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'command')),
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        anonymised integer NOT NULL CHECK (anonymised >= 0),
        failed integer NOT NULL CHECK (failed >= 0),
        organisations jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX retention_run_started_idx ON app.retention_run (started_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.retention_run`);
    await queryRunner.query(`DROP TABLE app.case_erasure`);
    await queryRunner.query(`DROP INDEX app.case_retention_idx`);
    await queryRunner.query(
      `ALTER TABLE app."case" DROP CONSTRAINT case_anonymisation_complete, DROP COLUMN anonymisation_kind, DROP COLUMN anonymised_at`,
    );
    await queryRunner.query(`ALTER TABLE app.organisation DROP COLUMN retention_months`);
  }
}
