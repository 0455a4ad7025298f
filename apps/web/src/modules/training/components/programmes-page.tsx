import type { ProgrammeSort } from '@haven/contracts';
import { Anchor, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormDialog } from '../../../app/forms/form-dialog';
import { ErrorState } from '../../../app/layout/error-state';
import { PageLoader } from '../../../app/layout/page-loader';
import { EmptyState } from '../../../app/layout/section-states';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { SortableHeader } from '../../../app/layout/sortable-header';
import { useCursorPaging } from '../../../app/layout/use-cursor-paging';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useAppAbility } from '../../auth';
import { useSession } from '../../auth';
import { formatDate } from '../../../app/text/format';
import { useProgrammePage } from '../hooks/use-training';
import { ProgrammeForm } from './programme-form';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

const PAGE_SIZE = 25;

/** The programmes the user's organisation owns or, for a provider partner, runs: a page at a time, by trade. */
export function ProgrammesPage() {
  const { t, i18n } = useTranslation('training');
  const ability = useAppAbility();
  const me = useSession();
  const paging = useCursorPaging<ProgrammeSort>('trade', 'asc');
  const programmes = useProgrammePage({ ...paging.query, pageSize: PAGE_SIZE });
  const [creating, setCreating] = useState(false);
  usePageTitle(t('list.title'));
  const mayCreate = ability.can('create', 'TrainingProgramme');
  const language = i18n.language;

  if (programmes.isPending) return <PageLoader />;
  if (programmes.isError) return <ErrorState message={t('list.error')} onRetry={() => void programmes.refetch()} />;
  const items = programmes.data.items;

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('list.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {me.user.role === 'partner' ? t('list.providerIntro') : t('list.intro')}
          </Text>
        </Stack>
        {mayCreate && <Button onClick={() => setCreating(true)}>{t('list.new')}</Button>}
      </Group>
      {items.length === 0 && <EmptyState title={t('list.empty')} hint={mayCreate ? t('list.emptyHint') : undefined} />}
      {items.length > 0 && (
        <ResponsiveTable verticalSpacing="sm" aria-busy={programmes.isFetching}>
          <Table.Caption>
            <VisuallyHidden>{t('list.caption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <SortableHeader {...paging.sortable('trade', 'asc')}>{t('list.trade')}</SortableHeader>
              <Table.Th scope="col">{t('list.provider')}</Table.Th>
              <Table.Th scope="col">{t('list.dates')}</Table.Th>
              <Table.Th scope="col">{t('list.seats')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((programme) => (
              <Table.Tr key={programme.id}>
                <Table.Th scope="row">
                  <Anchor component={Link} to={`/training/${programme.id}`} fw={600}>
                    {programme.trade}
                  </Anchor>
                  <Text size="xs" c="gray.7">
                    {programme.place}
                  </Text>
                </Table.Th>
                <Table.Td>{programme.providerOrganisation.name}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(programme.startsOn, language)} – {formatDate(programme.endsOn, language)}
                </Table.Td>
                <Table.Td>
                  {t('list.seatsValue', { taken: programme.seatsTaken, seats: programme.seats })}
                  {programme.waiting > 0 && (
                    <Text size="xs" c="orange.9">
                      {t('list.waiting', { count: programme.waiting })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      )}
      <CursorPager
        previousCursor={programmes.data.previousCursor}
        nextCursor={programmes.data.nextCursor}
        onChange={paging.goTo}
        label={t('list.pages')}
      />
      {mayCreate && (
        <FormDialog opened={creating} onClose={() => setCreating(false)} title={t('programme.create')}>
          <ProgrammeForm onDone={() => setCreating(false)} />
        </FormDialog>
      )}
    </Stack>
  );
}
