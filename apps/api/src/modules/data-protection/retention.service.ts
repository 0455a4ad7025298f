import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { RetentionRun } from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { AuditService } from '../../core/audit/audit.service.js';
import { runAsOrganisation, runAsSystem } from '../../core/request-context/database-scope.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { OrganisationsService } from '../../core/organisations/organisations.service.js';
import { CaseAnonymiser } from './case-anonymiser.service.js';
import { toRetentionRun } from './data-protection.mapper.js';
import { DataProtectionRepository } from './data-protection.repository.js';
import type { OrganisationRetentionReport } from './retention-run.entity.js';
import { ExclusiveJobs } from '../../core/database/exclusive-jobs.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

/** Most cases one run anonymises per organisation; the next run goes on with the rest. */
const MAX_PER_ORGANISATION = 10_000;
const SYSTEM_ACTOR = { address: 'system:retention' };
/** The job's name for ExclusiveJobs: one run at a time across every replica and command. */
const RETENTION_JOB = 'retention';
/** How often each replica looks whether the daily run is due (and not being done elsewhere). */
const RETENTION_CHECK_MS = 5 * 60 * 1000;
/** The daily run is due from this time of day (UTC). */
const RETENTION_HOUR_UTC = 2;
const RETENTION_MINUTE_UTC = 30;

/** The date `months` calendar months before `now` (end-of-month safe: 31 March − 1 month = 28/29 February). */
export function monthsBefore(now: Date, months: number): Date {
  const result = new Date(now);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/**
 * Retention (docs/architecture.md, rule 10): closed cases are anonymised once their organisation's
 * retention period has passed since closure. Runs daily from 02:30 UTC (when RETENTION_SCHEDULE
 * is on, in every replica: they agree through ExclusiveJobs which one does it, and a run cut short
 * by a replica's death is done by another at its next look) and from `npm run retention:run`;
 * each run is recorded with its counts and audited.
 *
 * There is no caller, so the run enters its database scopes itself (row-level security):
 * listing the organisations and recording the run (counts per organisation) are across
 * organisations, in the system scope; everything done to cases happens inside the scope
 * of the organisation they belong to, one organisation at a time, so a mistake in a query
 * cannot reach another organisation's cases. Each case is anonymised in a transaction of
 * its own: one failure neither undoes nor stops the others, and is counted.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');
  private running: Promise<RetentionRun> | undefined;

  constructor(
    private readonly organisations: OrganisationsService,
    private readonly caseAccess: CaseAccess,
    private readonly anonymiser: CaseAnonymiser,
    private readonly repository: DataProtectionRepository,
    private readonly audit: AuditService,
    @Inject(HAVEN_CONFIG) private readonly config: Pick<HavenConfig, 'retention'>,
    private readonly transactions: TransactionHost,
    private readonly jobs: ExclusiveJobs,
  ) {}

  /** Every few minutes; only registered when the schedule module is loaded (RETENTION_SCHEDULE). */
  @Interval('retention', RETENTION_CHECK_MS)
  async scheduledCheck(): Promise<void> {
    try {
      const run = await this.runIfDue();
      if (run)
        this.logger.log(
          `Retention run: ${run.anonymised} cases anonymised, ${run.failed} failed, in ${run.organisations.length} organisations.`,
        );
    } catch (error) {
      this.logger.error(`Retention run failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  }

  /**
   * The scheduled run, when it is due and no other replica is doing it: answers the run, or
   * undefined when there was nothing to do here. Whether it is due is decided under the job's
   * lock, so two replicas looking at once make one run.
   */
  async runIfDue(now: Date = new Date()): Promise<RetentionRun | undefined> {
    const outcome = await this.jobs.runIfFree(RETENTION_JOB, async () =>
      (await this.isDue(now)) ? this.runAll('schedule', now) : undefined,
    );
    return outcome.ran ? outcome.result : undefined;
  }

  /** Due once today's 02:30 UTC has passed and no run (scheduled or by command) has started since. */
  async isDue(now: Date = new Date()): Promise<boolean> {
    const from = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RETENTION_HOUR_UTC, RETENTION_MINUTE_UTC),
    );
    if (from > now) from.setUTCDate(from.getUTCDate() - 1);
    const [latest] = await runAsSystem('retention: when the last run started', () => this.repository.latestRuns(1));
    return !latest || latest.startedAt < from;
  }

  /** A run now (the command): waits while a replica's scheduled run is in progress; one run at a time per process. */
  run(trigger: 'schedule' | 'command', now: Date = new Date()): Promise<RetentionRun> {
    this.running ??= this.jobs
      .runWhenFree(RETENTION_JOB, () => this.runAll(trigger, now))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Within the organisation's own scope: its cases only, whatever the queries below say. */
  runForOrganisation(organisationId: string, retentionMonths: number, now: Date): Promise<OrganisationRetentionReport> {
    return runAsOrganisation(organisationId, () => this.anonymiseDue(organisationId, retentionMonths, now));
  }

  async latestRuns(limit = 10): Promise<{ items: RetentionRun[] }> {
    return { items: (await this.repository.latestRuns(limit)).map(toRetentionRun) };
  }

  private async anonymiseDue(
    organisationId: string,
    retentionMonths: number,
    now: Date,
  ): Promise<OrganisationRetentionReport> {
    const report: OrganisationRetentionReport = { organisationId, anonymised: 0, failed: 0 };
    const due = await this.caseAccess.dueForRetention(
      organisationId,
      monthsBefore(now, retentionMonths),
      MAX_PER_ORGANISATION,
    );
    for (const caseId of due) {
      try {
        const done = await this.transactions.withTransaction(() =>
          this.anonymiser.anonymise(caseId, 'retention', SYSTEM_ACTOR, now),
        );
        if (done) report.anonymised += 1;
      } catch (error) {
        report.failed += 1;
        this.logger.error(
          `Retention: case ${caseId} could not be anonymised: ${error instanceof Error ? error.message : 'unknown error'}`,
        );
      }
    }
    return report;
  }

  private async runAll(trigger: 'schedule' | 'command', now: Date): Promise<RetentionRun> {
    const startedAt = new Date();
    const reports: OrganisationRetentionReport[] = [];
    const organisations = await runAsSystem('retention: the organisations with a retention period', () =>
      this.organisations.withRetention(),
    );
    for (const organisation of organisations) {
      // A period set before the floor was raised (RETENTION_MINIMUM_MONTHS) counts as the floor.
      const months = Math.max(organisation.retentionMonths!, this.config.retention.minimumMonths);
      reports.push(await this.runForOrganisation(organisation.id, months, now));
    }
    return runAsSystem('retention: recording the run across organisations', () =>
      this.record(trigger, startedAt, reports),
    );
  }

  private async record(
    trigger: 'schedule' | 'command',
    startedAt: Date,
    reports: OrganisationRetentionReport[],
  ): Promise<RetentionRun> {
    const saved = await this.repository.insertRun({
      trigger,
      startedAt,
      finishedAt: new Date(),
      anonymised: reports.reduce((sum, report) => sum + report.anonymised, 0),
      failed: reports.reduce((sum, report) => sum + report.failed, 0),
      organisations: reports,
    });
    await this.audit.record(SYSTEM_ACTOR, {
      action: 'retention.run',
      category: 'system',
      outcome: saved.failed ? 'failure' : 'success',
      subject: { type: 'RetentionRun', id: saved.id },
    });
    return toRetentionRun(saved);
  }
}
