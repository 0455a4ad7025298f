import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { PasswordProblemList, passwordProblemsOf, usePasswordProblems } from '../../../app/forms/password-problems';
import { useChangePassword, useSession } from '../hooks/use-session';

/**
 * The signed-in user's own password. The new one is judged as it is typed, by the rules the API
 * applies (length, breached and common passwords, the user's own e-mail and name).
 */
export function ChangePasswordForm() {
  const { t } = useTranslation('passwords');
  const me = useSession();
  const changing = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const check = usePasswordProblems(newPassword, { email: me.user.email, displayName: me.user.displayName });

  const refusedByApi = passwordProblemsOf(changing.error, 'newPassword');
  const wrongCurrent =
    isApiError(changing.error, 400) && changing.error.fieldErrors().some((error) => error.field === 'currentPassword');
  // A refused current password is emptied (onError below), so "not correct" must win over "missing".
  const currentError = wrongCurrent
    ? t('change.wrongCurrent')
    : submitted && currentPassword === ''
      ? t('change.currentMissing')
      : undefined;
  const mismatch = submitted && confirmation !== newPassword ? t('change.mismatch') : undefined;
  const shown = refusedByApi.length > 0 ? { problems: refusedByApi, checking: false } : check;
  // The reasons are listed under the field; the field itself only turns red.
  const newError =
    submitted && newPassword === ''
      ? t('rules.tooShort')
      : newPassword !== '' && shown.problems.length > 0
        ? true
        : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    // While the estimator is still judging (or downloading), the API judges: its reasons show the same way.
    if (
      currentPassword === '' ||
      newPassword === '' ||
      (!check.checking && check.problems.length > 0) ||
      confirmation !== newPassword
    )
      return;
    changing.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          notifySaved(t('change.done'));
          setCurrentPassword('');
          setNewPassword('');
          setConfirmation('');
          setSubmitted(false);
        },
        onError: () => setCurrentPassword(''),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('change.intro')}</Text>
        <PasswordInput
          label={t('change.current')}
          autoComplete="current-password"
          required
          value={currentPassword}
          error={currentError}
          onChange={(event) => setCurrentPassword(event.currentTarget.value)}
        />
        <PasswordInput
          label={t('change.new')}
          description={t('rules.hint')}
          autoComplete="new-password"
          required
          value={newPassword}
          error={newError}
          onChange={(event) => {
            setNewPassword(event.currentTarget.value);
            if (changing.error) changing.reset();
          }}
        />
        <PasswordProblemList id="new-password-problems" password={newPassword} check={shown} />
        <PasswordInput
          label={t('change.confirm')}
          autoComplete="new-password"
          required
          value={confirmation}
          error={mismatch}
          onChange={(event) => setConfirmation(event.currentTarget.value)}
        />
        <FormProblem error={isApiError(changing.error, 400) ? null : changing.error} />
        <Button type="submit" loading={changing.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('change.submit')}
        </Button>
      </Stack>
    </form>
  );
}
