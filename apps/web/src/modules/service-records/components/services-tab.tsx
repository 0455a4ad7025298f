import { SERVICE_OUTCOMES, SERVICE_TYPES, type CaseDetail } from '@haven/contracts';
import {
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, todayIso } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useAppAbility } from '../../auth';
import { useSession } from '../../auth';
import { useCasePermissions } from '../../cases';
import { AttachDocumentButton } from '../../documents';
import { formatDate } from '../../../app/text/format';
import { ReturnBlockedAlert } from '../../referrals';
import { useDirectory } from '../../referrals';
import { returnRefusal } from '../../referrals';
import { useRecordService, useServiceRecords } from '../hooks/use-service-records';
import {
  emptyServiceForm,
  SERVICE_FORM_FIELDS,
  SERVICE_LAYOUT,
  validateServiceForm,
  type ServiceFormValues,
} from '../utils/service-form';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/** Assistance actually given: what, when, and how it ended. These records feed the indicator reports. */
export function ServicesTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(['serviceRecords', 'common']);
  const permissions = useCasePermissions(detail);
  const services = useServiceRecords(detail.id);
  const [recording, setRecording] = useState(false);
  const items = services.data?.items ?? [];
  const language = i18n.language;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        {permissions.mayEdit && <Button onClick={() => setRecording(true)}>{t('record')}</Button>}
      </Group>
      {services.isPending && <SectionLoader />}
      {services.isError && <SectionError message={t('error')} onRetry={() => void services.refetch()} />}
      {services.data && items.length === 0 && <EmptyState title={t('empty')} hint={t('emptyHint')} />}
      {items.length > 0 && (
        <ResponsiveTable verticalSpacing="sm">
          <Table.Caption>
            <VisuallyHidden>{t('caption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('type')}</Table.Th>
              <Table.Th scope="col">{t('deliveredOn')}</Table.Th>
              <Table.Th scope="col">{t('outcome')}</Table.Th>
              <Table.Th scope="col">{t('provider')}</Table.Th>
              <Table.Th scope="col">{t('notes')}</Table.Th>
              <Table.Th scope="col">{t('recordedBy')}</Table.Th>
              {permissions.mayEdit && (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common:app.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((service) => (
              <Table.Tr key={service.id}>
                <Table.Th scope="row" fw={600}>
                  {t(`common:enums.serviceType.${service.type}`)}
                </Table.Th>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(service.deliveredOn, language)}</Table.Td>
                <Table.Td>{t(`common:enums.serviceOutcome.${service.outcome}`)}</Table.Td>
                <Table.Td>{service.providerOrganisation?.name ?? t('ownOrganisation')}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="free-text">
                    {service.notes ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{service.recordedBy.displayName}</Table.Td>
                {permissions.mayEdit && (
                  <Table.Td>
                    <AttachDocumentButton caseId={detail.id} recordType="service" recordId={service.id} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      )}

      <FormDialog opened={recording} onClose={() => setRecording(false)} title={t('record')}>
        <RecordServiceForm caseId={detail.id} onDone={() => setRecording(false)} />
      </FormDialog>
    </Stack>
  );
}

function RecordServiceForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation(['serviceRecords', 'common', 'consents']);
  const { t: tc } = useTranslation();
  const record = useRecordService(caseId);
  const refusal = returnRefusal(record.error);
  const me = useSession();
  const ability = useAppAbility();
  const form = useLiveForm<ServiceFormValues>(emptyServiceForm(), (values) => {
    const result = validateServiceForm(values, tc);
    return result.ok ? {} : result.errors;
  });
  // Any organisation of the directory: many entries do not list their services, so filtering by the chosen
  // service would hide the clinic that actually saw her.
  const directory = useDirectory({}, ability.can('read', 'Organisation'));
  const providers = (directory.data?.items ?? [])
    .filter((entry) => entry.id !== me.organisation.id)
    .map((entry) => ({ value: entry.id, label: entry.name }));

  const submit = form.onSubmit(
    (values) => {
      const result = validateServiceForm(values, tc);
      if (!result.ok) return;
      record.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('recorded'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tc, SERVICE_LAYOUT);
          form.setErrors(errors);
          focusFirstError(form, errors, SERVICE_FORM_FIELDS);
        },
      });
    },
    (errors) => focusFirstError(form, errors, SERVICE_FORM_FIELDS),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {refusal ? (
          <ReturnBlockedAlert refusal={refusal} />
        ) : (
          <FormProblem error={record.error} fields={SERVICE_FORM_FIELDS} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('type')}
            placeholder={t('common:app.choose')}
            data={SERVICE_TYPES.map((type) => ({ value: type, label: t(`common:enums.serviceType.${type}`) }))}
            searchable
            required
            allowDeselect={false}
            data-autofocus
            {...form.getInputProps('type')}
          />
          <TextInput
            type="date"
            label={t('deliveredOn')}
            max={todayIso()}
            required
            {...form.getInputProps('deliveredOn')}
          />
        </SimpleGrid>
        <Select
          label={t('outcome')}
          placeholder={t('common:app.choose')}
          data={SERVICE_OUTCOMES.map((outcome) => ({
            value: outcome,
            label: t(`common:enums.serviceOutcome.${outcome}`),
          }))}
          required
          allowDeselect={false}
          {...form.getInputProps('outcome')}
        />
        {ability.can('read', 'Organisation') && (
          <Select
            label={t('provider')}
            description={t('providerHint')}
            placeholder={t('ownOrganisation')}
            data={providers}
            searchable
            clearable
            nothingFoundMessage={t('consents:noOrganisation')}
            maxDropdownHeight={240}
            {...form.getInputProps('providerOrganisationId')}
          />
        )}
        <Textarea
          label={t('notes')}
          description={t('notesHint')}
          autosize
          minRows={3}
          maxRows={12}
          {...form.getInputProps('notes')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common:app.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
