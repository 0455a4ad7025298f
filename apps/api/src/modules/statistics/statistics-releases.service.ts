import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EpsilonLedger } from '@haven/disclosure';
import { STATISTICS_GRANULARITIES, type StatisticsGranularity } from '@haven/contracts';
import type { EntityManager } from 'typeorm';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { ExclusiveJobs } from '../../core/database/exclusive-jobs.js';
import { INDICATORS, TABLES, type TableDefinition } from './statistics-catalogue.js';
import { OPEN_DATA_FIELDS, OPEN_DATA_K, OPEN_DATA_L, openDataFileOf, openDataOfRelease } from './open-data.js';
import { StatisticsProjector } from './statistics-projector.service.js';
import { lastMonthOf, monthOfDate, periodOfMonth, type PeriodRange } from './statistics-publisher.js';
import {
  ALL_SCOPE,
  INDICATOR_SUBJECT,
  RELEASE_YEARS,
  cellKeyProtection,
  indicatorSlice,
  monthAt,
  monthIndex,
  noiseProtection,
  periodStart,
  tableSlice,
  type Protect,
} from './statistics-release.js';
import {
  StatisticsReleaseRepository,
  type FigureRow,
  type KeyedCount,
  type ReleaseConnections,
  type StoredRelease,
} from './statistics-release.repository.js';
import { StatisticsRepository } from './statistics.repository.js';
import { censusMonths, consentFilter } from './statistics.service.js';
import { ReleaseInForce } from './release-in-force.js';

/** Nightly releases kept besides the latest (monthly releases and revisions are all kept). */
const NIGHTLY_RELEASES_KEPT = 3;
/** The lifetime privacy ledger's one entry: the budget bounds what every release together may reveal about one person. */
const LIFETIME = 'lifetime';
/** How often the schedule looks whether a release is due. */
const SCHEDULE_CHECK_MS = 5 * 60 * 1000;
/** The first look, a little after start: not in competition with start-up work (demo loading, the projection catching up). */
const FIRST_CHECK_MS = 2 * 60 * 1000;
/** The job's name for ExclusiveJobs: one release at a time across every replica and command. */
const RELEASE_JOB = 'statistics-release';

export interface ReleaseOptions {
  /** Recount every period, closed ones too, as a labelled revision. */
  revision?: boolean;
  /** The moment of the cut (tests); now by default. */
  now?: Date;
}

/**
 * Statistics releases (docs/architecture.md, "Statistics: releases and the cell key
 * method"): computed once a month, at `STATS_RELEASE_HOUR` (UTC) on the first day of the
 * month (the schedule looks every few minutes whether one is due), from one REPEATABLE
 * READ snapshot of the projection, and stored. No request counts anything:
 * StatisticsService serves the latest stored release.
 *
 * A release publishes **ended periods only**: a month, quarter or year is counted once,
 * by the first release after its last day, and never shown while it is open — an open
 * period counted again each night would show a fresh perturbation of every changed set
 * of people, which someone adding one person a night could read. A release counts only
 * the periods that ended since the previous one; every earlier period is copied
 * unchanged, so the past never moves without a revision
 * (`npm run stats:release -- --revision`), which recounts every ended period not revised
 * before and says so: a period is revised at most once, and a figure whose people did not
 * change keeps its value through it (the cell key method).
 */
@Injectable()
export class StatisticsReleases implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('StatisticsReleases');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly secret: string;

  constructor(
    private readonly releases: StatisticsReleaseRepository,
    private readonly statistics: StatisticsRepository,
    private readonly projector: StatisticsProjector,
    private readonly inForce: ReleaseInForce,
    crypto: EnvelopeEncryption,
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
    private readonly jobs: ExclusiveJobs,
  ) {
    // The seed of differential privacy's draws: secret, fixed, and never stored next to the figures.
    this.secret = crypto.keyedHash('stats-noise', 'release').toString('hex');
  }

  private get settings() {
    return this.config.statistics;
  }

  /** Where the schedule runs (not in tests or the command-line tools): a first release soon after start when none exists, then after each month ends. */
  onApplicationBootstrap(): void {
    if (this.settings.refreshIntervalSeconds <= 0) return;
    this.firstCheck = setTimeout(() => void this.runIfDue(), FIRST_CHECK_MS);
    this.firstCheck.unref();
    this.timer = setInterval(() => void this.runIfDue(), SCHEDULE_CHECK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.firstCheck);
    clearInterval(this.timer);
    await this.running;
  }

  private firstCheck: NodeJS.Timeout | undefined;

  /** The release in force, if any. */
  latest(): Promise<StoredRelease | null> {
    return this.releases.latest();
  }

  /** Whether a release is due at `now`: none yet, or none since the last month ended (the first of the month at the release hour). */
  async isDue(now = new Date()): Promise<boolean> {
    const latest = await this.releases.latest();
    if (!latest) return true;
    const scheduled = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, this.settings.releaseHour));
    if (scheduled > now) scheduled.setUTCMonth(scheduled.getUTCMonth() - 1);
    return new Date(latest.cutAt) < scheduled;
  }

  /**
   * Every replica's schedule looks; the one that gets the job's lock decides whether a release is
   * due and makes it, so two replicas looking at once make one release, and a release cut short
   * by a replica's death is made by the next look of another.
   */
  async runIfDue(): Promise<void> {
    if (this.running) return;
    this.running = this.jobs
      .runIfFree(RELEASE_JOB, async () => {
        if (await this.isDue()) await this.publishNow({});
      })
      .catch((error: unknown) =>
        this.logger.error(`Publishing statistics failed: ${error instanceof Error ? error.message : 'unknown error'}`),
      )
      .finally(() => (this.running = undefined));
    await this.running;
  }

  /**
   * Makes a release now, when a month has ended since the previous one (or with
   * `revision`): refreshes the projection, takes a snapshot, counts the periods that
   * ended since, copies the earlier ones. Otherwise the previous release stays in force:
   * nothing has ended that it could publish.
   */
  publish(options: ReleaseOptions = {}): Promise<StoredRelease> {
    // Waits while a replica's scheduled release is being made: two releases never cut at once.
    return this.jobs.runWhenFree(RELEASE_JOB, () => this.publishNow(options));
  }

  private async publishNow(options: ReleaseOptions): Promise<StoredRelease> {
    const now = options.now ?? new Date();
    for (let pass = 0; pass < 1_000; pass += 1) if ((await this.projector.refresh()).upToDate) break;
    const release = await this.releases.inSnapshot((connections) =>
      this.publishIn(connections, now, options.revision === true),
    );
    // Committed: this process serves it from the next request on (others when the announcement reaches them).
    this.inForce.forget();
    return release;
  }

  private async publishIn({ read, write }: ReleaseConnections, now: Date, revision: boolean): Promise<StoredRelease> {
    const previous = await this.releases.latest(write);
    const cutMonth = monthOfDate(now);
    const epsilon = this.settings.epsilonPerRelease;
    const monthly = !previous || monthOfDate(new Date(previous.cutAt)) < cutMonth;
    // Within a month nothing has ended since the previous release: it stays in force (and, with differential privacy, spends nothing).
    if (previous && !monthly && !revision) return previous;
    const kind = revision ? 'revision' : 'monthly';

    const windowStart = `${Number(cutMonth.slice(0, 4)) - RELEASE_YEARS + 1}-01`;
    const lastEnded = monthAt(monthIndex(cutMonth) - 1);
    // Periods that ended by the previous release are final; a revision or the first release counts every ended period.
    const firstCounted =
      revision || !previous
        ? windowStart
        : monthAt(Math.max(monthIndex(windowStart), monthIndex(monthOfDate(new Date(previous.cutAt)))));
    const ranges = Object.fromEntries(
      STATISTICS_GRANULARITIES.map((granularity) => {
        const from = periodStart(firstCounted, granularity);
        const periods: string[] = [];
        const step = granularity === 'month' ? 1 : granularity === 'quarter' ? 3 : 12;
        // Only periods whose last month has ended: an open period is never published.
        for (let index = monthIndex(from); index + step - 1 <= monthIndex(lastEnded); index += step)
          periods.push(periodOfMonth(monthAt(index), granularity));
        return [
          granularity,
          {
            from,
            to: periods.length ? lastMonthOf(periods.at(-1)!) : lastEnded,
            granularity,
            periods,
          } satisfies PeriodRange,
        ];
      }),
    ) as Record<StatisticsGranularity, PeriodRange>;

    // A revision counts again only the periods no revision has counted again yet: each recount of a period whose
    // people changed is one more perturbed draw of a count whose step an editor knows, so a period gets at most two
    // (its publication and one revision). Periods revised before are copied; periods never published are counted.
    const recounts =
      previous && revision ? await this.releases.recountsOf(write, previous.id) : new Map<string, number>();
    if (revision) {
      for (const granularity of STATISTICS_GRANULARITIES) {
        const range = ranges[granularity];
        range.periods = range.periods.filter((period) => (recounts.get(`${granularity}|${period}`) ?? 0) === 0);
      }
      // Everything ended has been revised once already: the release in force stays (and, with differential privacy, spends nothing).
      if (previous && STATISTICS_GRANULARITIES.every((granularity) => ranges[granularity].periods.length === 0))
        return previous;
    }
    const recountOf = (granularity: StatisticsGranularity, period: string) =>
      recounts.has(`${granularity}|${period}`) ? 1 : 0;

    const protect =
      epsilon === null ? cellKeyProtection(this.settings.minCellSize) : await this.spend(write, epsilon, ranges);
    const scopes = [ALL_SCOPE, ...(await this.releases.organisationScopes(read))];
    const all = this.settings.managerOrganisationIds;
    const rows: FigureRow[] = [];

    for (const definition of TABLES) {
      const consent = consentFilter(this.settings.withoutConsent, definition.dimensions.length > 0);
      for (const granularity of STATISTICS_GRANULARITIES) {
        const range = ranges[granularity];
        if (range.periods.length === 0) continue;
        const census = definition.source === 'occupancy' ? censusMonths(range, now) : undefined;
        const counts = await this.releases.countTable(
          read,
          definition,
          { from: range.from, to: range.to, granularity },
          all,
          consent,
          census,
        );
        const grouped = groupByScopeAndPeriod(counts);
        for (const scope of scopes) {
          for (const period of range.periods) {
            const figures = tableSlice(definition, period, grouped.get(`${scope}|${period}`) ?? [], protect, scope);
            rows.push({
              scope,
              subject: definition.code,
              granularity,
              period,
              closed: true,
              recounts: recountOf(granularity, period),
              figures,
            });
          }
        }
      }
    }
    const indicatorConsent = consentFilter(this.settings.withoutConsent, false);
    for (const granularity of STATISTICS_GRANULARITIES) {
      const range = ranges[granularity];
      if (range.periods.length === 0) continue;
      const counts = await this.releases.countIndicators(
        read,
        { from: range.from, to: range.to, granularity },
        all,
        indicatorConsent,
      );
      const grouped = groupByScopeAndPeriod(counts);
      for (const scope of scopes) {
        for (const period of range.periods) {
          const figures = indicatorSlice(INDICATORS, period, grouped.get(`${scope}|${period}`) ?? [], protect, scope);
          rows.push({
            scope,
            subject: INDICATOR_SUBJECT,
            granularity,
            period,
            closed: true,
            recounts: recountOf(granularity, period),
            figures,
          });
        }
      }
    }

    const release = await this.releases.insertRelease(write, {
      kind,
      label: labelOf(kind, now),
      cutAt: now,
      epsilon,
      periodsCounted: Object.values(ranges).reduce((sum, range) => sum + range.periods.length, 0),
    });
    await this.releases.insertFigures(write, release.id, rows);
    // The open-data export, from the same snapshot: each year that had ended at the cut, computed once (by the first
    // release after it ended) and copied unchanged afterwards. Never with differential privacy: a record-level file
    // would publish people outside the privacy budget every figure is held to.
    if (epsilon === null) {
      const previousFile = await this.releases.latestOpenData(write);
      const people = await this.releases.openDataSources(read, `${cutMonth.slice(0, 4)}-01`, all);
      const file = openDataOfRelease(previousFile && openDataFileOf(previousFile), people, now.toISOString());
      await this.releases.insertOpenData(write, release.id, OPEN_DATA_FIELDS, file, { k: OPEN_DATA_K, l: OPEN_DATA_L });
    }
    const starts = Object.fromEntries(
      STATISTICS_GRANULARITIES.map((granularity) => [granularity, periodOfMonth(windowStart, granularity)]),
    ) as Record<StatisticsGranularity, string>;
    if (previous && revision) await this.releases.copyRevised(write, previous.id, release.id, starts);
    if (previous && !revision) {
      const before = Object.fromEntries(
        STATISTICS_GRANULARITIES.map((granularity) => [
          granularity,
          periodOfMonth(ranges[granularity].from, granularity),
        ]),
      ) as Record<StatisticsGranularity, string>;
      await this.releases.copyClosed(write, previous.id, release.id, before, starts);
    }
    await this.releases.prune(write, NIGHTLY_RELEASES_KEPT);
    this.logger.log(`Published ${release.label}: ${rows.length} slices counted`);
    return release;
  }

  /**
   * Differential privacy: charges this release's epsilon once to the lifetime ledger
   * (refused when the budget is spent: the previous release stays in force) and splits
   * it over every figure one person can be in among the periods this release counts, so
   * one person's loss over every release together never exceeds STATS_EPSILON_BUDGET.
   */
  private async spend(
    manager: EntityManager,
    epsilon: number,
    ranges: Record<StatisticsGranularity, PeriodRange>,
  ): Promise<Protect> {
    const spent = await this.statistics.lockLedger(manager, [LIFETIME]);
    const ledger = new EpsilonLedger({ budget: this.settings.epsilonBudget, spent }).spend(LIFETIME, epsilon);
    await this.statistics.recordSpending(manager, { [LIFETIME]: ledger.spentIn(LIFETIME) });
    return noiseProtection(this.settings.minCellSize, epsilon / figuresPerPerson(ranges), this.secret);
  }
}

/**
 * How many figures of one release one person can be counted in, at most: in each table,
 * granularity and period counted, every cell and margin they fall in (several values of
 * a dimension that allows them) and the period's people; in their organisation's scope
 * and in the managers' one; and in each indicator.
 */
export function figuresPerPerson(ranges: Record<StatisticsGranularity, PeriodRange>): number {
  const periods = STATISTICS_GRANULARITIES.reduce((sum, granularity) => sum + ranges[granularity].periods.length, 0);
  const perTable = (definition: TableDefinition) =>
    definition.dimensions.reduce(
      (product, dimension) => product * (1 + (dimension.multiple ? dimension.values.length : 1)),
      1,
    ) + (definition.dimensions.length > 0 ? 1 : 0);
  const perPeriod = TABLES.reduce((sum, definition) => sum + perTable(definition), 0) + INDICATORS.length;
  return perPeriod * periods * 2;
}

function groupByScopeAndPeriod<T extends KeyedCount>(counts: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const count of counts) {
    const key = `${count.scope}|${count.period}`;
    const group = grouped.get(key);
    if (group) group.push(count);
    else grouped.set(key, [count]);
  }
  return grouped;
}

function labelOf(kind: StoredRelease['kind'], now: Date): string {
  const day = now.toISOString().slice(0, 10);
  if (kind === 'monthly')
    return `Monthly release of ${day} (final figures for ${monthAt(monthIndex(monthOfDate(now)) - 1)})`;
  if (kind === 'revision') return `Revision of ${day} (ended periods not revised before counted again)`;
  return `Release of ${day}`;
}
