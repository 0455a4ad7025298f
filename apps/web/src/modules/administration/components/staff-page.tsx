import {
  ROLES,
  USER_SEARCH_MIN_CHARACTERS,
  USER_STATES,
  type Role,
  type UserSort,
  type UserSummary,
  type UserWithLink,
} from '@haven/contracts';
import { Alert, Badge, Button, Group, Menu, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { FormDialog } from '../../../app/forms/form-dialog';
import { notifySaved } from '../../../app/forms/notify';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { SortableHeader } from '../../../app/layout/sortable-header';
import { useCursorPaging } from '../../../app/layout/use-cursor-paging';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useSession } from '../../auth';
import { useResetTwoFactor } from '../../users';
import {
  useOrganisationRegistry,
  useOrganisationSettings,
  usePasswordReset,
  useSetUserActive,
  useStaff,
} from '../hooks/use-administration';
import { EditUserDialogBody } from './edit-user-dialog';
import { ImportDialogBody } from './import-dialog';
import { InviteDialogBody } from './invite-dialog';
import { LinkHandOver } from './link-hand-over';
import { TeamSettingsPanel } from './team-settings-panel';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

const PAGE_SIZE = 50;
// Dark shades with white text keep every state above AA contrast; the word, not the colour, carries the meaning.
const STATE_COLOURS = { invited: 'blue.8', active: 'teal.9', deactivated: 'gray.7' } as const;

type Dialog =
  | { kind: 'invite' }
  | { kind: 'import' }
  | { kind: 'edit'; user: UserSummary }
  | { kind: 'deactivate' | 'reactivate' | 'reset-link' | 'reset-two-factor'; user: UserSummary }
  | { kind: 'link'; result: UserWithLink };

/**
 * Staff administration. `admin`: every account, with organisation and role filters. `team`: a supervisor's
 * caseworkers and her organisation's team settings. The API decides what each may do; this screen offers only that.
 */
export function StaffPage({ mode }: { mode: 'admin' | 'team' }) {
  const { t } = useTranslation('administration');
  const me = useSession();
  usePageTitle(mode === 'admin' ? t('staff.usersTitle') : t('staff.teamTitle'));
  const paging = useCursorPaging<UserSort>('displayName', 'asc');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  // A search of one or two letters would match most of the staff: the API refuses it, so it is not sent.
  const searchTooShort = q.length > 0 && q.length < USER_SEARCH_MIN_CHARACTERS;
  const [role, setRole] = useState<Role | null>(mode === 'team' ? 'caseworker' : null);
  const [state, setState] = useState<(typeof USER_STATES)[number] | null>(null);
  const [organisationId, setOrganisationId] = useState<string | null>(mode === 'team' ? me.organisation.id : null);
  const staff = useStaff({
    ...paging.query,
    pageSize: PAGE_SIZE,
    q: q && !searchTooShort ? q : undefined,
    role: role ?? undefined,
    state: state ?? undefined,
    organisationId: organisationId ?? undefined,
  });
  const registry = useOrganisationRegistry(mode === 'admin');
  const settings = useOrganisationSettings(me.organisation.id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const setActive = useSetUserActive();
  const resetLink = usePasswordReset();
  const resetTwoFactor = useResetTwoFactor();

  const confirm = async () => {
    if (!dialog || !('user' in dialog)) return;
    const { user } = dialog;
    if (dialog.kind === 'deactivate' || dialog.kind === 'reactivate') {
      await setActive.mutateAsync({ id: user.id, active: dialog.kind === 'reactivate' });
      notifySaved(
        t(dialog.kind === 'deactivate' ? 'staff.deactivated' : 'staff.reactivated', { name: user.displayName }),
      );
      close();
    } else if (dialog.kind === 'reset-link') {
      setDialog({ kind: 'link', result: await resetLink.mutateAsync(user.id) });
    } else if (dialog.kind === 'reset-two-factor') {
      await resetTwoFactor.mutateAsync(user.id);
      notifySaved(t('users.resetDone', { name: user.displayName }));
      close();
    }
  };
  type Confirmation = Extract<Dialog, { kind: 'deactivate' | 'reactivate' | 'reset-link' | 'reset-two-factor' }>;
  const confirmation = dialog && dialog.kind !== 'edit' && 'user' in dialog ? (dialog as Confirmation) : null;
  const pending = setActive.isPending || resetLink.isPending || resetTwoFactor.isPending;
  const failure = setActive.error ?? resetLink.error ?? resetTwoFactor.error;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{mode === 'admin' ? t('staff.usersTitle') : t('staff.teamTitle')}</Title>
          <Text size="sm" c="dimmed">
            {mode === 'admin' ? t('staff.usersIntro') : t('staff.teamIntro', { organisation: me.organisation.name })}
          </Text>
        </Stack>
        <Group gap="sm">
          <Button variant="default" onClick={() => setDialog({ kind: 'import' })}>
            {t('import.open')}
          </Button>
          <Button onClick={() => setDialog({ kind: 'invite' })}>
            {mode === 'admin' ? t('invite.open') : t('invite.openCaseworker')}
          </Button>
        </Group>
      </Group>

      <Group gap="sm" align="flex-end" role="search" aria-label={t('staff.filters')}>
        <TextInput
          label={t('staff.search')}
          placeholder={t('staff.searchPlaceholder')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            paging.restart();
          }}
          description={searchTooShort ? t('staff.searchTooShort', { count: USER_SEARCH_MIN_CHARACTERS }) : undefined}
        />
        {mode === 'admin' && (
          <Select
            label={t('staff.role')}
            clearable
            placeholder={t('staff.anyRole')}
            value={role}
            onChange={(value) => {
              setRole(value as Role | null);
              paging.restart();
            }}
            data={ROLES.map((value) => ({ value, label: t(`users.roles.${value}`) }))}
          />
        )}
        <Select
          label={t('staff.state')}
          clearable
          placeholder={t('staff.anyState')}
          value={state}
          onChange={(value) => {
            setState(value as typeof state);
            paging.restart();
          }}
          data={USER_STATES.map((value) => ({ value, label: t(`states.${value}`) }))}
        />
        {mode === 'admin' && (
          <Select
            label={t('staff.organisation')}
            clearable
            searchable
            placeholder={t('staff.anyOrganisation')}
            value={organisationId}
            onChange={(value) => {
              setOrganisationId(value);
              paging.restart();
            }}
            data={(registry.data?.items ?? []).map((organisation) => ({
              value: organisation.id,
              label: organisation.name,
            }))}
          />
        )}
      </Group>

      {staff.isPending ? (
        <SectionLoader />
      ) : staff.isError ? (
        <SectionError message={t('users.loadFailed')} onRetry={() => void staff.refetch()} />
      ) : staff.data.items.length === 0 ? (
        <EmptyState
          title={q || state || (mode === 'admin' && (role || organisationId)) ? t('staff.noMatch') : t('staff.empty')}
          hint={t('staff.emptyHint')}
        />
      ) : (
        <>
          <ResponsiveTable verticalSpacing="sm" aria-busy={staff.isFetching}>
            <caption>{mode === 'admin' ? t('users.caption') : t('staff.teamCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <SortableHeader {...paging.sortable('displayName', 'asc')}>{t('users.name')}</SortableHeader>
                <Table.Th scope="col">{t('users.role')}</Table.Th>
                {mode === 'admin' && <Table.Th scope="col">{t('users.organisation')}</Table.Th>}
                <Table.Th scope="col">{t('staff.team')}</Table.Th>
                <Table.Th scope="col">{t('staff.state')}</Table.Th>
                <Table.Th scope="col">{t('users.twoFactor')}</Table.Th>
                <Table.Th scope="col">{t('staff.lastSignIn')}</Table.Th>
                <Table.Th scope="col">{t('users.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.data.items.map((user) => (
                <StaffRow
                  key={user.id}
                  user={user}
                  mode={mode}
                  self={user.id === me.user.id}
                  onAction={(kind) => setDialog({ kind, user } as Dialog)}
                />
              ))}
            </Table.Tbody>
          </ResponsiveTable>
          <CursorPager
            previousCursor={staff.data.previousCursor}
            nextCursor={staff.data.nextCursor}
            onChange={paging.goTo}
            label={t('users.pages')}
          />
        </>
      )}

      {mode === 'team' && <TeamSettingsPanel organisationId={me.organisation.id} />}

      <FormDialog
        opened={dialog?.kind === 'invite'}
        onClose={close}
        title={mode === 'admin' ? t('invite.title') : t('invite.titleCaseworker')}
      >
        <InviteDialogBody
          organisations={mode === 'admin' ? registry.data?.items : undefined}
          fixed={mode === 'team' ? { organisationId: me.organisation.id, role: 'caseworker' } : undefined}
          teams={settings.data?.teams ?? []}
          onClose={close}
        />
      </FormDialog>
      <FormDialog opened={dialog?.kind === 'import'} onClose={close} title={t('import.title')} size="xl">
        <ImportDialogBody onClose={close} />
      </FormDialog>
      <FormDialog opened={dialog?.kind === 'edit'} onClose={close} title={t('edit.title')}>
        {dialog?.kind === 'edit' && (
          <EditUserDialogBody
            user={dialog.user}
            mode={mode}
            self={dialog.user.id === me.user.id}
            teams={
              mode === 'admin'
                ? (registry.data?.items.find((organisation) => organisation.id === dialog.user.organisation.id)
                    ?.settings.teams ?? [])
                : (settings.data?.teams ?? [])
            }
            roles={mode === 'admin' ? undefined : ['caseworker']}
            kind={registry.data?.items.find((organisation) => organisation.id === dialog.user.organisation.id)?.kind}
            onClose={close}
          />
        )}
      </FormDialog>
      <FormDialog opened={dialog?.kind === 'link'} onClose={close} title={t('link.title')}>
        {dialog?.kind === 'link' && (
          <Stack gap="md">
            <LinkHandOver
              link={dialog.result.activationLink}
              name={dialog.result.user.displayName}
              kind={dialog.result.user.state === 'invited' ? 'invitation' : 'reset'}
            />
            <Group justify="flex-end">
              <Button onClick={close}>{t('invite.done')}</Button>
            </Group>
          </Stack>
        )}
      </FormDialog>
      <Modal
        opened={!!confirmation}
        onClose={close}
        title={confirmation ? t(`confirm.${confirmation.kind}.title`, { name: confirmation.user.displayName }) : ''}
        closeButtonProps={{ 'aria-label': t('common.cancel') }}
      >
        {confirmation && (
          <Stack gap="md">
            <Text size="sm">{t(`confirm.${confirmation.kind}.body`, { name: confirmation.user.displayName })}</Text>
            {failure && (
              <Alert color="red" variant="light">
                <Text size="sm" c="red.9">
                  {isApiError(failure) && failure.problem.detail ? failure.problem.detail : t('common.failed')}
                </Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                color={confirmation.kind === 'reactivate' || confirmation.kind === 'reset-link' ? undefined : 'red'}
                loading={pending}
                onClick={() => void confirm().catch(() => undefined)}
              >
                {t(`confirm.${confirmation.kind}.action`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

type RowAction = 'edit' | 'deactivate' | 'reactivate' | 'reset-link' | 'reset-two-factor';

function StaffRow({
  user,
  mode,
  self,
  onAction,
}: {
  user: UserSummary;
  mode: 'admin' | 'team';
  self: boolean;
  onAction: (kind: RowAction) => void;
}) {
  const { t, i18n } = useTranslation('administration');
  const { t: tAuth } = useTranslation('auth');
  const lastSignIn = user.lastSignInAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(user.lastSignInAt),
      )
    : t('staff.never');
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          <bdi>{user.displayName}</bdi>
        </Text>
        <Text size="xs" c="dimmed" dir="ltr">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>{t(`users.roles.${user.role}`)}</Table.Td>
      {mode === 'admin' && (
        <Table.Td>
          <bdi>{user.organisation.name}</bdi>
        </Table.Td>
      )}
      <Table.Td>{user.team ? <bdi>{user.team}</bdi> : '—'}</Table.Td>
      <Table.Td>
        <Badge color={STATE_COLOURS[user.state]} c="white" variant="filled" tt="none">
          {t(`states.${user.state}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{user.twoFactorEnrolled ? tAuth('twoFactor.on') : tAuth('twoFactor.off')}</Table.Td>
      <Table.Td>{lastSignIn}</Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="xs" variant="default" aria-label={t('staff.actionsFor', { name: user.displayName })}>
              {t('staff.actions')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => onAction('edit')}>{t('staff.edit')}</Menu.Item>
            {!self && user.active && (
              <Menu.Item onClick={() => onAction('reset-link')}>
                {user.state === 'invited' ? t('staff.newInvitation') : t('staff.newPasswordLink')}
              </Menu.Item>
            )}
            {mode === 'admin' && user.twoFactorEnrolled && (
              <Menu.Item onClick={() => onAction('reset-two-factor')}>{t('users.reset')}</Menu.Item>
            )}
            {!self && user.active && (
              <Menu.Item color="red" onClick={() => onAction('deactivate')}>
                {t('staff.deactivate')}
              </Menu.Item>
            )}
            {!self && !user.active && (
              <Menu.Item onClick={() => onAction('reactivate')}>{t('staff.reactivate')}</Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}
