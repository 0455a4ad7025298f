import type { StatisticsCatalogue, StatisticsGranularity } from '@haven/contracts';
import { Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StatisticsFilters } from '../api/statistics-api';
import { useStatisticsLabels } from '../hooks/use-statistics-labels';
import { currentMonth, firstMonthOf, lastMonthOf, periodOptions } from '../utils/periods';

interface StatisticsFiltersBarProps {
  catalogue: StatisticsCatalogue;
  filters: StatisticsFilters;
  onChange: (filters: StatisticsFilters) => void;
}

/** The value of the "all organisations" choice (organisation ids are uuids, so it cannot clash). */
const ALL = 'all';

/** The period (in whole months, quarters or years, as the API allows) and the organisations counted. */
export function StatisticsFiltersBar({ catalogue, filters, onChange }: StatisticsFiltersBarProps) {
  const { t } = useTranslation('statistics');
  const labels = useStatisticsLabels();
  const latest = filters.to > currentMonth() ? filters.to : currentMonth();
  const options = periodOptions(filters.granularity, latest);
  const fromData = options.map((option) => ({ value: option.firstMonth, label: labels.period(option.period) }));
  const toData = options.map((option) => ({ value: option.lastMonth, label: labels.period(option.period) }));
  const reversed = filters.from > filters.to;

  const changeGranularity = (granularity: StatisticsGranularity) =>
    onChange({
      ...filters,
      granularity,
      from: firstMonthOf(filters.from, granularity),
      to: lastMonthOf(filters.to, granularity),
    });

  return (
    <Paper withBorder p="md" component="fieldset" style={{ margin: 0 }}>
      <Text component="legend" fw={600} px={4}>
        {t('filters.legend')}
      </Text>
      <Stack gap="sm">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="statistics-granularity">
              {t('filters.granularity')}
            </Text>
            <SegmentedControl
              aria-labelledby="statistics-granularity"
              value={filters.granularity}
              onChange={(value) => changeGranularity(value as StatisticsGranularity)}
              data={catalogue.granularities.map((granularity) => ({
                value: granularity,
                label: t(`filters.${granularity}`),
              }))}
            />
          </Stack>
          <Select
            label={t('filters.from')}
            data={fromData}
            value={filters.from}
            onChange={(value) => value && onChange({ ...filters, from: value })}
            allowDeselect={false}
            w={180}
          />
          <Select
            label={t('filters.to')}
            data={toData}
            value={filters.to}
            onChange={(value) => value && onChange({ ...filters, to: value })}
            allowDeselect={false}
            w={180}
            error={reversed ? t('filters.orderHint') : undefined}
          />
          {reversed && (
            // The nearest selection that can be published: the same two periods, the right way round.
            <Button
              variant="light"
              onClick={() =>
                onChange({
                  ...filters,
                  from: firstMonthOf(filters.to, filters.granularity),
                  to: lastMonthOf(filters.from, filters.granularity),
                })
              }
            >
              {t('filters.swap')}
            </Button>
          )}
        </Group>
        {catalogue.organisations.length > 1 && (
          <Select
            label={t('filters.organisations')}
            description={t('filters.organisationsHint')}
            data={[
              { value: ALL, label: t('filters.allOrganisations') },
              ...catalogue.organisations.map((organisation) => ({
                value: organisation.organisation,
                label: organisation.label,
              })),
            ]}
            value={filters.organisationIds[0] ?? ALL}
            onChange={(value) => onChange({ ...filters, organisationIds: value && value !== ALL ? [value] : [] })}
            allowDeselect={false}
            searchable
            maw={480}
          />
        )}
      </Stack>
    </Paper>
  );
}
