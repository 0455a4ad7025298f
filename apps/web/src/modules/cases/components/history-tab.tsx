import type { CaseDetail } from '@haven/contracts';
import { Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../../app/layout/pager';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useCaseHistory } from '../hooks/use-cases';
import { formatDateTime } from '../../../app/text/format';
import { historyEventText, historyFieldText, historyValueText } from '../utils/history-text';

/** Who changed what and when. Identity and free-text changes are named, never shown: the log holds codes only. */
export function HistoryTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const history = useCaseHistory(detail.id, page);
  const language = i18n.language;
  const data = history.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('cases.history.title')}
      </Title>
      {history.isPending && <SectionLoader rows={5} />}
      {history.isError && !data && (
        <SectionError message={t('cases.history.error')} onRetry={() => void history.refetch()} />
      )}
      {data && data.items.length === 0 && <EmptyState title={t('cases.history.empty')} />}
      {data && data.items.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-busy={history.isFetching}>
              <Table.Caption>
                <VisuallyHidden>{t('cases.history.caption')}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cases.history.when')}</Table.Th>
                  <Table.Th scope="col">{t('cases.history.who')}</Table.Th>
                  <Table.Th scope="col">{t('cases.history.what')}</Table.Th>
                  <Table.Th scope="col">{t('cases.history.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((entry) => {
                  const field = historyFieldText(entry, t, i18n);
                  const from = historyValueText(entry, entry.from, t, i18n, language);
                  const to = historyValueText(entry, entry.to, t, i18n, language);
                  return (
                    <Table.Tr key={entry.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.occurredAt, language)}</Table.Td>
                      <Table.Td>{entry.actor?.displayName ?? t('cases.history.system')}</Table.Td>
                      <Table.Td>{historyEventText(entry, t, i18n)}</Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          {field && (
                            <Text size="sm">
                              {from && to
                                ? t('cases.history.changedFromTo', { field, from, to })
                                : to
                                  ? t('cases.history.changedTo', { field, to })
                                  : field}
                            </Text>
                          )}
                          {entry.comment && (
                            <Text size="sm" c="gray.8" className="free-text">
                              {t('cases.history.comment', { comment: entry.comment })}
                            </Text>
                          )}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="flex-end">
            <Pager total={totalPages} value={page} onChange={setPage} label={t('cases.history.pagination')} />
          </Group>
        </>
      )}
    </Stack>
  );
}
