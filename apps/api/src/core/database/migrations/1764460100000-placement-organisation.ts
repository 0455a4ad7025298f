import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Placements carry their case's organisation, and their row-level policy compares it.
 *
 * The occupancy board reads every current placement of an organisation's shelters and
 * this week's movements (160 rows for three houses). Its policy asked for each row
 * whether the row's case is the scope's (`app.case_of_scope`, one function call and key
 * probe per row): two thirds of the board's time in the database. The organisation is
 * now on the row, so the policy is a comparison.
 *
 * The column is never the writer's to choose: a trigger (running as the owner, so it
 * sees any case) sets it from the case on every insert and update, whatever was sent.
 * A case never changes organisation (a transfer creates a new case), so it stays right.
 * The policy answers exactly what it answered before: rows of the scope's own
 * organisation's cases, or everything to the system scope.
 */
export class PlacementOrganisation1764460100000 implements MigrationInterface {
  name = 'PlacementOrganisation1764460100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app.placement ADD COLUMN organisation_id uuid`);
    // The statistics do not read this column: filling it must not queue every placed case for re-projection.
    await queryRunner.query(`ALTER TABLE app.placement DISABLE TRIGGER stats_enqueue`);
    await queryRunner.query(
      `UPDATE app.placement p SET organisation_id = c.organisation_id FROM app."case" c WHERE c.id = p.case_id`,
    );
    await queryRunner.query(`ALTER TABLE app.placement ENABLE TRIGGER stats_enqueue`);
    await queryRunner.query(`ALTER TABLE app.placement ALTER COLUMN organisation_id SET NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION app.placement_organisation_from_case() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog
        AS $$
      BEGIN
        SELECT c.organisation_id INTO NEW.organisation_id FROM app."case" c WHERE c.id = NEW.case_id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER placement_organisation_from_case BEFORE INSERT OR UPDATE ON app.placement
      FOR EACH ROW EXECUTE FUNCTION app.placement_organisation_from_case()`);
    const own = `app.scope_is_system() OR organisation_id = app.scope_organisation_id()`;
    await queryRunner.query(`DROP POLICY placement_of_scope ON app.placement`);
    await queryRunner.query(
      `CREATE POLICY placement_of_scope ON app.placement FOR ALL USING (${own}) WITH CHECK (${own})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const own = `app.scope_is_system() OR app.case_of_scope(placement.case_id)`;
    await queryRunner.query(`DROP POLICY placement_of_scope ON app.placement`);
    await queryRunner.query(
      `CREATE POLICY placement_of_scope ON app.placement FOR ALL USING (${own}) WITH CHECK (${own})`,
    );
    await queryRunner.query(`DROP TRIGGER placement_organisation_from_case ON app.placement`);
    await queryRunner.query(`DROP FUNCTION app.placement_organisation_from_case()`);
    await queryRunner.query(`ALTER TABLE app.placement DROP COLUMN organisation_id`);
  }
}
