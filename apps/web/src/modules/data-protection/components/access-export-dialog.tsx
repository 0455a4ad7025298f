import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { useAccessExport } from '../hooks/use-data-protection';
import { exportPasswordProblem } from '../utils/export-password';

/** Asks for the archive password (twice), then downloads the encrypted export. The password is never kept. */
export function AccessExportDialog({ caseId, opened, onClose }: { caseId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('dataProtection');
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('access.dialogTitle')} size="md">
      <AccessExportForm caseId={caseId} onDone={onClose} />
    </FormDialog>
  );
}

function AccessExportForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('dataProtection');
  const exporting = useAccessExport(caseId);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [checked, setChecked] = useState(false);
  const problem = exportPasswordProblem(password, confirmation);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (problem) return;
    exporting.mutate(password, {
      onSuccess: () => {
        notifySaved(t('access.done'));
        onDone();
      },
    });
  };

  const error = checked && problem ? t(`password.${problem}`) : undefined;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('access.dialogBody')}</Text>
        <PasswordInput
          label={t('password.label')}
          description={t('password.hint')}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={error && problem !== 'mismatch' ? error : undefined}
          autoComplete="new-password"
          required
          data-autofocus
        />
        <PasswordInput
          label={t('password.confirm')}
          value={confirmation}
          onChange={(event) => setConfirmation(event.currentTarget.value)}
          error={error && problem === 'mismatch' ? error : undefined}
          autoComplete="new-password"
          required
        />
        <Alert color="blue" variant="light">
          <Text size="sm" c="blue.9">
            {t('access.handOver')}
          </Text>
        </Alert>
        <FormProblem error={exporting.error} fields={['password']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={exporting.isPending}>
            {t('access.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
