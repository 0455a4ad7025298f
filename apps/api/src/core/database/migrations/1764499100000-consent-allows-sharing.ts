import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one definition of a consent that allows sharing (docs/architecture.md, "Consent" and
 * "Children"), read by the sharing checks, the case page and the statistics projection.
 *
 * - `app.case_is_child(case)`: whether the case is a child case today (UTC), decided on the
 *   facts `app.child_safeguard_facts` answers by the rule of `childCaseBasis` in the contract
 *   (the latest age assessment decides, a disputed one as a child; otherwise the age at
 *   registration counted on in whole years). False for a case outside the caller's reach.
 * - `app.consent_allows_sharing(consent)`: not withdrawn, not one the child refused her assent
 *   to, and — on a child case — one with her assent recorded: a consent given while the case
 *   was an adult's carries none, and allows nothing once the case is a child's.
 *
 * An age assessment can make a case a child's, so it now queues the case for re-projection
 * like a consent does (`app.stats_enqueue`).
 */
export class ConsentAllowsSharing1764499100000 implements MigrationInterface {
  name = 'ConsentAllowsSharing1764499100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION app.case_is_child(subject_case_id uuid) RETURNS boolean
        LANGUAGE sql STABLE
        SET search_path = pg_catalog
        AS $$
          SELECT COALESCE((
            SELECT CASE
                     WHEN f.assessed_on IS NOT NULL THEN
                       f.disputed OR f.assessed_age + greatest(0, date_part('year', age((now() AT TIME ZONE 'UTC')::date, f.assessed_on))) < 18
                     WHEN f.age_at_registration IS NULL THEN false
                     ELSE f.age_at_registration
                          + greatest(0, date_part('year', age((now() AT TIME ZONE 'UTC')::date, (f.registered_at AT TIME ZONE 'UTC')::date))) < 18
                   END
              FROM app.child_safeguard_facts(subject_case_id) f), false)
        $$`);
    await queryRunner.query(`
      CREATE FUNCTION app.consent_allows_sharing(subject app.consent) RETURNS boolean
        LANGUAGE sql STABLE
        SET search_path = pg_catalog
        AS $$
          SELECT subject.withdrawn_on IS NULL
             AND subject.child_assent IS DISTINCT FROM 'refused'
             AND (subject.child_assent IS NOT NULL OR NOT app.case_is_child(subject.case_id))
        $$`);
    await queryRunner.query(`
      CREATE TRIGGER stats_enqueue AFTER INSERT OR UPDATE OR DELETE ON app.age_assessment
      FOR EACH ROW EXECUTE FUNCTION app.stats_enqueue('case_id')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER stats_enqueue ON app.age_assessment`);
    await queryRunner.query(`DROP FUNCTION app.consent_allows_sharing(app.consent)`);
    await queryRunner.query(`DROP FUNCTION app.case_is_child(uuid)`);
  }
}
