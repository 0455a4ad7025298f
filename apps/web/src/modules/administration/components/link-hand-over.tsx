import type { ActivationLink } from '@haven/contracts';
import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A one-time link, shown once: the inviter copies it and passes it on by a channel they trust. Haven keeps
 * only its hash, so it cannot be shown again (a new link can be issued, which ends this one).
 */
export function LinkHandOver({
  link,
  name,
  kind,
}: {
  link: ActivationLink;
  name: string;
  kind: 'invitation' | 'reset';
}) {
  const { t, i18n } = useTranslation('administration');
  const expires = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(link.expiresAt),
  );
  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light" title={t('link.warningTitle')}>
        <Text size="sm">{t(kind === 'invitation' ? 'link.invitationBody' : 'link.resetBody', { name, expires })}</Text>
      </Alert>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={t('link.label', { name })}
          value={link.url}
          readOnly
          style={{ flex: 1 }}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="activation-link"
          dir="ltr"
        />
        <CopyButton value={link.url}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? t('link.copied') : t('link.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
