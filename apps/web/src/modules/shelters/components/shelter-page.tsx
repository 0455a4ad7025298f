import { uuidSchema } from '@haven/contracts';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FormDialog } from '../../../app/forms/form-dialog';
import { ErrorState } from '../../../app/layout/error-state';
import { NotFoundPage } from '../../../app/layout/not-found-page';
import { PageLoader } from '../../../app/layout/page-loader';
import { EmptyState } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useAppAbility } from '../../auth';
import { Facts } from '../../../app/layout/facts';
import { formatDate } from '../../../app/text/format';
import { shelterKeys, useOccupancy, useShelterDetail, useShelters } from '../hooks/use-shelters';
import { ShelterForm } from './shelter-form';
import { ResponsiveTable } from '../../../app/layout/responsive-table';
import { RoomsSection } from './rooms-section';

/**
 * One shelter: beds and who is in them (by case reference). Built from the list and the board, which carry
 * no address; the address is fetched only when asked for, because every read of it is recorded.
 */
export function ShelterPage() {
  const { shelterId } = useParams();
  const validId = uuidSchema.safeParse(shelterId).success;
  const { t, i18n } = useTranslation('shelters');
  const { t: tApp } = useTranslation();
  const ability = useAppAbility();
  const shelters = useShelters(validId);
  const board = useOccupancy();
  const [editing, setEditing] = useState(false);
  const shelter = shelters.data?.items.find((item) => item.id === shelterId);
  usePageTitle(shelter?.name ?? t('board.title'));

  if (!validId) return <NotFoundPage />;
  if (shelters.isError) return <ErrorState message={t('shelter.error')} onRetry={() => void shelters.refetch()} />;
  // Just created elsewhere: the list in memory may predate it until the refetch lands.
  if (shelters.isPending || (!shelter && shelters.isFetching)) return <PageLoader />;
  // Not one of the organisation's shelters: the same answer as for one that does not exist.
  if (!shelter) return <NotFoundPage />;

  const entry = board.data?.shelters.find((item) => item.shelter.id === shelter.id);
  const language = i18n.language;
  const mayManage = ability.can('update', 'Shelter');
  const free = Math.max(0, shelter.capacity - shelter.occupied);

  return (
    <Stack gap="lg" maw={1000}>
      <Anchor component={Link} to="/shelters" size="sm">
        {t('shelter.backToBoard')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {shelter.name}
          </Title>
          <Group gap="xs">
            <Badge color="indigo.8" c="white" variant="filled" tt="none">
              {t(`kind.${shelter.kind}`)}
            </Badge>
            {free === 0 ? (
              <Badge color="red.9" c="white" variant="filled" tt="none">
                {t('board.full')}
              </Badge>
            ) : (
              <Badge color="teal.9" c="white" variant="filled" tt="none">
                {t('board.free', { count: free })}
              </Badge>
            )}
            {!shelter.active && (
              <Badge color="gray.7" c="white" variant="filled" tt="none">
                {t('board.closed')}
              </Badge>
            )}
          </Group>
        </Stack>
        {mayManage && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('shelter.edit')}
          </Button>
        )}
      </Group>
      <Facts
        items={[
          { label: t('shelter.area'), value: shelter.area },
          {
            label: t('shelter.capacity'),
            value: t('board.beds', { occupied: shelter.occupied, capacity: shelter.capacity }),
          },
          { label: t('shelter.status'), value: shelter.active ? t('shelter.active') : t('board.closed') },
        ]}
      />
      <AddressSection shelterId={shelter.id} />
      <RoomsSection shelterId={shelter.id} mayManage={mayManage} />
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('board.occupants')}
        </Title>
        {board.isPending && <Text size="sm">{tApp('app.loading')}</Text>}
        {entry && entry.occupants.length === 0 && <EmptyState title={t('board.noOccupants')} />}
        {entry && entry.occupants.length > 0 && (
          <ResponsiveTable verticalSpacing="sm">
            <Table.Caption>
              <VisuallyHidden>{t('shelter.occupantsCaption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('shelter.reference')}</Table.Th>
                <Table.Th scope="col">{t('shelter.arrived')}</Table.Th>
                <Table.Th scope="col">{t('shelter.stay')}</Table.Th>
                <Table.Th scope="col">{t('shelter.planned')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entry.occupants.map((occupant) => (
                <Table.Tr key={occupant.placementId}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/cases/${occupant.caseId}?tab=placement`} ff="monospace">
                      {occupant.caseReference}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{formatDate(occupant.fromDate, language)}</Table.Td>
                  <Table.Td>{t('board.nights', { count: occupant.lengthOfStayDays })}</Table.Td>
                  <Table.Td>
                    {occupant.plannedDischargeOn ? formatDate(occupant.plannedDischargeOn, language) : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ResponsiveTable>
        )}
        {entry && entry.occupied > entry.occupants.length && (
          <Text size="xs" c="dimmed">
            {t('board.hiddenOccupants', { count: entry.occupied - entry.occupants.length })}
          </Text>
        )}
      </Stack>
      {mayManage && (
        <FormDialog opened={editing} onClose={() => setEditing(false)} title={t('shelter.edit')}>
          <ShelterForm shelter={shelter} onDone={() => setEditing(false)} />
        </FormDialog>
      )}
    </Stack>
  );
}

/** The confidential address, like a survivor's identity: on request, recorded, and dropped from memory on hide. */
function AddressSection({ shelterId }: { shelterId: string }) {
  const { t } = useTranslation('shelters');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const detail = useShelterDetail(shelterId, revealed);

  const hide = () => {
    setRevealed(false);
    queryClient.removeQueries({ queryKey: shelterKeys.detail(shelterId) });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="shelter-address">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4" id="shelter-address">
          {t('shelter.addressTitle')}
        </Title>
        {!revealed && (
          <>
            <Text size="sm">{t('shelter.addressNotice')}</Text>
            <Button variant="outline" onClick={() => setRevealed(true)}>
              {t('shelter.showAddress')}
            </Button>
          </>
        )}
        {revealed && (
          <>
            {detail.isPending && (
              <Text size="sm" role="status">
                {tApp('app.loading')}
              </Text>
            )}
            {detail.isError && (
              <Alert color="red" variant="light">
                <Text size="sm" c="red.9">
                  {t('shelter.addressError')}
                </Text>
              </Alert>
            )}
            {detail.data && (
              <Text className="free-text" data-testid="shelter-address">
                {detail.data.address}
              </Text>
            )}
            <Button variant="default" onClick={hide}>
              {t('shelter.hideAddress')}
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}
