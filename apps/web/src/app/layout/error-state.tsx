import { Alert, Button, Center, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface ErrorStateProps {
  message?: string;
  onRetry?: () => void;
  fullScreen?: boolean;
}

export function ErrorState({ message, onRetry, fullScreen = false }: ErrorStateProps) {
  const { t } = useTranslation();
  const alert = (
    <Alert color="red" title={t('app.errorTitle')} maw={560} w="100%">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message ?? t('app.errorBody')}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
  if (!fullScreen) return alert;
  return (
    <Center component="main" mih="100vh" p="md">
      {alert}
    </Center>
  );
}
