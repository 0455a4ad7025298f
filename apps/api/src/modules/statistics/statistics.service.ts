import { Inject, Injectable } from '@nestjs/common';
import { scopeOf } from '@haven/access';
import {
  MAX_DIMENSIONS,
  MAX_PERTURBATION,
  WITHHELD_DISPLAY,
  neutraliseCell,
  smallCountDisplay,
} from '@haven/disclosure';
import {
  STATISTICS_GRANULARITIES,
  STATISTICS_TEXTS,
  fillStatisticsNote,
  statisticsLanguage,
  type IndicatorReport,
  type OpenDataReport,
  type PublishedFigure,
  type PublishedStatisticsTable,
  type StatisticsCatalogue,
  type StatisticsDownloadQuery,
  type StatisticsQuery,
  type StatisticsLanguage,
  type StatisticsRelease,
} from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { AuditService, type AuditAction } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import type { Download } from '../../core/http/download.js';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  HavenError,
  NotFoundError,
} from '../../core/errors/problem.js';
import { PublishedAnswers, serialised, type SerialisedAnswer } from './published-answers.js';
import { ReleaseInForce } from './release-in-force.js';
import { INDICATORS, TABLES, tableDefinition, type TableDefinition } from './statistics-catalogue.js';
import { indicatorRows, tableRows, toCsv, toXlsx } from './statistics.mapper.js';
import { MAX_PERIODS, lastMonthOf, monthOfDate, periodRange, type PeriodRange } from './statistics-publisher.js';
import {
  ALL_SCOPE,
  INDICATOR_SUBJECT,
  tableSlice,
  type IndicatorSlice,
  type TableSlice,
} from './statistics-release.js';
import { StatisticsReleaseRepository, type StoredRelease } from './statistics-release.repository.js';
import { StatisticsRepository, type ConsentFilter } from './statistics.repository.js';

/** The audit action of every download (category `system`: it concerns no case). */
const EXPORTED: AuditAction = 'statistics.exported';
/**
 * Memory for answers already built from the release in force. Every table and the
 * indicators over their default periods, by month, quarter and year, for all
 * organisations and each of five, is about 250 answers of 16 kB on average (the
 * nationality table by month, the largest, about 230 kB): a few megabytes. The bound
 * leaves room for other periods asked for, and evicts the least recently used beyond it.
 */
const PUBLISHED_ANSWER_BYTES = 64 * 1024 * 1024;

/** What a request may read: the managers' organisations together (`all`) or one organisation. */
interface Scope {
  key: string;
  /** The organisations it covers (null = every organisation), for the beds of occupancy. */
  organisationIds: string[] | null;
}

/**
 * Statistics for managers (the organisations configured for them together, or one of
 * them) and supervisors (their own organisation): fixed tables and indicators served
 * from the latest stored release (statistics-releases.service.ts). A request never
 * counts: it looks the published figures up, so everyone with the same scope gets the
 * same figures, and a change made today shows in the next release only. Downloads hold
 * the same figures and are audited.
 */
@Injectable()
export class StatisticsService {
  private readonly answers = new PublishedAnswers<SerialisedAnswer>(PUBLISHED_ANSWER_BYTES);

  constructor(
    private readonly repository: StatisticsRepository,
    private readonly releases: StatisticsReleaseRepository,
    private readonly inForce: ReleaseInForce,
    private readonly audit: AuditService,
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
  ) {}

  private get settings() {
    return this.config.statistics;
  }

  /** The tables and indicators, their words in `language` (statistics-texts.ts in libs/contracts). */
  async catalogue(caller: Caller, language: StatisticsLanguage = 'en'): Promise<StatisticsCatalogue> {
    const texts = STATISTICS_TEXTS[language];
    const organisations = this.allowedOrganisations(caller);
    const defaults = periodRange({ granularity: 'quarter' }, new Date());
    const release = await this.inForce.get();
    return {
      tables: TABLES.map((table) => ({
        table: table.code,
        ...texts.tables[table.code],
        dimensions: [
          { dimension: 'period', values: [] },
          ...table.dimensions.map((dimension) => ({ dimension: dimension.dimension, values: [...dimension.values] })),
        ],
        percentages: table.percentages,
      })),
      indicators: INDICATORS.map((indicator) => ({
        indicator: indicator.code,
        ...texts.indicators[indicator.code],
      })),
      organisations: await this.repository.organisations(organisations),
      granularities: [...STATISTICS_GRANULARITIES],
      defaults: { from: defaults.from, to: defaults.to, granularity: defaults.granularity },
      controls: {
        k: this.settings.minCellSize,
        maxPerturbation: MAX_PERTURBATION,
        maxDimensions: MAX_DIMENSIONS,
        maxPeriods: MAX_PERIODS,
        epsilonPerRelease: this.settings.epsilonPerRelease,
        withoutConsent: this.settings.withoutConsent,
      },
      release: release ? releaseOf(release) : null,
    };
  }

  /** One table as published (the object; downloads and tests). */
  async table(
    caller: Caller,
    code: string,
    query: StatisticsQuery,
    acceptLanguage?: string,
  ): Promise<PublishedStatisticsTable> {
    const answer = await this.tableJson(caller, code, query, acceptLanguage);
    return JSON.parse(answer.body.toString('utf8')) as PublishedStatisticsTable;
  }

  /**
   * One table as published, as the JSON text sent: built once per release, scope, table
   * and periods (published-answers.ts), then served as it is — a request reads the
   * release in force and nothing else (the beds of occupancy, which are not in a
   * release, excepted).
   */
  async tableJson(
    caller: Caller,
    code: string,
    query: StatisticsQuery,
    acceptLanguage?: string,
  ): Promise<SerialisedAnswer> {
    const language = statisticsLanguage(query.language, acceptLanguage);
    const definition = tableDefinition(code);
    if (!definition) throw new NotFoundError('No such statistics table.');
    const scope = this.scopeOf(caller, query.organisationIds);
    const range = periodRange(query, new Date());
    const release = await this.currentRelease();
    const key = `table|${definition.code}|${scope.key}|${range.granularity}|${range.from}|${range.to}|${language}`;
    if (definition.source === 'occupancy') {
      // Beds are today's, not the release's: read on each request, so this table is built each time.
      const table = await this.buildTable(definition, scope, range, release, language);
      const occupancy = await this.occupancy(
        scope.organisationIds,
        table.cells.map((cell) => ({ period: cell.key[0]!, value: cell.value })),
      );
      // Built for this one request: not worth compressing.
      return serialised({ ...table, occupancy }, false);
    }
    let answer = this.answers.get(release.id, key);
    if (!answer) {
      answer = serialised(await this.buildTable(definition, scope, range, release, language));
      this.answers.set(release.id, key, answer);
    }
    return answer;
  }

  private async buildTable(
    definition: TableDefinition,
    scope: Scope,
    range: PeriodRange,
    release: StoredRelease,
    language: StatisticsLanguage,
  ): Promise<PublishedStatisticsTable> {
    const stored = await this.releases.figures(
      release.id,
      scope.key,
      definition.code,
      range.granularity,
      range.periods,
    );
    const dimensions = ['period', ...definition.dimensions.map((dimension) => dimension.dimension)];
    const withPercentages = definition.percentages !== null;
    const cells: PublishedFigure[] = [];
    const totals: PublishedFigure[] = [];
    const population: PublishedFigure[] = [];
    const openPeriods = range.periods.filter((period) => !stored.has(period) && isOpenAt(period, release));
    const withheldPeriods = range.periods.filter((period) => !stored.has(period) && !isOpenAt(period, release));
    for (const period of range.periods) {
      let slice = stored.get(period) as TableSlice | undefined;
      if (!slice)
        slice = withheldSlice(
          tableSlice(definition, period, [], () => ({ value: 0, display: '0', suppressed: false }), scope.key),
          withPercentages,
        );
      cells.push(...slice.cells);
      totals.push(...slice.totals);
      population.push(...slice.population);
    }
    return {
      table: definition.code,
      ...STATISTICS_TEXTS[language].tables[definition.code],
      from: range.from,
      to: range.to,
      granularity: range.granularity,
      periods: range.periods,
      dimensions,
      cells,
      totals,
      population,
      withheldPeriods,
      openPeriods,
      percentages: definition.percentages,
      ...this.controlsOf(release),
      release: releaseOf(release),
    };
  }

  /** The indicator report as published (the object; downloads and tests). */
  async indicators(caller: Caller, query: StatisticsQuery, acceptLanguage?: string): Promise<IndicatorReport> {
    return JSON.parse(
      (await this.indicatorsJson(caller, query, acceptLanguage)).body.toString('utf8'),
    ) as IndicatorReport;
  }

  /** The indicator report as the JSON text sent, built once per release, scope and periods (as `tableJson`). */
  async indicatorsJson(caller: Caller, query: StatisticsQuery, acceptLanguage?: string): Promise<SerialisedAnswer> {
    const language = statisticsLanguage(query.language, acceptLanguage);
    const scope = this.scopeOf(caller, query.organisationIds);
    const range = periodRange(query, new Date());
    const release = await this.currentRelease();
    const key = `indicators|${scope.key}|${range.granularity}|${range.from}|${range.to}|${language}`;
    let answer = this.answers.get(release.id, key);
    if (!answer) {
      answer = serialised(await this.buildIndicators(scope, range, release, language));
      this.answers.set(release.id, key, answer);
    }
    return answer;
  }

  private async buildIndicators(
    scope: Scope,
    range: PeriodRange,
    release: StoredRelease,
    language: StatisticsLanguage,
  ): Promise<IndicatorReport> {
    const stored = await this.releases.figures(
      release.id,
      scope.key,
      INDICATOR_SUBJECT,
      range.granularity,
      range.periods,
    );
    const openPeriods = range.periods.filter((period) => !stored.has(period) && isOpenAt(period, release));
    const withheldPeriods = range.periods.filter((period) => !stored.has(period) && !isOpenAt(period, release));
    return {
      from: range.from,
      to: range.to,
      granularity: range.granularity,
      periods: range.periods,
      indicators: INDICATORS.map((indicator) => ({
        indicator: indicator.code,
        ...STATISTICS_TEXTS[language].indicators[indicator.code],
        values: range.periods.map(
          (period) => (stored.get(period) as IndicatorSlice | undefined)?.[indicator.code] ?? withheld([period], false),
        ),
      })),
      withheldPeriods,
      openPeriods,
      ...this.controlsOf(release),
      release: releaseOf(release),
    };
  }

  /** One table as a file: a label column in the request's language beside each code column. */
  async downloadTable(
    caller: Caller,
    code: string,
    query: StatisticsDownloadQuery,
    acceptLanguage?: string,
  ): Promise<Download> {
    const { format, ...filters } = query;
    const language = statisticsLanguage(query.language, acceptLanguage);
    const table = await this.table(caller, code, { ...filters, language });
    const notes = STATISTICS_TEXTS[language].notes;
    const about: [string, string][] = [
      [notes.labels.table, table.title],
      [notes.labels.description, table.description],
      [notes.labels.periods, periodsNote(language, table)],
      ...this.aboutControls(language, table),
    ];
    return this.download(caller, `statistics-${table.table}`, table, tableRows(table, language), format, about);
  }

  async downloadIndicators(caller: Caller, query: StatisticsDownloadQuery, acceptLanguage?: string): Promise<Download> {
    const { format, ...filters } = query;
    const language = statisticsLanguage(query.language, acceptLanguage);
    const report = await this.indicators(caller, { ...filters, language });
    const notes = STATISTICS_TEXTS[language].notes;
    const about: [string, string][] = [
      [notes.labels.report, notes.indicatorsReport],
      [notes.labels.periods, periodsNote(language, report)],
      ...this.aboutControls(language, report),
    ];
    return this.download(caller, 'statistics-indicators', report, indicatorRows(report), format, about);
  }

  /**
   * The open-data export of the release in force (docs/architecture.md, "Open data"), as
   * stored with it: a lookup of frozen records, k-anonymous, of consenting people only.
   * For managers only — it is made for the global data hub and covers every organisation
   * of theirs together; a supervisor's statistics stay their own organisation's tables.
   */
  async openDataCsv(caller: Caller): Promise<Download> {
    const { release, stored } = await this.openData(caller);
    const rows = [stored.fields, ...stored.records].map((row) => row.map(neutraliseCell));
    await this.audit.record(caller, {
      action: EXPORTED,
      category: 'system',
      subject: { type: 'StatisticsTable', id: 'open-data' },
    });
    return {
      filename: `open-data_${new Date(release.cutAt).toISOString().slice(0, 10)}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(toCsv(rows), 'utf8'),
    };
  }

  /**
   * What the open-data export in force generalised and suppressed, year by year. A count of
   * 1…k−1 shows `<k`, as a small figure of the tables does (a suppressed record is a person
   * the file leaves out for being rare: how many is itself about few people); the records
   * that went in, which the file's own rows plus the suppressed would give, then show only
   * as below the file's rows plus k.
   */
  async openDataReport(caller: Caller): Promise<OpenDataReport> {
    const { release, stored } = await this.openData(caller);
    const { k, l, byYear } = stored.report;
    const years = byYear.map((entry) => entry.year);
    const small = (value: number) =>
      value > 0 && value < k ? { value: null, display: smallCountDisplay(k) } : { value, display: String(value) };
    return {
      release: releaseOf(release),
      fields: stored.fields,
      k,
      l,
      years: { from: years[0] ?? null, to: years.at(-1) ?? null },
      recordsOut: stored.records.length,
      byYear: byYear.map(({ year, firstPublished, report }) => ({
        year,
        firstPublished,
        recordsIn:
          report.suppressed > 0 && report.suppressed < k
            ? { value: null, display: `<${report.recordsOut + k}` }
            : small(report.recordsIn),
        recordsOut: report.recordsOut,
        suppressed: small(report.suppressed),
        classesSuppressed: small(report.classesSuppressed),
        generalisation: report.generalisation.map((applied) => ({ ...applied, fields: [...applied.fields] })),
      })),
    };
  }

  private async openData(caller: Caller) {
    const scope = scopeOf(caller.ability, 'read', 'Statistics');
    if (!scope.some((filter) => Object.keys(filter).length === 0))
      throw new ForbiddenError('The open-data export covers every organisation: it is for managers.');
    // With differential privacy every figure is held to the privacy budget; a record-level file would not be.
    if (this.settings.epsilonPerRelease !== null)
      throw new ConflictError(
        'The statistics are published with differential privacy: there is no open-data file, as record-level data would publish people outside the privacy budget.',
      );
    const release = await this.currentRelease();
    if (release.epsilon !== null)
      throw new ConflictError(
        'The release in force was published with differential privacy: it has no open-data file, as record-level data would publish people outside the privacy budget.',
      );
    const stored = await this.releases.openData(release.id);
    if (!stored)
      throw new NotFoundError('The release in force has no open-data export: the next release will have one.');
    return { release, stored };
  }

  private async download(
    caller: Caller,
    name: string,
    published: { from: string; to: string },
    rows: string[][],
    format: StatisticsDownloadQuery['format'],
    about: [string, string][],
  ): Promise<Download> {
    const filename = `${name}_${published.from}_${published.to}.${format}`;
    const body = format === 'csv' ? Buffer.from(toCsv(rows, about), 'utf8') : await toXlsx(rows, about);
    await this.audit.record(caller, {
      action: EXPORTED,
      category: 'system',
      subject: { type: 'StatisticsTable', id: name },
    });
    return {
      filename,
      contentType:
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body,
    };
  }

  /** The notes on how the figures were protected, in the file's language (the statistics texts' `notes`). */
  private aboutControls(
    language: StatisticsLanguage,
    published: {
      k: number;
      maxPerturbation: number;
      epsilon: number | null;
      withoutConsent: PublishedStatisticsTable['withoutConsent'];
      withheldPeriods: string[];
      openPeriods: string[];
      release: StatisticsRelease;
    },
  ): [string, string][] {
    const notes = STATISTICS_TEXTS[language].notes;
    const periods = (list: string[]) => list.join(', ') || notes.none;
    return [
      [
        notes.labels.release,
        fillStatisticsNote(notes.release, { label: published.release.label, cutAt: published.release.cutAt }),
      ],
      [
        notes.labels.method,
        published.epsilon === null
          ? fillStatisticsNote(notes.cellKeyMethod, { maxPerturbation: published.maxPerturbation })
          : fillStatisticsNote(notes.differentialPrivacy, { epsilon: published.epsilon }),
      ],
      [
        notes.labels.smallGroups,
        fillStatisticsNote(notes.smallGroups, { display: smallCountDisplay(published.k), k: published.k }),
      ],
      [notes.labels.totals, notes.totals],
      [
        notes.labels.notYetEnded,
        fillStatisticsNote(notes.notYetEnded, { periods: periods(published.openPeriods), withheld: WITHHELD_DISPLAY }),
      ],
      [
        notes.labels.withheld,
        fillStatisticsNote(notes.withheld, { withheld: WITHHELD_DISPLAY, periods: periods(published.withheldPeriods) }),
      ],
      [notes.labels.countedIn, notes.countedIn],
      [notes.labels.withoutConsent, notes.withoutConsent[published.withoutConsent]],
    ];
  }

  private controlsOf(release: StoredRelease) {
    return {
      k: this.settings.minCellSize,
      maxPerturbation: MAX_PERTURBATION,
      epsilon: release.epsilon,
      withoutConsent: this.settings.withoutConsent,
    };
  }

  private async currentRelease(): Promise<StoredRelease> {
    // Kept in memory while release changes are announced (release-in-force.ts); read otherwise.
    const release = await this.inForce.get();
    if (!release)
      throw new HavenError(
        503,
        'No statistics release yet',
        'The first statistics release has not been made yet. It is made a few minutes after start, then once each month has ended.',
      );
    return release;
  }

  /** The organisations within the caller's statistics scope (libs/access); null = every organisation. */
  private allowedOrganisations(caller: Caller): string[] | null {
    const scope = scopeOf(caller.ability, 'read', 'Statistics');
    if (scope.length === 0) throw new ForbiddenError();
    const unrestricted = scope.some((filter) => Object.keys(filter).length === 0);
    return unrestricted ? this.settings.managerOrganisationIds : scope.map((filter) => String(filter.organisationId));
  }

  /**
   * The published scope a request reads. Releases publish the managers' organisations
   * together and each organisation alone — no other grouping, so no two groupings differ
   * by a small organisation's people — and a request names one of them: nothing, all of
   * its organisations, or one organisation. Any other selection is refused with the
   * nearest ones that are published.
   */
  scopeOf(caller: Caller, requested?: string[]): Scope {
    const allowed = this.allowedOrganisations(caller);
    const asked = requested ? [...new Set(requested)] : undefined;
    const outside = (asked ?? []).filter((id) => allowed !== null && !allowed.includes(id));
    if (outside.length)
      throw new ForbiddenError('Some of the organisations asked for are outside the statistics you may see.');
    const whole = allowed === null || allowed.length > 1;
    if (!asked || (allowed !== null && asked.length === allowed.length)) {
      return whole ? { key: ALL_SCOPE, organisationIds: allowed } : { key: allowed[0]!, organisationIds: allowed };
    }
    if (asked.length === 1) return { key: asked[0]!, organisationIds: asked };
    throw new BadRequestError('Statistics are published for one organisation or for all of them together.', [
      { field: 'organisationIds', message: 'Choose one organisation, or all of them (leave the organisations out)' },
    ]);
  }

  private async occupancy(organisationIds: string[] | null, counts: { period: string; value: number | null }[]) {
    const beds = await this.repository.bedCapacity(organisationIds);
    return counts.map(({ period, value }) => ({
      period,
      bedCapacity: beds,
      occupancyRate: value === null || beds === 0 ? null : Math.round((value * 1000) / beds) / 10,
    }));
  }
}

/** A period that had not ended when the release was cut: never in it (published by the first release after it ends). */
function isOpenAt(period: string, release: StoredRelease): boolean {
  return lastMonthOf(period) >= monthOfDate(new Date(release.cutAt));
}

function releaseOf(release: StoredRelease): StatisticsRelease {
  return { kind: release.kind, label: release.label, cutAt: new Date(release.cutAt).toISOString() };
}

/** A figure of a period the release holds nothing for. */
function withheld(key: (string | null)[], percentages: boolean): PublishedFigure {
  return {
    key,
    value: null,
    display: WITHHELD_DISPLAY,
    suppressed: true,
    ...(percentages ? { percentage: null } : {}),
  };
}

function withheldSlice(slice: TableSlice, percentages: boolean): TableSlice {
  return {
    cells: slice.cells.map((figure) => withheld(figure.key, percentages)),
    totals: slice.totals.map((figure) => withheld(figure.key, percentages)),
    population: slice.population.map((figure) => withheld(figure.key, false)),
  };
}

/** Cases without a statistics consent: in breakdowns only with `include`; in totals unless `exclude`. */
export function consentFilter(mode: HavenConfig['statistics']['withoutConsent'], hasBreakdown: boolean): ConsentFilter {
  const inTotals = mode !== 'exclude';
  // A table broken down by period only has no breakdown: its one figure per period is a total.
  return { inBreakdowns: mode === 'include' || (!hasBreakdown && inTotals), inTotals };
}

/** "2026-01 to 2026-06, by month", in the file's language. */
function periodsNote(
  language: StatisticsLanguage,
  range: { from: string; to: string; granularity: PublishedStatisticsTable['granularity'] },
): string {
  const notes = STATISTICS_TEXTS[language].notes;
  return fillStatisticsNote(notes.periods, {
    from: range.from,
    to: range.to,
    granularity: notes.granularities[range.granularity],
  });
}

/**
 * The census month of each period: its last month, or the latest month whose census day
 * (the 15th) has passed; null for a period whose first census day is still to come.
 */
export function censusMonths(range: PeriodRange, today: Date): Map<string, string | null> {
  const current = monthOfDate(today);
  const [year, month] = current.split('-').map(Number) as [number, number];
  const latest =
    today.getUTCDate() >= 15
      ? current
      : month === 1
        ? `${year - 1}-12`
        : `${year}-${String(month - 1).padStart(2, '0')}`;
  return new Map(
    range.periods.map((period) => {
      const last = lastMonthOf(period);
      const first =
        range.granularity === 'month'
          ? period
          : range.granularity === 'quarter'
            ? monthShift(last, -2)
            : `${period}-01`;
      const census = last <= latest ? last : first <= latest ? latest : null;
      return [period, census];
    }),
  );
}

function monthShift(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
