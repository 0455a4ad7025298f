import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every source table of the projection, and the columns that name the case(s) a row belongs to. */
const SOURCES: readonly [table: string, columns: readonly string[]][] = [
  ['consent', ['case_id']],
  ['service_record', ['case_id']],
  ['referral', ['case_id']],
  ['placement', ['case_id']],
  ['enrolment', ['case_id']],
  ['follow_up_visit', ['case_id']],
  ['transfer', ['case_id', 'received_case_id']],
];

/** The case columns the projection reads: other updates (notes on the version, the assignee…) change no statistic. */
const CASE_COLUMNS = [
  'organisation_id',
  'status',
  'sex',
  'nationality',
  'age_at_registration',
  'exploitation_types',
  'registered_at',
  'profile',
  'transferred_from_case_id',
];

/**
 * Anonymised statistics (docs/architecture.md, rule 11).
 *
 * - `stats.*_row`: the projection — one row per case and per service, referral,
 *   placement, enrolment and follow-up visit, with coarse codes and months only, keyed
 *   by a keyed hash of the case id (computed by the API with the master key).
 * - `app.stats_pending`: the cases whose rows must be re-projected. Triggers on every
 *   source table add the case in the same transaction as the change, so no change is
 *   missed whatever code path made it; the refresher empties it. It holds case ids, so
 *   it lives with the case data in `app`, never in `stats`, which statistics read.
 * - `stats.epsilon_ledger`: the privacy budget spent per calendar year of data.
 */
export class Statistics1764340000000 implements MigrationInterface {
  name = 'Statistics1764340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign key: a deleted case must still be processed (its rows removed).
    await queryRunner.query(`
      CREATE TABLE app.stats_pending (
        case_id uuid PRIMARY KEY,
        queued_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX stats_pending_queued_idx ON app.stats_pending (queued_at)`);

    // Re-queues on conflict (rather than doing nothing) so that a change made while the
    // refresher holds the row waits for it and queues the case again afterwards.
    await queryRunner.query(`
      CREATE FUNCTION app.stats_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        position integer;
        new_id text;
        old_id text;
      BEGIN
        FOR position IN 0 .. TG_NARGS - 1 LOOP
          new_id := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) ->> TG_ARGV[position] END;
          old_id := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) ->> TG_ARGV[position] END;
          IF new_id IS NOT NULL THEN
            INSERT INTO app.stats_pending (case_id) VALUES (new_id::uuid)
            ON CONFLICT (case_id) DO UPDATE SET queued_at = clock_timestamp();
          END IF;
          IF old_id IS NOT NULL AND old_id IS DISTINCT FROM new_id THEN
            INSERT INTO app.stats_pending (case_id) VALUES (old_id::uuid)
            ON CONFLICT (case_id) DO UPDATE SET queued_at = clock_timestamp();
          END IF;
        END LOOP;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stats_enqueue AFTER INSERT OR DELETE OR UPDATE OF ${CASE_COLUMNS.join(', ')} ON app."case"
      FOR EACH ROW EXECUTE FUNCTION app.stats_enqueue('id')`);
    for (const [table, columns] of SOURCES) {
      await queryRunner.query(`
        CREATE TRIGGER stats_enqueue AFTER INSERT OR UPDATE OR DELETE ON app.${table}
        FOR EACH ROW EXECUTE FUNCTION app.stats_enqueue(${columns.map((column) => `'${column}'`).join(', ')})`);
    }

    const month = (column: string, nullable = false) =>
      `${column} text ${nullable ? '' : 'NOT NULL '}CHECK (${column} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')`;

    await queryRunner.query(`
      CREATE TABLE stats.case_row (
        row_key bytea PRIMARY KEY,
        person_key bytea NOT NULL,
        organisation_id uuid NOT NULL,
        consented boolean NOT NULL,
        new_case boolean NOT NULL,
        ${month('registered_month')},
        age_band text NOT NULL,
        sex text NOT NULL,
        nationality text NOT NULL,
        region text NOT NULL,
        exploitation_types text[] NOT NULL,
        status text NOT NULL,
        victim boolean NOT NULL,
        returned boolean NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX case_row_month_idx ON stats.case_row (registered_month, organisation_id)`);
    await queryRunner.query(`CREATE INDEX case_row_organisation_idx ON stats.case_row (organisation_id)`);

    const child = (name: string, columns: string, indexed: string) => [
      `CREATE TABLE stats.${name} (
        row_key bytea NOT NULL REFERENCES stats.case_row(row_key) ON DELETE CASCADE,
        seq integer NOT NULL,
        ${columns},
        PRIMARY KEY (row_key, seq)
      )`,
      `CREATE INDEX ${name}_month_idx ON stats.${name} (${indexed})`,
    ];
    for (const statement of [
      ...child('service_row', `${month('month')}, assistance_type text NOT NULL`, 'month'),
      ...child(
        'referral_row',
        `${month('sent_month')}, outcome text NOT NULL, response_band text NOT NULL, ${month('completed_month', true)}`,
        'sent_month',
      ),
      ...child(
        'placement_row',
        `organisation_id uuid NOT NULL, ${month('started_month')}, ${month('first_census_month', true)}, ${month('last_census_month', true)},
         ongoing boolean NOT NULL, ${month('ended_month', true)}, length_band text`,
        'first_census_month',
      ),
      ...child(
        'enrolment_row',
        `${month('started_month')}, completion text NOT NULL, ${month('completed_month', true)}, outcome text, ${month('outcome_month', true)}`,
        'started_month',
      ),
      ...child('follow_up_row', `${month('visited_month')}, score_band text`, 'visited_month'),
    ]) {
      await queryRunner.query(statement);
    }

    await queryRunner.query(`
      CREATE TABLE stats.epsilon_ledger (
        period text PRIMARY KEY,
        spent double precision NOT NULL DEFAULT 0 CHECK (spent >= 0),
        releases integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Existing cases are projected by the first refresh.
    await queryRunner.query(`INSERT INTO app.stats_pending (case_id) SELECT id FROM app."case"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'follow_up_row',
      'enrolment_row',
      'placement_row',
      'referral_row',
      'service_row',
      'case_row',
      'epsilon_ledger',
    ]) {
      await queryRunner.query(`DROP TABLE stats.${table}`);
    }
    for (const [table] of SOURCES) await queryRunner.query(`DROP TRIGGER stats_enqueue ON app.${table}`);
    await queryRunner.query(`DROP TRIGGER stats_enqueue ON app."case"`);
    await queryRunner.query(`DROP FUNCTION app.stats_enqueue()`);
    await queryRunner.query(`DROP TABLE app.stats_pending`);
  }
}
