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
import { ChildAssentFields, ChildAssentNote } from '../../children';
import { AttachDocumentButton } from '../../documents';
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
import { InterpreterFields } from './interpreter-fields';
import { languageName } from '../../cases';
import { UserText } from '../../../app/text/user-text';
import { useConsents, useRecordConsent, useRefreshConsents, useWithdrawConsent } from '../hooks/use-consents';
import {
  CONSENT_FORM_FIELDS,
  CONSENT_LAYOUT,
  emptyConsentForm,
  namesRecipient,
  recipientOptions,
  validateConsentForm,
  type ConsentFormValues,
} from '../utils/consent-form';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/** What the survivor agreed to, for which purpose and recipient, and what she has withdrawn (do-no-harm §5.3). */
export function ConsentsTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['consents', 'cases', 'common']);
  const permissions = useCasePermissions(detail);
  const consents = useConsents(detail.id);
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const items = consents.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        {permissions.mayEdit && <Button onClick={() => setRecording(true)}>{t('record')}</Button>}
      </Group>
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>

      {consents.isPending && <SectionLoader />}
      {consents.isError && <SectionError message={t('error')} onRetry={() => void consents.refetch()} />}
      {consents.data && items.length === 0 && <EmptyState title={t('empty')} hint={t('emptyHint')} />}
      {items.length > 0 && (
        <ResponsiveTable verticalSpacing="sm">
          <Table.Caption>
            <VisuallyHidden>{t('caption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('purpose')}</Table.Th>
              <Table.Th scope="col">{t('recipient')}</Table.Th>
              <Table.Th scope="col">{t('givenOn')}</Table.Th>
              <Table.Th scope="col">{t('method')}</Table.Th>
              <Table.Th scope="col">{t('recordedBy')}</Table.Th>
              <Table.Th scope="col">{t('state')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('common:app.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((consent) => (
              <ConsentRow
                key={consent.id}
                caseId={detail.id}
                consent={consent}
                mayWithdraw={permissions.mayEdit}
                onWithdraw={() => setWithdrawing(consent)}
              />
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      )}

      <FormDialog opened={recording} onClose={() => setRecording(false)} title={t('record')}>
        <RecordConsentForm
          caseId={detail.id}
          consents={items}
          child={Boolean(detail.childBasis)}
          onDone={() => setRecording(false)}
        />
      </FormDialog>
      <FormDialog
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title={t('withdrawTitle')}
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
  caseId,
  consent,
  mayWithdraw,
  onWithdraw,
}: {
  caseId: string;
  consent: Consent;
  mayWithdraw: boolean;
  onWithdraw: () => void;
}) {
  const { t, i18n } = useTranslation(['consents', 'cases', 'common']);
  const language = i18n.language;
  const withdrawn = consent.withdrawnOn !== null;
  const purpose = t(`common:enums.consentPurpose.${consent.purpose}`);
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={600}>
        {purpose}
      </Table.Th>
      <Table.Td>{consent.recipientOrganisation?.name ?? '—'}</Table.Td>
      <Table.Td>{formatDate(consent.givenOn, language)}</Table.Td>
      <Table.Td>
        {t(`common:enums.consentMethod.${consent.method}`)}
        {consent.interpreterUsed && (
          <Text size="xs" c="dimmed" data-testid="interpreter">
            {consent.interpreterLanguage
              ? t('withInterpreterIn', { language: languageName(consent.interpreterLanguage, language) })
              : t('withInterpreter')}
            {/* The API sends the interpreter's name only to those who may read the identity. */}
            {consent.interpreterName && (
              <>
                {' · '}
                <UserText>{consent.interpreterName}</UserText>
              </>
            )}
          </Text>
        )}
        <ChildAssentNote assent={consent.childAssent?.assent ?? null} />
      </Table.Td>
      <Table.Td>{consent.recordedBy.displayName}</Table.Td>
      <Table.Td>
        {withdrawn ? (
          <Badge color="gray.7" c="white" variant="filled" tt="none">
            {t('withdrawnOn', { date: formatDate(consent.withdrawnOn, language) })}
          </Badge>
        ) : (
          <Badge color="teal.9" c="white" variant="filled" tt="none">
            {t('common:enums.consentState.granted')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {mayWithdraw && (
          // The signed form, kept with the consent it records.
          <AttachDocumentButton
            caseId={caseId}
            recordType="consent"
            recordId={consent.id}
            defaultCategory="consent-form"
          />
        )}
        {mayWithdraw && !withdrawn && (
          <Button
            size="xs"
            variant="subtle"
            color="red.9"
            c="red.9"
            onClick={onWithdraw}
            aria-label={t('withdrawNamed', { purpose })}
          >
            {t('withdraw')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function RecordConsentForm({
  caseId,
  consents,
  child,
  onDone,
}: {
  caseId: string;
  consents: Consent[];
  /** A child case: the form asks for her assent too. */
  child: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation(['consents', 'cases', 'common']);
  const { t: tc } = useTranslation();
  const record = useRecordConsent(caseId);
  const refresh = useRefreshConsents(caseId);
  const me = useSession();
  const ability = useAppAbility();
  const form = useLiveForm<ConsentFormValues>(emptyConsentForm(), (values) => {
    const result = validateConsentForm(values, tc, child);
    return result.ok ? {} : result.errors;
  });
  // The directory is asked for only once a referral or transfer is chosen: most consents name no recipient.
  const purpose = form.values.purpose;
  const named = namesRecipient(purpose);
  const directory = useDirectory(
    { purpose: namesRecipient(purpose) ? purpose : undefined },
    named && ability.can('read', 'Organisation'),
  );
  const recipients = recipientOptions(directory.data?.items ?? [], consents, me.organisation.id, form.values.purpose);

  const submit = form.onSubmit(
    (values) => {
      const result = validateConsentForm(values, tc, child);
      if (!result.ok) return;
      record.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('recorded'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tc, CONSENT_LAYOUT);
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
          label={t('purpose')}
          placeholder={t('common:app.choose')}
          data={CONSENT_PURPOSES.map((purpose) => ({
            value: purpose,
            label: t(`common:enums.consentPurpose.${purpose}`),
          }))}
          required
          allowDeselect={false}
          data-autofocus
          {...form.getInputProps('purpose')}
        />
        {named && (
          <Stack gap="xs">
            {!directory.isPending && recipients.length === 0 && (
              <Alert color="gray" variant="light" role="status">
                <Text size="sm" c="gray.9">
                  {t('noDirectory')}
                </Text>
              </Alert>
            )}
            <Select
              label={t('recipient')}
              description={t('recipientHint')}
              placeholder={directory.isFetching ? t('common:app.loading') : t('cases:register.nationalityPlaceholder')}
              data={recipients}
              searchable
              required
              allowDeselect={false}
              nothingFoundMessage={t('noOrganisation')}
              maxDropdownHeight={280}
              {...form.getInputProps('recipientOrganisationId')}
            />
          </Stack>
        )}
        <TextInput type="date" label={t('givenOn')} max={todayIso()} required {...form.getInputProps('givenOn')} />
        <Radio.Group label={t('method')} required {...form.getInputProps('method')}>
          <Group gap="lg" mt="xs">
            {CONSENT_METHODS.map((method) => (
              <Radio key={method} value={method} label={t(`common:enums.consentMethod.${method}`)} />
            ))}
          </Group>
        </Radio.Group>
        <InterpreterFields form={form} />
        {child && (
          <ChildAssentFields
            assent={form.getInputProps('childAssent.assent')}
            explainedForAge={form.getInputProps('childAssent.explainedForAge', { type: 'checkbox' })}
          />
        )}
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

type WithdrawValues = { withdrawnOn: string };

function WithdrawConsentForm({ caseId, consent, onDone }: { caseId: string; consent: Consent; onDone: () => void }) {
  const { t } = useTranslation(['consents', 'cases', 'common']);
  const { t: tc } = useTranslation();
  const withdraw = useWithdrawConsent(caseId);
  const refresh = useRefreshConsents(caseId);
  const form = useLiveForm<WithdrawValues>({ withdrawnOn: todayIso() }, (values) => {
    const result = validateWithSchema(withdrawConsentRequestSchema, values, tc);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit((values) => {
    withdraw.mutate(
      { consentId: consent.id, request: values },
      {
        onSuccess: () => {
          notifySaved(t('withdrawnNotice'));
          onDone();
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {/* Withdrawal stops all further sharing for this purpose; saying so avoids a surprise later. */}
        <Text size="sm">{t('withdrawExplain', { purpose: t(`common:enums.consentPurpose.${consent.purpose}`) })}</Text>
        <FormProblem
          error={withdraw.error}
          fields={['withdrawnOn']}
          onReload={() => refresh().then(() => withdraw.reset())}
        />
        <TextInput
          type="date"
          label={t('withdrawnOnLabel')}
          max={todayIso()}
          required
          data-autofocus
          {...form.getInputProps('withdrawnOn')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common:app.cancel')}
          </Button>
          <Button type="submit" color="red.9" loading={withdraw.isPending}>
            {t('withdraw')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
