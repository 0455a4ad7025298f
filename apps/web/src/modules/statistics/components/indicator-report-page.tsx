import type { IndicatorReport } from '@haven/contracts';
import { Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../app/layout/error-state';
import { PageLoader } from '../../../app/layout/page-loader';
import { EmptyState, SectionLoader } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { statisticsDownloadUrl, type StatisticsFilters } from '../api/statistics-api';
import { useIndicatorReport, useStatisticsCatalogue } from '../hooks/use-statistics';
import { useStatisticsFilters } from '../hooks/use-statistics-filters';
import { useStatisticsLabels } from '../hooks/use-statistics-labels';
import { DownloadButtons } from './download-buttons';
import { StatisticsFiltersBar } from './statistics-filters-bar';
import { StatisticsProblem } from './statistics-problem';
import { ReleasedAt } from './table-card';
import { SuppressionLegend } from './suppression-legend';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/**
 * The donor report: each indicator with its written definition beside its figures, for the chosen period and
 * organisations, and the same report as a file. The definitions are the statistics catalogue's, word for word, as in
 * the file.
 */
export function IndicatorReportPage() {
  const { t } = useTranslation('statistics');
  const catalogue = useStatisticsCatalogue();
  const { filters, update, search } = useStatisticsFilters(catalogue.data?.defaults);
  usePageTitle(t('indicators.title'));

  if (catalogue.isPending) return <PageLoader />;
  if (catalogue.isError || !filters)
    return <ErrorState message={t('indicators.error')} onRetry={() => void catalogue.refetch()} />;

  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <Group justify="space-between" align="baseline">
          <Title order={1} size="h2">
            {t('indicators.title')}
          </Title>
          <Group gap="md">
            <Anchor component={Link} to={`/statistics/results${search}`}>
              {t('results.title')}
            </Anchor>
            <Anchor component={Link} to={`/statistics${search}`}>
              {t('dashboard.title')}
            </Anchor>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('indicators.intro')}
        </Text>
      </Stack>
      <StatisticsFiltersBar catalogue={catalogue.data} filters={filters} onChange={update} />
      <SuppressionLegend controls={catalogue.data.controls} release={catalogue.data.release} />
      <Report filters={filters} />
    </Stack>
  );
}

function Report({ filters }: { filters: StatisticsFilters }) {
  const { t, i18n } = useTranslation('statistics');
  const labels = useStatisticsLabels();
  const report = useIndicatorReport(filters);

  if (report.isPending) return <SectionLoader rows={6} />;
  if (report.isError)
    return (
      <StatisticsProblem error={report.error} onRetry={() => void report.refetch()} fallback={t('indicators.error')} />
    );
  if (report.data.indicators.length === 0) return <EmptyState title={t('indicators.empty')} />;

  return (
    <Stack gap="md" aria-busy={report.isFetching}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('download.hint')}
        </Text>
        <DownloadButtons
          title={t('indicators.title')}
          urlFor={(format) => statisticsDownloadUrl('indicators', filters, format, labels.language)}
        />
      </Group>
      {report.data.indicators.map((indicator) => (
        <IndicatorCard key={indicator.indicator} report={report.data} indicator={indicator} />
      ))}
      <Text size="xs" c="dimmed">
        <ReleasedAt
          release={report.data.release}
          open={report.data.openPeriods.map(labels.period)}
          language={i18n.language}
        />
      </Text>
    </Stack>
  );
}

function IndicatorCard({
  report,
  indicator,
}: {
  report: IndicatorReport;
  indicator: IndicatorReport['indicators'][number];
}) {
  const { t } = useTranslation('statistics');
  const labels = useStatisticsLabels();
  const headingId = `indicator-${indicator.indicator}`;
  // The words are the statistics catalogue's in the reader's language, as in the file; the figures are the API's.
  const { title, definition } = labels.indicator(indicator.indicator);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        <Text size="sm">
          <Text span fw={600} inherit>
            {t('indicators.definition')}:{' '}
          </Text>
          {definition}
        </Text>
        <ResponsiveTable withTableBorder fz="sm" stackBelow="never">
          <Table.Caption>{t('indicators.caption', { title })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {report.periods.map((period) => (
                <Table.Th key={period} scope="col" ta="end">
                  {labels.period(period)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              {report.periods.map((period) => (
                <Table.Td key={period} ta="end">
                  {indicator.values.find((value) => value.key[0] === period)?.display ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </ResponsiveTable>
      </Stack>
    </Paper>
  );
}
