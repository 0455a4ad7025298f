import { INBOX_STATUSES, type InboxItem, type InboxStatus } from '@haven/contracts';
import type { TFunction } from 'i18next';
import {
  Anchor,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  useMatches,
  VisuallyHidden,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { Pager } from '../../../app/layout/pager';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { formatDateTime, formatList, formatParts } from '../../../app/text/format';
import { ReferralStatusBadge } from '../../referrals';
import { useInbox } from '../hooks/use-partner-inbox';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

// A partner never sees withdrawn or declined referrals (they are gone for them), so those are not offered.
const FILTERS: readonly InboxStatus[] = INBOX_STATUSES;

function readFilter(params: URLSearchParams): InboxStatus | 'all' {
  const value = params.get('status');
  return FILTERS.includes(value as InboxStatus) ? (value as InboxStatus) : 'all';
}

/** What the lens lets the line say of her (sex, age band), or that it shares neither. */
function personLine(item: InboxItem, tc: TFunction, t: TFunction<'partnerInbox'>, language: string): string {
  const parts = [
    item.sex ? tc(`enums.gender.${item.sex}`) : null,
    item.ageBand ? t(`ageBands.${item.ageBand}`) : null,
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? formatParts(parts, language) : t('notShared');
}

function readPage(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/** A partner's home: the referrals addressed to their organisation, counted by state, newest first, a page at a time. */
export function InboxPage() {
  const { t, i18n } = useTranslation('partnerInbox');
  const { t: tr } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  usePageTitle(t('title'));
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const page = readPage(params);
  const inbox = useInbox({ status: filter === 'all' ? undefined : filter, page });
  const data = inbox.data;
  const items = data?.items ?? [];
  const counts = data?.counts ?? { sent: 0, accepted: 0, completed: 0 };
  const all = counts.sent + counts.accepted + counts.completed;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const from = data && items.length > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? from + items.length - 1 : 0;
  const language = i18n.language;
  // Four filters with their counts do not fit side by side on a phone: there they are stacked.
  const filterOrientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', sm: 'horizontal' });

  const update = (change: { status?: string; page?: number }) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (change.status === 'all') next.delete('status');
        else if (change.status) next.set('status', change.status);
        // A new filter starts on its first page.
        const nextPage = change.status ? 1 : (change.page ?? page);
        if (nextPage === 1) next.delete('page');
        else next.set('page', String(nextPage));
        return next;
      },
      { replace: change.status !== undefined },
    );
  const choose = (value: string) => update({ status: value });

  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t('title')}</Title>
      <Text>{t('intro')}</Text>
      {inbox.isPending && <SectionLoader />}
      {inbox.isError && !inbox.data && <SectionError message={t('error')} onRetry={() => void inbox.refetch()} />}
      {data && (
        <>
          <Stack gap={4}>
            <Text size="sm" fw={600} id="inbox-filter-label">
              {t('filterLabel')}
            </Text>
            <SegmentedControl
              aria-labelledby="inbox-filter-label"
              orientation={filterOrientation}
              value={filter}
              onChange={choose}
              data={[
                { value: 'all', label: t('all', { count: all }) },
                ...FILTERS.map((status) => ({
                  value: status,
                  label: t('byStatus', { status: tr(`statuses.${status}`), count: counts[status] }),
                })),
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
          </Stack>
          {items.length === 0 && (
            <EmptyState
              title={t('empty')}
              hint={t('emptyHint')}
              // Past the last page (e.g. the last referral of that page was declined): back to the first.
              action={
                page > 1 && (
                  <Button size="xs" variant="default" onClick={() => update({ page: 1 })}>
                    {t('firstPage')}
                  </Button>
                )
              }
            />
          )}
          {items.length > 0 && (
            <Stack gap="sm">
              <ResponsiveTable verticalSpacing="sm" aria-busy={inbox.isFetching}>
                <Table.Caption>
                  <VisuallyHidden>{t('caption')}</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('code')}</Table.Th>
                    <Table.Th scope="col">{t('from')}</Table.Th>
                    <Table.Th scope="col">{t('person')}</Table.Th>
                    <Table.Th scope="col">{t('services')}</Table.Th>
                    <Table.Th scope="col">{t('urgency')}</Table.Th>
                    <Table.Th scope="col">{t('received')}</Table.Th>
                    <Table.Th scope="col">{t('state')}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{tc('app.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => {
                    const received = formatDateTime(item.sentAt, language);
                    return (
                      <Table.Tr key={item.id}>
                        <Table.Th scope="row" fw={600} style={{ whiteSpace: 'nowrap' }}>
                          {item.code}
                        </Table.Th>
                        <Table.Td>{item.from.name}</Table.Td>
                        <Table.Td>{personLine(item, tc, t, language)}</Table.Td>
                        <Table.Td>
                          {formatList(
                            item.services.map((type) => tc(`enums.serviceType.${type}`)),
                            language,
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text
                            size="sm"
                            fw={item.urgency === 'routine' ? 400 : 700}
                            c={item.urgency === 'routine' ? undefined : 'red.9'}
                          >
                            {tr(`urgencies.${item.urgency}`)}
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{received}</Table.Td>
                        <Table.Td>
                          <ReferralStatusBadge status={item.status} />
                        </Table.Td>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/referrals/${item.id}`}
                            aria-label={t('openNamed', {
                              code: item.code,
                              organisation: item.from.name,
                              date: received,
                            })}
                          >
                            {t('open')}
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </ResponsiveTable>
              <Group justify="space-between" align="center" wrap="wrap">
                <Text size="sm" c="dimmed" aria-live="polite">
                  {t('summary', { from, to, total: data.total })}
                </Text>
                <Pager
                  total={totalPages}
                  value={page}
                  onChange={(next) => update({ page: next })}
                  label={t('pagination')}
                />
              </Group>
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
