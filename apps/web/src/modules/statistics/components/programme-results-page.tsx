import {
  PROGRAMME_RESULTS,
  programmeTargetSchema,
  type ProgrammeResultCode,
  type ProgrammeResults,
  type ProgrammeTarget,
} from '@haven/contracts';
import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAppAbility } from '../../auth';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { ErrorState } from '../../../app/layout/error-state';
import { PageLoader } from '../../../app/layout/page-loader';
import { ResponsiveTable } from '../../../app/layout/responsive-table';
import { EmptyState, SectionLoader } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { programmeResultsDownloadUrl, type StatisticsFilters } from '../api/statistics-api';
import { useProgrammeResults, useSetProgrammeTarget, useStatisticsCatalogue } from '../hooks/use-statistics';
import { useStatisticsFilters } from '../hooks/use-statistics-filters';
import { useStatisticsLabels } from '../hooks/use-statistics-labels';
import { DownloadButtons } from './download-buttons';
import { StatisticsFiltersBar } from './statistics-filters-bar';
import { StatisticsProblem } from './statistics-problem';

type Result = ProgrammeResults['results'][number];

/**
 * The programme's results as a donor takes them: the four headline results, then the case indicators, each with
 * its definition, source and what it counts once, a figure per period, and progress against the targets the
 * managers set. Prints as it is shown (the navigation and buttons are left off the page), and downloads as a
 * results framework in XLSX or as CSV.
 */
export function ProgrammeResultsPage() {
  const { t } = useTranslation('statistics');
  const catalogue = useStatisticsCatalogue();
  const { filters, update, search } = useStatisticsFilters(catalogue.data?.defaults);
  const ability = useAppAbility();
  const [settingTarget, setSettingTarget] = useState(false);
  usePageTitle(t('results.title'));

  if (catalogue.isPending) return <PageLoader />;
  if (catalogue.isError || !filters)
    return <ErrorState message={t('results.error')} onRetry={() => void catalogue.refetch()} />;

  return (
    <Stack gap="lg" maw={1200} className="printable-results">
      <Stack gap={4}>
        <Group justify="space-between" align="baseline">
          <Title order={1} size="h2">
            {t('results.title')}
          </Title>
          <Group gap="sm" className="no-print">
            <Anchor component={Link} to={`/statistics/indicators${search}`}>
              {t('indicators.title')}
            </Anchor>
            {ability.can('manage', 'ProgrammeTarget') && (
              <Button size="xs" variant="light" onClick={() => setSettingTarget(true)}>
                {t('results.setTarget')}
              </Button>
            )}
            <Button size="xs" variant="default" onClick={() => window.print()}>
              {t('results.print')}
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('results.intro')}
        </Text>
      </Stack>
      <div className="no-print">
        <StatisticsFiltersBar catalogue={catalogue.data} filters={filters} onChange={update} />
      </div>
      <Results filters={filters} />
      <FormDialog
        opened={settingTarget}
        onClose={() => setSettingTarget(false)}
        title={t('results.setTarget')}
        size="md"
      >
        <TargetForm onDone={() => setSettingTarget(false)} />
      </FormDialog>
    </Stack>
  );
}

function Results({ filters }: { filters: StatisticsFilters }) {
  const { t } = useTranslation('statistics');
  const report = useProgrammeResults(filters);

  if (report.isPending) return <SectionLoader rows={6} />;
  if (report.isError)
    return (
      <StatisticsProblem error={report.error} onRetry={() => void report.refetch()} fallback={t('results.error')} />
    );
  if (report.data.results.length === 0) return <EmptyState title={t('results.empty')} />;

  const title = t('results.title');
  return (
    <Stack gap="md" aria-busy={report.isFetching}>
      <Group justify="space-between" className="no-print">
        <Text size="sm" c="dimmed">
          {t('results.reconcile')}
        </Text>
        <DownloadButtons title={title} urlFor={(format) => programmeResultsDownloadUrl(filters, format)} />
      </Group>
      {report.data.results.map((result) => (
        <ResultCard key={result.result} report={report.data} result={result} />
      ))}
      <Text size="xs" c="dimmed">
        {t('results.smallCounts', { k: report.data.k })}
      </Text>
    </Stack>
  );
}

/** A result's title in the reader's language: the programme's statement, translated; the API's words otherwise. */
function useResultTitle() {
  const { t } = useTranslation('statistics');
  return (result: ProgrammeResultCode, fallback?: string) =>
    t(`results.titles.${result}`, { defaultValue: fallback ?? result });
}

function ResultCard({ report, result }: { report: ProgrammeResults; result: Result }) {
  const { t, i18n } = useTranslation('statistics');
  const labels = useStatisticsLabels();
  const titleOf = useResultTitle();
  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value);
  const headingId = `result-${result.result}`;
  const title = titleOf(result.result, result.title);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          {result.headline && (
            <Badge variant="light" style={{ flexShrink: 0 }}>
              {t('results.headline')}
            </Badge>
          )}
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
        </Group>
        <Text size="sm" lang="en">
          <Text span fw={600} inherit lang={i18n.language}>
            {t('indicators.definition')}:{' '}
          </Text>
          {result.definition}
        </Text>
        <Text size="sm" c="dimmed">
          {t('results.source')}: <span lang="en">{result.source}</span> · {t(`results.units.${result.unit}`)}
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
              {result.values.map((figure) => (
                <Table.Td key={figure.period} ta="end">
                  {figure.value === null ? figure.display : number(figure.value)}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </ResponsiveTable>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Figure label={t('results.achieved')} value={result.achieved === null ? '—' : number(result.achieved)} />
          <Figure label={t('results.baseline')} value={result.baseline === null ? '—' : number(result.baseline)} />
          <Figure
            label={t('results.target')}
            value={result.target === null ? t('results.noTarget') : number(result.target)}
          />
          <Figure
            label={t('results.percentAchieved')}
            value={
              result.percentAchieved === null
                ? '—'
                : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(
                    result.percentAchieved / 100,
                  )
            }
          />
        </SimpleGrid>
        {result.percentAchieved !== null && (
          <Progress
            value={Math.min(result.percentAchieved, 100)}
            aria-label={t('results.progressOf', { title })}
            size="sm"
          />
        )}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Stack>
  );
}

type TargetValues = {
  result: string | null;
  year: number | string;
  baseline: number | string;
  target: number | string;
};
const TARGET_FIELDS = ['result', 'year', 'baseline', 'target'] as const;
const numberOf = (value: number | string) => (value === '' ? undefined : Number(value));

/** Sets a result's baseline and target for a year (managers); setting one again replaces it. */
function TargetForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('statistics');
  const { t: tApp } = useTranslation();
  const titleOf = useResultTitle();
  const save = useSetProgrammeTarget();
  const validate = (values: TargetValues) =>
    validateWithSchema(
      programmeTargetSchema,
      {
        result: values.result ?? undefined,
        year: numberOf(values.year),
        baseline: numberOf(values.baseline),
        target: numberOf(values.target),
      },
      tApp,
      { choiceFields: ['result'] },
    );
  const form = useLiveForm<TargetValues>(
    { result: null, year: new Date().getFullYear(), baseline: '', target: '' },
    (values) => {
      const checked = validate(values);
      return checked.ok ? {} : checked.errors;
    },
  );
  const submit = form.onSubmit(
    (values) => {
      const checked = validate(values);
      if (!checked.ok) return;
      save.mutate(checked.data as ProgrammeTarget, {
        onSuccess: () => {
          notifySaved(t('results.targetSaved'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tApp);
          form.setErrors(errors);
          focusFirstError(form, errors, TARGET_FIELDS);
        },
      });
    },
    (errors) => focusFirstError(form, errors, TARGET_FIELDS),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={save.error} fields={TARGET_FIELDS} />
        <Select
          label={t('results.result')}
          placeholder={tApp('app.choose')}
          data={PROGRAMME_RESULTS.map((result) => ({ value: result, label: titleOf(result) }))}
          required
          allowDeselect={false}
          data-autofocus
          {...form.getInputProps('result')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('results.year')}
            min={2000}
            max={2100}
            allowDecimal={false}
            required
            {...form.getInputProps('year')}
          />
          <NumberInput
            label={t('results.baseline')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator
            required
            {...form.getInputProps('baseline')}
          />
          <NumberInput
            label={t('results.target')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator
            required
            {...form.getInputProps('target')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('results.saveTarget')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
