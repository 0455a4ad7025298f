import { RETENTION_MAX_MONTHS, type OrganisationRetention } from '@haven/contracts';
import { Button, Group, NumberInput, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors } from '../../../app/forms/schema-validation';
import { ErrorState } from '../../../app/layout/error-state';
import { PageLoader } from '../../../app/layout/page-loader';
import { EmptyState } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useRetentionRuns, useRetentionSettings, useSaveRetention } from '../hooks/use-data-protection';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/** Administrators set how long each organisation keeps closed cases, and see what the retention job did. */
export function RetentionPage() {
  const { t } = useTranslation('dataProtection');
  const settings = useRetentionSettings();
  usePageTitle(t('retention.title'));

  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <ErrorState message={t('retention.error')} onRetry={() => void settings.refetch()} />;

  return (
    <Stack gap="lg" maw={1000}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('retention.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('retention.intro', { min: settings.data.minimumMonths })}
        </Text>
      </Stack>
      <ResponsiveTable verticalSpacing="sm">
        <Table.Caption>
          <VisuallyHidden>{t('retention.caption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('retention.organisation')}</Table.Th>
            <Table.Th scope="col">{t('retention.period')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {settings.data.items.map((organisation) => (
            <Table.Tr key={organisation.id}>
              <Table.Th scope="row">{organisation.name}</Table.Th>
              <Table.Td>
                <RetentionForm organisation={organisation} minimumMonths={settings.data.minimumMonths} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ResponsiveTable>
      <RetentionRuns />
    </Stack>
  );
}

/** `minimumMonths` is the server's floor (RETENTION_MINIMUM_MONTHS): the form refuses less before sending, as the server would. */
function RetentionForm({
  organisation,
  minimumMonths,
}: {
  organisation: OrganisationRetention;
  minimumMonths: number;
}) {
  const { t } = useTranslation('dataProtection');
  const { t: tApp } = useTranslation();
  const saving = useSaveRetention();
  const [months, setMonths] = useState<number | string>(organisation.retentionMonths ?? '');
  const value = months === '' ? null : Number(months);
  const invalid = value !== null && (!Number.isInteger(value) || value < minimumMonths || value > RETENTION_MAX_MONTHS);
  // The problem box below leaves the period's own refusal to the input, so the input must show it.
  const refused = serverFieldErrors(saving.error, tApp).retentionMonths;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    saving.mutate(
      { organisationId: organisation.id, retentionMonths: value },
      { onSuccess: () => notifySaved(t('retention.saved', { name: organisation.name })) },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap={4}>
        <Group align="flex-start" gap="xs">
          <NumberInput
            aria-label={t('retention.periodOf', { name: organisation.name })}
            placeholder={t('retention.keep')}
            value={months}
            onChange={setMonths}
            min={minimumMonths}
            max={RETENTION_MAX_MONTHS}
            allowDecimal={false}
            // Not clamped on leaving the field: a value below the floor is shown as refused, never silently raised.
            clampBehavior="none"
            suffix={` ${t('retention.months')}`}
            error={invalid ? t('retention.bounds', { min: minimumMonths, max: RETENTION_MAX_MONTHS }) : refused}
            w={200}
          />
          <Button
            type="submit"
            variant="outline"
            loading={saving.isPending}
            aria-label={t('retention.saveOf', { name: organisation.name })}
          >
            {t('retention.save')}
          </Button>
        </Group>
        <FormProblem error={saving.error} fields={['retentionMonths']} />
      </Stack>
    </form>
  );
}

function RetentionRuns() {
  const { t, i18n } = useTranslation('dataProtection');
  const runs = useRetentionRuns();
  const format = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('runs.title')}
      </Title>
      {runs.isPending && <Text size="sm">{t('runs.loading')}</Text>}
      {runs.isError && <ErrorState message={t('runs.error')} onRetry={() => void runs.refetch()} />}
      {runs.data && runs.data.items.length === 0 && <EmptyState title={t('runs.empty')} />}
      {runs.data && runs.data.items.length > 0 && (
        <ResponsiveTable verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('runs.when')}</Table.Th>
              <Table.Th scope="col">{t('runs.trigger')}</Table.Th>
              <Table.Th scope="col">{t('runs.anonymised')}</Table.Th>
              <Table.Th scope="col">{t('runs.failed')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.items.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Td>{format(run.startedAt)}</Table.Td>
                <Table.Td>{t(`runs.triggers.${run.trigger}`)}</Table.Td>
                <Table.Td>{run.anonymised}</Table.Td>
                <Table.Td>{run.failed}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      )}
    </Stack>
  );
}
