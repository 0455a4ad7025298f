import { CASE_ACCESS_KINDS, type CaseAccessKind, type CaseDetail } from '@haven/contracts';
import { Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { useCursorPaging } from '../../../app/layout/use-cursor-paging';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { ACCESS_LOG_PAGE_SIZE, useCaseAccessLog } from '../hooks/use-access-log';
import { AuditEventsTable } from './audit-events-table';

/** A case's access log, for the supervisors of its organisation: who viewed the identity, changed or shared it. */
export function AccessLogTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('accessLog');
  const [kind, setKind] = useState<CaseAccessKind | undefined>(undefined);
  const paging = useCursorPaging('occurredAt' as const, 'desc');
  const log = useCaseAccessLog(detail.id, { ...paging.query, pageSize: ACCESS_LOG_PAGE_SIZE, kind });
  const data = log.data;

  const changeKind = (value: string | null) => {
    setKind((value || undefined) as CaseAccessKind | undefined);
    paging.restart();
  };

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('case.title')}
      </Title>
      <Text size="sm" c="gray.7">
        {t('case.intro')}
      </Text>
      <Group>
        <Select
          label={t('filters.kind')}
          value={kind ?? ''}
          onChange={changeKind}
          allowDeselect={false}
          data={[
            { value: '', label: t('filters.all') },
            ...CASE_ACCESS_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) })),
          ]}
          w={260}
        />
      </Group>
      {log.isPending && <SectionLoader rows={5} />}
      {log.isError && !data && <SectionError message={t('case.error')} onRetry={() => void log.refetch()} />}
      {data && data.items.length === 0 && <EmptyState title={t('case.empty')} />}
      {data && data.items.length > 0 && (
        <>
          <AuditEventsTable
            rows={data.items}
            caption={t('case.caption')}
            busy={log.isFetching}
            whenSort={paging.sortable('occurredAt', 'desc')}
          />
          <Group justify="flex-end">
            <CursorPager
              previousCursor={data.previousCursor}
              nextCursor={data.nextCursor}
              onChange={paging.goTo}
              label={t('case.pagination')}
            />
          </Group>
        </>
      )}
    </Stack>
  );
}
