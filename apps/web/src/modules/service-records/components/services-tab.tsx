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

/** Assistance actually given: what, when, and how it ended. These records feed the indicator reports. */
export function ServicesTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const permissions = useCasePermissions(detail);
  const services = useServiceRecords(detail.id);
  const [recording, setRecording] = useState(false);
  const items = services.data?.items ?? [];
  const language = i18n.language;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('services.title')}
        </Title>
        {permissions.mayEdit && <Button onClick={() => setRecording(true)}>{t('services.record')}</Button>}
      </Group>
      {services.isPending && <SectionLoader />}
      {services.isError && <SectionError message={t('services.error')} onRetry={() => void services.refetch()} />}
      {services.data && items.length === 0 && <EmptyState title={t('services.empty')} hint={t('services.emptyHint')} />}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm">
            <Table.Caption>
              <VisuallyHidden>{t('services.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('services.type')}</Table.Th>
                <Table.Th scope="col">{t('services.deliveredOn')}</Table.Th>
                <Table.Th scope="col">{t('services.outcome')}</Table.Th>
                <Table.Th scope="col">{t('services.provider')}</Table.Th>
                <Table.Th scope="col">{t('services.notes')}</Table.Th>
                <Table.Th scope="col">{t('services.recordedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((service) => (
                <Table.Tr key={service.id}>
                  <Table.Th scope="row" fw={600}>
                    {t(`enums.serviceType.${service.type}`)}
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(service.deliveredOn, language)}</Table.Td>
                  <Table.Td>{t(`enums.serviceOutcome.${service.outcome}`)}</Table.Td>
                  <Table.Td>{service.providerOrganisation?.name ?? t('services.ownOrganisation')}</Table.Td>
                  <Table.Td>
                    <Text size="sm" className="free-text">
                      {service.notes ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{service.recordedBy.displayName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <FormDialog opened={recording} onClose={() => setRecording(false)} title={t('services.record')}>
        <RecordServiceForm caseId={detail.id} onDone={() => setRecording(false)} />
      </FormDialog>
    </Stack>
  );
}

function RecordServiceForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordService(caseId);
  const refusal = returnRefusal(record.error);
  const me = useSession();
  const ability = useAppAbility();
  const form = useLiveForm<ServiceFormValues>(emptyServiceForm(), (values) => {
    const result = validateServiceForm(values, t);
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
      const result = validateServiceForm(values, t);
      if (!result.ok) return;
      record.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('services.recorded'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, t, SERVICE_LAYOUT);
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
            label={t('services.type')}
            placeholder={t('cases.register.choose')}
            data={SERVICE_TYPES.map((type) => ({ value: type, label: t(`enums.serviceType.${type}`) }))}
            searchable
            required
            allowDeselect={false}
            data-autofocus
            {...form.getInputProps('type')}
          />
          <TextInput
            type="date"
            label={t('services.deliveredOn')}
            max={todayIso()}
            required
            {...form.getInputProps('deliveredOn')}
          />
        </SimpleGrid>
        <Select
          label={t('services.outcome')}
          placeholder={t('cases.register.choose')}
          data={SERVICE_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`enums.serviceOutcome.${outcome}`) }))}
          required
          allowDeselect={false}
          {...form.getInputProps('outcome')}
        />
        {ability.can('read', 'Organisation') && (
          <Select
            label={t('services.provider')}
            description={t('services.providerHint')}
            placeholder={t('services.ownOrganisation')}
            data={providers}
            searchable
            clearable
            nothingFoundMessage={t('consents.noOrganisation')}
            maxDropdownHeight={240}
            {...form.getInputProps('providerOrganisationId')}
          />
        )}
        <Textarea
          label={t('services.notes')}
          description={t('services.notesHint')}
          autosize
          minRows={3}
          maxRows={12}
          {...form.getInputProps('notes')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('services.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
