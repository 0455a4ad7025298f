import type { CaseDetail } from '@haven/contracts';
import { Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { SortableHeader } from '../../../app/layout/sortable-header';
import { useCursorPaging } from '../../../app/layout/use-cursor-paging';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useCaseHistory } from '../../cases';
import { formatDateTime } from '../../../app/text/format';
import { HISTORY_NAMESPACES, historyEventText, historyFieldText, historyValueText } from '../utils/history-text';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/** Who changed what and when. Identity and free-text changes are named, never shown: the log holds codes only. */
export function HistoryTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('caseHistory');
  // Waits (Suspense) for the namespaces the words of every entry come from; they are read by their full key.
  const { t: tc } = useTranslation(HISTORY_NAMESPACES as unknown as 'common');
  const paging = useCursorPaging('occurredAt' as const, 'desc');
  const history = useCaseHistory(detail.id, paging.query);
  const language = i18n.language;
  const data = history.data;

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('title')}
      </Title>
      {history.isPending && <SectionLoader rows={5} />}
      {history.isError && !data && <SectionError message={t('error')} onRetry={() => void history.refetch()} />}
      {data && data.items.length === 0 && <EmptyState title={t('empty')} />}
      {data && data.items.length > 0 && (
        <>
          <ResponsiveTable verticalSpacing="sm" aria-busy={history.isFetching}>
            <Table.Caption>
              <VisuallyHidden>{t('caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <SortableHeader {...paging.sortable('occurredAt', 'desc')}>{t('when')}</SortableHeader>
                <Table.Th scope="col">{t('who')}</Table.Th>
                <Table.Th scope="col">{t('what')}</Table.Th>
                <Table.Th scope="col">{t('details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((entry) => {
                const field = historyFieldText(entry, tc, i18n);
                const from = historyValueText(entry, entry.from, tc, i18n, language);
                const to = historyValueText(entry, entry.to, tc, i18n, language);
                return (
                  <Table.Tr key={entry.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.occurredAt, language)}</Table.Td>
                    <Table.Td>{entry.actor?.displayName ?? t('system')}</Table.Td>
                    <Table.Td>{historyEventText(entry, tc, i18n)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {field && (
                          <Text size="sm">
                            {from && to
                              ? t('changedFromTo', { field, from, to })
                              : to
                                ? t('changedTo', { field, to })
                                : field}
                          </Text>
                        )}
                        {entry.comment && (
                          <Text size="sm" c="gray.8" className="free-text">
                            {t('comment', { comment: entry.comment })}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </ResponsiveTable>
          <Group justify="flex-end">
            <CursorPager
              previousCursor={data.previousCursor}
              nextCursor={data.nextCursor}
              onChange={paging.goTo}
              label={t('pagination')}
            />
          </Group>
        </>
      )}
    </Stack>
  );
}
