import { AppShell, Box, Burger, Button, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useAppAbility } from '../../modules/auth/hooks/use-app-ability';
import { useSession, useSignOut } from '../../modules/auth/hooks/use-session';
import { NotificationBell } from '../../modules/notifications/components/notification-bell';
import { LanguageSwitcher } from '../i18n/language-switcher';
import { PageLoader } from './page-loader';
import { UserText } from '../text/user-text';

// Fetched after the first screen (the initial bundle's budget, docs/benchmarks.md): the phone's header
// menu and the idle warning, which shows nothing for the first minutes of a session anyway.
const HeaderMenu = lazy(() => import('./header-menu').then((module) => ({ default: module.HeaderMenu })));
const IdleWarning = lazy(() =>
  import('../../modules/auth/components/idle-warning').then((module) => ({ default: module.IdleWarning })),
);

interface NavItem {
  to: string;
  label: string;
  isActive: (pathname: string) => boolean;
}

export function AppLayout() {
  // The navigation names screens whose texts are their modules' own.
  const { t } = useTranslation(['common', 'partnerInbox', 'transfers']);
  const me = useSession();
  const ability = useAppAbility();
  const signOut = useSignOut();
  const location = useLocation();
  const [navigationOpen, navigation] = useDisclosure(false);
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(location.pathname);

  // After moving to another screen, focus starts at the content (not at the link that was used) and the
  // small-screen navigation closes. Filtering within a screen only changes the query string and keeps focus.
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    navigation.close();
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname, navigation]);

  // Navigation follows the user's permissions; the API still refuses anything these links would hide.
  const items: NavItem[] = [];
  if (ability.can('list', 'Case')) {
    items.push({ to: '/', label: t('nav.myWork'), isActive: (path) => path === '/' });
    items.push({
      to: '/cases',
      label: t('nav.cases'),
      isActive: (path) => path === '/cases' || (path.startsWith('/cases/') && path !== '/cases/new'),
    });
  } else if (!ability.can('read', 'Referral')) {
    // A partner's home is the inbox (below): one page is not listed under two names.
    items.push({ to: '/', label: t('nav.home'), isActive: (path) => path === '/' });
  }
  if (ability.can('create', 'Case')) {
    items.push({ to: '/cases/new', label: t('nav.registerCase'), isActive: (path) => path === '/cases/new' });
  }
  if (ability.can('read', 'Shelter'))
    items.push({ to: '/shelters', label: t('nav.shelters'), isActive: (path) => path.startsWith('/shelters') });
  // Provider partners come here too, to record attendance and completion of the programmes they run.
  if (ability.can('read', 'TrainingProgramme'))
    items.push({ to: '/training', label: t('nav.training'), isActive: (path) => path.startsWith('/training') });
  if (ability.can('read', 'ProgrammeRecord'))
    items.push({ to: '/programme', label: t('nav.programme'), isActive: (path) => path === '/programme' });
  if (ability.can('read', 'Statistics')) {
    items.push({ to: '/statistics', label: t('nav.statistics'), isActive: (path) => path === '/statistics' });
    items.push({
      to: '/statistics/indicators',
      label: t('nav.indicators'),
      isActive: (path) => path === '/statistics/indicators',
    });
  }
  if (ability.can('read', 'Referral'))
    items.push({ to: '/referrals', label: t('partnerInbox:nav'), isActive: (path) => path.startsWith('/referrals') });
  if (ability.can('manage', 'Organisation')) {
    items.push({
      to: '/admin/organisations',
      label: t('nav.organisations'),
      isActive: (path) => path === '/admin/organisations',
    });
    items.push({
      to: '/admin/retention',
      label: t('retention.nav', { ns: 'dataProtection' }),
      isActive: (path) => path === '/admin/retention',
    });
  }
  if (ability.can('update', 'Transfer')) {
    items.push({
      to: '/transfers/incoming',
      label: t('transfers:nav'),
      isActive: (path) => path === '/transfers/incoming',
    });
  }
  // Administrators: sign-in events and system changes. Supervisors: the system changes about their organisation
  // (they reach a case's access log from the case itself).
  if (ability.can('list', 'AuditLog'))
    items.push({ to: '/audit', label: t('nav.audit'), isActive: (path) => path === '/audit' });

  if (ability.can('manage', 'User'))
    items.push({ to: '/users', label: t('nav.users'), isActive: (path) => path === '/users' });
  // Supervisors look after the caseworkers of their own organisation.
  else if (ability.can('create', 'User'))
    items.push({ to: '/team', label: t('nav.team'), isActive: (path) => path === '/team' });
  items.push({ to: '/security', label: t('nav.security'), isActive: (path) => path === '/security' });

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navigationOpen } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navigationOpen}
                onClick={navigation.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('app.toggleNavigation')}
                aria-expanded={navigationOpen}
                aria-controls="main-navigation"
              />
              <UnstyledButton component={Link} to="/" fw={700} fz="lg" c="indigo.9">
                {t('app.name')}
              </UnstyledButton>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Box visibleFrom="sm" ta="end">
                <Text size="sm" fw={600} lh={1.2}>
                  <UserText>{me.user.displayName}</UserText>
                </Text>
                <Text size="xs" c="dimmed" lh={1.2}>
                  <UserText>{me.organisation.name}</UserText>
                </Text>
              </Box>
              <NotificationBell />
              {/* Wide screens show the language and signing out side by side; a phone has room for one button. */}
              <Group gap="md" wrap="nowrap" visibleFrom="sm">
                <LanguageSwitcher />
                <Button variant="default" size="sm" onClick={() => signOut.mutate()} loading={signOut.isPending}>
                  {t('app.signOut')}
                </Button>
              </Group>
              <Box hiddenFrom="sm">
                <Suspense fallback={null}>
                  <HeaderMenu />
                </Suspense>
              </Box>
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm" id="main-navigation" aria-label={t('app.mainNavigation')}>
          {items.map((item) => {
            const active = item.isActive(location.pathname);
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="filled"
              />
            );
          })}
        </AppShell.Navbar>

        <AppShell.Main id="main" ref={mainRef} tabIndex={-1}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
      <Suspense fallback={null}>
        <IdleWarning />
      </Suspense>
    </>
  );
}
