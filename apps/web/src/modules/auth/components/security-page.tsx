import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useRegenerateRecoveryCodes, useSession } from '../hooks/use-session';
import { ChangePasswordForm } from './change-password-form';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { TwoFactorEnrolment } from './two-factor-enrolment';

/** The signed-in user's own sign-in security: the password, the second factor and its recovery codes. */
export function SecurityPage() {
  const { t } = useTranslation('auth');
  const { t: tPasswords } = useTranslation('passwords');
  usePageTitle(t('twoFactor.securityTitle'));
  const me = useSession();
  const [enrolling, setEnrolling] = useState(false);

  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>{t('twoFactor.securityTitle')}</Title>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Title order={2} size="h3">
            {tPasswords('change.title')}
          </Title>
          <ChangePasswordForm />
        </Stack>
      </Paper>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} size="h3">
              {t('twoFactor.sectionTitle')}
            </Title>
            <Text size="sm" fw={600}>
              {me.twoFactor.enrolled ? t('twoFactor.on') : t('twoFactor.off')}
            </Text>
          </Group>
          <Text size="sm">
            {me.twoFactor.required ? t('twoFactor.requiredForRole') : t('twoFactor.optionalForRole')}
          </Text>
          {me.twoFactor.enrolled ? (
            <RegenerateRecoveryCodes left={me.twoFactor.recoveryCodesLeft} />
          ) : enrolling ? (
            <TwoFactorEnrolment onDone={() => setEnrolling(false)} />
          ) : (
            <Button onClick={() => setEnrolling(true)} style={{ alignSelf: 'flex-start' }}>
              {t('twoFactor.setUp')}
            </Button>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function RegenerateRecoveryCodes({ left }: { left: number }) {
  const { t } = useTranslation('auth');
  const regenerate = useRegenerateRecoveryCodes();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);

  if (regenerate.data)
    return <RecoveryCodesPanel codes={regenerate.data.recoveryCodes} onDone={() => regenerate.reset()} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s+/g, ''))) {
      setFieldError(t('twoFactor.codeFormat'));
      return;
    }
    setFieldError(null);
    regenerate.mutate(code.replace(/\s+/g, ''), {
      // A code works once: left in the field, it would be refused if the user made new codes again.
      onSuccess: () => setCode(''),
      onError: (error) => {
        setCode('');
        setFieldError(isApiError(error, 400) ? t('twoFactor.wrongCode') : t('twoFactor.enrolFailed'));
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('twoFactor.recoveryLeft', { count: left })}</Text>
        {left <= 2 && (
          <Alert color="yellow" variant="light">
            <Text size="sm">{t('twoFactor.recoveryLow')}</Text>
          </Alert>
        )}
        <TextInput
          label={t('twoFactor.regenerateCodeLabel')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={9}
          required
          value={code}
          error={fieldError}
          onChange={(event) => setCode(event.currentTarget.value)}
        />
        <Button type="submit" variant="default" loading={regenerate.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('twoFactor.regenerate')}
        </Button>
      </Stack>
    </form>
  );
}
