import {
  proposeTransferRequestSchema,
  type CaseDetail,
  type ProposeTransferRequest,
  type Transfer,
} from '@haven/contracts';
import {
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import {
  blankToUndefined,
  serverFieldErrors,
  validateWithSchema,
  type SchemaResult,
} from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useCasePermissions } from '../../cases';
import { countryName, formatDate } from '../../../app/text/format';
import { ConsentRequiredAlert, ReturnBlockedAlert, ReturnSuspendedNote } from '../../referrals';
import { useDirectory } from '../../referrals';
import { isConsentRequired, isGenericProblem, returnRefusal } from '../../referrals';
import { useCancelTransfer, useCaseTransfers, useProposeTransfer, useReloadTransfers } from '../hooks/use-transfers';
import { TransferStatusBadge } from './transfer-status-badge';
import { isolated } from '../../../app/text/isolation';
import { ResponsiveTable } from '../../../app/layout/responsive-table';
import { ConsentForRecipient, standingConsent, useConsents } from '../../consents';

/** Transfers of the case to another organisation: everyone on the case sees them, supervisors propose and cancel. */
export function TransfersSection({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('transfers');
  const { t: tr } = useTranslation('referrals');
  const permissions = useCasePermissions(detail);
  const transfers = useCaseTransfers(detail.id);
  const [proposing, setProposing] = useState(false);
  const [cancelling, setCancelling] = useState<Transfer | null>(null);
  const items = transfers.data?.items ?? [];
  const mayPropose = permissions.mayEdit && permissions.mayApprove;
  const language = i18n.language;

  return (
    <Stack gap="md" component="section" aria-labelledby="transfers-heading">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3" id="transfers-heading">
          {t('title')}
        </Title>
        {mayPropose && (
          <Button variant="default" onClick={() => setProposing(true)}>
            {t('propose')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      {transfers.isPending && <SectionLoader rows={1} />}
      {transfers.isError && <SectionError message={t('error')} onRetry={() => void transfers.refetch()} />}
      {transfers.data && items.length === 0 && (
        <EmptyState title={t('empty')} hint={mayPropose ? undefined : t('emptyHint')} />
      )}
      {items.length > 0 && (
        <ResponsiveTable verticalSpacing="sm">
          <Table.Caption>
            <VisuallyHidden>{t('caption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('to')}</Table.Th>
              <Table.Th scope="col">{t('statusLabel')}</Table.Th>
              <Table.Th scope="col">{t('proposedOn')}</Table.Th>
              <Table.Th scope="col">{t('decidedOn')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('statusLabel')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((transfer) => (
              <Table.Tr key={transfer.id}>
                <Table.Th scope="row" fw={600}>
                  {transfer.to.name}
                  {transfer.forReturn && (
                    <Text size="xs" fw={600} c="red.9">
                      {t('forReturn')}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td>
                  <TransferStatusBadge status={transfer.status} />
                  {transfer.suspension && (
                    <Text size="xs" fw={600} c="red.9" mt={4}>
                      {tr('returnSafety.suspendedBadge')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDate(transfer.proposedAt, language)}</Table.Td>
                <Table.Td>{transfer.decidedAt ? formatDate(transfer.decidedAt, language) : '—'}</Table.Td>
                <Table.Td>
                  {mayPropose && transfer.status === 'proposed' && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red.9"
                      c="red.9"
                      onClick={() => setCancelling(transfer)}
                      aria-label={t('cancelNamed', { organisation: transfer.to.name })}
                    >
                      {t('cancel')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      )}
      {items.map(
        (transfer) =>
          transfer.status === 'proposed' &&
          transfer.suspension && (
            <ReturnSuspendedNote
              key={transfer.id}
              suspension={transfer.suspension}
              recipient={transfer.to.name}
              reviewCaseId={detail.id}
            />
          ),
      )}

      <FormDialog opened={proposing} onClose={() => setProposing(false)} title={t('propose')}>
        <ProposeTransferForm detail={detail} language={language} onDone={() => setProposing(false)} />
      </FormDialog>
      <FormDialog opened={cancelling !== null} onClose={() => setCancelling(null)} title={t('cancel')} size="md">
        {cancelling && (
          <CancelTransferForm caseId={detail.id} transfer={cancelling} onDone={() => setCancelling(null)} />
        )}
      </FormDialog>
    </Stack>
  );
}

type TransferFormValues = {
  toOrganisationId: string | null;
  forReturn: boolean;
  reason: string;
  override: boolean;
  consentOverrideReason: string;
};
const TRANSFER_FIELDS = ['toOrganisationId', 'forReturn', 'reason', 'consentOverrideReason'] as const;
const TRANSFER_LAYOUT = { choiceFields: ['toOrganisationId'] };

function validateTransferForm(values: TransferFormValues, t: TFunction): SchemaResult<ProposeTransferRequest> {
  const result = validateWithSchema(
    proposeTransferRequestSchema,
    {
      toOrganisationId: values.toOrganisationId ?? undefined,
      forReturn: values.forReturn,
      reason: blankToUndefined(values.reason),
      consentOverrideReason: values.override ? values.consentOverrideReason.trim() : undefined,
    },
    t,
    TRANSFER_LAYOUT,
  );
  if (values.override && !values.consentOverrideReason.trim()) {
    return {
      ok: false,
      errors: { ...(result.ok ? {} : result.errors), consentOverrideReason: t('validation.required') },
    };
  }
  return result;
}

function ProposeTransferForm({
  detail,
  language,
  onDone,
}: {
  detail: CaseDetail;
  language: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('transfers');
  const { t: tc } = useTranslation();
  const propose = useProposeTransfer(detail.id);
  const permissions = useCasePermissions(detail);
  const directory = useDirectory({ purpose: 'transfer' });
  const form = useLiveForm<TransferFormValues>(
    { toOrganisationId: null, forReturn: false, reason: '', override: false, consentOverrideReason: '' },
    (values) => {
      const result = validateTransferForm(values, tc);
      return result.ok ? {} : result.errors;
    },
  );
  const values = form.getValues();
  // Other organisations only: a case is never transferred to the one that holds it.
  const recipients = (directory.data?.items ?? []).filter((entry) => entry.id !== detail.organisation.id);
  const chosen = recipients.find((entry) => entry.id === values.toOrganisationId) ?? null;
  const consents = useConsents(detail.id);
  const consentKnownMissing =
    chosen !== null &&
    consents.data !== undefined &&
    standingConsent(consents.data.items, 'transfer', chosen.id) === undefined;
  const options = recipients.map((entry) => ({
    value: entry.id,
    label: entry.country ? `${isolated(entry.name)} (${countryName(entry.country, language)})` : entry.name,
  }));
  const refusal = returnRefusal(propose.error);

  const submit = form.onSubmit(
    (input) => {
      const result = validateTransferForm(input, tc);
      if (!result.ok) return;
      propose.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('form.proposed'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tc, TRANSFER_LAYOUT);
          form.setErrors(errors);
          focusFirstError(form, errors, TRANSFER_FIELDS);
        },
      });
    },
    (errors) => focusFirstError(form, errors, TRANSFER_FIELDS),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {directory.isError && (
          <SectionError message={t('form.directoryError')} onRetry={() => void directory.refetch()} />
        )}
        <Select
          label={t('form.organisation')}
          description={t('form.organisationHint')}
          placeholder={tc('app.choose')}
          data={options}
          nothingFoundMessage={t('form.noOrganisations')}
          searchable
          required
          data-autofocus
          {...form.getInputProps('toOrganisationId')}
        />
        <Checkbox
          label={t('form.forReturn')}
          description={t('form.forReturnHint')}
          {...form.getInputProps('forReturn', { type: 'checkbox' })}
        />
        <Textarea
          label={t('form.reason')}
          description={t('form.reasonHint')}
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps('reason')}
        />
        {chosen && (
          <ConsentForRecipient
            caseId={detail.id}
            purpose="transfer"
            recipient={chosen}
            mayRecord={permissions.mayEdit}
            refused={isConsentRequired(propose.error)}
            onRecorded={() => propose.reset()}
            child={Boolean(detail.childBasis)}
          />
        )}
        {refusal && <ReturnBlockedAlert refusal={refusal} onFollow={onDone} />}
        {isConsentRequired(propose.error) && (
          <ConsentRequiredAlert message={t('form.consentRequired', { organisation: chosen?.name ?? '' })} />
        )}
        {isGenericProblem(propose.error) && <FormProblem error={propose.error} fields={TRANSFER_FIELDS} />}
        {(consentKnownMissing || isConsentRequired(propose.error) || values.override) && (
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Checkbox
                label={t('form.override')}
                description={t('form.overrideHint')}
                {...form.getInputProps('override', { type: 'checkbox' })}
              />
              {values.override && (
                <Textarea
                  label={t('form.overrideReason')}
                  description={t('form.overrideReasonHint')}
                  required
                  autosize
                  minRows={2}
                  {...form.getInputProps('consentOverrideReason')}
                />
              )}
            </Stack>
          </Paper>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tc('app.cancel')}
          </Button>
          <Button type="submit" loading={propose.isPending}>
            {t('form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelTransferForm({ caseId, transfer, onDone }: { caseId: string; transfer: Transfer; onDone: () => void }) {
  const { t } = useTranslation('transfers');
  const cancel = useCancelTransfer(caseId);
  const reloadTransfers = useReloadTransfers(caseId);
  // After a conflict (the receiver answered meanwhile) the list shows the new state and the dialog closes.
  const reload = async () => {
    await reloadTransfers();
    cancel.reset();
    onDone();
  };
  return (
    <Stack gap="md">
      <Text size="sm">{t('cancelExplain', { organisation: transfer.to.name })}</Text>
      <FormProblem error={cancel.error} onReload={reload} />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone} data-autofocus>
          {t('keep')}
        </Button>
        <Button
          color="red.9"
          loading={cancel.isPending}
          onClick={() =>
            cancel.mutate(
              { transferId: transfer.id, version: transfer.version },
              {
                onSuccess: () => {
                  notifySaved(t('cancelled'));
                  onDone();
                },
              },
            )
          }
        >
          {t('cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
