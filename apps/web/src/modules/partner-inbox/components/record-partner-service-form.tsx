import { partnerServiceRequestSchema, SERVICE_OUTCOMES, SERVICE_TYPES, type ServiceType } from '@haven/contracts';
import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import {
  blankToUndefined,
  serverFieldErrors,
  todayIso,
  validateWithSchema,
} from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { emptyServiceForm, SERVICE_FORM_FIELDS, SERVICE_LAYOUT, type ServiceFormValues } from '../../service-records';
import { ReturnBlockedAlert } from '../../referrals';
import { returnRefusal } from '../../referrals';
import { useRecordPartnerService } from '../hooks/use-partner-inbox';

/**
 * A service the partner gave, in the same form the shelter uses; it appears on the referring case too. It
 * starts from the first service the referral asked for, usually the one given.
 */
export function RecordPartnerServiceForm({
  referralId,
  requested = [],
  onDone,
}: {
  referralId: string;
  requested?: readonly ServiceType[];
  onDone: () => void;
}) {
  const { t } = useTranslation('partnerInbox');
  const { t: tc } = useTranslation(['common', 'serviceRecords']);
  const record = useRecordPartnerService(referralId);
  const refusal = returnRefusal(record.error);
  const check = (values: ServiceFormValues) =>
    validateWithSchema(
      partnerServiceRequestSchema,
      {
        type: values.type ?? undefined,
        deliveredOn: values.deliveredOn,
        outcome: values.outcome ?? undefined,
        notes: blankToUndefined(values.notes),
      },
      tc,
      SERVICE_LAYOUT,
    );
  const form = useLiveForm<ServiceFormValues>({ ...emptyServiceForm(), type: requested[0] ?? null }, (values) => {
    const result = check(values);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit(
    (values) => {
      const result = check(values);
      if (!result.ok) return;
      record.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('actions.serviceRecorded'));
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
            label={tc('serviceRecords:type')}
            placeholder={tc('app.choose')}
            data={SERVICE_TYPES.map((type) => ({ value: type, label: tc(`enums.serviceType.${type}`) }))}
            searchable
            required
            allowDeselect={false}
            data-autofocus
            {...form.getInputProps('type')}
          />
          <TextInput
            type="date"
            label={tc('serviceRecords:deliveredOn')}
            max={todayIso()}
            required
            {...form.getInputProps('deliveredOn')}
          />
        </SimpleGrid>
        <Select
          label={tc('serviceRecords:outcome')}
          placeholder={tc('app.choose')}
          data={SERVICE_OUTCOMES.map((outcome) => ({ value: outcome, label: tc(`enums.serviceOutcome.${outcome}`) }))}
          required
          allowDeselect={false}
          {...form.getInputProps('outcome')}
        />
        <Textarea
          label={tc('serviceRecords:notes')}
          description={tc('serviceRecords:notesHint')}
          autosize
          minRows={3}
          maxRows={12}
          {...form.getInputProps('notes')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tc('app.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('actions.saveService')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
