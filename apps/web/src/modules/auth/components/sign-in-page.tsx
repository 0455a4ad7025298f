import { loginRequestSchema, type SecondFactorChallenge } from '@haven/contracts';
import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../../app/api-client';
import { LanguageSwitcher } from '../../../app/i18n/language-switcher';
import { issuesToFieldErrors, translateValidationMessage } from '../../../app/i18n/validation-messages';
import { PageLoader } from '../../../app/layout/page-loader';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useMe, useSignIn } from '../hooks/use-session';
import { safeReturnPath } from '../utils/safe-redirect';
import { SecondFactorStep } from './second-factor-step';

interface SignInValues {
  email: string;
  password: string;
}

export function SignInPage() {
  const { t } = useTranslation(['auth', 'common']);
  const { t: tc } = useTranslation();
  usePageTitle(t('signIn.title'));
  const me = useMe();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const returnTo = safeReturnPath((location.state as { from?: unknown } | null)?.from);
  const [challenge, setChallenge] = useState<SecondFactorChallenge | null>(null);

  const form = useForm<SignInValues>({
    // After activating an account, the activation page passes the address on, so only the new password is typed.
    initialValues: {
      email:
        typeof (location.state as { email?: unknown } | null)?.email === 'string'
          ? (location.state as { email: string }).email
          : '',
      password: '',
    },
    validate: (values) => {
      const parsed = loginRequestSchema.safeParse(values);
      return parsed.success ? {} : issuesToFieldErrors(tc, parsed.error.issues);
    },
  });

  if (me.isPending) return <PageLoader fullScreen />;
  if (me.data) return <Navigate to={returnTo} replace />;

  const submit = form.onSubmit((values) => {
    signIn.mutate(loginRequestSchema.parse(values), {
      onSuccess: (answer) => {
        if ('secondFactor' in answer) {
          form.setFieldValue('password', '');
          setChallenge(answer);
        } else void navigate(returnTo, { replace: true });
      },
      onError: (error) => {
        if (isApiError(error, 400)) {
          for (const { field, message } of error.fieldErrors()) {
            form.setFieldError(field, translateValidationMessage(tc, message));
          }
        }
        // The password is never kept after a failed attempt, on any device.
        form.setFieldValue('password', '');
      },
    });
  });

  const failure = signIn.error;
  let failureMessage: string | null = null;
  if (failure) {
    if (isApiError(failure, 401)) failureMessage = t('signIn.invalidCredentials');
    else if (isApiError(failure, 429)) failureMessage = t('signIn.tooManyAttempts');
    else if (!isApiError(failure, 400)) failureMessage = t('signIn.unavailable');
  }

  return (
    <Box mih="100vh" bg="gray.0">
      <Group component="header" justify="space-between" px="md" py="sm">
        <Text fw={700} size="lg" c="indigo.9">
          {t('common:app.name')}
        </Text>
        <LanguageSwitcher />
      </Group>
      <Center component="main" id="main" px="md" py="xl">
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
          {challenge ? (
            <SecondFactorStep
              challenge={challenge}
              onSignedIn={() => void navigate(returnTo, { replace: true })}
              onRestart={() => {
                signIn.reset();
                setChallenge(null);
              }}
            />
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <div>
                  <Title order={1} size="h2">
                    {t('signIn.title')}
                  </Title>
                  <Text size="sm" c="dimmed" mt={4}>
                    {t('signIn.intro')}
                  </Text>
                </div>
                {failureMessage && (
                  <Alert color="red" variant="light">
                    <Text size="sm" c="red.9">
                      {failureMessage}
                    </Text>
                  </Alert>
                )}
                <TextInput
                  label={t('signIn.email')}
                  type="email"
                  autoComplete="username"
                  autoFocus
                  required
                  {...form.getInputProps('email')}
                />
                <PasswordInput
                  label={t('signIn.password')}
                  autoComplete="current-password"
                  required
                  visibilityToggleButtonProps={{ 'aria-label': t('signIn.togglePassword') }}
                  {...form.getInputProps('password')}
                />
                <Button type="submit" fullWidth loading={signIn.isPending}>
                  {t('signIn.submit')}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('signIn.sharedComputer')}
                </Text>
              </Stack>
            </form>
          )}
        </Paper>
      </Center>
    </Box>
  );
}
