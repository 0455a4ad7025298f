import { SYSTEM_EVENT_KINDS, type SystemEventKind } from '@haven/contracts';
import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useCursorPaging } from '../../../app/layout/use-cursor-paging';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useAppAbility } from '../../auth';
import { fetchUsers } from '../../users';
import { ACCESS_LOG_PAGE_SIZE, useSystemEvents } from '../hooks/use-access-log';
import { AuditEventsTable } from './audit-events-table';

interface Filters {
  kind?: SystemEventKind;
  userId?: string;
  from?: string;
  to?: string;
}

/**
 * Sign-in events and system changes, for administrators; for a supervisor, the system changes about her own
 * organisation (the server decides which events: never sign-ins, never another organisation's). Events about
 * cases never reach this page.
 */
export function AuditEventsPage() {
  const { t } = useTranslation('accessLog');
  usePageTitle(t('admin.title'));
  const administrator = useAppAbility().can('manage', 'User');
  const [filters, setFilters] = useState<Filters>({});
  const paging = useCursorPaging('occurredAt' as const, 'desc');
  const invalidRange = Boolean(filters.from && filters.to && filters.from > filters.to);
  const events = useSystemEvents({ ...paging.query, pageSize: ACCESS_LOG_PAGE_SIZE, ...filters }, !invalidRange);
  const users = useQuery({
    queryKey: ['users', 'all'],
    queryFn: ({ signal }) => fetchUsers({ pageSize: 100 }, signal),
    staleTime: 5 * 60_000,
  });
  const data = events.data;

  const change = (next: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...next }));
    paging.restart();
  };

  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('admin.title')}</Title>
      <Text size="sm" c="gray.7">
        {t(administrator ? 'admin.intro' : 'admin.organisationIntro')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        {administrator && (
          <Select
            label={t('filters.kind')}
            value={filters.kind ?? ''}
            onChange={(value) => change({ kind: (value || undefined) as SystemEventKind | undefined })}
            allowDeselect={false}
            data={[
              { value: '', label: t('filters.all') },
              ...SYSTEM_EVENT_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) })),
            ]}
            w={220}
          />
        )}
        <Select
          label={t('admin.user')}
          placeholder={t('admin.userPlaceholder')}
          value={filters.userId ?? null}
          onChange={(value) => change({ userId: value ?? undefined })}
          data={(users.data?.items ?? []).map((user) => ({ value: user.id, label: user.displayName }))}
          searchable
          clearable
          w={240}
        />
        <TextInput
          type="date"
          label={t('admin.from')}
          value={filters.from ?? ''}
          onChange={(event) => change({ from: event.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('admin.to')}
          value={filters.to ?? ''}
          onChange={(event) => change({ to: event.currentTarget.value || undefined })}
          error={invalidRange ? t('admin.rangeError') : undefined}
        />
        <Button
          variant="default"
          onClick={() => change({ kind: undefined, userId: undefined, from: undefined, to: undefined })}
        >
          {t('admin.clear')}
        </Button>
      </Group>
      {events.isPending && <SectionLoader rows={8} />}
      {events.isError && !data && <SectionError message={t('admin.error')} onRetry={() => void events.refetch()} />}
      {data && data.items.length === 0 && <EmptyState title={t('admin.empty')} />}
      {data && data.items.length > 0 && (
        <>
          <AuditEventsTable
            rows={data.items}
            caption={t('admin.caption')}
            busy={events.isFetching}
            showSubject
            whenSort={paging.sortable('occurredAt', 'desc')}
          />
          <Group justify="flex-end">
            <CursorPager
              previousCursor={data.previousCursor}
              nextCursor={data.nextCursor}
              onChange={paging.goTo}
              label={t('admin.pagination')}
            />
          </Group>
        </>
      )}
    </Stack>
  );
}
