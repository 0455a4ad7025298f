import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The blind name index (docs/architecture.md, "Search by name"): per case, keyed hashes of the
 * sound keys of its survivor's names and of her birth year, under a key of the organisation's
 * own. No name, no spelling, no year in clear: a row is (case, organisation, 16 bytes).
 *
 * Ordered by organisation and hash, so a search reads the matching entries of one organisation
 * and nothing else (index-only); the case index serves replacing and erasing a case's entries.
 * Row-level security like the identity's owner rows: an organisation reads and writes only
 * entries of its own cases (no partner or transfer recipient searches another's names).
 *
 * `survivor_identity.name_index_version` says by which rules the case's entries were made: the
 * start of the API (and `npm run names:index`) indexes every identity below the current rules —
 * the cases registered before this migration, and all of them again when the rules change.
 */
export class CaseNameIndex1764482000000 implements MigrationInterface {
  name = 'CaseNameIndex1764482000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.case_name_token (
        organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        token bytea NOT NULL CHECK (octet_length(token) = 16),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        PRIMARY KEY (organisation_id, token, case_id)
      )`);
    await queryRunner.query(`CREATE INDEX case_name_token_case_idx ON app.case_name_token (case_id)`);
    await queryRunner.query(
      `ALTER TABLE app.survivor_identity ADD COLUMN name_index_version smallint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `CREATE INDEX survivor_identity_name_index_idx ON app.survivor_identity (name_index_version)`,
    );
    await queryRunner.query(`ALTER TABLE app.case_name_token ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY case_name_token_of_scope ON app.case_name_token FOR ALL
        USING (app.scope_is_system() OR organisation_id = app.scope_organisation_id())
        WITH CHECK (app.scope_is_system() OR (organisation_id = app.scope_organisation_id() AND app.case_of_scope(case_id)))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.case_name_token`);
    await queryRunner.query(`ALTER TABLE app.survivor_identity DROP COLUMN name_index_version`);
  }
}
