import type {
  IndicatorReport,
  ProgrammeResults,
  ProgrammeTarget,
  ProgrammeTargetList,
  PublishedStatisticsTable,
  StatisticsCatalogue,
  StatisticsFormat,
  StatisticsLanguage,
  StatisticsGranularity,
  StatisticsTableCode,
} from '@haven/contracts';
import { typedApi, type PathsWith } from '../../../app/api/typed-api';

/** The only filters the API takes: a range of whole months, how to group it, and organisations. */
export interface StatisticsFilters {
  from: string;
  to: string;
  granularity: StatisticsGranularity;
  /** Empty = every organisation the viewer may see. */
  organisationIds: string[];
}

/** The API reads `organisationIds` repeated or comma-separated; the document describes it as a list (repeated). */
function toQuery(filters: StatisticsFilters) {
  return {
    from: filters.from,
    to: filters.to,
    granularity: filters.granularity,
    organisationIds: filters.organisationIds.length ? filters.organisationIds : undefined,
  };
}

/**
 * Statistics requests go one at a time. Each is a lookup of a stored release, but a dashboard asks for every
 * table at once: in turn, they leave the server's connections to the people doing case work.
 */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(request: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const run = queue.then(() => {
    if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    return request();
  });
  queue = run.catch(() => undefined);
  return run;
}

export function fetchStatisticsCatalogue(signal?: AbortSignal): Promise<StatisticsCatalogue> {
  return typedApi('get', '/statistics/tables', { signal });
}

export function fetchStatisticsTable(
  table: StatisticsTableCode,
  filters: StatisticsFilters,
  signal?: AbortSignal,
): Promise<PublishedStatisticsTable> {
  return oneAtATime(
    () => typedApi('get', '/statistics/tables/{table}', { params: { table }, signal, query: toQuery(filters) }),
    signal,
  );
}

export function fetchIndicatorReport(filters: StatisticsFilters, signal?: AbortSignal): Promise<IndicatorReport> {
  return oneAtATime(() => typedApi('get', '/statistics/indicators', { signal, query: toQuery(filters) }), signal);
}

/**
 * The address of a published file. A plain link (not a fetch) lets the browser save it with the name the API
 * gives and keeps the session cookie; the API audits each download and sends the figures exactly as published.
 * Being a link to a file, it does not go through `typedApi`; its two paths are still checked against the document.
 */
export function statisticsDownloadUrl(
  what: { table: StatisticsTableCode } | 'indicators',
  filters: StatisticsFilters,
  format: StatisticsFormat,
  language: StatisticsLanguage,
): string {
  const indicators: PathsWith<'get'> = '/statistics/indicators/download';
  const table: PathsWith<'get'> = '/statistics/tables/{table}/download';
  const path = what === 'indicators' ? indicators : table.replace('{table}', encodeURIComponent(what.table));
  const { organisationIds, ...rest } = toQuery(filters);
  // The file's label columns in the app's language: a link carries the browser's Accept-Language, not the app's.
  const params = new URLSearchParams({ ...rest, format, language });
  for (const organisationId of organisationIds ?? []) params.append('organisationIds', organisationId);
  return `/api${path}?${params.toString()}`;
}

/** The open-data file of the release in force (managers): a plain link, like the other files, audited by the API. */
export function openDataDownloadUrl(): string {
  const path: PathsWith<'get'> = '/statistics/open-data';
  return `/api${path}?format=csv`;
}

/** The programme's results against its targets, for the same filters as the indicator report. */
export function fetchProgrammeResults(filters: StatisticsFilters, signal?: AbortSignal): Promise<ProgrammeResults> {
  return oneAtATime(() => typedApi('get', '/programme-results', { signal, query: toQuery(filters) }), signal);
}

export function fetchProgrammeTargets(signal?: AbortSignal): Promise<ProgrammeTargetList> {
  return typedApi('get', '/programme-results/targets', { signal });
}

export function setProgrammeTarget(target: ProgrammeTarget): Promise<ProgrammeTargetList> {
  return typedApi('put', '/programme-results/targets', { body: target });
}

/** The results report as a file (a plain link, like the statistics files: named, audited, exactly as shown). */
export function programmeResultsDownloadUrl(filters: StatisticsFilters, format: StatisticsFormat): string {
  const path: PathsWith<'get'> = '/programme-results/download';
  const { organisationIds, ...rest } = toQuery(filters);
  const params = new URLSearchParams({ ...rest, format });
  for (const organisationId of organisationIds ?? []) params.append('organisationIds', organisationId);
  return `/api${path}?${params.toString()}`;
}
