import { REFERRAL_STATUSES, type ReferralStatus } from '@haven/contracts';
import { Anchor, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { formatDate } from '../../cases/utils/format';
import { ReferralStatusBadge } from '../../referrals/components/referral-status-badge';
import { useInbox } from '../hooks/use-partner-inbox';

// A partner never sees withdrawn or declined referrals (they are gone for them), so those are not offered.
const FILTERS: readonly ReferralStatus[] = REFERRAL_STATUSES.filter((status) => status !== 'withdrawn' && status !== 'declined');

function readFilter(params: URLSearchParams): ReferralStatus | 'all' {
  const value = params.get('status');
  return FILTERS.includes(value as ReferralStatus) ? (value as ReferralStatus) : 'all';
}

/** A partner's home: the referrals addressed to their organisation, counted by state, newest first. */
export function InboxPage() {
  const { t, i18n } = useTranslation('partnerInbox');
  const { t: tr } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  usePageTitle(t('title'));
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const inbox = useInbox();
  const all = inbox.data?.items ?? [];
  const items = filter === 'all' ? all : all.filter((item) => item.status === filter);
  const language = i18n.language;

  const choose = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === 'all') next.delete('status');
        else next.set('status', value);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t('title')}</Title>
      <Text>{t('intro')}</Text>
      {inbox.isPending && <SectionLoader />}
      {inbox.isError && !inbox.data && <SectionError message={t('error')} onRetry={() => void inbox.refetch()} />}
      {inbox.data && (
        <>
          <Stack gap={4}>
            <Text size="sm" fw={600} id="inbox-filter-label">
              {t('filterLabel')}
            </Text>
            <SegmentedControl
              aria-labelledby="inbox-filter-label"
              value={filter}
              onChange={choose}
              data={[
                { value: 'all', label: t('all', { count: all.length }) },
                ...FILTERS.map((status) => ({
                  value: status,
                  label: t('byStatus', { status: tr(`statuses.${status}`), count: all.filter((item) => item.status === status).length }),
                })),
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
          </Stack>
          {items.length === 0 && <EmptyState title={t('empty')} hint={t('emptyHint')} />}
          {items.length > 0 && (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="sm" aria-busy={inbox.isFetching}>
                <Table.Caption>
                  <VisuallyHidden>{t('caption')}</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('from')}</Table.Th>
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
                    const received = formatDate(item.sentAt, language);
                    return (
                      <Table.Tr key={item.id}>
                        <Table.Th scope="row" fw={600}>
                          {item.from.name}
                        </Table.Th>
                        <Table.Td>{item.services.map((type) => tc(`enums.serviceType.${type}`)).join(', ')}</Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={item.urgency === 'routine' ? 400 : 700} c={item.urgency === 'routine' ? undefined : 'red.9'}>
                            {tr(`urgencies.${item.urgency}`)}
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{received}</Table.Td>
                        <Table.Td>
                          <ReferralStatusBadge status={item.status} />
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/referrals/${item.id}`} aria-label={t('openNamed', { organisation: item.from.name, date: received })}>
                            {t('open')}
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}
