import { ACTIVATION_TOKEN_PARAMETER, type PasswordProblem } from '@haven/contracts';
import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../app/api-client';
import { PasswordProblemList, passwordProblemsOf, usePasswordProblems } from '../../../app/forms/password-problems';
import { LanguageSwitcher } from '../../../app/i18n/language-switcher';
import { translateValidationMessage } from '../../../app/i18n/validation-messages';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { activateAccount } from '../api/administration-api';

/** The token arrives in the fragment (never sent to a server); it is taken out of the address bar at once. */
function readToken(): string {
  const token = new URLSearchParams(window.location.hash.replace(/^#/, '')).get(ACTIVATION_TOKEN_PARAMETER) ?? '';
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  return token;
}

/**
 * Setting a password with a one-time invitation or reset link. Then the person signs in; roles that work on
 * cases are taken to enrol their second factor, as at any first sign-in.
 */
export function ActivatePage() {
  const { t } = useTranslation('administration');
  const { t: tApp } = useTranslation();
  usePageTitle(t('activate.title'));
  const navigate = useNavigate();
  const [token] = useState(readToken);
  const [linkProblem, setLinkProblem] = useState<string | null>(token ? null : 'activation-link-invalid');
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [refusedByApi, setRefusedByApi] = useState<PasswordProblem[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', confirmation: '' },
    validateInputOnBlur: true,
    validate: {
      password: (value) => (value === '' ? t('activate.strengthTooShort') : null),
      confirmation: (value, values) => (value === values.password ? null : t('activate.mismatch')),
    },
  });
  // The same judge as the API's (a change of password follows the same rules). Who the account belongs to is
  // not known before the link is used, so the API also refuses a password containing the e-mail or the name.
  const typed = usePasswordProblems(form.values.password, {});
  const check = refusedByApi.length > 0 ? { problems: refusedByApi, checking: false } : typed;

  const submit = form.onSubmit(async ({ password }) => {
    // The reasons are listed under the field; while the estimator is still judging, the API judges.
    if (!typed.checking && typed.problems.length > 0) return;
    setPending(true);
    setFailed(false);
    setRefusedByApi([]);
    try {
      const answer = await activateAccount({ token, password });
      setDone(answer.email);
    } catch (error) {
      if (isApiError(error, 410)) setLinkProblem(error.problem.code ?? 'activation-link-invalid');
      else if (isApiError(error, 400) && error.fieldErrors().some((problem) => problem.field === 'token'))
        setLinkProblem('activation-link-invalid');
      else if (passwordProblemsOf(error, 'password').length > 0) setRefusedByApi(passwordProblemsOf(error, 'password'));
      else if (isApiError(error, 400))
        form.setFieldError('password', translateValidationMessage(tApp, error.fieldErrors()[0]?.message ?? ''));
      else setFailed(true);
    } finally {
      setPending(false);
    }
  });

  return (
    <Center mih="100vh" p="md">
      <Box w="100%" maw={460}>
        <Group justify="flex-end" mb="sm">
          <LanguageSwitcher />
        </Group>
        <Paper withBorder p="xl" radius="md">
          <Stack gap="md">
            <Title order={1} size="h2">
              {t('activate.title')}
            </Title>
            {done ? (
              <>
                <Alert color="teal" variant="light" role="status">
                  <Text size="sm">{t('activate.done')}</Text>
                </Alert>
                <Button onClick={() => void navigate('/sign-in', { state: { email: done } })}>
                  {t('activate.signIn')}
                </Button>
              </>
            ) : linkProblem ? (
              <Alert color="orange" variant="light" role="alert" title={t('activate.linkProblemTitle')}>
                <Text size="sm">
                  {t(
                    `activate.problems.${linkProblem === 'activation-link-used' || linkProblem === 'activation-link-expired' ? linkProblem : 'activation-link-invalid'}`,
                  )}
                </Text>
              </Alert>
            ) : (
              <form noValidate onSubmit={submit}>
                <Stack gap="md">
                  <Text size="sm">{t('activate.intro')}</Text>
                  <PasswordInput
                    label={t('activate.password')}
                    description={t('activate.passwordHint')}
                    required
                    autoComplete="new-password"
                    aria-describedby="activation-password-problems"
                    {...form.getInputProps('password')}
                    // When the reasons are listed under the field, the field only turns red: one message, not two.
                    error={form.errors.password && check.problems.length > 0 ? true : form.errors.password}
                    onChange={(event) => {
                      form.getInputProps('password').onChange(event);
                      setRefusedByApi([]);
                    }}
                    data-autofocus
                  />
                  <PasswordProblemList
                    id="activation-password-problems"
                    password={form.values.password}
                    check={check}
                  />
                  <PasswordInput
                    label={t('activate.confirmation')}
                    required
                    autoComplete="new-password"
                    {...form.getInputProps('confirmation')}
                  />
                  {failed && (
                    <Alert color="red" variant="light">
                      <Text size="sm" c="red.9">
                        {t('common.failed')}
                      </Text>
                    </Alert>
                  )}
                  <Button type="submit" loading={pending}>
                    {t('activate.submit')}
                  </Button>
                </Stack>
              </form>
            )}
          </Stack>
        </Paper>
      </Box>
    </Center>
  );
}
