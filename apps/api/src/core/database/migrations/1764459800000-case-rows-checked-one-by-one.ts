import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables whose own-organisation policy asks whether the row's case is in scope: the case
 * tables of migration 1764430000000, as they were then (a migration never imports another, so
 * each keeps the schema it was written against).
 */
const CASE_CHILD_TABLES = [
  'consent',
  'support_plan',
  'support_plan_goal',
  'case_note',
  'task',
  'placement',
  'enrolment',
  'reintegration_goal',
  'follow_up_visit',
  'protection_review',
  'case_key',
  'survivor_identity',
  'assessment',
  'service_record',
  'case_change',
];

/**
 * The own-organisation policy of every table that hangs off a case asked
 * `EXISTS (SELECT 1 FROM case WHERE id = row.case_id AND organisation_id = scope)`.
 * PostgreSQL may plan that as a hash of every case of the organisation, built for each
 * query: the occupancy board read every case of a large organisation (index-only, with
 * the case table's own policies on each) to check its placements (figures in
 * docs/benchmarks.md). The same question asked through a function is checked
 * row by row with one primary-key probe: the function cannot be inlined (SECURITY
 * DEFINER), and runs as the owner, so the case table's own policies are not evaluated
 * again inside it. It answers only for the scope's own organisation, as before; the
 * policies that let others see rows (referrals, transfers, training) are unchanged.
 */
export class CaseRowsCheckedOneByOne1764459800000 implements MigrationInterface {
  name = 'CaseRowsCheckedOneByOne1764459800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION app.case_of_scope(case_id uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog
        AS $$ SELECT EXISTS (SELECT 1 FROM app."case" c WHERE c.id = case_id AND c.organisation_id = app.scope_organisation_id()) $$`);
    for (const table of CASE_CHILD_TABLES) {
      const own = `app.scope_is_system() OR app.case_of_scope(${table}.case_id)`;
      await queryRunner.query(`DROP POLICY ${table}_of_scope ON app.${table}`);
      await queryRunner.query(
        `CREATE POLICY ${table}_of_scope ON app.${table} FOR ALL USING (${own}) WITH CHECK (${own})`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of CASE_CHILD_TABLES) {
      const own = `app.scope_is_system() OR EXISTS (SELECT 1 FROM app."case" c WHERE c.id = ${table}.case_id AND c.organisation_id = app.scope_organisation_id())`;
      await queryRunner.query(`DROP POLICY ${table}_of_scope ON app.${table}`);
      await queryRunner.query(
        `CREATE POLICY ${table}_of_scope ON app.${table} FOR ALL USING (${own}) WITH CHECK (${own})`,
      );
    }
    await queryRunner.query(`DROP FUNCTION app.case_of_scope(uuid)`);
  }
}
