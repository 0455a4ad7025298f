import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A transfer carries the trafficking-status decisions over (docs/architecture.md, "Identification
 * and legal status"): the receiving case's status is still set by decisions alone, so it gets copies
 * of the sending case's decisions — status, deciding body, date, who recorded them and when — marked
 * with the organisation they come from (`carried_from_organisation_id`). The reason is sealed under
 * the sending case's key and stays with it, and the screening the decision followed is not carried,
 * so a carried decision has neither (the CHECK).
 *
 * `app.status_decisions_offered(case)` answers those coded columns to the receiving organisation of
 * a proposed transfer, which may read none of the table's rows (row-level security keeps it to the
 * case's organisation), and to the case's own organisation.
 *
 * Cases received before this migration got the status without the decisions: each gets its source
 * case's decisions carried over, and those of the cases before it along a chain of transfers. Their
 * status is left as it was (it came from those decisions when they were received).
 */
export class StatusDecisionsCarriedOver1764499200000 implements MigrationInterface {
  name = 'StatusDecisionsCarriedOver1764499200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE app.trafficking_status_decision
        ADD COLUMN carried_from_organisation_id uuid REFERENCES app.organisation(id),
        ADD CONSTRAINT trafficking_status_decision_carried_bare
          CHECK (carried_from_organisation_id IS NULL OR (sealed_reason IS NULL AND screening_id IS NULL))`);
    await queryRunner.query(`DROP INDEX app.trafficking_status_decision_case_idx`);
    await queryRunner.query(
      `CREATE INDEX trafficking_status_decision_case_idx ON app.trafficking_status_decision (case_id, decided_on DESC, recorded_at DESC)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION app.status_decisions_offered(subject_case_id uuid)
        RETURNS TABLE (status text, decided_by text, decided_on date, recorded_by uuid, recorded_at timestamptz,
                       organisation_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog
        AS $$
          SELECT d.status, d.decided_by, d.decided_on, d.recorded_by, d.recorded_at,
                 COALESCE(d.carried_from_organisation_id, c.organisation_id)
            FROM app.trafficking_status_decision d
            JOIN app."case" c ON c.id = d.case_id
           WHERE d.case_id = subject_case_id
             AND (app.scope_is_system()
                  OR c.organisation_id = app.scope_organisation_id()
                  OR EXISTS (SELECT 1 FROM app.transfer t WHERE t.case_id = c.id AND t.to_organisation_id = app.scope_organisation_id() AND t.status = 'proposed'))
        $$`);
    // Cases already received: the decisions of every case before them along the chain of transfers
    // (none was carried before, so each decision is its own case's, from that case's organisation).
    await queryRunner.query(`
      WITH RECURSIVE earlier (received_id, earlier_id) AS (
        SELECT r.id, r.transferred_from_case_id FROM app."case" r WHERE r.transferred_from_case_id IS NOT NULL
        UNION
        SELECT e.received_id, c.transferred_from_case_id
          FROM earlier e JOIN app."case" c ON c.id = e.earlier_id
         WHERE c.transferred_from_case_id IS NOT NULL
      )
      INSERT INTO app.trafficking_status_decision
             (case_id, status, decided_by, decided_on, recorded_by, recorded_at, carried_from_organisation_id)
      SELECT e.received_id, d.status, d.decided_by, d.decided_on, d.recorded_by, d.recorded_at, s.organisation_id
        FROM earlier e
        JOIN app."case" s ON s.id = e.earlier_id
        JOIN app.trafficking_status_decision d ON d.case_id = s.id AND d.carried_from_organisation_id IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION app.status_decisions_offered(uuid)`);
    await queryRunner.query(
      `DELETE FROM app.trafficking_status_decision WHERE carried_from_organisation_id IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX app.trafficking_status_decision_case_idx`);
    await queryRunner.query(
      `CREATE INDEX trafficking_status_decision_case_idx ON app.trafficking_status_decision (case_id, recorded_at DESC)`,
    );
    await queryRunner.query(`
      ALTER TABLE app.trafficking_status_decision
        DROP CONSTRAINT trafficking_status_decision_carried_bare,
        DROP COLUMN carried_from_organisation_id`);
  }
}
