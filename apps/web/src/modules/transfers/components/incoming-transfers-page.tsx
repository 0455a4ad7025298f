import type { IncomingTransferSort, Transfer } from '@haven/contracts';
import { Alert, Button, Group, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { blankToUndefined } from '../../../app/forms/schema-validation';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { SortableHeader } from '../../../app/layout/sortable-header';
import { useCursorPaging } from '../../../app/layout/use-cursor-paging';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { formatDate } from '../../../app/text/format';
import { useAppAbility } from '../../auth';
import { ReturnBlockedAlert, ReturnSuspendedNote } from '../../referrals';
import { returnRefusal } from '../../referrals';
import type { TransferDecision } from '../api/transfers-api';
import { transferKeys, useDecideTransfer, useIncomingTransfers } from '../hooks/use-transfers';
import { TransferStatusBadge } from './transfer-status-badge';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/**
 * Cases other organisations propose to hand over: the receiving supervisors accept (and open it) or reject.
 * A caseworker of the organisation who comes here is told who decides, rather than that the page does not exist.
 */
export function IncomingTransfersPage() {
  const ability = useAppAbility();
  return ability.can('update', 'Transfer') ? <IncomingTransfersList /> : <DecidedBySupervisors />;
}

function DecidedBySupervisors() {
  const { t } = useTranslation('transfers');
  usePageTitle(t('incoming.title'));
  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t('incoming.title')}</Title>
      <Alert color="blue" variant="light" role="status" title={t('incoming.audienceTitle')}>
        <Text size="sm" c="gray.9">
          {t('incoming.notForYou')}
        </Text>
      </Alert>
    </Stack>
  );
}

const PAGE_SIZE = 25;

function IncomingTransfersList() {
  const { t, i18n } = useTranslation('transfers');
  const { t: tr } = useTranslation('referrals');
  usePageTitle(t('incoming.title'));
  const navigate = useNavigate();
  const paging = useCursorPaging<IncomingTransferSort>('proposedAt', 'desc');
  const incoming = useIncomingTransfers({ ...paging.query, pageSize: PAGE_SIZE });
  const [deciding, setDeciding] = useState<{ transfer: Transfer; decision: TransferDecision } | null>(null);
  const items = incoming.data?.items ?? [];
  const language = i18n.language;

  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t('incoming.title')}</Title>
      <Text>{t('incoming.intro')}</Text>
      {incoming.isPending && <SectionLoader />}
      {incoming.isError && <SectionError message={t('incoming.error')} onRetry={() => void incoming.refetch()} />}
      {incoming.data && items.length === 0 && <EmptyState title={t('incoming.empty')} hint={t('incoming.emptyHint')} />}
      {items.length > 0 && (
        <ResponsiveTable verticalSpacing="sm" aria-busy={incoming.isFetching}>
          <Table.Caption>
            <VisuallyHidden>{t('incoming.caption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('from')}</Table.Th>
              <Table.Th scope="col">{t('statusLabel')}</Table.Th>
              <SortableHeader {...paging.sortable('proposedAt', 'desc')}>{t('proposedOn')}</SortableHeader>
              <Table.Th scope="col">
                <VisuallyHidden>{t('statusLabel')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((transfer) => (
              <Table.Tr key={transfer.id}>
                <Table.Th scope="row" fw={600}>
                  {transfer.from.name}
                  {transfer.forReturn && (
                    <Text size="xs" fw={600} c="red.9">
                      {t('forReturn')}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td>
                  <TransferStatusBadge status={transfer.status} />
                  {transfer.status === 'proposed' && transfer.suspension && (
                    <Text size="xs" fw={600} c="red.9" mt={4}>
                      {tr('returnSafety.suspendedBadge')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDate(transfer.proposedAt, language)}</Table.Td>
                <Table.Td>
                  {transfer.status === 'proposed' && (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        onClick={() => setDeciding({ transfer, decision: 'accept' })}
                        aria-label={t('incoming.acceptNamed', { organisation: transfer.from.name })}
                      >
                        {t('incoming.accept')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setDeciding({ transfer, decision: 'reject' })}
                        aria-label={t('incoming.rejectNamed', { organisation: transfer.from.name })}
                      >
                        {t('incoming.reject')}
                      </Button>
                    </Group>
                  )}
                  {transfer.status === 'accepted' && transfer.receivedCaseId && (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => void navigate(`/cases/${transfer.receivedCaseId}`)}
                    >
                      {t('incoming.openCase')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      )}
      {incoming.data && (
        <CursorPager
          previousCursor={incoming.data.previousCursor}
          nextCursor={incoming.data.nextCursor}
          onChange={paging.goTo}
          label={t('incoming.pages')}
        />
      )}
      {items.map(
        (transfer) =>
          transfer.status === 'proposed' &&
          transfer.suspension && (
            <ReturnSuspendedNote key={transfer.id} suspension={transfer.suspension} recipient={transfer.from.name} />
          ),
      )}
      <FormDialog
        opened={deciding !== null}
        onClose={() => setDeciding(null)}
        title={deciding?.decision === 'reject' ? t('incoming.rejectTitle') : t('incoming.acceptTitle')}
        size="md"
      >
        {deciding && (
          <DecisionForm
            transfer={deciding.transfer}
            decision={deciding.decision}
            onDone={(received) => {
              setDeciding(null);
              if (received) void navigate(`/cases/${received}`);
            }}
          />
        )}
      </FormDialog>
    </Stack>
  );
}

function DecisionForm({
  transfer,
  decision,
  onDone,
}: {
  transfer: Transfer;
  decision: TransferDecision;
  onDone: (receivedCaseId?: string) => void;
}) {
  const { t } = useTranslation('transfers');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const decide = useDecideTransfer();
  const refusal = returnRefusal(decide.error);
  const [comment, setComment] = useState('');
  // After a conflict (cancelled or decided meanwhile) the list shows the new state and the dialog closes.
  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: transferKeys.incoming });
    onDone();
  };

  const confirm = () =>
    decide.mutate(
      { transferId: transfer.id, version: transfer.version, decision, comment: blankToUndefined(comment) },
      {
        onSuccess: (result) => {
          notifySaved(decision === 'accept' ? t('incoming.accepted') : t('incoming.rejected'));
          // Accepting creates the case here: open it, that is where the work continues.
          onDone(decision === 'accept' ? (result.receivedCaseId ?? undefined) : undefined);
        },
      },
    );

  return (
    <Stack gap="md">
      <Text size="sm">{decision === 'accept' ? t('incoming.acceptExplain') : t('incoming.rejectExplain')}</Text>
      <Textarea
        label={t('incoming.comment')}
        autosize
        minRows={2}
        maxRows={8}
        value={comment}
        onChange={(event) => setComment(event.currentTarget.value)}
        maxLength={2000}
      />
      {refusal ? <ReturnBlockedAlert refusal={refusal} /> : <FormProblem error={decide.error} onReload={reload} />}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={() => onDone()}>
          {tc('app.cancel')}
        </Button>
        <Button color={decision === 'reject' ? 'red.9' : undefined} onClick={confirm} loading={decide.isPending}>
          {decision === 'accept' ? t('incoming.accept') : t('incoming.reject')}
        </Button>
      </Group>
    </Stack>
  );
}
