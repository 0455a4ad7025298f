import {
  ERASURE_CHANNELS,
  ERASURE_REASONS,
  type CaseDetail,
  type ErasureChannel,
  type ErasureReason,
} from '@haven/contracts';
import { Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors } from '../../../app/forms/schema-validation';
import { useRecordErasure } from '../hooks/use-data-protection';

/**
 * Records an erasure request. It cannot be undone, so the supervisor types the case reference to confirm.
 * Only codes are recorded: no free text about the survivor may outlive her erasure.
 */
export function ErasureDialog({
  detail,
  opened,
  onClose,
}: {
  detail: CaseDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('dataProtection');
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('erasure.dialogTitle')} size="md">
      <ErasureForm detail={detail} onDone={onClose} />
    </FormDialog>
  );
}

function ErasureForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation('dataProtection');
  const { t: tApp } = useTranslation();
  const erasing = useRecordErasure(detail.id);
  // A field the API refused is marked on its input, as the form's own checks are.
  const refused = serverFieldErrors(erasing.error, tApp);
  const [reason, setReason] = useState<ErasureReason | null>(null);
  const [channel, setChannel] = useState<ErasureChannel | null>(null);
  const [reference, setReference] = useState('');
  const [checked, setChecked] = useState(false);
  const matches = reference.trim().toUpperCase() === detail.reference;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!reason || !channel || !matches) return;
    erasing.mutate(
      { reason, channel, confirmReference: reference },
      {
        onSuccess: () => {
          notifySaved(t('erasure.done'));
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Alert color="red" variant="light" title={t('erasure.warningTitle')}>
          <Text size="sm" c="red.9">
            {t('erasure.warning')}
          </Text>
        </Alert>
        <Select
          label={t('erasure.reason')}
          data={ERASURE_REASONS.map((value) => ({ value, label: t(`reasons.${value}`) }))}
          value={reason}
          onChange={(value) => setReason(value as ErasureReason | null)}
          error={refused.reason ?? (checked && !reason ? t('required') : undefined)}
          required
          data-autofocus
        />
        <Select
          label={t('erasure.channel')}
          data={ERASURE_CHANNELS.map((value) => ({ value, label: t(`channels.${value}`) }))}
          value={channel}
          onChange={(value) => setChannel(value as ErasureChannel | null)}
          error={refused.channel ?? (checked && !channel ? t('required') : undefined)}
          required
        />
        <TextInput
          label={t('erasure.confirm', { reference: detail.reference })}
          value={reference}
          onChange={(event) => setReference(event.currentTarget.value)}
          error={refused.confirmReference ?? (checked && !matches ? t('erasure.mismatch') : undefined)}
          autoComplete="off"
          required
        />
        <FormProblem error={erasing.error} fields={['reason', 'channel', 'confirmReference']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('cancel')}
          </Button>
          <Button type="submit" color="red" loading={erasing.isPending}>
            {t('erasure.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
