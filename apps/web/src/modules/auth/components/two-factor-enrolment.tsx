import { Alert, Button, Code, Image, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { useConfirmTwoFactorEnrolment, useStartTwoFactorEnrolment } from '../hooks/use-session';
import { RecoveryCodesPanel } from './recovery-codes-panel';

/** Enrolment: a QR code (and the key, for typing in), a first code to confirm, then the recovery codes once. */
export function TwoFactorEnrolment({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('auth');
  const start = useStartTwoFactorEnrolment();
  const confirm = useConfirmTwoFactorEnrolment();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);

  if (confirm.data) return <RecoveryCodesPanel codes={confirm.data.recoveryCodes} onDone={onDone} />;

  if (!start.data) {
    return (
      <Stack gap="md" align="flex-start">
        <Text size="sm">{t('twoFactor.enrolIntro')}</Text>
        {start.isError && (
          <Alert color="red" variant="light">
            <Text size="sm" c="red.9">
              {isApiError(start.error, 409) ? t('twoFactor.alreadyEnrolled') : t('twoFactor.enrolFailed')}
            </Text>
          </Alert>
        )}
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          {t('twoFactor.begin')}
        </Button>
      </Stack>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s+/g, ''))) {
      setFieldError(t('twoFactor.codeFormat'));
      return;
    }
    setFieldError(null);
    confirm.mutate(code.replace(/\s+/g, ''), {
      onError: (error) => {
        setCode('');
        setFieldError(isApiError(error, 400) ? t('twoFactor.wrongCode') : t('twoFactor.enrolFailed'));
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('twoFactor.scan')}</Text>
        <Image src={start.data.qrCodeDataUrl} alt={t('twoFactor.qrAlt')} w={240} h={240} />
        <div>
          <Text size="sm">{t('twoFactor.manualKey')}</Text>
          <Code block data-testid="manual-key">
            {start.data.secret.replace(/(.{4})/g, '$1 ').trim()}
          </Code>
        </div>
        <TextInput
          label={t('twoFactor.confirmCodeLabel')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={9}
          required
          value={code}
          error={fieldError}
          onChange={(event) => setCode(event.currentTarget.value)}
        />
        <Button type="submit" loading={confirm.isPending}>
          {t('twoFactor.confirm')}
        </Button>
      </Stack>
    </form>
  );
}
