import {
  addReintegrationGoalRequestSchema,
  GOAL_STATUSES,
  recordVisitRequestSchema,
  REINTEGRATION_DIMENSIONS,
  scheduleVisitsRequestSchema,
  updateReintegrationGoalRequestSchema,
  type CaseDetail,
  type FollowUpVisit,
  type GoalStatus,
  type ReintegrationDimension,
  type ReintegrationGoal,
  type ReintegrationPlan,
} from '@haven/contracts';
import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import {
  blankToUndefined,
  serverFieldErrors,
  todayIso,
  validateWithSchema,
} from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useCasePermissions } from '../../cases';
import { formatDate } from '../../../app/text/format';
import { featureMessages, translateFeatureMessages } from '../../../app/i18n/module-messages';
import {
  reintegrationKeys,
  useAddGoal,
  useRecordVisit,
  useReintegrationPlan,
  useScheduleVisits,
  useUpdateGoal,
} from '../hooks/use-reintegration';
import { ScoreTrendChart } from './score-trend-chart';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

type Dialog =
  | { kind: 'addGoal'; dimension: ReintegrationDimension }
  | { kind: 'editGoal'; goal: ReintegrationGoal }
  | { kind: 'schedule' }
  | { kind: 'visit'; visit: FollowUpVisit }
  | null;

/** The reintegration plan by dimension, its follow-up visits at 3, 6 and 12 months, and how the scores move. */
export function ReintegrationTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('reintegration');
  const permissions = useCasePermissions(detail);
  const plan = useReintegrationPlan(detail.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const mayEdit = permissions.mayEdit;

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('intro')}
        </Text>
      </Stack>
      {plan.isPending && <SectionLoader />}
      {plan.isError && !plan.data && <SectionError message={t('error')} onRetry={() => void plan.refetch()} />}
      {plan.data && <PlanView plan={plan.data} mayEdit={mayEdit} onOpen={setDialog} />}

      <FormDialog opened={dialog?.kind === 'addGoal'} onClose={close} title={t('goals.add')}>
        {dialog?.kind === 'addGoal' && <GoalForm caseId={detail.id} dimension={dialog.dimension} onDone={close} />}
      </FormDialog>
      <FormDialog opened={dialog?.kind === 'editGoal'} onClose={close} title={t('goals.edit')}>
        {dialog?.kind === 'editGoal' && (
          <GoalForm caseId={detail.id} goal={dialog.goal} dimension={dialog.goal.dimension} onDone={close} />
        )}
      </FormDialog>
      <FormDialog opened={dialog?.kind === 'schedule'} onClose={close} title={t('visits.schedule')}>
        <ScheduleForm caseId={detail.id} onDone={close} />
      </FormDialog>
      <FormDialog
        opened={dialog?.kind === 'visit'}
        onClose={close}
        title={dialog?.kind === 'visit' ? t('visits.recordTitle', { months: dialog.visit.monthsAfter }) : ''}
      >
        {dialog?.kind === 'visit' && <VisitForm caseId={detail.id} visit={dialog.visit} onDone={close} />}
      </FormDialog>
    </Stack>
  );
}

function PlanView({
  plan,
  mayEdit,
  onOpen,
}: {
  plan: ReintegrationPlan;
  mayEdit: boolean;
  onOpen: (dialog: Dialog) => void;
}) {
  const { t, i18n } = useTranslation('reintegration');
  const language = i18n.language;

  return (
    <>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('goals.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {REINTEGRATION_DIMENSIONS.map((dimension) => (
            <Paper key={dimension} withBorder p="md" component="section" aria-labelledby={`dimension-${dimension}`}>
              <Stack gap="xs">
                <Title order={4} size="h5" id={`dimension-${dimension}`}>
                  {t(`dimension.${dimension}`)}
                </Title>
                <Text size="xs" c="gray.7">
                  {t(`dimensionHint.${dimension}`)}
                </Text>
                {plan.goals[dimension].length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('goals.none')}
                  </Text>
                )}
                <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {plan.goals[dimension].map((goal) => (
                    <li key={goal.id}>
                      <Stack gap={2}>
                        <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
                          <Text size="sm" fw={600} className="free-text">
                            {goal.goal}
                          </Text>
                          <Badge color="gray.7" c="white" variant="filled" tt="none" style={{ flexShrink: 0 }}>
                            {t(`goalStatus.${goal.status}`)}
                          </Badge>
                        </Group>
                        {goal.assistance && (
                          <Text size="xs" c="gray.8" className="free-text">
                            {goal.assistance}
                          </Text>
                        )}
                        {mayEdit && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            w="fit-content"
                            onClick={() => onOpen({ kind: 'editGoal', goal })}
                            aria-label={`${t('goals.edit')}: ${goal.goal}`}
                          >
                            {t('goals.edit')}
                          </Button>
                        )}
                      </Stack>
                    </li>
                  ))}
                </Stack>
                {mayEdit && (
                  <Button
                    size="xs"
                    variant="default"
                    w="fit-content"
                    onClick={() => onOpen({ kind: 'addGoal', dimension })}
                  >
                    {t('goals.addTo', { dimension: t(`dimension.${dimension}`) })}
                  </Button>
                )}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      </Stack>

      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('visits.title')}
          </Title>
          {mayEdit && (
            <Button variant="default" onClick={() => onOpen({ kind: 'schedule' })}>
              {t('visits.schedule')}
            </Button>
          )}
        </Group>
        {plan.visits.length === 0 && (
          <EmptyState title={t('visits.none')} hint={mayEdit ? t('visits.noneHint') : undefined} />
        )}
        {plan.visits.length > 0 && (
          <ResponsiveTable verticalSpacing="sm">
            <Table.Caption>
              <VisuallyHidden>{t('visits.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('visits.when')}</Table.Th>
                <Table.Th scope="col">{t('visits.due')}</Table.Th>
                <Table.Th scope="col">{t('visits.visitedOn')}</Table.Th>
                <Table.Th scope="col">{t('visits.scores')}</Table.Th>
                {mayEdit && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('visits.record')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.visits.map((visit) => (
                <Table.Tr key={visit.id}>
                  <Table.Th scope="row">{t('visits.monthsAfter', { count: visit.monthsAfter })}</Table.Th>
                  <Table.Td>
                    {formatDate(visit.dueOn, language)}
                    {visit.overdue && (
                      <Badge ms="xs" color="red.9" c="white" variant="filled" tt="none">
                        {t('visits.overdue')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{visit.visitedOn ? formatDate(visit.visitedOn, language) : t('visits.notYet')}</Table.Td>
                  <Table.Td>
                    {visit.visitedOn
                      ? `${visit.economicScore} / ${visit.socialScore} / ${visit.psychosocialScore}`
                      : '—'}
                  </Table.Td>
                  {mayEdit && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => onOpen({ kind: 'visit', visit })}
                        // The visible words come first in the spoken name, then which visit it is.
                        aria-label={`${visit.visitedOn ? t('visits.correct') : t('visits.record')} (${t('visits.monthsAfter', { count: visit.monthsAfter })})`}
                      >
                        {visit.visitedOn ? t('visits.correct') : t('visits.record')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ResponsiveTable>
        )}
      </Stack>

      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('trend.title')}
        </Title>
        {plan.scoreTrend.length === 0 ? (
          <EmptyState title={t('trend.none')} hint={t('trend.noneHint')} />
        ) : (
          <ScoreTrendChart points={plan.scoreTrend} />
        )}
      </Stack>
    </>
  );
}

/** The forms translate the contract's reintegration messages ("Score from 1 to 5") from this feature's table. */
const OWN_MESSAGES = { ownMessages: true };

type GoalValues = { dimension: ReintegrationDimension; goal: string; assistance: string; status: GoalStatus };
const GOAL_FIELDS = ['dimension', 'goal', 'assistance', 'status'] as const;

function GoalForm({
  caseId,
  goal,
  dimension,
  onDone,
}: {
  caseId: string;
  goal?: ReintegrationGoal;
  dimension: ReintegrationDimension;
  onDone: () => void;
}) {
  const { t } = useTranslation('reintegration');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const add = useAddGoal(caseId);
  const update = useUpdateGoal(caseId);
  const mutation = goal ? update : add;
  const [version, setVersion] = useState(goal?.version ?? 0);

  const validate = (values: GoalValues) => {
    const result = goal
      ? validateWithSchema(updateReintegrationGoalRequestSchema, { version, ...values }, tApp, OWN_MESSAGES)
      : validateWithSchema(addReintegrationGoalRequestSchema, values, tApp, OWN_MESSAGES);
    return result.ok
      ? result
      : { ok: false as const, errors: translateFeatureMessages(result.errors, featureMessages(t)) };
  };
  const form = useLiveForm<GoalValues>(
    { dimension, goal: goal?.goal ?? '', assistance: goal?.assistance ?? '', status: goal?.status ?? 'planned' },
    (values) => {
      const result = validate(values);
      return result.ok ? {} : result.errors;
    },
  );

  const submit = form.onSubmit(
    (values) => {
      const result = validate(values);
      if (!result.ok) return;
      const options = {
        onSuccess: () => {
          notifySaved(t(goal ? 'goals.saved' : 'goals.added'));
          onDone();
        },
        onError: (error: unknown) => {
          const errors = translateFeatureMessages(serverFieldErrors(error, tApp), featureMessages(t));
          form.setErrors(errors);
          focusFirstError(form, errors, GOAL_FIELDS);
        },
      };
      if (goal) update.mutate({ goalId: goal.id, request: { ...values, version } }, options);
      else add.mutate(values, options);
    },
    (errors) => focusFirstError(form, errors, GOAL_FIELDS),
  );

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ queryKey: reintegrationKeys.forCase(caseId), staleTime: 0 });
    const latest = Object.values((fresh as ReintegrationPlan).goals)
      .flat()
      .find((item) => item.id === goal?.id);
    if (latest) setVersion(latest.version);
    mutation.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={mutation.error} fields={GOAL_FIELDS} onReload={reload} />
        <Select
          label={t('goals.dimensionLabel')}
          data={REINTEGRATION_DIMENSIONS.map((value) => ({ value, label: t(`dimension.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('dimension')}
        />
        <Textarea
          label={t('goals.goal')}
          required
          autosize
          minRows={2}
          maxRows={8}
          data-autofocus
          {...form.getInputProps('goal')}
        />
        <Textarea
          label={t('goals.assistance')}
          autosize
          minRows={2}
          maxRows={10}
          {...form.getInputProps('assistance')}
        />
        <Select
          label={t('goals.status')}
          data={GOAL_STATUSES.map((value) => ({ value, label: t(`goalStatus.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('goals.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type ScheduleValues = { referenceDate: string; months: string };

/** "3, 6, 12" → [3, 6, 12]; anything that is not a number stays in, so the schema says what is wrong. */
function monthsOf(text: string): number[] {
  return text
    .split(/[\s,،;]+/)
    .filter(Boolean)
    .map((part) => Number(part));
}

function ScheduleForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('reintegration');
  const { t: tApp } = useTranslation();
  const schedule = useScheduleVisits(caseId);
  const validate = (values: ScheduleValues) => {
    const result = validateWithSchema(
      scheduleVisitsRequestSchema,
      { referenceDate: values.referenceDate, monthsAfter: monthsOf(values.months) },
      tApp,
      OWN_MESSAGES,
    );
    if (result.ok) return result;
    // The months are typed as one text: each month's message is shown under it.
    const errors = Object.fromEntries(
      Object.entries(result.errors).map(([field, message]) => [
        field.startsWith('monthsAfter') ? 'months' : field,
        message,
      ]),
    );
    return { ok: false as const, errors: translateFeatureMessages(errors, featureMessages(t)) };
  };
  const form = useLiveForm<ScheduleValues>({ referenceDate: todayIso(), months: '3, 6, 12' }, (values) => {
    const result = validate(values);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit((values) => {
    const result = validate(values);
    if (!result.ok) return;
    schedule.mutate(result.data, {
      onSuccess: () => {
        notifySaved(t('visits.scheduled'));
        onDone();
      },
      onError: (error) => form.setErrors(translateFeatureMessages(serverFieldErrors(error, tApp), featureMessages(t))),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('visits.scheduleHint')}</Text>
        <FormProblem error={schedule.error} fields={['referenceDate', 'monthsAfter']} />
        <TextInput
          type="date"
          label={t('visits.referenceDate')}
          required
          data-autofocus
          {...form.getInputProps('referenceDate')}
        />
        <TextInput
          label={t('visits.months')}
          description={t('visits.monthsHint')}
          required
          {...form.getInputProps('months')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={schedule.isPending}>
            {t('visits.schedule')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type VisitValues = {
  visitedOn: string;
  economicScore: string;
  socialScore: string;
  psychosocialScore: string;
  notes: string;
};
const VISIT_FIELDS = ['visitedOn', 'economicScore', 'socialScore', 'psychosocialScore', 'notes'] as const;
const SCORES = ['1', '2', '3', '4', '5'];

function VisitForm({ caseId, visit, onDone }: { caseId: string; visit: FollowUpVisit; onDone: () => void }) {
  const { t } = useTranslation('reintegration');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const record = useRecordVisit(caseId);
  const [version, setVersion] = useState(visit.version);
  const score = (value: number | null) => (value === null ? '' : String(value));

  const validate = (values: VisitValues) => {
    const result = validateWithSchema(
      recordVisitRequestSchema,
      {
        version,
        visitedOn: values.visitedOn,
        economicScore: values.economicScore ? Number(values.economicScore) : undefined,
        socialScore: values.socialScore ? Number(values.socialScore) : undefined,
        psychosocialScore: values.psychosocialScore ? Number(values.psychosocialScore) : undefined,
        notes: blankToUndefined(values.notes),
      },
      tApp,
      OWN_MESSAGES,
    );
    return result.ok
      ? result
      : { ok: false as const, errors: translateFeatureMessages(result.errors, featureMessages(t)) };
  };
  const form = useLiveForm<VisitValues>(
    {
      visitedOn: visit.visitedOn ?? todayIso(),
      economicScore: score(visit.economicScore),
      socialScore: score(visit.socialScore),
      psychosocialScore: score(visit.psychosocialScore),
      notes: visit.notes ?? '',
    },
    () => ({}),
  );

  const submit = form.onSubmit((values) => {
    const result = validate(values);
    if (!result.ok) {
      form.setErrors(result.errors);
      focusFirstError(form, result.errors, VISIT_FIELDS);
      return;
    }
    record.mutate(
      { visitId: visit.id, request: result.data },
      {
        onSuccess: () => {
          notifySaved(t('visits.recorded'));
          onDone();
        },
        onError: (error) =>
          form.setErrors(translateFeatureMessages(serverFieldErrors(error, tApp), featureMessages(t))),
      },
    );
  });

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ queryKey: reintegrationKeys.forCase(caseId), staleTime: 0 });
    const latest = (fresh as ReintegrationPlan).visits.find((item) => item.id === visit.id);
    if (latest) setVersion(latest.version);
    record.reset();
  };

  const scoreInput = (field: 'economicScore' | 'socialScore' | 'psychosocialScore') => {
    const labelId = `${field}-label`;
    const error = form.errors[field];
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500} id={labelId}>
          {t(`visits.${field}`)}
        </Text>
        {/* Already a radio group; the label above names it. */}
        <SegmentedControl data={SCORES} aria-labelledby={labelId} {...form.getInputProps(field)} />
        {error && (
          <Text size="xs" c="red.9">
            {error}
          </Text>
        )}
      </Stack>
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={record.error} fields={VISIT_FIELDS} onReload={reload} />
        <TextInput
          type="date"
          label={t('visits.visitedOn')}
          max={todayIso()}
          required
          data-autofocus
          {...form.getInputProps('visitedOn')}
        />
        <Text size="xs" c="gray.7">
          {t('visits.scoreHint')}
        </Text>
        {scoreInput('economicScore')}
        {scoreInput('socialScore')}
        {scoreInput('psychosocialScore')}
        <Textarea label={t('visits.notes')} autosize minRows={2} maxRows={10} {...form.getInputProps('notes')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('visits.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
