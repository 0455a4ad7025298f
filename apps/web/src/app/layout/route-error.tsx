import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown when a screen fails to load or render, e.g. a code chunk missing after a new release. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <Center component="main" mih="100vh" p="md">
      <Stack align="center" gap="md" maw={480}>
        <Title order={1} size="h2">
          {t('app.errorTitle')}
        </Title>
        <Text ta="center">{t('app.errorBody')}</Text>
        <Button onClick={() => window.location.reload()}>{t('app.reload')}</Button>
      </Stack>
    </Center>
  );
}
