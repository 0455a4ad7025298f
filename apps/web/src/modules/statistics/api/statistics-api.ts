import type {
  IndicatorReport,
  PublishedStatisticsTable,
  StatisticsCatalogue,
  StatisticsFormat,
  StatisticsGranularity,
  StatisticsTableCode,
} from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

/** The only filters the API takes: a range of whole months, how to group it, and organisations. */
export interface StatisticsFilters {
  from: string;
  to: string;
  granularity: StatisticsGranularity;
  /** Empty = every organisation the viewer may see. */
  organisationIds: string[];
}

function toQuery(filters: StatisticsFilters): Record<string, string | undefined> {
  return {
    from: filters.from,
    to: filters.to,
    granularity: filters.granularity,
    organisationIds: filters.organisationIds.length ? filters.organisationIds.join(',') : undefined,
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
  return apiRequest<StatisticsCatalogue>('/statistics/tables', { signal });
}

export function fetchStatisticsTable(
  table: StatisticsTableCode,
  filters: StatisticsFilters,
  signal?: AbortSignal,
): Promise<PublishedStatisticsTable> {
  return oneAtATime(
    () =>
      apiRequest<PublishedStatisticsTable>(`/statistics/tables/${encodeURIComponent(table)}`, {
        signal,
        query: toQuery(filters),
      }),
    signal,
  );
}

export function fetchIndicatorReport(filters: StatisticsFilters, signal?: AbortSignal): Promise<IndicatorReport> {
  return oneAtATime(
    () => apiRequest<IndicatorReport>('/statistics/indicators', { signal, query: toQuery(filters) }),
    signal,
  );
}

/**
 * The address of a published file. A plain link (not a fetch) lets the browser save it with the name the API
 * gives and keeps the session cookie; the API audits each download and sends the figures exactly as published.
 */
export function statisticsDownloadUrl(
  what: { table: StatisticsTableCode } | 'indicators',
  filters: StatisticsFilters,
  format: StatisticsFormat,
): string {
  const path =
    what === 'indicators'
      ? '/api/statistics/indicators/download'
      : `/api/statistics/tables/${encodeURIComponent(what.table)}/download`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(toQuery(filters))) if (value) params.set(key, value);
  params.set('format', format);
  return `${path}?${params.toString()}`;
}
