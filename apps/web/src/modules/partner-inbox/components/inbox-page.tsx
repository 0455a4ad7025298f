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
import { CursorPager } from '../../../app/layout/cursor-pager';
import { SortableHeader } from '../../../app/layout/sortable-header';
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

/** The order and the page (a cursor) from the address; anything unexpected is the default, newest first, first page. */
function readPosition(params: URLSearchParams): { order: 'asc' | 'desc'; cursor?: string } {
  const cursor = params.get('cursor');
  return {
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    ...(cursor && /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? { cursor } : {}),
  };
}

/** A partner's home: the referrals addressed to their organisation, counted by state, newest first, a page at a time. */
export function InboxPage() {
  const { t, i18n } = useTranslation('partnerInbox');
  const { t: tr } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  usePageTitle(t('title'));
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const position = readPosition(params);
  const inbox = useInbox({ status: filter === 'all' ? undefined : filter, ...position });
  const data = inbox.data;
  const items = data?.items ?? [];
  const counts = data?.counts ?? { sent: 0, accepted: 0, completed: 0 };
  const all = counts.sent + counts.accepted + counts.completed;
  const language = i18n.language;
  // Four filters with their counts do not fit side by side on a phone: there they are stacked.
  const filterOrientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', sm: 'horizontal' });

  const update = (change: { status?: string; order?: 'asc' | 'desc'; cursor?: string | null }) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('page');
        if (change.status === 'all') next.delete('status');
        else if (change.status) next.set('status', change.status);
        if (change.order === 'asc') next.set('order', 'asc');
        else if (change.order === 'desc') next.delete('order');
        // A new filter or order starts on its first page; a cursor belongs to one of each.
        if (change.cursor) next.set('cursor', change.cursor);
        else next.delete('cursor');
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
                position.cursor && (
                  <Button size="xs" variant="default" onClick={() => update({ cursor: null })}>
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
                    <SortableHeader
                      direction={position.order}
                      firstDirection="desc"
                      onSort={(order) => update({ order, cursor: null })}
                    >
                      {t('received')}
                    </SortableHeader>
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
                  {t(data.totalIsLowerBound ? 'summaryMore' : 'summary', {
                    total: new Intl.NumberFormat(language).format(data.total),
                  })}
                </Text>
                <CursorPager
                  previousCursor={data.previousCursor}
                  nextCursor={data.nextCursor}
                  onChange={(cursor) => update({ cursor })}
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
