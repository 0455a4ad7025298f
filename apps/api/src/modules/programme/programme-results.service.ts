import { Injectable } from '@nestjs/common';
import { smallCountDisplay, WITHHELD_DISPLAY } from '@haven/disclosure';
import {
  HEADLINE_RESULTS,
  PROGRAMME_RESULTS,
  type ProgrammeResultCode,
  type ProgrammeResults,
  type ProgrammeTarget,
  type ProgrammeTargetList,
  type ResultFigure,
  type ResultUnit,
  type StatisticsDownloadQuery,
  type StatisticsQuery,
} from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Download } from '../../core/http/download.js';
import type { Caller } from '../../core/auth/caller.js';
import { periodOfMonth, yearOf } from '../statistics/statistics-publisher.js';
import { ALL_SCOPE } from '../statistics/statistics-release.js';
import { toCsv, toXlsx } from '../statistics/statistics.mapper.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import { ProgrammeRepository } from './programme.repository.js';

/** The results counted from the registers; the others are the statistics release's indicators. */
const FROM_REGISTERS = {
  'people-reached-by-campaigns': {
    title:
      'Migrants or potential migrants reached by information campaigns on migration and the risks of irregular migration',
    definition:
      'People reached by the information campaigns that ended in the period, as each campaign recorded them (counted attendance, an audience estimate, or a platform’s unique reach). A person reached by two campaigns counts twice: this counts reach, not distinct people.',
    source: 'Programme registers: information campaigns (people reached by sex and age band)',
    unit: 'peopleReachedPerCampaign',
  },
  'institutions-supported': {
    title:
      'National and local institutions and non-state actors directly supported through capacity building on migration management',
    definition:
      'Distinct institutions of the register that took part in at least one capacity-building event that ended in the period: each institution counts once per period, and once over the whole report however many events it attended.',
    source: 'Programme registers: institutions and capacity-building events',
    unit: 'institutions',
  },
  'diaspora-projects': {
    title: 'Projects by diaspora members',
    definition:
      'Projects in the register whose promoters are members of the diaspora, counted once, in the period the project started.',
    source: 'Programme registers: diaspora projects',
    unit: 'projects',
  },
} as const satisfies Partial<
  Record<ProgrammeResultCode, { title: string; definition: string; source: string; unit: ResultUnit }>
>;
type RegisterResult = keyof typeof FROM_REGISTERS;
const CASE_SOURCE = 'Cases: the statistics release (anonymised projection of services, stays, returns and training)';

const lastDayOf = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
};
const shown = (period: string, value: number): ResultFigure => ({
  period,
  value,
  display: value.toLocaleString('en-US'),
  suppressed: false,
});

/**
 * The programme's results against its targets (docs/architecture.md, "Programme registers"): the
 * four headline results and the case indicators, each with its definition, its source, a time
 * series and progress against the targets of the years it covers. Case figures are the statistics
 * release's, protected as published. Register figures are published as recorded: they are campaigns'
 * audience figures, institutions and projects, never a count of records about people, and no breakdown
 * by sex or age band is published (withholding a small one would not hold anyway: a year's figure less
 * its other quarters gives it back). Periods not yet ended are withheld for every result alike.
 */
@Injectable()
export class ProgrammeResultsService {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly records: ProgrammeRepository,
    private readonly audit: AuditService,
  ) {}

  async results(caller: Caller, query: StatisticsQuery): Promise<ProgrammeResults> {
    const report = await this.statistics.indicators(caller, query);
    const scope = this.statistics.scopeOf(caller, query.organisationIds);
    const organisationIds = scope.organisationIds;
    // Targets are the programme's, set for all its organisations together: one organisation's
    // figures set against them would read as that organisation's shortfall.
    const wholeProgramme = scope.key === ALL_SCOPE;
    const from = `${report.from}-01`;
    const to = lastDayOf(report.to);
    const periodOf = (month: string) => periodOfMonth(month, report.granularity);
    const [reach, institutions, projects, targets] = await Promise.all([
      this.records.campaignReach(organisationIds, from, to),
      this.records.eventInstitutions(organisationIds, from, to),
      this.records.diasporaProjects(organisationIds, from, to),
      wholeProgramme ? this.records.targets() : Promise.resolve([]),
    ]);
    const open = new Set(report.openPeriods);
    const series = (valueOf: (period: string) => number): ResultFigure[] =>
      report.periods.map((period) =>
        open.has(period)
          ? { period, value: null, display: WITHHELD_DISPLAY, suppressed: true }
          : shown(period, valueOf(period)),
      );
    const inPeriod = <T extends { month: string }>(rows: T[], period: string) =>
      rows.filter((row) => periodOf(row.month) === period);
    const closed = <T extends { month: string }>(rows: T[]) => rows.filter((row) => !open.has(periodOf(row.month)));
    const fromRegisters: Record<RegisterResult, { values: ResultFigure[]; achieved: number }> = {
      'people-reached-by-campaigns': {
        values: series((period) => sum(inPeriod(reach, period).map((row) => row.people))),
        achieved: sum(closed(reach).map((row) => row.people)),
      },
      'institutions-supported': {
        values: series((period) => new Set(inPeriod(institutions, period).map((row) => row.institutionId)).size),
        achieved: new Set(closed(institutions).map((row) => row.institutionId)).size,
      },
      'diaspora-projects': {
        values: series((period) => sum(inPeriod(projects, period).map((row) => row.projects))),
        achieved: sum(closed(projects).map((row) => row.projects)),
      },
    };
    const years = [...new Set(report.periods.map(yearOf))].map(Number);
    const results = PROGRAMME_RESULTS.map((result) => {
      const registered = result in FROM_REGISTERS ? fromRegisters[result as RegisterResult] : null;
      const indicator = report.indicators.find((entry) => entry.indicator === result);
      const values: ResultFigure[] =
        registered?.values ??
        (indicator?.values ?? []).map((figure, index) => ({
          period: report.periods[index]!,
          value: figure.value,
          display: figure.display,
          suppressed: figure.suppressed,
        }));
      const published = values.flatMap((figure) => (figure.value === null ? [] : [figure.value]));
      const achieved = registered ? registered.achieved : published.length ? sum(published) : null;
      const progress = againstTargets(targets, result, years, achieved);
      const about = registered
        ? FROM_REGISTERS[result as RegisterResult]
        : {
            title: indicator?.title ?? result,
            definition: indicator?.definition ?? '',
            source: CASE_SOURCE,
            unit: 'peoplePerPeriod' as const,
          };
      return {
        result,
        headline: (HEADLINE_RESULTS as readonly string[]).includes(result),
        title: about.title,
        definition: about.definition,
        source: about.source,
        unit: about.unit,
        values,
        achieved,
        ...progress,
      };
    });
    return {
      from: report.from,
      to: report.to,
      granularity: report.granularity,
      periods: report.periods,
      results,
      k: report.k,
      release: report.release,
    };
  }

  async download(caller: Caller, query: StatisticsDownloadQuery): Promise<Download> {
    const { format, ...filters } = query;
    const report = await this.results(caller, filters);
    const rows = resultRows(report);
    const about: [string, string][] = [
      ['Report', 'Programme results against targets'],
      ['Periods', `${report.from} to ${report.to}, by ${report.granularity}`],
      ['Release', `${report.release.label}; case data as at ${report.release.cutAt} (UTC)`],
      [
        'Small groups',
        `${smallCountDisplay(report.k)}: a case figure of fewer than ${report.k} people; never a number. Register figures are as the organisations recorded them. ${WITHHELD_DISPLAY}: a period not yet ended or not published.`,
      ],
      [
        'Counted once',
        'People once per period (case results); institutions once over the report; projects once. People reached by campaigns count reach: a person reached twice counts twice.',
      ],
    ];
    const body = format === 'csv' ? Buffer.from(toCsv(rows, about), 'utf8') : await toXlsx(rows, about);
    await this.audit.record(caller, {
      action: 'statistics.exported',
      category: 'system',
      subject: { type: 'StatisticsTable', id: 'programme-results' },
    });
    return {
      filename: `programme-results_${report.from}_${report.to}.${format}`,
      contentType:
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body,
    };
  }

  async targets(): Promise<ProgrammeTargetList> {
    return { items: await this.records.targets() };
  }

  async setTarget(caller: Caller, target: ProgrammeTarget): Promise<ProgrammeTargetList> {
    await this.records.saveTarget(target, caller.actor.id);
    await this.audit.record(caller, {
      action: 'programme.target.set',
      category: 'system',
      subject: { type: 'ProgrammeTarget', id: `${target.result}:${target.year}` },
    });
    return this.targets();
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The targets of the years a report covers: the first year's baseline, the years' targets summed. */
function againstTargets(
  targets: ProgrammeTarget[],
  result: ProgrammeResultCode,
  years: number[],
  achieved: number | null,
): { baseline: number | null; target: number | null; percentAchieved: number | null } {
  const mine = targets.filter((entry) => entry.result === result && years.includes(entry.year));
  if (mine.length === 0) return { baseline: null, target: null, percentAchieved: null };
  const target = sum(mine.map((entry) => entry.target));
  return {
    baseline: mine[0]!.baseline,
    target,
    percentAchieved: achieved === null || target === 0 ? null : Math.round((achieved * 1000) / target) / 10,
  };
}

/** The report as a results framework lays it out: one line per result, its series, then progress. */
export function resultRows(report: ProgrammeResults): string[][] {
  return [
    ['Result', 'Code', 'Definition', 'Source', ...report.periods, 'Achieved', 'Baseline', 'Target', '% achieved'],
    ...report.results.map((result) => [
      result.title,
      result.result,
      result.definition,
      result.source,
      ...result.values.map((figure) => figure.display),
      result.achieved === null ? '' : String(result.achieved),
      result.baseline === null ? '' : String(result.baseline),
      result.target === null ? '' : String(result.target),
      result.percentAchieved === null ? '' : `${result.percentAchieved}%`,
    ]),
  ];
}
