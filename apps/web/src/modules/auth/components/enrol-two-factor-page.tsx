import { Box, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LanguageSwitcher } from '../../../app/i18n/language-switcher';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useSignOut } from '../hooks/use-session';
import { TwoFactorEnrolment } from './two-factor-enrolment';

/**
 * Where a user whose role sees case data lands until they have set up a second factor. The API
 * refuses everything else to such a session; this page only makes that visible.
 */
export function EnrolTwoFactorPage() {
  const { t } = useTranslation(['auth', 'common']);
  usePageTitle(t('twoFactor.enrolTitle'));
  const navigate = useNavigate();
  const signOut = useSignOut();

  return (
    <Box mih="100vh" bg="gray.0">
      <Group component="header" justify="space-between" px="md" py="sm">
        <Text fw={700} size="lg" c="indigo.9">
          {t('common:app.name')}
        </Text>
        <Group gap="sm">
          <LanguageSwitcher />
          <Button variant="default" size="sm" onClick={() => signOut.mutate()} loading={signOut.isPending}>
            {t('common:app.signOut')}
          </Button>
        </Group>
      </Group>
      <Center component="main" id="main" px="md" py="xl">
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={480}>
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {t('twoFactor.enrolTitle')}
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                {t('twoFactor.requiredIntro')}
              </Text>
            </div>
            <TwoFactorEnrolment onDone={() => void navigate('/', { replace: true })} />
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
