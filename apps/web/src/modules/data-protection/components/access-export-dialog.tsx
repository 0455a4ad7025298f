import { EXPORT_PASSWORD_MAX_LENGTH } from '@haven/contracts';
import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { PasswordProblemList, passwordProblemsOf, usePasswordProblems } from '../../../app/forms/password-problems';
import { useSession } from '../../auth';
import { useAccessExport } from '../hooks/use-data-protection';
import { exportPasswordShapeProblem } from '../utils/export-password';

/** Asks for the archive password (twice), then downloads the encrypted export. The password is never kept. */
export function AccessExportDialog({
  caseId,
  reference,
  opened,
  onClose,
}: {
  caseId: string;
  reference: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('dataProtection');
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('access.dialogTitle')} size="md">
      <AccessExportForm caseId={caseId} reference={reference} onDone={onClose} />
    </FormDialog>
  );
}

function AccessExportForm({ caseId, reference, onDone }: { caseId: string; reference: string; onDone: () => void }) {
  const { t } = useTranslation('dataProtection');
  const me = useSession();
  const exporting = useAccessExport(caseId);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [checked, setChecked] = useState(false);
  // Judged like an account password (the API does the same), with the supervisor and the case as context.
  const strength = usePasswordProblems(
    password,
    { email: me.user.email, displayName: me.user.displayName, otherWords: [reference] },
    EXPORT_PASSWORD_MAX_LENGTH,
  );
  const refusedByApi = passwordProblemsOf(exporting.error, 'password');
  const shown = refusedByApi.length > 0 ? { problems: refusedByApi, checking: false } : strength;
  const shape = exportPasswordShapeProblem(password);
  const problem = shape ?? (password === confirmation ? null : 'mismatch');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    // While the estimator is still judging (or downloading), the API judges: its reasons show the same way.
    if (problem || (!strength.checking && strength.problems.length > 0)) return;
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
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            if (exporting.error) exporting.reset();
          }}
          error={
            error && problem !== 'mismatch' ? error : password !== '' && shown.problems.length > 0 ? true : undefined
          }
          autoComplete="new-password"
          required
          data-autofocus
        />
        <PasswordProblemList
          id="export-password-problems"
          password={password}
          check={shown}
          maxLength={EXPORT_PASSWORD_MAX_LENGTH}
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
        <FormProblem error={refusedByApi.length > 0 ? null : exporting.error} fields={['password']} />
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
