import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Recovery codes are shown once: the user copies or downloads them before leaving. */
export function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation('auth');
  const [copied, setCopied] = useState(false);
  const text = `${t('twoFactor.recoveryFileHeading')}\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'haven-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" title={t('twoFactor.recoveryTitle')}>
        <Text size="sm">{t('twoFactor.recoveryExplain')}</Text>
      </Alert>
      <List aria-label={t('twoFactor.recoveryTitle')} ff="monospace" spacing={2} data-testid="recovery-codes">
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Group>
        <Button variant="default" onClick={() => void copy()}>
          {copied ? t('twoFactor.copied') : t('twoFactor.copy')}
        </Button>
        <Button variant="default" onClick={download}>
          {t('twoFactor.download')}
        </Button>
      </Group>
      <Button onClick={onDone}>{t('twoFactor.savedContinue')}</Button>
    </Stack>
  );
}
