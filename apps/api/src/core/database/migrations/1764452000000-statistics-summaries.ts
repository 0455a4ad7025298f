import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The projection's tables: any change to them is a new version of the projection. */
const PROJECTION_TABLES = [
  'case_row',
  'service_row',
  'referral_row',
  'placement_row',
  'enrolment_row',
  'follow_up_row',
];

/**
 * The breakdowns of the new-case tables (statistics-catalogue.ts, source `cases` and
 * `caseExploitation`), named by their fields joined with commas, with the SQL of their
 * values for one `stats.case_row` row `c`. `people` is the period's people (no breakdown).
 */
const NEW_CASE_BREAKDOWNS: readonly [breakdown: string, value1: string, value2: string][] = [
  ['people', `''`, `''`],
  ['status', 'c.status', `''`],
  ['age_band,sex', 'c.age_band', 'c.sex'],
  ['region', 'c.region', `''`],
  ['nationality', 'c.nationality', `''`],
];

/**
 * Set (transaction-local) by the full rebuild, which fills the summary once at the end
 * (`stats.recount_summaries()`) instead of statement by statement.
 */
const DEFERRED = `current_setting('stats.summaries_deferred', true) = 'on'`;

/** Adds (+1) or takes away (-1) the new cases of the transition table `changed` from the summary. */
function newCaseDelta(changed: string, sign: 1 | -1): string {
  const values = NEW_CASE_BREAKDOWNS.map(
    ([breakdown, value1, value2]) => `('${breakdown}', ${value1}, ${value2})`,
  ).join(', ');
  return `
    INSERT INTO stats.new_case_count AS total (month, organisation_id, consented, breakdown, value1, value2, people)
    SELECT month, organisation_id, consented, breakdown, value1, value2, ${sign} * count(*)::int
      FROM (
        SELECT c.registered_month AS month, c.organisation_id, c.consented, v.breakdown, v.value1, v.value2
          FROM ${changed} c CROSS JOIN LATERAL (VALUES ${values}) AS v(breakdown, value1, value2)
         WHERE c.new_case
        UNION ALL
        -- Once per distinct type: a person with several types is counted under each, once.
        SELECT c.registered_month, c.organisation_id, c.consented, 'exploitation_type', e.type, ''
          FROM ${changed} c
          CROSS JOIN LATERAL (SELECT DISTINCT type FROM unnest(CASE WHEN cardinality(c.exploitation_types) = 0 THEN ARRAY['NotRecorded'] ELSE c.exploitation_types END) AS t(type)) e
         WHERE c.new_case
      ) deltas
     GROUP BY month, organisation_id, consented, breakdown, value1, value2
    ON CONFLICT (month, breakdown, organisation_id, consented, value1, value2) DO UPDATE SET people = total.people + excluded.people`;
}

/**
 * Pre-aggregated statistics, kept by the database as the projection changes
 * (docs/architecture.md "Statistics at scale").
 *
 * - `stats.new_case_count`: people registered per month, organisation, consent and value
 *   of each new-case breakdown. Each person has exactly one new-case row (transfers
 *   received are not new cases), so distinct people are additive across months and
 *   organisations: any period, organisation filter and consent filter is a SUM over
 *   this table, exact, instead of a distinct count over every case row.
 * - `stats.projection_state`: a version number raised by every statement that changes
 *   the projection, so that every replica can tell whether counts it keeps are current.
 *
 * Both are kept by statement-level triggers on the projection's tables, so every writer
 * (the incremental refresh, the full rebuild, a bulk load by COPY) keeps them right
 * without knowing about them, at the cost of one aggregate per statement, not per row.
 */
export class StatisticsSummaries1764452000000 implements MigrationInterface {
  name = 'StatisticsSummaries1764452000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE stats.new_case_count (
        month text NOT NULL,
        organisation_id uuid NOT NULL,
        consented boolean NOT NULL,
        breakdown text NOT NULL,
        value1 text NOT NULL,
        value2 text NOT NULL,
        -- No CHECK (people >= 0): a removal proposes a negative row before it meets the one it updates.
        people integer NOT NULL,
        PRIMARY KEY (month, breakdown, organisation_id, consented, value1, value2)
      ) WITH (fillfactor = 70)`);
    // Room on each page, and no index on `people`, so that the upserts are HOT updates.
    await queryRunner.query(`CREATE INDEX new_case_count_breakdown_idx ON stats.new_case_count (breakdown, month)`);
    await queryRunner.query(`
      CREATE TABLE stats.projection_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO stats.projection_state (version, changed_at) VALUES (1, now())`);

    await queryRunner.query(`
      CREATE FUNCTION stats.count_new_cases_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${DEFERRED} THEN RETURN NULL; END IF;
        ${newCaseDelta('added_rows', 1)};
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION stats.count_new_cases_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${DEFERRED} THEN RETURN NULL; END IF;
        ${newCaseDelta('removed_rows', -1)};
        -- Groups whose people all went, among the months touched: a zero is no row, as in a count over the projection.
        DELETE FROM stats.new_case_count total USING (SELECT DISTINCT registered_month FROM removed_rows) touched
         WHERE total.month = touched.registered_month AND total.people = 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION stats.count_new_cases_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${DEFERRED} THEN RETURN NULL; END IF;
        DELETE FROM stats.new_case_count;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER count_new_cases_added AFTER INSERT ON stats.case_row
      REFERENCING NEW TABLE AS added_rows FOR EACH STATEMENT EXECUTE FUNCTION stats.count_new_cases_added()`);
    await queryRunner.query(`
      CREATE TRIGGER count_new_cases_removed AFTER DELETE ON stats.case_row
      REFERENCING OLD TABLE AS removed_rows FOR EACH STATEMENT EXECUTE FUNCTION stats.count_new_cases_removed()`);
    // An update is a removal and an addition (the projection itself only deletes and inserts).
    await queryRunner.query(`
      CREATE TRIGGER count_new_cases_updated_removed AFTER UPDATE ON stats.case_row
      REFERENCING OLD TABLE AS removed_rows FOR EACH STATEMENT EXECUTE FUNCTION stats.count_new_cases_removed()`);
    await queryRunner.query(`
      CREATE TRIGGER count_new_cases_updated_added AFTER UPDATE ON stats.case_row
      REFERENCING NEW TABLE AS added_rows FOR EACH STATEMENT EXECUTE FUNCTION stats.count_new_cases_added()`);
    await queryRunner.query(`
      CREATE TRIGGER count_new_cases_emptied AFTER TRUNCATE ON stats.case_row
      FOR EACH STATEMENT EXECUTE FUNCTION stats.count_new_cases_emptied()`);

    await queryRunner.query(`
      CREATE FUNCTION stats.projection_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE stats.projection_state SET version = version + 1, changed_at = now();
        RETURN NULL;
      END $$`);
    for (const table of PROJECTION_TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER projection_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stats.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION stats.projection_changed()`);
    }

    // The whole summary again from the projection, in one statement (seconds at a million
    // cases): the end of the rebuild, which deferred the triggers, and this migration.
    await queryRunner.query(`
      CREATE FUNCTION stats.recount_summaries() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM stats.new_case_count;
        ${newCaseDelta('stats.case_row', 1)};
        PERFORM set_config('stats.summaries_deferred', 'off', true);
      END $$`);
    await queryRunner.query(`SELECT stats.recount_summaries()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of PROJECTION_TABLES) await queryRunner.query(`DROP TRIGGER projection_changed ON stats.${table}`);
    for (const trigger of [
      'count_new_cases_added',
      'count_new_cases_removed',
      'count_new_cases_updated_removed',
      'count_new_cases_updated_added',
      'count_new_cases_emptied',
    ]) {
      await queryRunner.query(`DROP TRIGGER ${trigger} ON stats.case_row`);
    }
    await queryRunner.query(`DROP FUNCTION stats.projection_changed()`);
    await queryRunner.query(`DROP FUNCTION stats.recount_summaries()`);
    await queryRunner.query(`DROP FUNCTION stats.count_new_cases_emptied()`);
    await queryRunner.query(`DROP FUNCTION stats.count_new_cases_removed()`);
    await queryRunner.query(`DROP FUNCTION stats.count_new_cases_added()`);
    await queryRunner.query(`DROP TABLE stats.projection_state`);
    await queryRunner.query(`DROP TABLE stats.new_case_count`);
  }
}
