import { ACTIVATION_TOKEN_PARAMETER, changePasswordRequestSchema } from '@haven/contracts';
import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Progress, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../app/api-client';
import { LanguageSwitcher } from '../../../app/i18n/language-switcher';
import { translateValidationMessage } from '../../../app/i18n/validation-messages';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { activateAccount } from '../api/administration-api';

/** The password rule is the API's own (the same as a change of password), read from the shared contract. */
const passwordRule = changePasswordRequestSchema.shape.newPassword;

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
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', confirmation: '' },
    validateInputOnBlur: true,
    validate: {
      password: (value) => {
        const parsed = passwordRule.safeParse(value);
        return parsed.success ? null : translateValidationMessage(tApp, parsed.error.issues[0]!.message);
      },
      confirmation: (value, values) => (value === values.password ? null : t('activate.mismatch')),
    },
  });
  const length = form.values.password.length;
  const meetsRule = passwordRule.safeParse(form.values.password).success;
  // How far past the minimum: longer passphrases are stronger; the rule itself is the API's.
  const meter = Math.min(100, Math.round((length / 20) * 100));

  const submit = form.onSubmit(async ({ password }) => {
    setPending(true);
    setFailed(false);
    try {
      const answer = await activateAccount({ token, password });
      setDone(answer.email);
    } catch (error) {
      if (isApiError(error, 410)) setLinkProblem(error.problem.code ?? 'activation-link-invalid');
      else if (isApiError(error, 400) && error.fieldErrors().some((problem) => problem.field === 'token')) setLinkProblem('activation-link-invalid');
      else if (isApiError(error, 400)) form.setFieldError('password', translateValidationMessage(tApp, error.fieldErrors()[0]?.message ?? ''));
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
                <Button onClick={() => void navigate('/sign-in', { state: { email: done } })}>{t('activate.signIn')}</Button>
              </>
            ) : linkProblem ? (
              <Alert color="orange" variant="light" role="alert" title={t('activate.linkProblemTitle')}>
                <Text size="sm">{t(`activate.problems.${linkProblem === 'activation-link-used' || linkProblem === 'activation-link-expired' ? linkProblem : 'activation-link-invalid'}`)}</Text>
              </Alert>
            ) : (
              <form noValidate onSubmit={submit}>
                <Stack gap="md">
                  <Text size="sm">{t('activate.intro')}</Text>
                  <PasswordInput label={t('activate.password')} description={t('activate.passwordHint')} required autoComplete="new-password" {...form.getInputProps('password')} data-autofocus />
                  <Stack gap={4} aria-live="polite">
                    <Progress value={meter} color={!meetsRule ? 'red' : meter < 80 ? 'yellow' : 'teal'} aria-label={t('activate.strength')} size="sm" />
                    <Text size="xs" c={meetsRule ? 'teal.9' : 'dimmed'}>
                      {!length ? t('activate.strengthEmpty') : !meetsRule ? t('activate.strengthTooShort') : meter < 80 ? t('activate.strengthFair') : t('activate.strengthGood')}
                    </Text>
                  </Stack>
                  <PasswordInput label={t('activate.confirmation')} required autoComplete="new-password" {...form.getInputProps('confirmation')} />
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
