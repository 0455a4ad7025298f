import {
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  withdrawConsentRequestSchema,
  type CaseDetail,
  type Consent,
} from '@haven/contracts';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, todayIso, validateWithSchema } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useAppAbility } from '../../auth';
import { useSession } from '../../auth';
import { useCasePermissions } from '../../cases';
import { formatDate } from '../../../app/text/format';
import { useDirectory } from '../../referrals';
import { useConsents, useRecordConsent, useRefreshConsents, useWithdrawConsent } from '../hooks/use-consents';
import {
  CONSENT_FORM_FIELDS,
  CONSENT_LAYOUT,
  emptyConsentForm,
  recipientOptions,
  validateConsentForm,
  type ConsentFormValues,
} from '../utils/consent-form';

/** What the survivor agreed to, for which purpose and recipient, and what she has withdrawn (do-no-harm §5.3). */
export function ConsentsTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const permissions = useCasePermissions(detail);
  const consents = useConsents(detail.id);
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const items = consents.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('consents.title')}
        </Title>
        {permissions.mayEdit && <Button onClick={() => setRecording(true)}>{t('consents.record')}</Button>}
      </Group>
      <Text size="sm" c="dimmed">
        {t('consents.intro')}
      </Text>

      {consents.isPending && <SectionLoader />}
      {consents.isError && <SectionError message={t('consents.error')} onRetry={() => void consents.refetch()} />}
      {consents.data && items.length === 0 && <EmptyState title={t('consents.empty')} hint={t('consents.emptyHint')} />}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm">
            <Table.Caption>
              <VisuallyHidden>{t('consents.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('consents.purpose')}</Table.Th>
                <Table.Th scope="col">{t('consents.recipient')}</Table.Th>
                <Table.Th scope="col">{t('consents.givenOn')}</Table.Th>
                <Table.Th scope="col">{t('consents.method')}</Table.Th>
                <Table.Th scope="col">{t('consents.recordedBy')}</Table.Th>
                <Table.Th scope="col">{t('consents.state')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('app.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((consent) => (
                <ConsentRow
                  key={consent.id}
                  consent={consent}
                  mayWithdraw={permissions.mayEdit}
                  onWithdraw={() => setWithdrawing(consent)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <FormDialog opened={recording} onClose={() => setRecording(false)} title={t('consents.record')}>
        <RecordConsentForm caseId={detail.id} consents={items} onDone={() => setRecording(false)} />
      </FormDialog>
      <FormDialog
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title={t('consents.withdrawTitle')}
        size="md"
      >
        {withdrawing && (
          <WithdrawConsentForm caseId={detail.id} consent={withdrawing} onDone={() => setWithdrawing(null)} />
        )}
      </FormDialog>
    </Stack>
  );
}

function ConsentRow({
  consent,
  mayWithdraw,
  onWithdraw,
}: {
  consent: Consent;
  mayWithdraw: boolean;
  onWithdraw: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const withdrawn = consent.withdrawnOn !== null;
  const purpose = t(`enums.consentPurpose.${consent.purpose}`);
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={600}>
        {purpose}
      </Table.Th>
      <Table.Td>{consent.recipientOrganisation?.name ?? '—'}</Table.Td>
      <Table.Td>{formatDate(consent.givenOn, language)}</Table.Td>
      <Table.Td>
        {t(`enums.consentMethod.${consent.method}`)}
        {consent.interpreterUsed && (
          <Text size="xs" c="dimmed">
            {t('consents.withInterpreter')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{consent.recordedBy.displayName}</Table.Td>
      <Table.Td>
        {withdrawn ? (
          <Badge color="gray.7" c="white" variant="filled" tt="none">
            {t('consents.withdrawnOn', { date: formatDate(consent.withdrawnOn, language) })}
          </Badge>
        ) : (
          <Badge color="teal.9" c="white" variant="filled" tt="none">
            {t('enums.consentState.granted')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {mayWithdraw && !withdrawn && (
          <Button
            size="xs"
            variant="subtle"
            color="red.9"
            c="red.9"
            onClick={onWithdraw}
            aria-label={t('consents.withdrawNamed', { purpose })}
          >
            {t('consents.withdraw')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function RecordConsentForm({ caseId, consents, onDone }: { caseId: string; consents: Consent[]; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordConsent(caseId);
  const refresh = useRefreshConsents(caseId);
  const me = useSession();
  const ability = useAppAbility();
  const form = useLiveForm<ConsentFormValues>(emptyConsentForm(), (values) => {
    const result = validateConsentForm(values, t);
    return result.ok ? {} : result.errors;
  });
  // The directory is asked for only once a referral is chosen: most consents name no recipient.
  const directory = useDirectory({}, form.values.purpose === 'referral' && ability.can('read', 'Organisation'));
  const recipients = recipientOptions(directory.data?.items ?? [], consents, me.organisation.id);

  const submit = form.onSubmit(
    (values) => {
      const result = validateConsentForm(values, t);
      if (!result.ok) return;
      record.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('consents.recorded'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, t, CONSENT_LAYOUT);
          form.setErrors(errors);
          focusFirstError(form, errors, CONSENT_FORM_FIELDS);
        },
      });
    },
    (errors) => focusFirstError(form, errors, CONSENT_FORM_FIELDS),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem
          error={record.error}
          fields={CONSENT_FORM_FIELDS}
          onReload={() => refresh().then(() => record.reset())}
        />
        <Select
          label={t('consents.purpose')}
          placeholder={t('cases.register.choose')}
          data={CONSENT_PURPOSES.map((purpose) => ({ value: purpose, label: t(`enums.consentPurpose.${purpose}`) }))}
          required
          allowDeselect={false}
          data-autofocus
          {...form.getInputProps('purpose')}
        />
        {form.values.purpose === 'referral' && (
          <Stack gap="xs">
            {!directory.isPending && recipients.length === 0 && (
              <Alert color="gray" variant="light" role="status">
                <Text size="sm" c="gray.9">
                  {t('consents.noDirectory')}
                </Text>
              </Alert>
            )}
            <Select
              label={t('consents.recipient')}
              description={t('consents.recipientHint')}
              placeholder={directory.isFetching ? t('app.loading') : t('cases.register.nationalityPlaceholder')}
              data={recipients}
              searchable
              required
              allowDeselect={false}
              nothingFoundMessage={t('consents.noOrganisation')}
              maxDropdownHeight={280}
              {...form.getInputProps('recipientOrganisationId')}
            />
          </Stack>
        )}
        <TextInput
          type="date"
          label={t('consents.givenOn')}
          max={todayIso()}
          required
          {...form.getInputProps('givenOn')}
        />
        <Radio.Group label={t('consents.method')} required {...form.getInputProps('method')}>
          <Group gap="lg" mt="xs">
            {CONSENT_METHODS.map((method) => (
              <Radio key={method} value={method} label={t(`enums.consentMethod.${method}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Checkbox
          label={t('consents.interpreterUsed')}
          {...form.getInputProps('interpreterUsed', { type: 'checkbox' })}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('consents.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type WithdrawValues = { withdrawnOn: string };

function WithdrawConsentForm({ caseId, consent, onDone }: { caseId: string; consent: Consent; onDone: () => void }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawConsent(caseId);
  const refresh = useRefreshConsents(caseId);
  const form = useLiveForm<WithdrawValues>({ withdrawnOn: todayIso() }, (values) => {
    const result = validateWithSchema(withdrawConsentRequestSchema, values, t);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit((values) => {
    withdraw.mutate(
      { consentId: consent.id, request: values },
      {
        onSuccess: () => {
          notifySaved(t('consents.withdrawnNotice'));
          onDone();
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, t)),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {/* Withdrawal stops all further sharing for this purpose; saying so avoids a surprise later. */}
        <Text size="sm">
          {t('consents.withdrawExplain', { purpose: t(`enums.consentPurpose.${consent.purpose}`) })}
        </Text>
        <FormProblem
          error={withdraw.error}
          fields={['withdrawnOn']}
          onReload={() => refresh().then(() => withdraw.reset())}
        />
        <TextInput
          type="date"
          label={t('consents.withdrawnOnLabel')}
          max={todayIso()}
          required
          data-autofocus
          {...form.getInputProps('withdrawnOn')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" color="red.9" loading={withdraw.isPending}>
            {t('consents.withdraw')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
