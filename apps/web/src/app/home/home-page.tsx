import { Alert, Anchor, SimpleGrid, Paper, Stack, Text, Title } from '@mantine/core';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { usePageTitle } from '../layout/use-page-title';
import { useAppAbility, useSession } from '../../modules/auth';

// Only the people who work on cases need "my work"; other roles never download it.
const MyWorkPage = lazy(() =>
  import('../../modules/my-work/components/my-work-page').then((m) => ({ default: m.MyWorkPage })),
);

/** Each role lands where its work is; roles without case access never see a case screen. */
export function HomePage() {
  const me = useSession();
  const ability = useAppAbility();

  switch (me.user.role) {
    case 'manager':
      // A manager's work is the statistics dashboard: anonymised counts, never a case.
      return <Navigate to="/statistics" replace />;
    case 'admin':
      return <AdministrationHome />;
    case 'partner':
      // One page, one name: a partner's home is the inbox, at its own address, and the navigation says "Inbox".
      return <Navigate to="/referrals" replace />;
    default:
      if (ability.can('list', 'Case')) return <MyWorkPage />;
      return <RoleHome area="partner" />;
  }
}

/** An administrator's home: where to set up organisations and staff. */
function AdministrationHome() {
  const { t } = useTranslation('administration');
  const { t: tApp } = useTranslation();
  usePageTitle(t('home.title'));
  const places = [
    { to: '/admin/organisations', title: t('home.organisations'), hint: t('home.organisationsHint') },
    { to: '/users', title: t('home.users'), hint: t('home.usersHint') },
  ];
  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{t('home.title')}</Title>
      <Text>{t('home.body')}</Text>
      <Text fw={600}>{tApp('home.admin.noCaseData')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {places.map((place) => (
          <Paper key={place.to} withBorder p="lg">
            <Stack gap={4}>
              <Anchor component={Link} to={place.to} fw={600}>
                {place.title}
              </Anchor>
              <Text size="sm">{place.hint}</Text>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="sm">
        <Anchor component={Link} to="/admin/retention">
          {t('home.retention')}
        </Anchor>
        {' · '}
        <Anchor component={Link} to="/audit">
          {t('home.audit')}
        </Anchor>
      </Text>
    </Stack>
  );
}

function RoleHome({ area }: { area: 'manager' | 'admin' | 'partner' }) {
  const { t } = useTranslation();
  usePageTitle(t(`home.${area}.title`));
  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>{t(`home.${area}.title`)}</Title>
      <Text>{t(`home.${area}.body`)}</Text>
      {area === 'admin' && <Text fw={600}>{t('home.admin.noCaseData')}</Text>}
      <Alert color="gray" variant="light" title={t('home.comingSoon')}>
        <Text size="sm">{t(`home.${area}.soon`)}</Text>
      </Alert>
    </Stack>
  );
}
