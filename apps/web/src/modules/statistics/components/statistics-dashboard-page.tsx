import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../app/layout/error-state';
import { PageLoader } from '../../../app/layout/page-loader';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useSession } from '../../auth';
import { openDataDownloadUrl } from '../api/statistics-api';
import { useStatisticsCatalogue } from '../hooks/use-statistics';
import { useStatisticsFilters } from '../hooks/use-statistics-filters';
import { StatisticsFiltersBar } from './statistics-filters-bar';
import { SuppressionLegend } from './suppression-legend';
import { TableCard } from './table-card';

/**
 * The manager's (and, for their organisation, the supervisor's) dashboard: one card per fixed table, each
 * with a chart and the table as published. Only counts over groups reach this screen, never a case.
 */
export function StatisticsDashboardPage() {
  const { t } = useTranslation('statistics');
  const catalogue = useStatisticsCatalogue();
  const { filters, update, search } = useStatisticsFilters(catalogue.data?.defaults);
  // Open data covers every organisation together: for managers only (the API refuses anyone else).
  const managesAll = useSession().user.role === 'manager';
  usePageTitle(t('dashboard.title'));

  if (catalogue.isPending) return <PageLoader />;
  if (catalogue.isError || !filters)
    return <ErrorState message={t('dashboard.error')} onRetry={() => void catalogue.refetch()} />;

  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <Group justify="space-between" align="baseline">
          <Title order={1} size="h2">
            {t('dashboard.title')}
          </Title>
          <Group gap="md">
            <Anchor component={Link} to={`/statistics/indicators${search}`}>
              {t('indicators.title')}
            </Anchor>
            {managesAll &&
              // With differential privacy there is no file: a record-level file would bypass the privacy budget (the API answers 409).
              (catalogue.data.controls.epsilonPerRelease === null ? (
                <Anchor href={openDataDownloadUrl()} download title={t('openData.hint')}>
                  {t('openData.download')}
                </Anchor>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('openData.notWithDifferentialPrivacy')}
                </Text>
              ))}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('dashboard.intro')}
        </Text>
      </Stack>
      <StatisticsFiltersBar catalogue={catalogue.data} filters={filters} onChange={update} />
      <SuppressionLegend controls={catalogue.data.controls} release={catalogue.data.release} />
      <Stack gap="md">
        {catalogue.data.tables.map((entry) => (
          <TableCard key={entry.table} table={entry.table} filters={filters} />
        ))}
      </Stack>
    </Stack>
  );
}
