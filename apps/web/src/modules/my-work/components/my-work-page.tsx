import type { MyWork, Task } from '@haven/contracts';
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useAppAbility } from '../../auth';
import { useSession } from '../../auth';
import { formatDateTime } from '../../../app/text/format';
import { TaskRow } from '../../tasks';
import { useMyWork } from '../hooks/use-my-work';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/**
 * The morning round (docs/architecture.md, journey 2): the caseworker's cases, what is overdue or due this week, and for
 * supervisors what waits for their decision, each a click away from the place where it is done.
 */
export function MyWorkPage() {
  const { t } = useTranslation(['myWork', 'cases', 'common']);
  usePageTitle(t('title'));
  const me = useSession();
  const ability = useAppAbility();
  const work = useMyWork();
  const mayApprove = ability.can('approve', 'Case');

  return (
    <Stack gap="xl" maw={1100}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('intro', { name: me.user.displayName })}
          </Text>
        </div>
        <Group gap="sm">
          <Button component={Link} to="/cases" variant="default">
            {t('allCases')}
          </Button>
          {ability.can('create', 'Case') && (
            <Button component={Link} to="/cases/new">
              {t('common:nav.registerCase')}
            </Button>
          )}
        </Group>
      </Group>

      {work.isPending && <SectionLoader rows={4} />}
      {work.isError && <SectionError message={t('error')} onRetry={() => void work.refetch()} />}
      {work.data && <MyWorkView work={work.data} mayApprove={mayApprove} />}
    </Stack>
  );
}

function MyWorkView({ work, mayApprove }: { work: MyWork; mayApprove: boolean }) {
  const { t } = useTranslation(['myWork', 'cases', 'common']);
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2, md: mayApprove ? 4 : 3 }} component="section" aria-label={t('summary')}>
        <Count
          label={t('activeCases')}
          value={work.cases.active}
          link={{ to: '/cases?status=Active', label: t('seeActive') }}
        />
        <Count label={t('highRisk')} value={work.cases.highRisk} />
        <Count
          label={t('overdueCount')}
          value={work.overdueTasks.length}
          tone={work.overdueTasks.length > 0 ? 'alert' : undefined}
        />
        {mayApprove && <Count label={t('approvalsCount')} value={work.approvals.length} />}
      </SimpleGrid>

      {mayApprove && (
        <WorkSection id="approvals" title={t('approvals')}>
          {work.approvals.length === 0 ? (
            <EmptyState title={t('noApprovals')} />
          ) : (
            <Approvals approvals={work.approvals} />
          )}
        </WorkSection>
      )}

      <WorkSection id="overdue" title={t('overdue')}>
        {work.overdueTasks.length === 0 ? (
          <EmptyState title={t('noOverdue')} />
        ) : (
          <TaskList tasks={work.overdueTasks} />
        )}
      </WorkSection>

      <WorkSection id="due" title={t('dueThisWeek')}>
        {work.tasksDueThisWeek.length === 0 ? (
          <EmptyState title={t('noneDue')} />
        ) : (
          <TaskList tasks={work.tasksDueThisWeek} />
        )}
      </WorkSection>
    </>
  );
}

function Count({
  label,
  value,
  link,
  tone,
}: {
  label: string;
  value: number;
  link?: { to: string; label: string };
  tone?: 'alert';
}) {
  return (
    <Paper withBorder p="md" bg={tone === 'alert' ? 'red.0' : undefined}>
      <Stack gap={2}>
        <Text size="sm" c="gray.8" fw={600}>
          {label}
        </Text>
        <Text fz={32} fw={700} lh={1.1} c={tone === 'alert' ? 'red.9' : 'gray.9'}>
          {value}
        </Text>
        {link && (
          <Anchor component={Link} to={link.to} size="sm">
            {link.label}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}

function WorkSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={`${id}-heading`}>
      <Title order={2} size="h3" id={`${id}-heading`}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function TaskList({ tasks }: { tasks: Task[] }) {
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {tasks.map((task) => (
        <li key={task.id}>
          {/* The API decides whether the task's case may still be changed; a refusal is shown on the row. */}
          <TaskRow task={task} showCase mayEdit />
        </li>
      ))}
    </Stack>
  );
}

function Approvals({ approvals }: { approvals: MyWork['approvals'] }) {
  const { t, i18n } = useTranslation(['myWork', 'cases', 'common']);
  return (
    <ResponsiveTable verticalSpacing="sm">
      <Table.Caption>
        <VisuallyHidden>{t('approvalsCaption')}</VisuallyHidden>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('kind')}</Table.Th>
          <Table.Th scope="col">{t('cases:columns.reference')}</Table.Th>
          <Table.Th scope="col">{t('requestedBy')}</Table.Th>
          <Table.Th scope="col">{t('requestedAt')}</Table.Th>
          <Table.Th scope="col">
            <VisuallyHidden>{t('common:app.actions')}</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {approvals.map((approval) => {
          // A plan is decided on its tab; a closure in the case header, which every tab shows.
          const to =
            approval.kind === 'plan'
              ? `/cases/${approval.caseId}?tab=plan`
              : approval.kind === 'erasure'
                ? `/cases/${approval.caseId}?tab=dataProtection`
                : `/cases/${approval.caseId}`;
          return (
            <Table.Tr key={`${approval.kind}-${approval.caseId}`}>
              <Table.Td>{t(`approvalKind.${approval.kind}`)}</Table.Td>
              <Table.Th scope="row">
                <Anchor component={Link} to={to} className="reference">
                  {approval.caseReference}
                </Anchor>
              </Table.Th>
              <Table.Td>{approval.requestedBy.displayName}</Table.Td>
              <Table.Td>{formatDateTime(approval.requestedAt, i18n.language)}</Table.Td>
              <Table.Td>
                <Button
                  component={Link}
                  to={to}
                  size="xs"
                  variant="default"
                  aria-label={t('reviewNamed', {
                    kind: t(`approvalKind.${approval.kind}`),
                    reference: approval.caseReference,
                  })}
                >
                  {t('review')}
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ResponsiveTable>
  );
}
