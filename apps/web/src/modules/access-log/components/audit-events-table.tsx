import type { CaseAccessLogEntry, SystemEvent } from '@haven/contracts';
import { Badge, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/text/format';
import { actionLabel, actorLabel, reasonLabel } from '../utils/audit-labels';
import { ResponsiveTable } from '../../../app/layout/responsive-table';
import { SortableHeader, type SortDirection } from '../../../app/layout/sortable-header';

type Row = CaseAccessLogEntry | SystemEvent;

/**
 * Who did what, when, from where and why. Staff are named (looked up when the log is read); survivors never
 * are — the log holds ids, and a case appears only as the page the log is read on.
 */
export function AuditEventsTable({
  rows,
  caption,
  busy,
  showSubject = false,
  whenSort,
}: {
  rows: Row[];
  caption: string;
  busy: boolean;
  showSubject?: boolean;
  /** The log's one sort, by when events were recorded: its header's props (SortableHeader). */
  whenSort?: { direction: SortDirection | null; firstDirection: SortDirection; onSort: (order: SortDirection) => void };
}) {
  const { t, i18n } = useTranslation('accessLog');
  return (
    <ResponsiveTable verticalSpacing="sm" aria-busy={busy} data-testid="audit-events">
      <Table.Caption>
        <VisuallyHidden>{caption}</VisuallyHidden>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {whenSort ? (
            <SortableHeader {...whenSort}>{t('columns.when')}</SortableHeader>
          ) : (
            <Table.Th scope="col">{t('columns.when')}</Table.Th>
          )}
          <Table.Th scope="col">{t('columns.who')}</Table.Th>
          <Table.Th scope="col">{t('columns.what')}</Table.Th>
          {showSubject && <Table.Th scope="col">{t('admin.subject')}</Table.Th>}
          <Table.Th scope="col">{t('columns.where')}</Table.Th>
          <Table.Th scope="col">{t('columns.why')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => {
          const actor = actorLabel(t, row.actor);
          const subject = 'subject' in row ? row.subject : null;
          return (
            <Table.Tr key={row.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={row.occurredAt}>{formatDateTime(row.occurredAt, i18n.language)}</time>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {actor.name}
                  </Text>
                  {actor.detail && (
                    <Text size="xs" c="gray.7">
                      {actor.detail}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <Text size="sm">{actionLabel(t, row.labelKey, row.action)}</Text>
                  {row.outcome !== 'success' && (
                    <Badge size="sm" color={row.outcome === 'denied' ? 'orange.9' : 'red.9'} variant="light">
                      {t(`outcomes.${row.outcome}`)}
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              {showSubject && (
                <Table.Td>
                  <Text size="sm">
                    {subject ? t(`subjects.${subject.type}` as never, { defaultValue: subject.type }) : '—'}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm" ff="monospace" dir="ltr">
                  {row.address ?? t('noAddress')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{reasonLabel(t, row.reason)}</Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ResponsiveTable>
  );
}
