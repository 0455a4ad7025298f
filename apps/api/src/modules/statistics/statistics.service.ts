import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { scopeOf } from '@haven/access';
import {
  BudgetExhaustedError,
  DisclosureError,
  EpsilonLedger,
  MAX_DIMENSIONS,
  PROTECTED_DISPLAY,
  PopulationBelowThresholdError,
  WITHHELD_DISPLAY,
  smallCountDisplay,
} from '@haven/disclosure';
import {
  STATISTICS_GRANULARITIES,
  type IndicatorReport,
  type PublishedStatisticsTable,
  type StatisticsCatalogue,
  type StatisticsDownloadQuery,
  type StatisticsQuery,
} from '@haven/contracts';
import type { EntityManager } from 'typeorm';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { AuditService, type AuditAction } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError, ForbiddenError, HavenError, NotFoundError } from '../../core/errors/problem.js';
import { INDICATORS, TABLES, tableDefinition } from './statistics-catalogue.js';
import { indicatorRows, tableRows, toCsv, toXlsx } from './statistics.mapper.js';
import { StatisticsProjector } from './statistics-projector.service.js';
import {
  MAX_PERIODS,
  lastMonthOf,
  monthOfDate,
  periodRange,
  publishIndicators,
  publishPeriods,
  yearOf,
  type Controls,
  type PeriodRange,
} from './statistics-publisher.js';
import { StatisticsRepository, type ConsentFilter, type CountRequest } from './statistics.repository.js';

/** The audit action of every download (category `system`: it concerns no case). */
const EXPORTED: AuditAction = 'statistics.exported';

export interface Download {
  filename: string;
  contentType: string;
  body: Buffer;
}

/**
 * Statistics for managers (the organisations configured for them, or all) and
 * supervisors (their own organisation): fixed tables and indicators over the
 * anonymised projection, every figure through libs/disclosure (statistics-publisher.ts
 * says what is added on top), downloads audited.
 */
@Injectable()
export class StatisticsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Statistics');

  constructor(
    private readonly repository: StatisticsRepository,
    private readonly projector: StatisticsProjector,
    private readonly audit: AuditService,
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
  ) {}

  private get settings() {
    return this.config.statistics;
  }

  /**
   * Where the projection is refreshed in the background (not in tests or the command-line
   * tools), the managers' default dashboard is counted at start and again after a
   * background refresh that changed the projection, so that managers find it counted.
   */
  onApplicationBootstrap(): void {
    if (this.settings.refreshIntervalSeconds <= 0) return;
    this.projector.onProjectionChanged(() => this.warmAfterChange());
    void this.warmDefaultDashboard();
  }

  private lastWarmAfterChange = Number.NEGATIVE_INFINITY;

  /**
   * At a million cases a recount of the whole dashboard is seconds of the database's
   * time, and while cases are registered every refresh changes the projection: counting
   * after each (every minute) kept a core busy in bursts, in the middle of case work.
   * Recounted at most once per half the staleness bound (at least a minute): managers
   * are served counts no older than the bound whatever this does (a request recounts
   * what is older); this only decides how often they find them counted ahead.
   */
  warmAfterChange(now = Date.now()): Promise<void> {
    const intervalMs = Math.max(60, this.settings.maxStalenessSeconds / 2) * 1000;
    if (now - this.lastWarmAfterChange < intervalMs) return Promise.resolve();
    this.lastWarmAfterChange = now;
    return this.warmDefaultDashboard();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.warming;
  }

  private warming: Promise<void> | undefined;
  private stopping = false;

  /** Counts the default dashboard of managers (every table and the indicators, by quarter), one count at a time. */
  warmDefaultDashboard(): Promise<void> {
    if (this.settings.epsilonPerRelease !== null) return Promise.resolve();
    this.warming ??= (async () => {
      const range = periodRange({ granularity: 'quarter' }, new Date());
      const organisationIds = this.settings.managerOrganisationIds;
      for (const definition of TABLES) {
        if (this.stopping) return;
        const census = definition.source === 'occupancy' ? censusMonths(range, new Date()) : undefined;
        await this.repository.countTable(definition, this.countRequest(range, organisationIds, definition.dimensions.length > 0), census, { acceptStale: false });
      }
      await this.repository.countIndicators(this.countRequest(range, organisationIds, false), { acceptStale: false });
    })()
      .catch((error: unknown) => this.logger.error(`Counting the default dashboard failed: ${error instanceof Error ? error.message : 'unknown error'}`))
      .finally(() => (this.warming = undefined));
    return this.warming;
  }

  async catalogue(caller: Caller): Promise<StatisticsCatalogue> {
    const organisations = this.organisationsFor(caller);
    const defaults = periodRange({ granularity: 'quarter' }, new Date());
    return {
      tables: TABLES.map((table) => ({
        table: table.code,
        title: table.title,
        description: table.description,
        dimensions: [
          { dimension: 'period', values: [] },
          ...table.dimensions.map((dimension) => ({ dimension: dimension.dimension, values: [...dimension.values] })),
        ],
        percentages: table.percentages,
      })),
      indicators: INDICATORS.map((indicator) => ({ indicator: indicator.code, title: indicator.title, definition: indicator.definition })),
      organisations: await this.repository.organisations(organisations),
      granularities: [...STATISTICS_GRANULARITIES],
      defaults: { from: defaults.from, to: defaults.to, granularity: defaults.granularity },
      controls: {
        k: this.settings.minCellSize,
        roundingBase: this.settings.roundingBase,
        maxDimensions: MAX_DIMENSIONS,
        maxPeriods: MAX_PERIODS,
        epsilonPerRelease: this.settings.epsilonPerRelease,
        withoutConsent: this.settings.withoutConsent,
        suppressedDisplay: PROTECTED_DISPLAY,
      },
    };
  }

  async table(caller: Caller, code: string, query: StatisticsQuery): Promise<PublishedStatisticsTable> {
    const definition = tableDefinition(code);
    if (!definition) throw new NotFoundError('No such statistics table.');
    const organisationIds = this.organisationsFor(caller, query.organisationIds);
    const range = periodRange(query, new Date());
    const { upToDate } = await this.projector.refresh();
    const request = this.countRequest(range, organisationIds, definition.dimensions.length > 0);
    const census = definition.source === 'occupancy' ? censusMonths(range, new Date()) : undefined;

    let countedAt = new Date();
    const published = await this.release(range, definition.onePeriodPerPerson, async (controls, manager) => {
      const counts = await this.repository.countTable(definition, request, census, { manager });
      countedAt = counts.countedAt;
      return publishPeriods(definition, range, counts.value, controls);
    });
    const occupancy =
      definition.source === 'occupancy'
        ? await this.occupancy(organisationIds, published.value.cells.map((cell) => ({ period: cell.key[0]!, value: cell.value })))
        : undefined;
    return {
      table: definition.code,
      title: definition.title,
      description: definition.description,
      from: range.from,
      to: range.to,
      granularity: range.granularity,
      periods: range.periods,
      dimensions: published.value.dimensions,
      cells: published.value.cells.map((cell) => ({ ...cell, key: [...cell.key] })),
      totals: published.value.totals.map((total) => ({ ...total, key: [...total.key] })),
      population: published.value.population,
      withheldPeriods: published.value.withheldPeriods,
      percentages: definition.percentages,
      ...(occupancy ? { occupancy } : {}),
      ...this.controlsOf(published.epsilon),
      upToDate,
      countedAt: countedAt.toISOString(),
    };
  }

  async indicators(caller: Caller, query: StatisticsQuery): Promise<IndicatorReport> {
    const organisationIds = this.organisationsFor(caller, query.organisationIds);
    const range = periodRange(query, new Date());
    const { upToDate } = await this.projector.refresh();
    const request = this.countRequest(range, organisationIds, false);
    let countedAt = new Date();
    const published = await this.release(range, false, async (controls, manager) => {
      const counts = await this.repository.countIndicators(request, { manager });
      countedAt = counts.countedAt;
      return publishIndicators(INDICATORS, range, counts.value, controls);
    });
    return {
      from: range.from,
      to: range.to,
      granularity: range.granularity,
      periods: range.periods,
      indicators: published.value.indicators.map(({ indicator, values }) => ({ indicator: indicator.code, title: indicator.title, definition: indicator.definition, values })),
      withheldPeriods: published.value.withheldPeriods,
      ...this.controlsOf(published.epsilon),
      upToDate,
      countedAt: countedAt.toISOString(),
    };
  }

  async downloadTable(caller: Caller, code: string, query: StatisticsDownloadQuery): Promise<Download> {
    const { format, ...filters } = query;
    const table = await this.table(caller, code, filters);
    const about: [string, string][] = [
      ['Table', table.title],
      ['Description', table.description],
      ['Periods', `${table.from} to ${table.to}, by ${table.granularity}`],
      ...this.aboutControls(table),
    ];
    return this.download(caller, `statistics-${table.table}`, table, tableRows(table), format, about);
  }

  async downloadIndicators(caller: Caller, query: StatisticsDownloadQuery): Promise<Download> {
    const { format, ...filters } = query;
    const report = await this.indicators(caller, filters);
    const about: [string, string][] = [['Report', 'Indicators'], ['Periods', `${report.from} to ${report.to}, by ${report.granularity}`], ...this.aboutControls(report)];
    return this.download(caller, 'statistics-indicators', report, indicatorRows(report), format, about);
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
    const body = format === 'csv' ? Buffer.from(toCsv(rows), 'utf8') : await toXlsx(rows, about);
    await this.audit.record(caller, { action: EXPORTED, category: 'system', subject: { type: 'StatisticsTable', id: name } });
    return {
      filename,
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body,
    };
  }

  private aboutControls(published: { k: number; roundingBase: number; epsilon: number | null; withoutConsent: string; withheldPeriods: string[]; countedAt: string }): [string, string][] {
    return [
      ['Counted at', `${published.countedAt} (UTC): changes made since then are not in these figures.`],
      ['Small groups', `${smallCountDisplay(published.k)}: fewer than ${published.k} people (1 to ${published.k - 1}); a 0 is shown as 0.`],
      ['Hidden to protect a small group', `${PROTECTED_DISPLAY}: ${published.k} people or more, hidden so that a small group cannot be worked out from the totals.`],
      ['Withheld', `${WITHHELD_DISPLAY}: every figure of a withheld period (too few people in it, or from one organisation).`],
      ['Rounding', `Counts rounded to a multiple of ${published.roundingBase}; totals are rounded on their own.`],
      ['Counted in', 'People (cases), each once per figure.'],
      ['Without statistics consent', consentNote(published.withoutConsent)],
      ['Differential privacy', published.epsilon === null ? 'off' : `noise with epsilon ${published.epsilon} per release`],
      ['Withheld periods', published.withheldPeriods.join(', ') || 'none'],
    ];
  }

  private controlsOf(epsilon: number | null) {
    return {
      k: this.settings.minCellSize,
      roundingBase: this.settings.roundingBase,
      epsilon,
      withoutConsent: this.settings.withoutConsent,
      suppressedDisplay: PROTECTED_DISPLAY,
    };
  }

  /**
   * The organisations a request covers: those asked for, each within the caller's
   * statistics scope (libs/access), or the whole scope. null = every organisation.
   */
  organisationsFor(caller: Caller, requested?: string[]): string[] | null {
    const scope = scopeOf(caller.ability, 'read', 'Statistics');
    if (scope.length === 0) throw new ForbiddenError();
    const unrestricted = scope.some((filter) => Object.keys(filter).length === 0);
    const allowed = unrestricted ? this.settings.managerOrganisationIds : scope.map((filter) => String(filter.organisationId));
    if (!requested) return allowed;
    const outside = requested.filter((id) => allowed !== null && !allowed.includes(id));
    if (outside.length) throw new ForbiddenError('Some of the organisations asked for are outside the statistics you may see.');
    return [...new Set(requested)];
  }

  private countRequest(range: PeriodRange, organisationIds: string[] | null, hasBreakdown: boolean): CountRequest {
    return { fromMonth: range.from, toMonth: range.to, granularity: range.granularity, organisationIds, consent: consentFilter(this.settings.withoutConsent, hasBreakdown) };
  }

  /**
   * Publishes under the configured controls. With differential privacy on, the release
   * spends its epsilon in every calendar year it covers, in the same transaction as the
   * counting, so a refused or failed release spends nothing.
   */
  private async release<T>(range: PeriodRange, onePeriodPerPerson: boolean, publish: (controls: Controls, manager?: EntityManager) => Promise<T>): Promise<{ value: T; epsilon: number | null }> {
    const base = { k: this.settings.minCellSize, roundingBase: this.settings.roundingBase };
    const epsilon = this.settings.epsilonPerRelease;
    try {
      if (epsilon === null) return { value: await publish(base), epsilon: null };
      const years = [...new Set(range.periods.map(yearOf))];
      // A person can be in every period of a year unless the table counts them in one only: then the year's epsilon is split among its periods.
      const periodsIn = (year: string) => range.periods.filter((period) => yearOf(period) === year).length;
      const controls: Controls = { ...base, noise: { epsilonOf: (period) => (onePeriodPerPerson ? epsilon : epsilon / periodsIn(yearOf(period))) } };
      return await this.repository.transaction(async (manager) => {
        let ledger = new EpsilonLedger({ budget: this.settings.epsilonBudget, spent: await this.repository.lockLedger(manager, years) });
        for (const year of years) ledger = ledger.spend(year, epsilon);
        const value = await publish(controls, manager);
        await this.repository.recordSpending(manager, Object.fromEntries(years.map((year) => [year, ledger.spentIn(year)])));
        return { value, epsilon };
      });
    } catch (error) {
      throw problemOf(error);
    }
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

/** Cases without a statistics consent: in breakdowns only with `include`; in totals unless `exclude`. */
export function consentFilter(mode: HavenConfig['statistics']['withoutConsent'], hasBreakdown: boolean): ConsentFilter {
  const inTotals = mode !== 'exclude';
  // A table broken down by period only has no breakdown: its one figure per period is a total.
  return { inBreakdowns: mode === 'include' || (!hasBreakdown && inTotals), inTotals };
}

function consentNote(mode: string): string {
  if (mode === 'include') return 'counted in every figure';
  if (mode === 'exclude') return 'not counted';
  return 'counted only in the people of each period, never in a breakdown';
}

/**
 * The census month of each period: its last month, or the latest month whose census day
 * (the 15th) has passed; null for a period whose first census day is still to come.
 */
export function censusMonths(range: PeriodRange, today: Date): Map<string, string | null> {
  const current = monthOfDate(today);
  const [year, month] = current.split('-').map(Number) as [number, number];
  const latest = today.getUTCDate() >= 15 ? current : month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  return new Map(
    range.periods.map((period) => {
      const last = lastMonthOf(period);
      const first = range.granularity === 'month' ? period : range.granularity === 'quarter' ? monthShift(last, -2) : `${period}-01`;
      const census = last <= latest ? last : first <= latest ? latest : null;
      return [period, census];
    }),
  );
}

function monthShift(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The refusals of libs/disclosure as problem responses (DESIGN.md §4). */
function problemOf(error: unknown): unknown {
  if (error instanceof PopulationBelowThresholdError) {
    return new HavenError(422, 'Too few people', `This selection covers fewer than ${error.k} people, too few to publish anything about. Widen the period or the organisations.`);
  }
  if (error instanceof BudgetExhaustedError) {
    return new HavenError(409, 'Privacy budget exhausted', `The privacy budget for ${error.period} is spent: no further release about that year can be made.`, undefined, {
      period: error.period,
    });
  }
  if (error instanceof DisclosureError && error.code !== 'disclosure_config') return new BadRequestError(error.message);
  return error;
}

