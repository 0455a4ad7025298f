import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Return safety at every step (docs/architecture.md, "Return safety").
 *
 * - A pending return (a referral sent or accepted, a transfer proposed) can be held for a
 *   protection concern recorded after it was proposed: when, and the coded reasons. The
 *   status stays as it was, so resuming puts it back where it stood.
 * - Referrals that request a return service were returns whatever the sender marked; they
 *   are marked so now, as the server marks them from now on.
 * - `app.return_safeguard_facts(case)`: the coded facts the safeguards read (the latest
 *   protection screening and the latest protection review), for whoever may move the case
 *   toward return: its own organisation, or the recipient of an open referral or a proposed
 *   transfer of it. Those recipients may not read the assessments or reviews themselves
 *   (row-level security), and must not: the function answers booleans, a code and two
 *   times, nothing else, and nothing at all for a case outside those scopes.
 */
export class ReturnSafety1764470000000 implements MigrationInterface {
  name = 'ReturnSafety1764470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['referral', 'transfer']) {
      await queryRunner.query(
        `ALTER TABLE app.${table} ADD COLUMN return_suspended_at timestamptz, ADD COLUMN return_suspension_reasons text[]`,
      );
      await queryRunner.query(
        `ALTER TABLE app.${table} ADD CONSTRAINT ${table}_return_suspension_whole CHECK ((return_suspended_at IS NULL) = (return_suspension_reasons IS NULL))`,
      );
    }
    await queryRunner.query(
      `UPDATE app.referral SET for_return = true WHERE 'return' = ANY(services) AND NOT for_return`,
    );
    await queryRunner.query(`
      CREATE FUNCTION app.return_safeguard_facts(subject_case_id uuid)
        RETURNS TABLE (screened_at timestamptz, fear_of_return boolean, asylum_intention boolean, protection_outcome text, reviewed_at timestamptz, review_decision text)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog
        AS $$
          SELECT s.assessed_at, s.fear_of_return, s.asylum_intention, s.outcome, r.decided_at, r.decision
            FROM app."case" c
            LEFT JOIN LATERAL (
              SELECT a.assessed_at,
                     coalesce((a.findings ->> 'fearOfReturn')::boolean, false) AS fear_of_return,
                     coalesce((a.findings ->> 'asylumIntention')::boolean, false) AS asylum_intention,
                     coalesce(a.findings ->> 'outcome', 'pending') AS outcome
                FROM app.assessment a
               WHERE a.case_id = c.id AND a.type = 'protection'
               ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) s ON true
            LEFT JOIN LATERAL (
              SELECT p.decided_at, p.decision FROM app.protection_review p
               WHERE p.case_id = c.id ORDER BY p.decided_at DESC, p.id DESC LIMIT 1) r ON true
           WHERE c.id = subject_case_id
             AND (app.scope_is_system()
                  OR c.organisation_id = app.scope_organisation_id()
                  OR EXISTS (SELECT 1 FROM app.referral x WHERE x.case_id = c.id AND x.to_organisation_id = app.scope_organisation_id() AND x.status IN ('sent', 'accepted'))
                  OR EXISTS (SELECT 1 FROM app.transfer t WHERE t.case_id = c.id AND t.to_organisation_id = app.scope_organisation_id() AND t.status = 'proposed'))
        $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION app.return_safeguard_facts(uuid)`);
    for (const table of ['referral', 'transfer']) {
      await queryRunner.query(
        `ALTER TABLE app.${table} DROP CONSTRAINT ${table}_return_suspension_whole, DROP COLUMN return_suspended_at, DROP COLUMN return_suspension_reasons`,
      );
    }
  }
}
