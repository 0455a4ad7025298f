import type { StatisticsRelease, StatisticsTableCode } from '@haven/contracts';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionLoader } from '../../../app/layout/section-states';
import { statisticsDownloadUrl, type StatisticsFilters } from '../api/statistics-api';
import { useStatisticsLabels } from '../hooks/use-statistics-labels';
import { useStatisticsTable } from '../hooks/use-statistics';
import { formatDateTime, formatList } from '../../../app/text/format';
import { DownloadButtons } from './download-buttons';
import { PublishedTable } from './published-table';
import { StatisticsProblem } from './statistics-problem';

// Charts are their own chunk: the first screen (and every role without statistics) never downloads them.
const StatisticsChart = lazy(() => import('./statistics-chart').then((m) => ({ default: m.StatisticsChart })));

interface TableCardProps {
  table: StatisticsTableCode;
  filters: StatisticsFilters;
}

/** One catalogue table: its chart, the published table, and the files, or why nothing can be published. */
export function TableCard({ table, filters }: TableCardProps) {
  const { t, i18n } = useTranslation('statistics');
  const labels = useStatisticsLabels();
  const published = useStatisticsTable(table, filters);
  const { title, description } = labels.table(table);
  const headingId = `statistics-${table}`;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} aria-busy={published.isFetching}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2} style={{ flex: 1, minWidth: 220 }}>
            <Title order={2} size="h4" id={headingId}>
              {title}
            </Title>
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          </Stack>
          {published.isSuccess && (
            <DownloadButtons
              title={title}
              urlFor={(format) => statisticsDownloadUrl({ table }, filters, format, labels.language)}
            />
          )}
        </Group>
        {published.isPending && <SectionLoader rows={4} />}
        {published.isError && (
          <StatisticsProblem
            error={published.error}
            onRetry={() => void published.refetch()}
            fallback={t('problems.generic')}
          />
        )}
        {published.isSuccess && (
          <>
            <Suspense fallback={<SectionLoader rows={2} />}>
              <StatisticsChart table={published.data} title={title} />
            </Suspense>
            <PublishedTable table={published.data} title={title} />
            {published.data.withheldPeriods.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('table.withheld', {
                  periods: formatList(published.data.withheldPeriods.map(labels.period), i18n.language),
                })}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              <ReleasedAt
                release={published.data.release}
                open={published.data.openPeriods.map(labels.period)}
                language={i18n.language}
              />
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Which release the figures come from, and which periods asked for have not ended (published only after they end). */
export function ReleasedAt({
  release,
  open,
  language,
}: {
  release: StatisticsRelease;
  open: string[];
  language: string;
}) {
  const { t } = useTranslation('statistics');
  return (
    <>
      {t('table.releasedAt', { label: release.label, time: formatDateTime(release.cutAt, language) })}
      {open.length > 0 && ` ${t('table.open', { periods: formatList(open, language) })}`}
    </>
  );
}
