import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent given through an interpreter records the language interpreted (a code from the
 * contract's list) and, optionally, the interpreter's name, sealed under the case key like
 * every free text about a case (erasure clears it). Consents recorded before keep neither.
 */
export class ConsentInterpreter1764484100000 implements MigrationInterface {
  name = 'ConsentInterpreter1764484100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The statistics do not read these columns: adding them must not queue consents for re-projection.
    await queryRunner.query(`
      ALTER TABLE app.consent
        ADD COLUMN interpreter_language text,
        ADD COLUMN sealed_interpreter_name bytea,
        ADD CONSTRAINT consent_interpreter_only_when_used
          CHECK (interpreter_used OR (interpreter_language IS NULL AND sealed_interpreter_name IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE app.consent
        DROP CONSTRAINT consent_interpreter_only_when_used,
        DROP COLUMN sealed_interpreter_name,
        DROP COLUMN interpreter_language`);
  }
}
