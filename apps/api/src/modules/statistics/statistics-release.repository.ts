import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { CELL_KEY_MODULUS } from '@haven/disclosure';
import type { StatisticsGranularity } from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { dataSourceOptions } from '../../core/database/data-source-options.js';
import { scopedPostgres } from '../../core/database/scoped-connections.js';
import type { OpenDataFile, OpenDataRecord, OpenDataSource, OpenDataYear } from './open-data.js';
import type { TableDefinition } from './statistics-catalogue.js';
import { FACTS, INDICATOR_FACTS, periodSql, type ConsentFilter } from './statistics.repository.js';

/** Serialises the making of releases (every replica runs the schedule; one release at a time). */
const RELEASE_LOCK = 7_150_102;
/** Memory for the sorts of one release count (the default spills to disk at a million cases: docs/benchmarks.md). */
const RELEASE_WORK_MEM = '256MB';
/** How long a release waits for the standby to replay the projection's latest refresh before giving up (the next look retries). */
const REPLAY_WAIT_MS = 120_000;

/**
 * The record key of a person: the first 52 bits of the projection's keyed person hash
 * (`stats.case_row.person_key`, HMAC of the first case of a transfer chain), so it is
 * fixed for the person, uniform, and unknown without the master key.
 */
const RECORD_KEY = `('x' || substr(encode(person_key, 'hex'), 1, 13))::bit(52)::bigint`;

/** An open-data file as stored with its release: its columns, its rows, and each year's report. */
export interface StoredOpenData {
  fields: string[];
  records: string[][];
  report: { k: number; l: number; byYear: OpenDataYear[] };
}

/** One group of people counted for a release: how many, and the sum of their record keys modulo 2^52 (the cell key). */
export interface KeyedCount {
  /** `all` (the managers' organisations together) or an organisation id. */
  scope: string;
  period: string;
  /** The value of each of the table's fields; null = every value (a total). */
  values: (string | null)[];
  /** People counted in breakdowns, and the sum of their record keys. */
  count: number;
  keySum: string;
  /** People counted in the period's population (consent filter for totals), and their key sum. */
  populationCount: number;
  populationKeySum: string;
}

export interface MonthRange {
  from: string;
  to: string;
  granularity: StatisticsGranularity;
}

export interface StoredRelease {
  id: string;
  kind: 'nightly' | 'monthly' | 'revision';
  label: string;
  cutAt: Date;
  publishedAt: Date;
  epsilon: number | null;
}

export interface FigureRow {
  scope: string;
  subject: string;
  granularity: StatisticsGranularity;
  period: string;
  closed: boolean;
  /** How often the period was counted again after its first publication: 0, or 1 once a revision has counted it. */
  recounts: number;
  figures: unknown;
}

/** Every subset of the fields: the cells, each margin, and the period's total (grouping sets). */
function subsetsOf(fields: string[]): string[][] {
  return fields.reduce<string[][]>(
    (subsets, field) => [...subsets.map((subset) => [...subset, field]), ...subsets],
    [[]],
  );
}

/** Where a release reads the projection (`read`) and where it stores what it counted (`write`, the primary). */
export interface ReleaseConnections {
  read: EntityManager;
  write: EntityManager;
}

/**
 * The only reader and writer of stored releases. Counting for a release reads the
 * projection in the release's snapshot — on the standby of DATABASE_READ_URL when one is
 * configured, so the release's long counts do not load the primary; storing the release,
 * and everything that decides what it counts (the release in force, the privacy ledger),
 * happens on the primary. Serving reads stored figures by key only, on the primary.
 */
@Injectable()
export class StatisticsReleaseRepository implements OnModuleInit, OnModuleDestroy {
  /** The standby's data source, with the same row-level security scoping as the application's. */
  private standby: DataSource | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HAVEN_CONFIG) private readonly config: Pick<HavenConfig, 'databaseReadUrl'>,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.databaseReadUrl) return;
    const options = dataSourceOptions(this.config.databaseReadUrl);
    // A few connections: only releases read there, one at a time.
    this.standby = new DataSource({
      ...options,
      extra: { max: 2, application_name: 'haven-release-read' },
      driver: scopedPostgres(),
    } as typeof options);
    await this.standby.initialize();
  }

  async onModuleDestroy(): Promise<void> {
    await this.standby?.destroy();
  }

  /**
   * Runs `work` holding the release lock, in one REPEATABLE READ transaction on the primary
   * (where the release is written) and, with a standby, one REPEATABLE READ READ ONLY
   * transaction there (where the projection is read): every count of the release sees the
   * same frozen cut of the projection. Without a standby both are the primary's transaction.
   */
  async inSnapshot<T>(work: (connections: ReleaseConnections) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // The lock first, on the connection: a REPEATABLE READ snapshot is taken at the transaction's first
      // statement, and must not predate a release another replica committed while this one waited.
      await runner.query('SELECT pg_advisory_lock($1)', [RELEASE_LOCK]);
      try {
        return await this.inTransaction(runner, false, async (write) => {
          if (!this.standby) return work({ read: write, write });
          await this.untilReplayed(runner);
          const reader = this.standby.createQueryRunner();
          await reader.connect();
          try {
            return await this.inTransaction(reader, true, (read) => work({ read, write }));
          } finally {
            await reader.release();
          }
        });
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RELEASE_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async inTransaction<T>(
    runner: QueryRunner,
    readOnly: boolean,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    await runner.startTransaction('REPEATABLE READ');
    try {
      // Before the first query, which takes the snapshot: a write through the standby's connection fails.
      if (readOnly) await runner.query('SET TRANSACTION READ ONLY');
      await runner.query(`SET LOCAL work_mem = '${RELEASE_WORK_MEM}'`);
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }

  /**
   * Waits until the standby has replayed the primary's WAL up to now, so the release counts the
   * projection as just refreshed on the primary: its staleness is the replay lag at the cut, and
   * the cut waits that long. A server that is not in recovery (the primary itself, read-only by
   * its role or settings) has nothing to replay.
   */
  private async untilReplayed(primary: QueryRunner): Promise<void> {
    const [{ lsn }]: { lsn: string }[] = await primary.query('SELECT pg_current_wal_lsn()::text AS lsn');
    for (const started = Date.now(); ; ) {
      const [replay]: { standby: boolean; replayed: boolean | null }[] = await this.standby!.query(
        'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn() >= $1::pg_lsn AS replayed',
        [lsn],
      );
      if (!replay.standby || replay.replayed) return;
      if (Date.now() - started > REPLAY_WAIT_MS)
        throw new Error(
          `the read standby has not replayed the primary's WAL up to ${lsn} within ${REPLAY_WAIT_MS / 1000} s`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /**
   * Distinct people and their cell keys per period, per combination of the table's
   * values and every margin, for each organisation and for `allOrganisations` together
   * (null = every organisation), in one pass over the projection.
   */
  async countTable(
    manager: EntityManager,
    definition: TableDefinition,
    range: MonthRange,
    allOrganisations: string[] | null,
    consent: ConsentFilter,
    censusMonths?: Map<string, string | null>,
  ): Promise<KeyedCount[]> {
    const fields = definition.dimensions.map((dimension) => dimension.field);
    const parameters: unknown[] = [range.from, range.to, allOrganisations, consent.inBreakdowns, consent.inTotals];
    let scoped: string;
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
         WHERE $1::text IS NOT NULL AND $2::text IS NOT NULL`;
    } else {
      const inRange = `SELECT ${periodSql('month', range.granularity)} AS period, facts.* FROM (${FACTS[definition.source]}) facts WHERE month BETWEEN $1 AND $2`;
      scoped =
        definition.source === 'followUp'
          ? `SELECT DISTINCT ON (person_key, period) * FROM (${inRange}) latest ORDER BY person_key, period, month DESC, seq DESC`
          : inRange;
    }
    const subsets = subsetsOf(fields);
    const sets = [
      ...subsets.map((subset) => `(${['period', 'organisation_id', ...subset].join(', ')})`),
      ...subsets.map((subset) => `(${['period', 'in_all', ...subset].join(', ')})`),
    ];
    const keySum = (filter: string) =>
      `((SUM(DISTINCT record_key) FILTER (WHERE ${filter})) % ${CELL_KEY_MODULUS})::text`;
    const rows: {
      scope: string | null;
      period: string;
      count: number;
      key_sum: string | null;
      population_count: number;
      population_key_sum: string | null;
      [field: string]: unknown;
    }[] = await manager.query(
      `WITH scoped AS (${scoped}),
         keyed AS (SELECT scoped.*, ${RECORD_KEY} AS record_key, ($3::uuid[] IS NULL OR organisation_id = ANY($3::uuid[])) AS in_all FROM scoped)
         SELECT * FROM (
           SELECT CASE WHEN GROUPING(organisation_id) = 0 THEN organisation_id::text WHEN in_all THEN 'all' END AS scope,
                  period ${fields.map((field, index) => `, CASE WHEN GROUPING(${field}) = 1 THEN NULL ELSE ${field}::text END AS f${index}`).join('')},
                  COUNT(DISTINCT person_key) FILTER (WHERE $4::boolean OR consented)::int AS count,
                  ${keySum('$4::boolean OR consented')} AS key_sum,
                  COUNT(DISTINCT person_key) FILTER (WHERE $5::boolean OR consented)::int AS population_count,
                  ${keySum('$5::boolean OR consented')} AS population_key_sum
             FROM keyed
            GROUP BY GROUPING SETS (${sets.join(', ')})
         ) grouped WHERE scope IS NOT NULL`,
      parameters,
    );
    return rows.map((row) => ({
      scope: row.scope!,
      period: row.period,
      values: fields.map((_, index) => (row[`f${index}`] as string | null) ?? null),
      count: row.count,
      keySum: row.key_sum ?? '0',
      populationCount: row.population_count,
      populationKeySum: row.population_key_sum ?? '0',
    }));
  }

  /** Distinct people and their cell keys per indicator and period, per organisation and all together. */
  async countIndicators(
    manager: EntityManager,
    range: MonthRange,
    allOrganisations: string[] | null,
    consent: ConsentFilter,
  ): Promise<(KeyedCount & { indicator: string })[]> {
    const rows: { scope: string | null; indicator: string; period: string; count: number; key_sum: string | null }[] =
      await manager.query(
        `WITH scoped AS (
         SELECT ${periodSql('month', range.granularity)} AS period, facts.* FROM (${INDICATOR_FACTS}) facts
          WHERE month BETWEEN $1 AND $2 AND ($4::boolean OR consented)
       ), keyed AS (SELECT scoped.*, ${RECORD_KEY} AS record_key, ($3::uuid[] IS NULL OR organisation_id = ANY($3::uuid[])) AS in_all FROM scoped)
       SELECT * FROM (
         SELECT CASE WHEN GROUPING(organisation_id) = 0 THEN organisation_id::text WHEN in_all THEN 'all' END AS scope,
                indicator, period, COUNT(DISTINCT person_key)::int AS count,
                ((SUM(DISTINCT record_key)) % ${CELL_KEY_MODULUS})::text AS key_sum
           FROM keyed
          GROUP BY GROUPING SETS ((indicator, period, organisation_id), (indicator, period, in_all))
       ) grouped WHERE scope IS NOT NULL`,
        [range.from, range.to, allOrganisations, consent.inTotals],
      );
    return rows.map((row) => ({
      scope: row.scope!,
      indicator: row.indicator,
      period: row.period,
      values: [],
      count: row.count,
      keySum: row.key_sum ?? '0',
      populationCount: row.count,
      populationKeySum: row.key_sum ?? '0',
    }));
  }

  /** Organisations a release publishes on their own: those holding cases or shelters. */
  async organisationScopes(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT o.id FROM app.organisation o
        WHERE o.kind = 'shelter' OR EXISTS (SELECT 1 FROM stats.case_row c WHERE c.organisation_id = o.id)
        ORDER BY o.id`,
    );
    return rows.map((row) => row.id);
  }

  async latest(manager?: EntityManager): Promise<StoredRelease | null> {
    const [row] = await (manager ?? this.dataSource).query(
      `SELECT id, kind, label, cut_at AS "cutAt", published_at AS "publishedAt", epsilon FROM stats.release ORDER BY published_at DESC, cut_at DESC LIMIT 1`,
    );
    return row ?? null;
  }

  async insertRelease(
    manager: EntityManager,
    release: Omit<StoredRelease, 'id' | 'publishedAt'> & { periodsCounted: number },
  ): Promise<StoredRelease> {
    const [row] = await manager.query(
      `INSERT INTO stats.release (kind, label, cut_at, epsilon, periods_counted, published_at) VALUES ($1, $2, $3, $4, $5, clock_timestamp())
       RETURNING id, kind, label, cut_at AS "cutAt", published_at AS "publishedAt", epsilon`,
      [release.kind, release.label, release.cutAt, release.epsilon, release.periodsCounted],
    );
    return row;
  }

  /** Stores the figures counted by this release (as column arrays unnested into rows). */
  async insertFigures(manager: EntityManager, releaseId: string, rows: FigureRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 2_000) {
      const chunk = rows.slice(start, start + 2_000);
      await manager.query(
        `INSERT INTO stats.release_figure (release_id, counted_in, scope, subject, granularity, period, closed, recounts, figures)
         SELECT $1, $1, u.scope, u.subject, u.granularity, u.period, u.closed, u.recounts, u.figures::jsonb
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::smallint[], $8::text[])
             AS u(scope, subject, granularity, period, closed, recounts, figures)`,
        [
          releaseId,
          chunk.map((row) => row.scope),
          chunk.map((row) => row.subject),
          chunk.map((row) => row.granularity),
          chunk.map((row) => row.period),
          chunk.map((row) => row.closed),
          chunk.map((row) => row.recounts),
          chunk.map((row) => JSON.stringify(row.figures)),
        ],
      );
    }
  }

  /** Copies, unchanged, the figures of the periods a release does not count again: closed periods before `before` (per granularity). */
  async copyClosed(
    manager: EntityManager,
    fromRelease: string,
    toRelease: string,
    before: Record<StatisticsGranularity, string>,
    windowStart: Record<StatisticsGranularity, string>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO stats.release_figure (release_id, counted_in, scope, subject, granularity, period, closed, recounts, figures)
       SELECT $2, f.counted_in, f.scope, f.subject, f.granularity, f.period, f.closed, f.recounts, f.figures
         FROM stats.release_figure f
         JOIN unnest($3::text[], $4::text[], $5::text[]) AS b(granularity, before, window_start) ON b.granularity = f.granularity
        WHERE f.release_id = $1 AND f.closed AND f.period < b.before AND f.period >= b.window_start`,
      [
        fromRelease,
        toRelease,
        Object.keys(before),
        Object.values(before),
        Object.keys(before).map((granularity) => windowStart[granularity as StatisticsGranularity]),
      ],
    );
  }

  /** How often each period of a release was counted again after its first publication (`granularity|period` → 0 or 1). */
  async recountsOf(manager: EntityManager, releaseId: string): Promise<Map<string, number>> {
    const rows: { granularity: string; period: string; recounts: number }[] = await manager.query(
      `SELECT granularity, period, max(recounts)::int AS recounts FROM stats.release_figure WHERE release_id = $1 GROUP BY 1, 2`,
      [releaseId],
    );
    return new Map(rows.map((row) => [`${row.granularity}|${row.period}`, row.recounts]));
  }

  /** Copies, unchanged, the figures of periods a revision has already counted again (from `windowStart`, per granularity). */
  async copyRevised(
    manager: EntityManager,
    fromRelease: string,
    toRelease: string,
    windowStart: Record<StatisticsGranularity, string>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO stats.release_figure (release_id, counted_in, scope, subject, granularity, period, closed, recounts, figures)
       SELECT $2, f.counted_in, f.scope, f.subject, f.granularity, f.period, f.closed, f.recounts, f.figures
         FROM stats.release_figure f
         JOIN unnest($3::text[], $4::text[]) AS b(granularity, window_start) ON b.granularity = f.granularity
        WHERE f.release_id = $1 AND f.recounts > 0 AND f.period >= b.window_start`,
      [fromRelease, toRelease, Object.keys(windowStart), Object.values(windowStart)],
    );
  }

  /** Removes nightly releases older than the latest `keep` releases (monthly releases and revisions stay, for reproducibility). */
  async prune(manager: EntityManager, keep: number): Promise<void> {
    await manager.query(
      `DELETE FROM stats.release WHERE kind = 'nightly' AND id NOT IN (SELECT id FROM stats.release ORDER BY published_at DESC LIMIT $1)`,
      [keep],
    );
  }

  /**
   * What the open-data export reads of each person (her first case: the one not received by
   * transfer), when every case of hers has a statistics consent, she was registered before
   * `beforeMonth` and her first case is in `allOrganisations` (null = every organisation).
   * The consent rule is the export's own: the `withoutConsent` mode of the tables never applies.
   */
  async openDataSources(
    manager: EntityManager,
    beforeMonth: string,
    allOrganisations: string[] | null,
  ): Promise<OpenDataSource[]> {
    return manager.query(
      `SELECT registered_month AS "registeredMonth", sex, age_band AS "ageBand", nationality, exploitation_types AS "exploitationTypes"
         FROM (SELECT DISTINCT ON (person_key) *, bool_and(consented) OVER (PARTITION BY person_key) AS every_case_consented
                 FROM stats.case_row ORDER BY person_key, new_case DESC, registered_month, row_key) person
        WHERE every_case_consented AND registered_month < $1 AND ($2::uuid[] IS NULL OR organisation_id = ANY($2::uuid[]))`,
      [beforeMonth, allOrganisations],
    );
  }

  async insertOpenData(
    manager: EntityManager,
    releaseId: string,
    fields: readonly string[],
    file: OpenDataFile,
    thresholds: { k: number; l: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO stats.release_open_data (release_id, fields, records, report) VALUES ($1, $2, $3::jsonb, $4::jsonb)`,
      [
        releaseId,
        fields,
        JSON.stringify(file.records.map((record) => fields.map((field) => record[field as keyof OpenDataRecord]))),
        JSON.stringify({ ...thresholds, byYear: file.years }),
      ],
    );
  }

  /**
   * The open-data export stored with a release (null for a release made before exports were
   * stored, or before they were made year by year: the next release has one).
   */
  async openData(releaseId: string): Promise<StoredOpenData | null> {
    const [row] = await this.dataSource.query(
      `SELECT fields, records, report FROM stats.release_open_data WHERE release_id = $1 AND report ? 'byYear'`,
      [releaseId],
    );
    return row ?? null;
  }

  /**
   * The latest stored open-data file made year by year, whose years a new release copies:
   * the release in force's, or an earlier one's when the release in force has none (made
   * with differential privacy). Files made before years were frozen are not read.
   */
  async latestOpenData(manager: EntityManager): Promise<StoredOpenData | null> {
    const [row] = await manager.query(
      `SELECT d.fields, d.records, d.report FROM stats.release_open_data d JOIN stats.release r ON r.id = d.release_id
        WHERE d.report ? 'byYear' ORDER BY r.published_at DESC, r.cut_at DESC LIMIT 1`,
    );
    return row ?? null;
  }

  /** The stored figures of one subject, scope and granularity for these periods: a lookup by key. */
  async figures(
    releaseId: string,
    scope: string,
    subject: string,
    granularity: StatisticsGranularity,
    periods: string[],
  ): Promise<Map<string, unknown>> {
    const rows: { period: string; figures: unknown }[] = await this.dataSource.query(
      `SELECT period, figures FROM stats.release_figure WHERE release_id = $1 AND scope = $2 AND subject = $3 AND granularity = $4 AND period = ANY($5::text[])`,
      [releaseId, scope, subject, granularity, periods],
    );
    return new Map(rows.map((row) => [row.period, row.figures]));
  }
}
