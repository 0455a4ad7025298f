import type { CaseDetail } from '@haven/contracts';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors } from '../../../app/forms/schema-validation';
import { useConfirmErasureRequest } from '../hooks/use-data-protection';

/**
 * Confirms the erasure another organisation recorded for the survivor, which erases this organisation's copy.
 * It cannot be undone either, so the supervisor types the case reference to confirm.
 */
export function ConfirmErasureRequestDialog({
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
    <FormDialog opened={opened} onClose={onClose} title={t('requests.dialogTitle')} size="md">
      <ConfirmForm detail={detail} onDone={onClose} />
    </FormDialog>
  );
}

function ConfirmForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation('dataProtection');
  const { t: tApp } = useTranslation();
  const confirming = useConfirmErasureRequest(detail.id);
  // A reference the API refused is marked on its input, as the form's own check is.
  const refused = serverFieldErrors(confirming.error, tApp);
  const [reference, setReference] = useState('');
  const [checked, setChecked] = useState(false);
  const matches = reference.trim().toUpperCase() === detail.reference;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!matches) return;
    confirming.mutate(reference, {
      onSuccess: () => {
        notifySaved(t('requests.done'));
        onDone();
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Alert color="red" variant="light" title={t('erasure.warningTitle')}>
          <Text size="sm" c="red.9">
            {t('requests.warning')}
          </Text>
        </Alert>
        <TextInput
          label={t('erasure.confirm', { reference: detail.reference })}
          value={reference}
          onChange={(event) => setReference(event.currentTarget.value)}
          error={refused.confirmReference ?? (checked && !matches ? t('erasure.mismatch') : undefined)}
          autoComplete="off"
          required
          data-autofocus
        />
        <FormProblem error={confirming.error} fields={['confirmReference']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('cancel')}
          </Button>
          <Button type="submit" color="red" loading={confirming.isPending}>
            {t('requests.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
