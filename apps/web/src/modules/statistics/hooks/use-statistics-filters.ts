import { STATISTICS_GRANULARITIES, type StatisticsCatalogue, type StatisticsGranularity } from '@haven/contracts';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { StatisticsFilters } from '../api/statistics-api';
import { firstMonthOf, lastMonthOf } from '../utils/periods';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function isGranularity(value: string | null): value is StatisticsGranularity {
  return STATISTICS_GRANULARITIES.some((granularity) => granularity === value);
}

/**
 * The chosen period and organisations live in the address, so a report can be bookmarked, shared with a
 * colleague or reopened next quarter, and the dashboard and the indicator report keep the same choice.
 */
export function useStatisticsFilters(defaults: StatisticsCatalogue['defaults'] | undefined) {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<StatisticsFilters | null>(() => {
    if (!defaults) return null;
    const asked = params.get('granularity');
    const granularity = isGranularity(asked) ? asked : defaults.granularity;
    const from = params.get('from');
    const to = params.get('to');
    return {
      granularity,
      from: firstMonthOf(from && MONTH.test(from) ? from : defaults.from, granularity),
      to: lastMonthOf(to && MONTH.test(to) ? to : defaults.to, granularity),
      // Statistics are published for one organisation or all together: a link naming several opens the nearest published selection, all of them.
      organisationIds: singleOrganisation((params.get('organisations') ?? '').split(',').filter(Boolean)),
    };
  }, [defaults, params]);

  const update = useCallback(
    (next: StatisticsFilters) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          updated.set('granularity', next.granularity);
          updated.set('from', next.from);
          updated.set('to', next.to);
          if (next.organisationIds.length) updated.set('organisations', next.organisationIds.join(','));
          else updated.delete('organisations');
          return updated;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  /** The same choice, as a query string for links between the dashboard and the report. */
  const search = params.toString() ? `?${params.toString()}` : '';
  return { filters, update, search };
}

/** One organisation, or none (= all of them): the selections a release publishes. */
function singleOrganisation(ids: string[]): string[] {
  return ids.length === 1 ? ids : [];
}
