import { ActionIcon, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession, useSignOut } from '../../modules/auth/hooks/use-session';
import { changeLanguage, currentLanguage, LANGUAGES } from '../i18n/i18n';
import { UserText } from '../text/user-text';

/**
 * On a phone the header has room for the navigation button, the name, the bell and one more button: this one. It
 * holds what the wide header shows side by side — who is signed in, the language and signing out — in a menu
 * (Mantine's: the button carries aria-expanded and aria-controls, arrow keys move between items, Escape closes
 * it and gives focus back to the button).
 */
export function HeaderMenu() {
  const { t } = useTranslation();
  const me = useSession();
  const signOut = useSignOut();
  const language = currentLanguage();
  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal>
      <Menu.Target>
        <ActionIcon variant="default" size="lg" aria-label={t('app.headerMenu')}>
          <PersonIcon />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="dark.9">
            <UserText>{me.user.displayName}</UserText>
          </Text>
          <Text size="xs" c="gray.7">
            <UserText>{me.organisation.name}</UserText>
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Label>{t('app.language')}</Menu.Label>
        {LANGUAGES.map((choice) => (
          // Each name in its own language, as in the wide header's list; the one in use is marked (Mantine's items
          // are always menuitems, which may not be "checked": aria-current says it instead).
          <Menu.Item
            key={choice.code}
            aria-current={choice.code === language ? 'true' : undefined}
            lang={choice.code}
            fw={choice.code === language ? 700 : undefined}
            leftSection={<CheckMark visible={choice.code === language} />}
            onClick={() => void changeLanguage(choice.code)}
          >
            {choice.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t('app.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function PersonIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8" />
    </svg>
  );
}

function CheckMark({ visible }: { visible: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3" aria-hidden>
      {visible && <path d="M5 12l5 5 9-10" />}
    </svg>
  );
}
