import type { CaseDetail, Placement } from '@haven/contracts';
import { Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { Facts } from '../../../app/layout/facts';
import { useCasePermissions } from '../../cases';
import { formatDate } from '../../../app/text/format';
import { usePlacements } from '../hooks/use-shelters';
import { DischargeForm, PlacementForm } from './placement-dialogs';
import { UserText } from '../../../app/text/user-text';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

type Dialog = 'place' | 'move' | 'discharge' | 'plan' | null;

/** Where the survivor sleeps now, for how long, and every earlier stay; place, move and discharge from here. */
export function PlacementTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('shelters');
  const permissions = useCasePermissions(detail);
  const placements = usePlacements(detail.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const language = i18n.language;
  const data = placements.data;
  const current = data?.current ?? null;
  const close = () => setDialog(null);

  return (
    <Stack gap="md" maw={1000}>
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('placement.title')}
        </Title>
        {permissions.mayEdit && data && (
          <Group gap="sm">
            {!current && <Button onClick={() => setDialog('place')}>{t('placement.place')}</Button>}
            {current && (
              <>
                <Button variant="default" onClick={() => setDialog('move')}>
                  {t('placement.move')}
                </Button>
                <Button variant="default" onClick={() => setDialog('plan')}>
                  {t('placement.planDischarge')}
                </Button>
                <Button color="red" variant="outline" onClick={() => setDialog('discharge')}>
                  {t('placement.discharge')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Group>
      {placements.isPending && <SectionLoader />}
      {placements.isError && !data && (
        <SectionError message={t('placement.error')} onRetry={() => void placements.refetch()} />
      )}
      {data && !current && (
        <EmptyState title={t('placement.none')} hint={permissions.mayEdit ? t('placement.noneHint') : undefined} />
      )}
      {current && <CurrentPlacement placement={current} />}
      {data && data.items.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('placement.history')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('placement.totalDays', { count: data.totalDaysInShelter })}
          </Text>
          <ResponsiveTable verticalSpacing="sm">
            <Table.Caption>
              <VisuallyHidden>{t('placement.historyCaption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('placement.shelter')}</Table.Th>
                <Table.Th scope="col">{t('placement.period')}</Table.Th>
                <Table.Th scope="col">{t('placement.lengthOfStay')}</Table.Th>
                <Table.Th scope="col">{t('placement.exit')}</Table.Th>
                <Table.Th scope="col">{t('placement.placedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((placement) => (
                <Table.Tr key={placement.id}>
                  <Table.Th scope="row" fw={600}>
                    <UserText>{placement.shelter.name}</UserText>
                    <Text size="xs" c="dimmed" component="span" display="block">
                      <UserText>{placement.shelter.area}</UserText> · {t(`kind.${placement.shelter.kind}`)}
                    </Text>
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(placement.fromDate, language)} –{' '}
                    {placement.toDate ? formatDate(placement.toDate, language) : t('placement.ongoing')}
                  </Table.Td>
                  <Table.Td>{t('board.nights', { count: placement.lengthOfStayDays })}</Table.Td>
                  <Table.Td>{placement.exitReason ? t(`exitReason.${placement.exitReason}`) : '—'}</Table.Td>
                  <Table.Td>{placement.placedBy.displayName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ResponsiveTable>
        </Stack>
      )}

      <FormDialog opened={dialog === 'place'} onClose={close} title={t('placement.place')}>
        <PlacementForm detail={detail} onDone={close} />
      </FormDialog>
      {current && (
        <>
          <FormDialog opened={dialog === 'move'} onClose={close} title={t('placement.move')}>
            <PlacementForm detail={detail} current={current} onDone={close} />
          </FormDialog>
          <FormDialog opened={dialog === 'discharge'} onClose={close} title={t('placement.discharge')}>
            <DischargeForm caseId={detail.id} current={current} planned={false} onDone={close} />
          </FormDialog>
          <FormDialog opened={dialog === 'plan'} onClose={close} title={t('placement.planDischarge')}>
            <DischargeForm caseId={detail.id} current={current} planned onDone={close} />
          </FormDialog>
        </>
      )}
    </Stack>
  );
}

function CurrentPlacement({ placement }: { placement: Placement }) {
  const { t, i18n } = useTranslation('shelters');
  const language = i18n.language;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="current-placement">
      <Stack gap="sm">
        <Group gap="sm" align="baseline">
          <Title order={3} size="h4" id="current-placement">
            {t('placement.current')}
          </Title>
          <Badge color="teal.9" c="white" variant="filled" tt="none">
            {placement.shelter.name}
          </Badge>
        </Group>
        <Facts
          items={[
            {
              label: t('placement.shelter'),
              value: (
                <>
                  <UserText>{placement.shelter.name}</UserText> · <UserText>{placement.shelter.area}</UserText> ·{' '}
                  {t(`kind.${placement.shelter.kind}`)}
                </>
              ),
            },
            ...(placement.bed
              ? [
                  {
                    label: t('placement.bed'),
                    value: (
                      <>
                        <UserText>{t('board.bed', { label: placement.bed.label })}</UserText> ·{' '}
                        <UserText>{placement.bed.room}</UserText>
                      </>
                    ),
                  },
                ]
              : []),
            { label: t('placement.since'), value: formatDate(placement.fromDate, language) },
            { label: t('placement.lengthOfStay'), value: t('board.nights', { count: placement.lengthOfStayDays }) },
            {
              label: t('placement.plannedFor'),
              value: placement.plannedDischargeOn ? formatDate(placement.plannedDischargeOn, language) : '—',
            },
          ]}
        />
        {placement.kindOverride && (
          <Text size="sm" c="orange.9">
            {t('placement.override', { reason: placement.kindOverride.reason })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
