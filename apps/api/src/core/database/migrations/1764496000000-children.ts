import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHILD_TABLES = ['child_guardian', 'age_assessment', 'child_views', 'best_interests'] as const;

/**
 * Children (docs/architecture.md, "Children"): guardians, age assessments, the child's views
 * and best-interests assessments and determinations, each under the case's row-level security
 * (the case's organisation only: no lens section shares them with a partner). Names, the
 * assessor, the views, summaries and reasons are sealed under the case key. Consents gain the
 * child's assent beside them.
 *
 * `app.child_safeguard_facts(case)` answers the coded facts the return gate reads for a child
 * — the age at registration and when, the latest age assessment's day, age and dispute, and
 * whether an approved determination stands — for the same callers as
 * `app.return_safeguard_facts`: the case's organisation, or the recipient of an open referral
 * or a proposed transfer of it, who may read none of these tables.
 */
export class Children1764496000000 implements MigrationInterface {
  name = 'Children1764496000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.child_guardian (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        appointed_on date NOT NULL,
        sealed_name bytea NOT NULL,
        sealed_organisation bytea NOT NULL,
        ended_on date,
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE app.age_assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        assessed_on date NOT NULL,
        method text NOT NULL CHECK (method IN ('documents', 'interview', 'medical', 'multidisciplinary', 'other')),
        assessed_age integer NOT NULL CHECK (assessed_age BETWEEN 0 AND 120),
        sealed_assessed_by bytea NOT NULL,
        disputed boolean NOT NULL,
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE app.child_views (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        expressed_on date NOT NULL,
        sealed_views bytea NOT NULL,
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE app.best_interests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('assessment', 'determination')),
        completed_on date NOT NULL,
        sealed_summary bytea NOT NULL,
        status text NOT NULL CHECK (status IN ('recorded', 'pendingApproval', 'approved', 'rejected', 'revoked')),
        recorded_by uuid NOT NULL REFERENCES app."user"(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        decision text CHECK (decision IN ('approve', 'reject', 'revoke')),
        sealed_decision_reason bytea,
        decided_by uuid REFERENCES app."user"(id),
        decided_at timestamptz,
        CHECK ((kind = 'assessment') = (status = 'recorded')),
        CHECK ((decision IS NULL) = (decided_at IS NULL) AND (decision IS NULL) = (decided_by IS NULL))
      )`);
    for (const table of CHILD_TABLES) {
      await queryRunner.query(`CREATE INDEX ${table}_case_idx ON app.${table} (case_id)`);
      const own = `app.scope_is_system() OR app.case_of_scope(${table}.case_id)`;
      await queryRunner.query(`ALTER TABLE app.${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY ${table}_of_scope ON app.${table} FOR ALL USING (${own}) WITH CHECK (${own})`,
      );
    }
    // Added as NULL on every row, which changes no consent's standing, so nothing is queued for re-projection;
    // the statistics do read child_assent (a refused assent counts as no consent for the statistics).
    await queryRunner.query(`
      ALTER TABLE app.consent
        ADD COLUMN child_assent text CHECK (child_assent IN ('given', 'refused', 'notAble')),
        ADD COLUMN assent_explained_for_age boolean,
        ADD CONSTRAINT consent_child_assent_whole CHECK ((child_assent IS NULL) = (assent_explained_for_age IS NULL))`);
    await queryRunner.query(`
      CREATE FUNCTION app.child_safeguard_facts(subject_case_id uuid)
        RETURNS TABLE (age_at_registration integer, registered_at timestamptz, assessed_on date, assessed_age integer,
                       disputed boolean, determination_approved boolean)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog
        AS $$
          SELECT c.age_at_registration, c.registered_at, a.assessed_on, a.assessed_age, a.disputed,
                 EXISTS (SELECT 1 FROM app.best_interests b
                          WHERE b.case_id = c.id AND b.kind = 'determination' AND b.status = 'approved')
            FROM app."case" c
            LEFT JOIN LATERAL (
              SELECT x.assessed_on, x.assessed_age, x.disputed FROM app.age_assessment x
               WHERE x.case_id = c.id ORDER BY x.assessed_on DESC, x.recorded_at DESC, x.id DESC LIMIT 1) a ON true
           WHERE c.id = subject_case_id
             AND (app.scope_is_system()
                  OR c.organisation_id = app.scope_organisation_id()
                  OR EXISTS (SELECT 1 FROM app.referral x WHERE x.case_id = c.id AND x.to_organisation_id = app.scope_organisation_id() AND x.status IN ('sent', 'accepted'))
                  OR EXISTS (SELECT 1 FROM app.transfer t WHERE t.case_id = c.id AND t.to_organisation_id = app.scope_organisation_id() AND t.status = 'proposed'))
        $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION app.child_safeguard_facts(uuid)`);
    await queryRunner.query(`
      ALTER TABLE app.consent
        DROP CONSTRAINT consent_child_assent_whole,
        DROP COLUMN assent_explained_for_age,
        DROP COLUMN child_assent`);
    for (const table of [...CHILD_TABLES].reverse()) await queryRunner.query(`DROP TABLE app.${table}`);
  }
}
