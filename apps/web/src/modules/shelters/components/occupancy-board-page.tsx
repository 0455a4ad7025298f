import type { OccupancyBoard, OccupancyBoardEntry } from '@haven/contracts';
import { Anchor, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FormDialog } from '../../../app/forms/form-dialog';
import { ErrorState } from '../../../app/layout/error-state';
import { PageLoader } from '../../../app/layout/page-loader';
import { EmptyState } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useAppAbility } from '../../auth';
import { formatDate } from '../../../app/text/format';
import { useOccupancy } from '../hooks/use-shelters';
import { ShelterForm } from './shelter-form';
import { UserText } from '../../../app/text/user-text';

type BoardShelter = OccupancyBoard['shelters'][number];

/**
 * Beds taken and free in each shelter this week, with arrivals, departures and planned discharges. Counts
 * are of everyone; the cases listed are only those the viewer works on, by reference (never a name).
 */
export function OccupancyBoardPage() {
  const { t, i18n } = useTranslation('shelters');
  const ability = useAppAbility();
  const board = useOccupancy();
  const [searchParams] = useSearchParams();
  const mayCreate = ability.can('create', 'Shelter');
  // "Add a shelter" from a placement with no shelter to choose opens the form at once.
  const [creating, setCreating] = useState(mayCreate && searchParams.get('new') === '1');
  usePageTitle(t('board.title'));

  if (board.isPending) return <PageLoader />;
  if (board.isError) return <ErrorState message={t('board.error')} onRetry={() => void board.refetch()} />;
  const { week, shelters } = board.data;

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('board.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('board.intro')}
          </Text>
          <Text size="sm">
            {t('board.week', { from: formatDate(week.from, i18n.language), to: formatDate(week.to, i18n.language) })}
          </Text>
        </Stack>
        {mayCreate && <Button onClick={() => setCreating(true)}>{t('board.newShelter')}</Button>}
      </Group>
      {shelters.length === 0 && <EmptyState title={t('board.empty')} hint={t('board.emptyHint')} />}
      <SimpleGrid
        cols={{ base: 1, md: 2 }}
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-busy={board.isFetching}
      >
        {shelters.map((entry) => (
          <li key={entry.shelter.id}>
            <ShelterCard entry={entry} />
          </li>
        ))}
      </SimpleGrid>
      {mayCreate && (
        <FormDialog opened={creating} onClose={() => setCreating(false)} title={t('shelter.create')}>
          <ShelterForm onDone={() => setCreating(false)} />
        </FormDialog>
      )}
    </Stack>
  );
}

function ShelterCard({ entry }: { entry: BoardShelter }) {
  const { t } = useTranslation('shelters');
  const headingId = `shelter-${entry.shelter.id}`;
  const percent = entry.capacity > 0 ? Math.round((entry.occupied / entry.capacity) * 100) : 0;
  const hidden = entry.occupied - entry.occupants.length;

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId} h="100%">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" wrap="nowrap">
          <Title order={2} size="h4" id={headingId}>
            <Anchor component={Link} to={`/shelters/${entry.shelter.id}`} inherit>
              {entry.shelter.name}
            </Anchor>
          </Title>
          {entry.free === 0 ? (
            <Badge color="red.9" c="white" variant="filled" tt="none">
              {t('board.full')}
            </Badge>
          ) : (
            <Badge color="teal.9" c="white" variant="filled" tt="none">
              {t('board.free', { count: entry.free })}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          <UserText>{entry.shelter.area}</UserText> · {t(`kind.${entry.shelter.kind}`)}
          {!entry.shelter.active && ` · ${t('board.closed')}`}
        </Text>
        <Text size="sm" fw={600} data-testid="beds">
          {t('board.beds', { occupied: entry.occupied, capacity: entry.capacity })}
        </Text>
        {/* The beds line above says the same in words; the bar is only a visual aid. */}
        <Progress value={percent} color={entry.free === 0 ? 'red.9' : 'indigo.8'} aria-hidden />
        <BedList rooms={entry.rooms} />
        <EntryList title={t('board.occupants')} items={entry.occupants} empty={t('board.noOccupants')} kind="stay" />
        {hidden > 0 && (
          <Text size="xs" c="dimmed">
            {t('board.hiddenOccupants', { count: hidden })}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <CountedList title={t('board.arrivals')} list={entry.arrivalsThisWeek} kind="arrival" />
          <CountedList title={t('board.departures')} list={entry.departuresThisWeek} kind="departure" />
          <CountedList title={t('board.plannedDischarges')} list={entry.plannedDischarges} kind="planned" />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/**
 * Every bed, room by room: free or taken. A taken bed names its occupant's case (by reference) only when the
 * viewer works on that case; otherwise it only says "taken".
 */
function BedList({ rooms }: { rooms: BoardShelter['rooms'] }) {
  const { t } = useTranslation('shelters');
  return (
    <Stack gap={4}>
      {rooms.map((room) => (
        <Stack key={room.id} gap={2}>
          <Text size="xs" fw={700} c="gray.7">
            <UserText>{room.name}</UserText> · {t(`room.serves.${room.sex}.${room.ageGroup}`)}
          </Text>
          <Group component="ul" gap={6} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {room.beds.map((bed) => (
              <li key={bed.id} data-testid="board-bed">
                <Badge variant="light" tt="none" color={bed.occupied ? 'red.9' : 'teal.9'}>
                  {t('board.bed', { label: bed.label })}
                  {bed.accessible && ` · ${t('placement.bedAccessible')}`}
                  {' · '}
                  {bed.occupant ? (
                    <Anchor component={Link} to={`/cases/${bed.occupant.caseId}?tab=placement`} ff="monospace" inherit>
                      {bed.occupant.caseReference}
                    </Anchor>
                  ) : (
                    t(bed.occupied ? 'room.taken' : 'room.free')
                  )}
                </Badge>
              </li>
            ))}
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}

type EntryKind = 'stay' | 'arrival' | 'departure' | 'planned';

function CountedList({
  title,
  list,
  kind,
}: {
  title: string;
  list: { count: number; items: OccupancyBoardEntry[] };
  kind: EntryKind;
}) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={700} tt="uppercase" c="gray.7">
        {title}: {list.count}
      </Text>
      {list.items.length > 0 && <EntryList items={list.items} kind={kind} />}
    </Stack>
  );
}

/** Cases by reference, each linking to its placement tab. */
function EntryList({
  title,
  items,
  empty,
  kind,
}: {
  title?: string;
  items: OccupancyBoardEntry[];
  empty?: string;
  kind: EntryKind;
}) {
  const { t, i18n } = useTranslation('shelters');
  const language = i18n.language;
  const note = (entry: OccupancyBoardEntry) => {
    if (kind === 'planned' && entry.plannedDischargeOn)
      return t('board.plannedOn', { date: formatDate(entry.plannedDischargeOn, language) });
    if (kind === 'departure' && entry.toDate) return formatDate(entry.toDate, language);
    if (kind === 'arrival') return formatDate(entry.fromDate, language);
    return `${t('board.since', { date: formatDate(entry.fromDate, language) })} · ${t('board.nights', { count: entry.lengthOfStayDays })}`;
  };
  return (
    <Stack gap={2}>
      {title && (
        <Text size="xs" fw={700} tt="uppercase" c="gray.7">
          {title}
        </Text>
      )}
      {items.length === 0 && empty && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {items.length > 0 && (
        <Stack component="ul" gap={2} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((entry) => (
            <li key={`${kind}-${entry.placementId}`}>
              <Text size="sm">
                <Anchor component={Link} to={`/cases/${entry.caseId}?tab=placement`} ff="monospace">
                  {entry.caseReference}
                </Anchor>{' '}
                <Text span size="xs" c="gray.7">
                  {note(entry)}
                </Text>
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
