import type { Organisation } from '@haven/contracts';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { FormDialog } from '../../../app/forms/form-dialog';
import { notifySaved } from '../../../app/forms/notify';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useSession } from '../../auth';
import { useOrganisationRegistry, useSetOrganisationActive } from '../hooks/use-administration';
import { OrganisationForm } from './organisation-form';
import { TeamSettingsPanel } from './team-settings-panel';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/** Administrators: every organisation, its directory entry and state; create, edit, deactivate. */
export function OrganisationsPage() {
  const { t, i18n } = useTranslation('administration');
  usePageTitle(t('organisations.title'));
  const me = useSession();
  const registry = useOrganisationRegistry();
  const setActive = useSetOrganisationActive();
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const [confirming, setConfirming] = useState<Organisation | null>(null);
  const [configuring, setConfiguring] = useState<Organisation | null>(null);
  const countryNames = new Intl.DisplayNames([i18n.language], { type: 'region' });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('organisations.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('organisations.intro')}
          </Text>
        </Stack>
        <Button onClick={() => setEditing('new')}>{t('organisations.new')}</Button>
      </Group>
      {registry.isPending ? (
        <SectionLoader />
      ) : registry.isError ? (
        <SectionError message={t('common.failed')} onRetry={() => void registry.refetch()} />
      ) : registry.data.items.length === 0 ? (
        <EmptyState title={t('organisations.empty')} />
      ) : (
        <ResponsiveTable verticalSpacing="sm">
          <caption>{t('organisations.caption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('organisations.name')}</Table.Th>
              <Table.Th scope="col">{t('organisations.kind')}</Table.Th>
              <Table.Th scope="col">{t('organisations.country')}</Table.Th>
              <Table.Th scope="col">{t('organisations.referrals')}</Table.Th>
              <Table.Th scope="col">{t('organisations.accounts')}</Table.Th>
              <Table.Th scope="col">{t('staff.state')}</Table.Th>
              <Table.Th scope="col">{t('staff.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {registry.data.items.map((organisation) => (
              <Table.Tr key={organisation.id}>
                <Table.Th scope="row">
                  <bdi>{organisation.name}</bdi>
                </Table.Th>
                <Table.Td>
                  {t(`kinds.${organisation.kind}`)}
                  <Text size="xs" c="dimmed">
                    HTCDS: {organisation.htcdsOrgType}
                  </Text>
                </Table.Td>
                <Table.Td>{organisation.country ? countryNames.of(organisation.country) : '—'}</Table.Td>
                <Table.Td>
                  {organisation.acceptingReferrals ? t('organisations.accepting') : t('organisations.notAccepting')}
                </Table.Td>
                <Table.Td>{organisation.activeUsers}</Table.Td>
                <Table.Td>
                  <Badge color={organisation.active ? 'teal.9' : 'gray.7'} c="white" variant="filled" tt="none">
                    {organisation.active ? t('organisations.active') : t('organisations.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setEditing(organisation)}
                      aria-label={t('organisations.editFor', { name: organisation.name })}
                    >
                      {t('staff.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setConfiguring(organisation)}
                      aria-label={t('organisations.settingsFor', { name: organisation.name })}
                    >
                      {t('organisations.settings')}
                    </Button>
                    {organisation.id !== me.organisation.id && (
                      <Button
                        size="xs"
                        variant="default"
                        color={organisation.active ? 'red' : undefined}
                        onClick={() => setConfirming(organisation)}
                      >
                        {organisation.active ? t('staff.deactivate') : t('staff.reactivate')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      )}
      <FormDialog
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('organisations.new') : t('organisations.edit')}
        size="xl"
      >
        <OrganisationForm
          organisation={editing === 'new' || editing === null ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      </FormDialog>
      <FormDialog
        opened={configuring !== null}
        onClose={() => setConfiguring(null)}
        title={configuring ? t('organisations.settingsFor', { name: configuring.name }) : ''}
        size="lg"
      >
        {configuring && <TeamSettingsPanel organisationId={configuring.id} inDialog />}
      </FormDialog>
      <Modal
        opened={!!confirming}
        onClose={() => setConfirming(null)}
        title={
          confirming
            ? t(confirming.active ? 'organisations.confirmDeactivateTitle' : 'organisations.confirmReactivateTitle', {
                name: confirming.name,
              })
            : ''
        }
        closeButtonProps={{ 'aria-label': t('common.cancel') }}
      >
        {confirming && (
          <Stack gap="md">
            <Text size="sm">
              {t(confirming.active ? 'organisations.confirmDeactivateBody' : 'organisations.confirmReactivateBody', {
                name: confirming.name,
              })}
            </Text>
            {setActive.error && (
              <Alert color="red" variant="light">
                <Text size="sm" c="red.9">
                  {isApiError(setActive.error) && setActive.error.problem.detail
                    ? setActive.error.problem.detail
                    : t('common.failed')}
                </Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                color={confirming.active ? 'red' : undefined}
                loading={setActive.isPending}
                onClick={() =>
                  setActive.mutate(
                    { id: confirming.id, active: !confirming.active },
                    {
                      onSuccess: () => {
                        notifySaved(
                          t(confirming.active ? 'organisations.deactivated' : 'organisations.reactivated', {
                            name: confirming.name,
                          }),
                        );
                        setConfirming(null);
                      },
                    },
                  )
                }
              >
                {confirming.active ? t('staff.deactivate') : t('staff.reactivate')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
