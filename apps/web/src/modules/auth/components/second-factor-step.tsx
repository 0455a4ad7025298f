import type { SecondFactorChallenge } from '@haven/contracts';
import { Alert, Anchor, Button, Code, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { useSecondFactor } from '../hooks/use-session';

/**
 * The second sign-in step: a code from the authenticator app, or one recovery code. No session
 * exists until this succeeds; the pending sign-in lives in an httpOnly cookie for a few minutes.
 */
export function SecondFactorStep({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: SecondFactorChallenge;
  onSignedIn: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation('auth');
  const secondFactor = useSecondFactor();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!trimmed) {
      setFieldError(useRecovery ? t('twoFactor.recoveryCodeMissing') : t('twoFactor.codeMissing'));
      return;
    }
    setFieldError(null);
    secondFactor.mutate(useRecovery ? { recoveryCode: trimmed } : { code: trimmed }, {
      onSuccess: onSignedIn,
      onError: (error) => {
        setValue('');
        if (isApiError(error, 400))
          setFieldError(useRecovery ? t('twoFactor.recoveryCodeFormat') : t('twoFactor.codeFormat'));
      },
    });
  };

  const failure = secondFactor.error;
  let failureMessage: string | null = null;
  if (failure) {
    if (isApiError(failure, 401))
      failureMessage = failure.problem.detail?.includes('expired') ? t('twoFactor.expired') : t('twoFactor.wrongCode');
    else if (isApiError(failure, 429)) failureMessage = t('signIn.tooManyAttempts');
    else if (!isApiError(failure, 400)) failureMessage = t('signIn.unavailable');
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            {t('twoFactor.stepTitle')}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {useRecovery ? t('twoFactor.recoveryIntro') : t('twoFactor.stepIntro')}
          </Text>
        </div>
        {challenge.demoCode && !useRecovery && (
          <Alert color="yellow" variant="light" title={t('twoFactor.demoTitle')}>
            <Text size="sm">
              {t('twoFactor.demoHint')} <Code data-testid="demo-code">{challenge.demoCode}</Code>
            </Text>
          </Alert>
        )}
        {failureMessage && (
          <Alert color="red" variant="light">
            <Text size="sm" c="red.9">
              {failureMessage}
            </Text>
          </Alert>
        )}
        {useRecovery ? (
          <TextInput
            key="recovery"
            label={t('twoFactor.recoveryCodeLabel')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            required
            value={value}
            error={fieldError}
            onChange={(event) => setValue(event.currentTarget.value)}
          />
        ) : (
          <TextInput
            key="code"
            label={t('twoFactor.codeLabel')}
            description={t('twoFactor.codeDescription')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={9}
            autoFocus
            required
            value={value}
            error={fieldError}
            onChange={(event) => setValue(event.currentTarget.value)}
          />
        )}
        <Button type="submit" fullWidth loading={secondFactor.isPending}>
          {t('twoFactor.verify')}
        </Button>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setValue('');
            setFieldError(null);
            secondFactor.reset();
          }}
        >
          {useRecovery ? t('twoFactor.useApp') : t('twoFactor.useRecovery')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onRestart}>
          {t('twoFactor.startAgain')}
        </Anchor>
      </Stack>
    </form>
  );
}
