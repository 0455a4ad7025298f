import type { MyWork, Task } from '@haven/contracts';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useAppAbility } from '../../auth';
import { useSession } from '../../auth';
import { formatDate, formatDateTime } from '../../../app/text/format';
import { TaskRow } from '../../tasks';
import { useMarkReferralAnswersSeen, useMyWork } from '../hooks/use-my-work';
import { ResponsiveTable } from '../../../app/layout/responsive-table';
import { UserText } from '../../../app/text/user-text';

/**
 * The morning round (docs/architecture.md, journey 2): the caseworker's cases, what is overdue, due today or this week,
 * the answers partners gave to her referrals, follow-up visits due, and for supervisors what waits for their decision,
 * each a click away from the place where it is done. Every count links to the list it counts (`?show=` narrows this page
 * to one list).
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

/** The lists my work can be narrowed to (`?show=`), each the target of the count that counts it. */
const MY_WORK_LISTS = ['overdue', 'dueToday', 'due', 'answers', 'followUps', 'legal', 'approvals'] as const;
type MyWorkList = (typeof MY_WORK_LISTS)[number];

function readShown(value: string | null): MyWorkList | null {
  return (MY_WORK_LISTS as readonly string[]).includes(value ?? '') ? (value as MyWorkList) : null;
}

function MyWorkView({ work, mayApprove }: { work: MyWork; mayApprove: boolean }) {
  const { t } = useTranslation(['myWork', 'cases', 'common']);
  const [params] = useSearchParams();
  const shown = readShown(params.get('show'));
  const visible = (list: MyWorkList) => shown === null || shown === list;
  const dueToday = work.tasksDueThisWeek.filter((task) => task.almostOverdue);
  const visitsToday = work.followUpsDue.filter((visit) => visit.almostOverdue);
  const almostOverdue = dueToday.length + visitsToday.length;
  const listLink = (list: MyWorkList) => `/?show=${list}`;
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} component="section" aria-label={t('summary')}>
        <Count label={t('activeCases')} value={work.cases.active} to="/cases?status=Active" />
        <Count label={t('highRisk')} value={work.cases.highRisk} />
        <Count
          label={t('overdueCount')}
          value={work.overdueTasks.length}
          to={listLink('overdue')}
          tone={work.overdueTasks.length > 0 ? 'alert' : undefined}
        />
        <Count
          label={t('almostOverdueCount')}
          hint={t('almostOverdueHint')}
          value={almostOverdue}
          to={listLink('dueToday')}
          tone={almostOverdue > 0 ? 'warning' : undefined}
        />
        <Count label={t('dueThisWeekCount')} value={work.tasksDueThisWeek.length} to={listLink('due')} />
        <Count label={t('answersCount')} value={work.referralAnswers.items.length} to={listLink('answers')} />
        <Count label={t('followUpsCount')} value={work.followUpsDue.length} to={listLink('followUps')} />
        <Count
          label={t('legalCount')}
          value={work.legalDeadlines.length}
          to={listLink('legal')}
          tone={work.legalDeadlines.some((deadline) => deadline.overdue) ? 'alert' : undefined}
        />
        {mayApprove && <Count label={t('approvalsCount')} value={work.approvals.length} to={listLink('approvals')} />}
        {work.transfersToDecide !== null && (
          <Count label={t('transfersCount')} value={work.transfersToDecide} to="/transfers/incoming" />
        )}
      </SimpleGrid>

      {shown !== null && (
        <Group justify="space-between">
          <Text fw={600}>{t('showingOnly', { list: t(`lists.${shown}`) })}</Text>
          <Anchor component={Link} to="/">
            {t('showEverything')}
          </Anchor>
        </Group>
      )}

      {mayApprove && visible('approvals') && (
        <WorkSection id="approvals" title={t('approvals')}>
          {work.approvals.length === 0 ? (
            <EmptyState title={t('noApprovals')} />
          ) : (
            <Approvals approvals={work.approvals} />
          )}
        </WorkSection>
      )}

      {visible('answers') && (
        <WorkSection id="answers" title={t('answers')}>
          <ReferralAnswers answers={work.referralAnswers} />
        </WorkSection>
      )}

      {visible('overdue') && (
        <WorkSection id="overdue" title={t('overdue')}>
          {work.overdueTasks.length === 0 ? (
            <EmptyState title={t('noOverdue')} />
          ) : (
            <TaskList tasks={work.overdueTasks} />
          )}
        </WorkSection>
      )}

      {shown === 'dueToday' && (
        <WorkSection id="due-today" title={t('lists.dueToday')}>
          {almostOverdue === 0 ? (
            <EmptyState title={t('noneToday')} />
          ) : (
            <>
              {dueToday.length > 0 && <TaskList tasks={dueToday} />}
              {visitsToday.length > 0 && <FollowUps visits={visitsToday} />}
            </>
          )}
        </WorkSection>
      )}

      {visible('due') && (
        <WorkSection id="due" title={t('dueThisWeek')}>
          {work.tasksDueThisWeek.length === 0 ? (
            <EmptyState title={t('noneDue')} />
          ) : (
            <TaskList tasks={work.tasksDueThisWeek} />
          )}
        </WorkSection>
      )}

      {visible('followUps') && (
        <WorkSection id="follow-ups" title={t('followUps')}>
          {work.followUpsDue.length === 0 ? (
            <EmptyState title={t('noFollowUps')} />
          ) : (
            <FollowUps visits={work.followUpsDue} />
          )}
        </WorkSection>
      )}

      {visible('legal') && (
        <WorkSection id="legal-deadlines" title={t('lists.legal')}>
          {work.legalDeadlines.length === 0 ? (
            <EmptyState title={t('noLegal')} />
          ) : (
            <LegalDeadlines deadlines={work.legalDeadlines} />
          )}
        </WorkSection>
      )}
    </>
  );
}

/** A figure, and the list it counts when there is one (the whole card is the link, named by what it shows). */
function Count({
  label,
  value,
  to,
  hint,
  tone,
}: {
  label: string;
  value: number;
  to?: string;
  hint?: string;
  tone?: 'alert' | 'warning';
}) {
  const background = tone === 'alert' ? 'red.0' : tone === 'warning' ? 'orange.0' : undefined;
  const colour = tone === 'alert' ? 'red.9' : tone === 'warning' ? 'orange.9' : 'gray.9';
  const body = (
    <Stack gap={2}>
      <Text size="sm" c="gray.8" fw={600}>
        {label}
      </Text>
      <Text fz={32} fw={700} lh={1.1} c={colour}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="gray.7">
          {hint}
        </Text>
      )}
    </Stack>
  );
  return (
    <Paper withBorder p="md" bg={background}>
      {to ? (
        // Named by what it shows (label, figure, hint), so speech and sight agree.
        <Anchor component={Link} to={to} underline="hover" c="inherit">
          {body}
        </Anchor>
      ) : (
        body
      )}
    </Paper>
  );
}

/** The answers to her referrals she has not seen, newest first, and "I have seen these". */
function ReferralAnswers({ answers }: { answers: MyWork['referralAnswers'] }) {
  const { t, i18n } = useTranslation(['myWork', 'common']);
  const seen = useMarkReferralAnswersSeen();
  const newest = answers.items[0]?.answeredAt;
  return (
    <Stack gap="xs">
      <Text size="sm" c="gray.7">
        {answers.seenUpTo
          ? t('answersSince', { date: formatDateTime(answers.seenUpTo, i18n.language) })
          : t('answersNeverLooked')}
      </Text>
      {answers.items.length === 0 ? (
        <EmptyState title={t('noAnswers')} />
      ) : (
        <>
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {answers.items.map((answer) => (
              <li key={answer.id}>
                <Group gap="sm" wrap="wrap">
                  <Badge variant="light" tt="none">
                    {t(`answerKind.${answer.kind}`)}
                  </Badge>
                  <Anchor component={Link} to={`/cases/${answer.caseId}?tab=referrals`} className="reference">
                    {answer.caseReference}
                  </Anchor>
                  {answer.caseName && (
                    <Text size="sm" className="shown-name">
                      <UserText>{answer.caseName}</UserText>
                    </Text>
                  )}
                  <Text size="sm" c="gray.7">
                    {formatDateTime(answer.answeredAt, i18n.language)}
                  </Text>
                </Group>
              </li>
            ))}
          </Stack>
          {seen.isError && <Text c="red.9">{t('seenFailed')}</Text>}
          <Group>
            <Button
              variant="default"
              loading={seen.isPending}
              onClick={() => newest && seen.mutate(newest)}
              aria-describedby="answers-heading"
            >
              {t('markSeen')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

function FollowUps({ visits }: { visits: MyWork['followUpsDue'] }) {
  const { t, i18n } = useTranslation(['myWork', 'common']);
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {visits.map((visit) => (
        <li key={visit.id}>
          <Group gap="sm" wrap="wrap">
            <Anchor component={Link} to={`/cases/${visit.caseId}?tab=reintegration`} className="reference">
              {visit.caseReference}
            </Anchor>
            {visit.caseName && (
              <Text size="sm" className="shown-name">
                <UserText>{visit.caseName}</UserText>
              </Text>
            )}
            <Text size="sm">
              {t('visitAt', { count: visit.monthsAfter })} ·{' '}
              {t('dueOn', { date: formatDate(visit.dueOn, i18n.language) })}
            </Text>
            {visit.overdue && (
              <Badge color="red.9" c="white" variant="filled" tt="none">
                {t('late')}
              </Badge>
            )}
            {visit.almostOverdue && (
              <Badge color="orange.9" c="white" variant="filled" tt="none">
                {t('dueToday')}
              </Badge>
            )}
          </Group>
        </li>
      ))}
    </Stack>
  );
}

/** Reflection periods ending and permits expiring (LEGAL_DEADLINE_NOTICE_DAYS ahead, and passed ones not yet dealt with). */
function LegalDeadlines({ deadlines }: { deadlines: MyWork['legalDeadlines'] }) {
  const { t, i18n } = useTranslation(['myWork', 'common']);
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {deadlines.map((deadline) => (
        <li key={`${deadline.caseId}-${deadline.kind}`}>
          <Group gap="sm" wrap="wrap">
            <Anchor component={Link} to={`/cases/${deadline.caseId}?tab=legal-status`} className="reference">
              {deadline.caseReference}
            </Anchor>
            <Text size="sm">
              {t(`legalKind.${deadline.kind}`)} · {t('dueOn', { date: formatDate(deadline.dueOn, i18n.language) })}
            </Text>
            {deadline.overdue && (
              <Badge color="red.9" c="white" variant="filled" tt="none">
                {t('passed')}
              </Badge>
            )}
          </Group>
        </li>
      ))}
    </Stack>
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
                {approval.caseName && (
                  <Text size="sm" fw={400} className="shown-name">
                    <UserText>{approval.caseName}</UserText>
                  </Text>
                )}
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
