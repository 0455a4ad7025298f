import type { UserSummary } from '@haven/contracts';
import { Alert, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../../app/layout/pager';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useResetTwoFactor, useUserList } from '../hooks/use-users';

const PAGE_SIZE = 50;

/** User administration: who has an account, whether they use a second factor, and resetting it. */
export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const [page, setPage] = useState(1);
  const users = useUserList(page, PAGE_SIZE);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reset = useResetTwoFactor();

  return (
    <Stack gap="lg">
      <Title order={1}>{t('users.title')}</Title>
      {done && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('users.dismiss')} onClose={() => setDone(null)}>
          <Text size="sm">{t('users.resetDone', { name: done })}</Text>
        </Alert>
      )}
      {users.isPending ? (
        <SectionLoader />
      ) : users.isError ? (
        <SectionError message={t('users.loadFailed')} onRetry={() => void users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <EmptyState title={t('users.empty')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-busy={users.isFetching}>
              <caption>{t('users.caption')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.name')}</Table.Th>
                  <Table.Th scope="col">{t('users.role')}</Table.Th>
                  <Table.Th scope="col">{t('users.organisation')}</Table.Th>
                  <Table.Th scope="col">{t('users.twoFactor')}</Table.Th>
                  <Table.Th scope="col">{t('users.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {user.displayName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {user.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`users.roles.${user.role}`)}</Table.Td>
                    <Table.Td>{user.organisation.name}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {user.twoFactorEnrolled ? t('twoFactor.on') : t('twoFactor.off')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {user.twoFactorEnrolled && (
                        <Button size="xs" variant="default" color="red" onClick={() => setResetting(user)} aria-label={t('users.resetFor', { name: user.displayName })}>
                          {t('users.reset')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={Math.ceil(users.data.total / PAGE_SIZE)} value={page} onChange={setPage} label={t('users.pages')} />
        </>
      )}
      <Modal opened={!!resetting} onClose={() => setResetting(null)} title={t('users.confirmTitle')} closeButtonProps={{ 'aria-label': t('users.cancel') }}>
        {resetting && (
          <Stack gap="md">
            <Text size="sm">{t('users.confirmBody', { name: resetting.displayName })}</Text>
            {reset.isError && (
              <Alert color="red" variant="light">
                <Text size="sm" c="red.9">
                  {t('users.resetFailed')}
                </Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setResetting(null)}>
                {t('users.cancel')}
              </Button>
              <Button
                color="red"
                loading={reset.isPending}
                onClick={() =>
                  reset.mutate(resetting.id, {
                    onSuccess: () => {
                      setDone(resetting.displayName);
                      setResetting(null);
                    },
                  })
                }
              >
                {t('users.confirmReset')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
