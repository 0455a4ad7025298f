import { Alert, Stack, Text, Title } from '@mantine/core';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useAppAbility } from '../../auth/hooks/use-app-ability';
import { useSession } from '../../auth/hooks/use-session';

// Only the people who work on cases need "my work"; other roles never download it.
const MyWorkPage = lazy(() => import('../../my-work/components/my-work-page').then((m) => ({ default: m.MyWorkPage })));
// A partner's work is their referral inbox.
const InboxPage = lazy(() => import('../../partner-inbox/components/inbox-page').then((m) => ({ default: m.InboxPage })));

/** Each role lands where its work is; roles without case access never see a case screen. */
export function HomePage() {
  const me = useSession();
  const ability = useAppAbility();

  switch (me.user.role) {
    case 'manager':
      // A manager's work is the statistics dashboard: anonymised counts, never a case.
      return <Navigate to="/statistics" replace />;
    case 'admin':
      return <RoleHome area="admin" />;
    case 'partner':
      return <InboxPage />;
    default:
      if (ability.can('list', 'Case')) return <MyWorkPage />;
      return <RoleHome area="partner" />;
  }
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
