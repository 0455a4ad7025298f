import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { StatisticsGranularity } from '@haven/contracts';
import { FACT_SOURCES, NOT_RECORDED, type FactSource, type TableDefinition } from './statistics-catalogue.js';
import type { ProjectedRows, SourceFacts } from './statistics-projection.js';
import type { IndicatorCounts, PeriodCounts, TableCounts } from './statistics-publisher.js';

/** Serialises writers of the projection (refreshes on every replica, and the rebuild). */
const PROJECTION_LOCK = 7_150_101;

/** How cases without a statistics consent enter a count. */
export interface ConsentFilter {
  /** Counted in breakdowns (cells and their margins). */
  inBreakdowns: boolean;
  /** Counted in the people of a period, the thresholds and the indicators. */
  inTotals: boolean;
}

export interface CountRequest {
  fromMonth: string;
  toMonth: string;
  granularity: StatisticsGranularity;
  /** null = every organisation. */
  organisationIds: string[] | null;
  consent: ConsentFilter;
}

/** The period of a month column, in SQL (the granularity is one of three fixed words). */
export function periodSql(column: string, granularity: StatisticsGranularity): string {
  switch (granularity) {
    case 'month':
      return column;
    case 'quarter':
      return `(left(${column}, 4) || '-Q' || ((substr(${column}, 6, 2)::int + 2) / 3))`;
    case 'year':
      return `left(${column}, 4)`;
  }
}

const PERSON = 'c.person_key, c.organisation_id, c.consented';

/** Each source: its month, the person, their organisation and consent, and the fields of FACT_SOURCES. */
export const FACTS: Record<Exclude<FactSource, 'occupancy'>, string> = {
  cases: `SELECT c.registered_month AS month, ${PERSON}, c.status, c.age_band, c.sex, c.region, c.nationality FROM stats.case_row c WHERE c.new_case`,
  caseExploitation: `SELECT c.registered_month AS month, ${PERSON}, e.exploitation_type
      FROM stats.case_row c
      CROSS JOIN LATERAL unnest(CASE WHEN cardinality(c.exploitation_types) = 0 THEN ARRAY['${NOT_RECORDED}'] ELSE c.exploitation_types END) AS e(exploitation_type)
     WHERE c.new_case`,
  services: `SELECT s.month, ${PERSON}, s.assistance_type FROM stats.service_row s JOIN stats.case_row c ON c.row_key = s.row_key`,
  referrals: `SELECT r.sent_month AS month, ${PERSON}, r.outcome, r.response_band FROM stats.referral_row r JOIN stats.case_row c ON c.row_key = r.row_key`,
  placementEnded: `SELECT p.ended_month AS month, c.person_key, p.organisation_id, c.consented, p.length_band
      FROM stats.placement_row p JOIN stats.case_row c ON c.row_key = p.row_key WHERE p.ended_month IS NOT NULL`,
  enrolmentStarted: `SELECT e.started_month AS month, ${PERSON}, e.completion FROM stats.enrolment_row e JOIN stats.case_row c ON c.row_key = e.row_key`,
  enrolmentOutcome: `SELECT e.outcome_month AS month, ${PERSON}, e.outcome FROM stats.enrolment_row e JOIN stats.case_row c ON c.row_key = e.row_key
     WHERE e.outcome IS NOT NULL AND e.outcome_month IS NOT NULL`,
  followUp: `SELECT f.visited_month AS month, ${PERSON}, f.score_band, f.seq FROM stats.follow_up_row f JOIN stats.case_row c ON c.row_key = f.row_key
     WHERE f.score_band IS NOT NULL`,
};

/** The people of each indicator, with the month that puts them in a period. */
export const INDICATOR_FACTS = `
  WITH services AS (
    SELECT s.month, s.assistance_type, c.person_key, c.organisation_id, c.consented, c.victim, c.returned
      FROM stats.service_row s JOIN stats.case_row c ON c.row_key = s.row_key
     -- The months asked for, here already: a CTE used four times is computed once, with no filter pushed into it.
     WHERE s.month BETWEEN $1 AND $2
  )
  SELECT 'migrants-protected-or-assisted' AS indicator, month, person_key, organisation_id, consented FROM services
  UNION ALL
  SELECT 'migrants-protected-or-assisted', p.started_month, c.person_key, c.organisation_id, c.consented
    FROM stats.placement_row p JOIN stats.case_row c ON c.row_key = p.row_key
  UNION ALL
  SELECT 'victims-of-trafficking-assisted', month, person_key, organisation_id, consented FROM services WHERE victim
  UNION ALL
  SELECT 'voluntary-returns-supported', month, person_key, organisation_id, consented FROM services WHERE assistance_type = 'return'
  UNION ALL
  SELECT 'returning-migrants-post-arrival-assistance', month, person_key, organisation_id, consented FROM services WHERE returned AND assistance_type = 'postArrival'
  UNION ALL
  SELECT 'returning-migrants-reintegration-assistance', month, person_key, organisation_id, consented FROM services WHERE returned AND assistance_type = 'reintegration'
  UNION ALL
  SELECT 'returning-migrants-reintegration-assistance', f.visited_month, c.person_key, c.organisation_id, c.consented
    FROM stats.follow_up_row f JOIN stats.case_row c ON c.row_key = f.row_key WHERE c.returned
  UNION ALL
  SELECT 'vocational-training-completed', e.completed_month, c.person_key, c.organisation_id, c.consented
    FROM stats.enrolment_row e JOIN stats.case_row c ON c.row_key = e.row_key WHERE e.completed_month IS NOT NULL
  UNION ALL
  SELECT 'referrals-completed', r.completed_month, c.person_key, c.organisation_id, c.consented
    FROM stats.referral_row r JOIN stats.case_row c ON c.row_key = r.row_key WHERE r.completed_month IS NOT NULL`;

/**
 * The tables of the projection, all keyed by the case's row key. The projector writes
 * every row of a case together and deletes them together: no foreign key ties them
 * (see migration 1764451000000).
 */
const PROJECTION_TABLES = [
  'case_row',
  'service_row',
  'referral_row',
  'placement_row',
  'enrolment_row',
  'follow_up_row',
] as const;

/** How a column of a projection table is sent: its SQL type, its value, and how the unnested value is turned into the column (when not as it is). */
interface ColumnWrite<Row> {
  type: string;
  value: (row: Row) => unknown;
  select?: (unnested: string) => string;
}
type ColumnsOf<Row> = Record<string, ColumnWrite<Row>>;
type ProjectedColumns = { [Table in keyof ProjectedRows]: ColumnsOf<ProjectedRows[Table][number]> };

const PROJECTION_TABLE_OF: Record<keyof ProjectedRows, (typeof PROJECTION_TABLES)[number]> = {
  cases: 'case_row',
  services: 'service_row',
  referrals: 'referral_row',
  placements: 'placement_row',
  enrolments: 'enrolment_row',
  followUps: 'follow_up_row',
};

const column = <Row>(
  type: string,
  value: (row: Row) => unknown,
  select?: (unnested: string) => string,
): ColumnWrite<Row> => ({ type, value, select });

/** The columns of each projection table, in the order they are inserted. */
const PROJECTED_COLUMNS: ProjectedColumns = {
  cases: {
    row_key: column('bytea', (row) => row.rowKey),
    person_key: column('bytea', (row) => row.personKey),
    organisation_id: column('uuid', (row) => row.organisationId),
    consented: column('boolean', (row) => row.consented),
    new_case: column('boolean', (row) => row.newCase),
    registered_month: column('text', (row) => row.registeredMonth),
    age_band: column('text', (row) => row.ageBand),
    sex: column('text', (row) => row.sex),
    nationality: column('text', (row) => row.nationality),
    region: column('text', (row) => row.region),
    // Arrays of arrays must be rectangular: sent joined (the codes are identifiers, without commas).
    exploitation_types: column(
      'text',
      (row) => row.exploitationTypes.join(','),
      (unnested) => `string_to_array(${unnested}, ',')`,
    ),
    status: column('text', (row) => row.status),
    victim: column('boolean', (row) => row.victim),
    returned: column('boolean', (row) => row.returned),
  },
  services: {
    row_key: column('bytea', (row) => row.rowKey),
    seq: column('integer', (row) => row.seq),
    month: column('text', (row) => row.month),
    assistance_type: column('text', (row) => row.assistanceType),
  },
  referrals: {
    row_key: column('bytea', (row) => row.rowKey),
    seq: column('integer', (row) => row.seq),
    sent_month: column('text', (row) => row.sentMonth),
    outcome: column('text', (row) => row.outcome),
    response_band: column('text', (row) => row.responseBand),
    completed_month: column('text', (row) => row.completedMonth),
  },
  placements: {
    row_key: column('bytea', (row) => row.rowKey),
    seq: column('integer', (row) => row.seq),
    organisation_id: column('uuid', (row) => row.organisationId),
    started_month: column('text', (row) => row.startedMonth),
    first_census_month: column('text', (row) => row.firstCensusMonth),
    last_census_month: column('text', (row) => row.lastCensusMonth),
    ongoing: column('boolean', (row) => row.ongoing),
    ended_month: column('text', (row) => row.endedMonth),
    length_band: column('text', (row) => row.lengthBand),
  },
  enrolments: {
    row_key: column('bytea', (row) => row.rowKey),
    seq: column('integer', (row) => row.seq),
    started_month: column('text', (row) => row.startedMonth),
    completion: column('text', (row) => row.completion),
    completed_month: column('text', (row) => row.completedMonth),
    outcome: column('text', (row) => row.outcome),
    outcome_month: column('text', (row) => row.outcomeMonth),
  },
  followUps: {
    row_key: column('bytea', (row) => row.rowKey),
    seq: column('integer', (row) => row.seq),
    visited_month: column('text', (row) => row.visitedMonth),
    score_band: column('text', (row) => row.scoreBand),
  },
};

/** The source tables of the projection, in the order they are read. */
const SOURCE_KINDS = [
  'cases',
  'services',
  'referrals',
  'placements',
  'enrolments',
  'visits',
] as const satisfies readonly (keyof SourceFacts)[];

/**
 * What the projection reads of the cases that `caseFilter` keeps (given a column that
 * holds a case id, it returns the condition), with dates already cut to months (UTC) or
 * counted in days. The refresh reads a list of cases, the rebuild every case: the same
 * queries, so the two cannot drift apart.
 */
function sourceQueries(caseFilter: (column: string) => string): Record<(typeof SOURCE_KINDS)[number], string> {
  return {
    // The person is the first case of the transfer chain: walked up from transferred cases
    // only (the others are their own first case). The EXISTS tests are planned per case
    // for a list and as one hashed pass for every case.
    cases: `
      WITH RECURSIVE chain AS (
        SELECT c.id AS case_id, p.id AS ancestor, p.transferred_from_case_id AS parent, 1 AS depth
          FROM app."case" c JOIN app."case" p ON p.id = c.transferred_from_case_id
         WHERE ${caseFilter('c.id')} AND c.transferred_from_case_id IS NOT NULL
        UNION ALL
        SELECT chain.case_id, p.id, p.transferred_from_case_id, chain.depth + 1
          FROM chain JOIN app."case" p ON p.id = chain.parent WHERE chain.depth < 100
      ), roots AS (
        SELECT DISTINCT ON (case_id) case_id, ancestor AS root_id FROM chain ORDER BY case_id, depth DESC
      )
      SELECT c.id AS "caseId", COALESCE(r.root_id, c.id) AS "rootId", c.organisation_id AS "organisationId",
             EXISTS (SELECT 1 FROM app.consent s WHERE s.case_id = c.id AND s.purpose = 'statistics' AND app.consent_allows_sharing(s)) AS consented,
             c.transferred_from_case_id IS NULL AS "newCase",
             to_char(c.registered_at AT TIME ZONE 'UTC', 'YYYY-MM') AS "registeredMonth",
             c.age_at_registration AS "ageAtRegistration", c.sex, c.nationality, c.exploitation_types AS "exploitationTypes", c.status,
             c.profile ->> 'traffickingStatus' AS "traffickingStatus",
             (EXISTS (SELECT 1 FROM app.transfer t WHERE t.case_id = c.id AND t.for_return AND t.status = 'accepted')
               OR EXISTS (SELECT 1 FROM app.transfer t WHERE t.received_case_id = c.id AND t.for_return AND t.status = 'accepted')
               OR EXISTS (SELECT 1 FROM app.service_record s WHERE s.case_id = c.id AND s.type = 'return')) AS returned
        FROM app."case" c LEFT JOIN roots r ON r.case_id = c.id
       WHERE ${caseFilter('c.id')}`,
    services: `SELECT case_id AS "caseId", to_char(delivered_on, 'YYYY-MM') AS month, type FROM app.service_record WHERE ${caseFilter('case_id')}`,
    referrals: `
      SELECT case_id AS "caseId", to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM') AS "sentMonth", status,
             CASE WHEN responded_at IS NULL THEN NULL ELSE floor(extract(epoch FROM responded_at - sent_at) / 86400)::int END AS "responseDays",
             to_char(COALESCE(closed_at, responded_at) AT TIME ZONE 'UTC', 'YYYY-MM') AS "closedMonth"
        FROM app.referral WHERE ${caseFilter('case_id')}`,
    // Census day: the 15th. A stay covers it when it began on or before it and had not ended by it.
    placements: `
      SELECT p.case_id AS "caseId", s.organisation_id AS "organisationId", to_char(p.from_date, 'YYYY-MM') AS "startedMonth",
             to_char(CASE WHEN extract(day FROM p.from_date) <= 15 THEN p.from_date ELSE p.from_date + interval '1 month' END, 'YYYY-MM') AS "firstCensusMonth",
             CASE WHEN p.to_date IS NULL THEN NULL
                  ELSE to_char(CASE WHEN extract(day FROM p.to_date) > 15 THEN p.to_date ELSE p.to_date - interval '1 month' END, 'YYYY-MM') END AS "lastCensusMonth",
             to_char(p.to_date, 'YYYY-MM') AS "endedMonth",
             CASE WHEN p.to_date IS NULL THEN NULL ELSE p.to_date - p.from_date END AS "lengthDays"
        FROM app.placement p JOIN app.shelter s ON s.id = p.shelter_id
       WHERE ${caseFilter('p.case_id')}`,
    enrolments: `
      SELECT case_id AS "caseId", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS "startedMonth", status, certificate_obtained AS certificate,
             to_char(COALESCE(completed_at, created_at) AT TIME ZONE 'UTC', 'YYYY-MM') AS "completedMonth", outcome,
             to_char(outcome_recorded_on, 'YYYY-MM') AS "outcomeMonth"
        FROM app.enrolment WHERE ${caseFilter('case_id')}`,
    visits: `
      SELECT case_id AS "caseId", to_char(visited_on, 'YYYY-MM') AS "visitedMonth",
             economic_score AS economic, social_score AS social, psychosocial_score AS psychosocial
        FROM app.follow_up_visit WHERE ${caseFilter('case_id')} AND visited_on IS NOT NULL`,
  };
}

/** Memory for the rebuild's sorts of whole source tables. */
const REBUILD_WORK_MEM = '256MB';

/**
 * A cursor over rows sorted by `caseId`, read in the caller's transaction: hands out
 * the rows up to a given case, keeping the rows read past it for the next call.
 */
class SortedCursor {
  private buffered: { caseId: string }[] = [];
  private exhausted = false;

  constructor(
    private readonly manager: EntityManager,
    private readonly name: string,
  ) {}

  async open(sql: string): Promise<void> {
    await this.manager.query(`DECLARE ${this.name} NO SCROLL CURSOR FOR ${sql}`);
  }

  async fetch(count: number): Promise<{ caseId: string }[]> {
    const rows: { caseId: string }[] = await this.manager.query(`FETCH FORWARD ${count} FROM ${this.name}`);
    if (rows.length < count) this.exhausted = true;
    return rows;
  }

  /** The rows of every case up to `lastCaseId` (case ids compare as PostgreSQL sorts uuids: as lowercase hex). */
  async takeThrough(lastCaseId: string, fetchSize: number): Promise<unknown[]> {
    while (
      !this.exhausted &&
      (this.buffered.length === 0 || this.buffered[this.buffered.length - 1]!.caseId <= lastCaseId)
    ) {
      for (const row of await this.fetch(fetchSize)) this.buffered.push(row);
    }
    let end = 0;
    while (end < this.buffered.length && this.buffered[end]!.caseId <= lastCaseId) end += 1;
    return this.buffered.splice(0, end);
  }

  async close(): Promise<void> {
    await this.manager.query(`CLOSE ${this.name}`);
  }
}

interface GroupedRow {
  grouping_set: 'cell' | 'period' | 'organisation' | 'all';
  period: string | null;
  breakdown: number;
  population: number;
  [field: string]: unknown;
}

/** Memory for the sorts and hashes of one count (the default spills to disk at a million cases: docs/benchmarks.md). */
const COUNT_WORK_MEM = '64MB';

/** Counts and when they were taken. */
export interface Counted<T> {
  value: T;
  countedAt: Date;
}

/** Options of one count. */
export interface CountOptions {
  /** Inside the caller's transaction. */
  manager?: EntityManager;
}

/**
 * The reader and writer of the projection (`stats.*_row`) and of the change queue, and
 * of the privacy ledger; releases are counted and stored by
 * statistics-release.repository.ts. The case tables are read only to project them. The
 * direct counts here (`countTable`, `countIndicators`, `countOverRows`) are the
 * projection's reference counts, used to check its summaries; nothing published comes
 * from them.
 */
@Injectable()
export class StatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs one count with enough memory to sort in memory, in the caller's transaction or one of its own. */
  private countQuery<T>(manager: EntityManager | undefined, sql: string, parameters: unknown[]): Promise<T> {
    if (manager) return manager.query(sql, parameters) as Promise<T>;
    return this.dataSource.transaction(async (transaction) => {
      await transaction.query(`SET LOCAL work_mem = '${COUNT_WORK_MEM}'`);
      return (await transaction.query(sql, parameters)) as T;
    });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // ── Projection ──────────────────────────────────────────────────────────

  /** Runs `work` in a transaction holding the projection lock (waiting for it). */
  withProjectionLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PROJECTION_LOCK]);
      // Short statements over rows found by key: compiling them (JIT, which kicks in on
      // the estimates of the larger tables) costs more than running them.
      await manager.query('SET LOCAL jit = off');
      return work(manager);
    });
  }

  /** Takes up to `limit` queued cases, oldest first; the rows stay locked until the transaction ends. */
  async claimPending(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: { case_id: string }[] = await manager.query(
      `SELECT case_id FROM app.stats_pending ORDER BY queued_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => row.case_id);
  }

  async releasePending(manager: EntityManager, caseIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM app.stats_pending WHERE case_id = ANY($1::uuid[])`, [caseIds]);
  }

  /** Empties the queue of every change committed so far (the rebuild reads them all). */
  async clearPending(): Promise<void> {
    await this.dataSource.query(`DELETE FROM app.stats_pending`);
  }

  async queueAllCases(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO app.stats_pending (case_id) SELECT id FROM app."case" ON CONFLICT (case_id) DO NOTHING`,
    );
  }

  /** How many cases are queued, counting no further than `atMost`. */
  async countPending(atMost: number): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS queued FROM (SELECT 1 FROM app.stats_pending LIMIT $1) queue`,
      [atMost],
    );
    return row.queued as number;
  }

  async hasPending(): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM app.stats_pending) AS pending`);
    return row.pending as boolean;
  }

  async countCases(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS cases FROM app."case"`);
    return row.cases as number;
  }

  /** What the projection needs of these cases, with dates already cut to months (UTC) or counted in days. */
  async loadSources(manager: EntityManager, caseIds: string[]): Promise<SourceFacts> {
    const queries = sourceQueries((column) => `${column} = ANY($1::uuid[])`);
    const facts: Partial<Record<keyof SourceFacts, unknown[]>> = {};
    // One after the other: a transaction is one connection.
    for (const source of SOURCE_KINDS) facts[source] = await manager.query(queries[source], [caseIds]);
    return facts as SourceFacts;
  }

  /**
   * The sources of every case, in case-id order, a chunk of `casesPerChunk` cases at a
   * time (for the rebuild, in the caller's transaction). Each source is read by one
   * cursor over the whole table, sorted once, instead of one lookup per chunk: a chunk
   * of random case ids is spread over every page of the child tables, so reading them
   * chunk by chunk would read each table again for every chunk.
   */
  async *readAllSources(manager: EntityManager, casesPerChunk: number): AsyncGenerator<SourceFacts> {
    // Sorting a million rows of a source table in memory rather than in temporary files;
    // plans for the whole result (a cursor's default is the first tenth), so tables are
    // read in one pass and sorted rather than walked through an index.
    await manager.query(`SET LOCAL work_mem = '${REBUILD_WORK_MEM}'`);
    await manager.query(`SET LOCAL cursor_tuple_fraction = 1`);
    const queries = sourceQueries(() => 'TRUE');
    const cursors = new Map<keyof SourceFacts, SortedCursor>();
    for (const source of SOURCE_KINDS) {
      const cursor = new SortedCursor(manager, `stats_rebuild_${source}`);
      await cursor.open(`SELECT * FROM (${queries[source]}) source ORDER BY "caseId"`);
      cursors.set(source, cursor);
    }
    for (;;) {
      const cases = (await cursors.get('cases')!.fetch(casesPerChunk)) as SourceFacts['cases'];
      if (cases.length === 0) break;
      const last = cases[cases.length - 1]!.caseId;
      const facts: Partial<Record<keyof SourceFacts, unknown[]>> = { cases };
      for (const source of SOURCE_KINDS) {
        if (source !== 'cases') facts[source] = await cursors.get(source)!.takeThrough(last, casesPerChunk * 4);
      }
      yield facts as SourceFacts;
    }
    for (const cursor of cursors.values()) await cursor.close();
  }

  /** Replaces the rows of these cases (keys of deleted cases included) by `rows`. */
  async replaceRows(manager: EntityManager, rowKeys: Buffer[], rows: ProjectedRows): Promise<void> {
    if (rowKeys.length) {
      for (const table of PROJECTION_TABLES)
        await manager.query(`DELETE FROM stats.${table} WHERE row_key = ANY($1::bytea[])`, [rowKeys]);
    }
    await this.insertRows(manager, rows);
  }

  /** Adds rows of cases that have none (the rebuild, after deleteAllRows). */
  async appendRows(manager: EntityManager, rows: ProjectedRows): Promise<void> {
    await this.insertRows(manager, rows);
  }

  /**
   * For the rest of this transaction, the new-case summary is not kept statement by
   * statement (migration 1764452000000): the full rebuild fills it once, with
   * recountSummaries, when every row is in.
   */
  async deferSummaries(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT set_config('stats.summaries_deferred', 'on', true)`);
  }

  /** Fills the summaries from the projection as it is, and keeps them again from here on. */
  async recountSummaries(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT stats.recount_summaries()`);
  }

  async deleteAllRows(manager: EntityManager): Promise<void> {
    for (const table of PROJECTION_TABLES) await manager.query(`DELETE FROM stats.${table}`);
  }

  private async insertRows(manager: EntityManager, rows: ProjectedRows): Promise<void> {
    for (const [table, columns] of Object.entries(PROJECTED_COLUMNS) as [
      keyof ProjectedRows,
      ColumnsOf<ProjectedRows[keyof ProjectedRows][number]>,
    ][]) {
      const records = rows[table] as never[];
      if (records.length === 0) continue;
      // One array per column, unnested into rows: parsed much faster than the same rows as JSON.
      const names = Object.keys(columns);
      const arrays = names.map((name) => records.map((record) => columns[name]!.value(record)));
      const values = names.map((name, index) => columns[name]!.select?.(`u.c${index}`) ?? `u.c${index}`);
      await manager.query(
        `INSERT INTO stats.${PROJECTION_TABLE_OF[table]} (${names.join(', ')})
         SELECT ${values.join(', ')} FROM unnest(${names.map((name, index) => `$${index + 1}::${columns[name]!.type}[]`).join(', ')}) AS u(${names.map((_, index) => `c${index}`).join(', ')})`,
        arrays,
      );
    }
  }

  // ── Counting ────────────────────────────────────────────────────────────

  /**
   * Distinct people per period and combination of values, per period, per period and
   * organisation, and over the whole request, in one pass over the projection.
   * `censusMonths` (occupancy only) gives each period's census month.
   */
  countTable(
    definition: TableDefinition,
    request: CountRequest,
    censusMonths?: Map<string, string | null>,
    options: CountOptions = {},
  ): Promise<Counted<TableCounts>> {
    return counted(this.queryTableCounts(definition, request, censusMonths, options.manager));
  }

  /** Distinct people per indicator and period, per organisation, and over the whole request. */
  countIndicators(request: CountRequest, options: CountOptions = {}): Promise<Counted<IndicatorCounts>> {
    return counted(this.queryIndicatorCounts(request, options.manager));
  }

  private queryTableCounts(
    definition: TableDefinition,
    request: CountRequest,
    censusMonths?: Map<string, string | null>,
    manager?: EntityManager,
  ): Promise<TableCounts> {
    if (definition.source === 'cases' || definition.source === 'caseExploitation')
      return this.sumNewCases(definition, request, manager);
    return this.countOverRows(definition, request, censusMonths, manager);
  }

  /**
   * A new-case table from stats.new_case_count: each person is one new case, so distinct
   * people are the sum of the people of each month and organisation (migration
   * 1764452000000), exactly what countOverRows counts from every case row.
   */
  private async sumNewCases(
    definition: TableDefinition,
    request: CountRequest,
    manager?: EntityManager,
  ): Promise<TableCounts> {
    const fields = definition.dimensions.map((dimension) => dimension.field);
    if (fields.length < 1 || fields.length > 2)
      throw new Error(`${definition.code}: new-case summaries have one or two fields`);
    const rows = await this.countQuery<GroupedRow[]>(
      manager,
      `WITH scoped AS (
         SELECT ${periodSql('month', request.granularity)} AS period, breakdown, organisation_id, consented, value1, value2, people
           FROM stats.new_case_count
          WHERE breakdown IN ($6, 'people') AND month BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR organisation_id = ANY($3::uuid[]))
       )
       SELECT 'cell' AS grouping_set, period, value1, value2,
              COALESCE(SUM(people) FILTER (WHERE $4::boolean OR consented), 0)::int AS breakdown, 0 AS population
         FROM scoped WHERE breakdown = $6
        GROUP BY period, value1, value2
       UNION ALL
       SELECT CASE WHEN GROUPING(period) = 1 THEN 'all' WHEN GROUPING(organisation_id) = 0 THEN 'organisation' ELSE 'period' END,
              period, NULL, NULL, 0, COALESCE(SUM(people) FILTER (WHERE $5::boolean OR consented), 0)::int
         FROM scoped WHERE breakdown = 'people'
        GROUP BY GROUPING SETS ((period), (period, organisation_id), ())`,
      [
        request.fromMonth,
        request.toMonth,
        request.organisationIds,
        request.consent.inBreakdowns,
        request.consent.inTotals,
        fields.join(','),
      ],
    );
    for (const row of rows) {
      row[fields[0]!] = row.value1;
      if (fields[1]) row[fields[1]] = row.value2;
    }
    return groupedCounts(rows, fields);
  }

  /**
   * Distinct people over the projection's rows. Public as the reference the summaries
   * are checked against (tests/api/statistics.spec.ts).
   */
  async countOverRows(
    definition: TableDefinition,
    request: CountRequest,
    censusMonths?: Map<string, string | null>,
    manager?: EntityManager,
  ): Promise<TableCounts> {
    const fields = definition.dimensions.map((dimension) => dimension.field);
    for (const field of fields) {
      if (!(FACT_SOURCES[definition.source] as readonly string[]).includes(field))
        throw new Error(`${definition.code}: ${field} is not a field of ${definition.source}`);
    }
    const organisationFilter = `($3::uuid[] IS NULL OR organisation_id = ANY($3::uuid[]))`;
    let scoped: string;
    const parameters: unknown[] = [
      request.fromMonth,
      request.toMonth,
      request.organisationIds,
      request.consent.inBreakdowns,
      request.consent.inTotals,
    ];
    if (definition.source === 'occupancy') {
      const pairs = [...(censusMonths ?? new Map()).entries()];
      parameters.push(
        pairs.map(([period]) => period),
        pairs.map(([, month]) => month),
      );
      scoped = `
        SELECT census.period, c.person_key, p.organisation_id, c.consented
          FROM unnest($6::text[], $7::text[]) AS census(period, census_month)
          JOIN stats.placement_row p ON p.first_census_month <= census.census_month AND (p.ongoing OR p.last_census_month >= census.census_month)
          JOIN stats.case_row c ON c.row_key = p.row_key
         WHERE $1::text IS NOT NULL AND $2::text IS NOT NULL AND ($3::uuid[] IS NULL OR p.organisation_id = ANY($3::uuid[]))`;
    } else {
      const period = periodSql('month', request.granularity);
      const inRange = `SELECT ${period} AS period, facts.* FROM (${FACTS[definition.source]}) facts WHERE month BETWEEN $1 AND $2 AND ${organisationFilter}`;
      // Reintegration: each person by their latest visit of the period.
      scoped =
        definition.source === 'followUp'
          ? `SELECT DISTINCT ON (person_key, period) * FROM (${inRange}) latest ORDER BY person_key, period, month DESC, seq DESC`
          : inRange;
    }
    const cellSet = fields.length ? `(period, ${fields.join(', ')}),` : '';
    const rows = await this.countQuery<GroupedRow[]>(
      manager,
      `WITH scoped AS (${scoped})
       SELECT CASE WHEN GROUPING(period) = 1 THEN 'all'
                   WHEN GROUPING(organisation_id) = 0 THEN 'organisation'
                   ${fields.length ? `WHEN GROUPING(${fields[0]}) = 0 THEN 'cell'` : ''}
                   ELSE 'period' END AS grouping_set,
              period ${fields.map((field) => `, ${field}`).join('')},
              COUNT(DISTINCT person_key) FILTER (WHERE $4::boolean OR consented)::int AS breakdown,
              COUNT(DISTINCT person_key) FILTER (WHERE $5::boolean OR consented)::int AS population
         FROM scoped
        GROUP BY GROUPING SETS (${cellSet} (period), (period, organisation_id), ())`,
      parameters,
    );
    return groupedCounts(rows, fields);
  }

  private async queryIndicatorCounts(request: CountRequest, manager?: EntityManager): Promise<IndicatorCounts> {
    const rows = await this.countQuery<(GroupedRow & { indicator: string | null })[]>(
      manager,
      `WITH scoped AS (
         SELECT ${periodSql('month', request.granularity)} AS period, facts.*
           FROM (${INDICATOR_FACTS}) facts
          WHERE month BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR organisation_id = ANY($3::uuid[])) AND ($4::boolean OR consented)
       )
       SELECT CASE WHEN GROUPING(indicator) = 1 THEN 'all' WHEN GROUPING(organisation_id) = 0 THEN 'organisation' ELSE 'period' END AS grouping_set,
              indicator, period, COUNT(DISTINCT person_key)::int AS population
         FROM scoped
        GROUP BY GROUPING SETS ((indicator, period), (indicator, period, organisation_id), ())`,
      [request.fromMonth, request.toMonth, request.organisationIds, request.consent.inTotals],
    );
    const values = new Map<string, Map<string, PeriodCounts>>();
    let population = 0;
    for (const row of rows) {
      if (row.grouping_set === 'all') {
        population = row.population;
        continue;
      }
      const byPeriod = values.get(row.indicator!) ?? new Map<string, PeriodCounts>();
      values.set(row.indicator!, byPeriod);
      const counts = byPeriod.get(row.period!) ?? { cells: [], population: 0, organisations: [] };
      byPeriod.set(row.period!, counts);
      if (row.grouping_set === 'organisation') counts.organisations.push(row.population);
      else counts.population = row.population;
    }
    return { values, population };
  }

  /** Beds in the active shelters of these organisations (null = all): infrastructure, not people. */
  async bedCapacity(organisationIds: string[] | null): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT COALESCE(SUM(capacity), 0)::int AS beds FROM app.shelter WHERE active AND ($1::uuid[] IS NULL OR organisation_id = ANY($1::uuid[]))`,
      [organisationIds],
    );
    return row.beds as number;
  }

  /** Organisations that hold cases or shelters, within `organisationIds` (null = all). */
  organisations(organisationIds: string[] | null): Promise<{ organisation: string; label: string }[]> {
    return this.dataSource.query(
      `SELECT o.id AS organisation, o.name AS label
         FROM app.organisation o
        WHERE ($1::uuid[] IS NULL OR o.id = ANY($1::uuid[]))
          AND (o.kind = 'shelter' OR EXISTS (SELECT 1 FROM stats.case_row c WHERE c.organisation_id = o.id))
        ORDER BY o.name`,
      [organisationIds],
    );
  }

  // ── Privacy budget ──────────────────────────────────────────────────────

  /** The epsilon spent in each period, locked until the transaction ends. */
  async lockLedger(manager: EntityManager, periods: string[]): Promise<Record<string, number>> {
    await manager.query(
      `INSERT INTO stats.epsilon_ledger (period) SELECT unnest($1::text[]) ON CONFLICT (period) DO NOTHING`,
      [periods],
    );
    const rows: { period: string; spent: number }[] = await manager.query(
      `SELECT period, spent FROM stats.epsilon_ledger WHERE period = ANY($1::text[]) ORDER BY period FOR UPDATE`,
      [periods],
    );
    return Object.fromEntries(rows.map((row) => [row.period, Number(row.spent)]));
  }

  async recordSpending(manager: EntityManager, spent: Record<string, number>): Promise<void> {
    for (const [period, total] of Object.entries(spent)) {
      await manager.query(
        `UPDATE stats.epsilon_ledger SET spent = $2, releases = releases + 1, updated_at = now() WHERE period = $1`,
        [period, total],
      );
    }
  }
}

/** Counts taken now (in a release's transaction). */
async function counted<T>(value: Promise<T>): Promise<Counted<T>> {
  const countedAt = new Date();
  return { value: await value, countedAt };
}

/** The rows of a grouped count as the counts of each period. */
function groupedCounts(rows: GroupedRow[], fields: string[]): TableCounts {
  const periods = new Map<string, PeriodCounts>();
  const periodOf = (period: string) => {
    let counts = periods.get(period);
    if (!counts) periods.set(period, (counts = { cells: [], population: 0, organisations: [] }));
    return counts;
  };
  let population = 0;
  for (const row of rows) {
    if (row.grouping_set === 'all') population = row.population;
    else if (row.grouping_set === 'organisation') periodOf(row.period!).organisations.push(row.population);
    else if (row.grouping_set === 'cell')
      periodOf(row.period!).cells.push({ key: fields.map((field) => String(row[field])), count: row.breakdown });
    else {
      const counts = periodOf(row.period!);
      counts.population = row.population;
      // A table broken down by period only has its people as its one cell.
      if (!fields.length) counts.cells.push({ key: [], count: row.population });
    }
  }
  return { periods, population };
}
