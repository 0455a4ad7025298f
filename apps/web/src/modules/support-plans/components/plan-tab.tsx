import {
  GOAL_STATUSES,
  SUPPORT_PLAN_TYPES,
  decisionRequestSchema,
  type CaseDetail,
  type Goal,
  type PlanStatus,
  type SupportPlan,
} from '@haven/contracts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { blankToUndefined, serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { Facts } from '../../../app/layout/facts';
import { useCasePermissions } from '../../cases';
import { formatDate, formatDateTime } from '../../../app/text/format';
import {
  planKeys,
  useAddGoal,
  useDecidePlan,
  useSubmitPlan,
  useSupportPlan,
  useUpdateGoal,
} from '../hooks/use-support-plan';
import {
  emptyGoalForm,
  GOAL_FORM_FIELDS,
  GOAL_LAYOUT,
  goalFormValues,
  validateGoalChange,
  validateNewGoal,
  type GoalFormValues,
} from '../utils/goal-form';

// Each pair was checked for at least 4.5:1 contrast; the label, not the colour, carries the meaning.
const PLAN_STATUS_COLOURS: Record<PlanStatus, { bg: string; fg: string }> = {
  draft: { bg: 'gray.2', fg: 'gray.9' },
  submitted: { bg: 'blue.8', fg: 'white' },
  approved: { bg: 'teal.9', fg: 'white' },
  returned: { bg: 'orange.4', fg: 'black' },
};

type Dialog =
  | { kind: 'add' }
  | { kind: 'edit'; goal: Goal }
  | { kind: 'decide'; decision: 'approve' | 'reject' }
  | null;

/** The support plan: goals agreed with the survivor, sent to a supervisor for approval, returned with a comment if not. */
export function PlanTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(['supportPlans', 'common']);
  const permissions = useCasePermissions(detail);
  const plan = useSupportPlan(detail.id);
  const submit = useSubmitPlan(detail.id);
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const language = i18n.language;

  if (plan.isPending) return <SectionLoader />;
  if (plan.isError) return <SectionError message={t('error')} onRetry={() => void plan.refetch()} />;

  const data = plan.data;
  const waiting = data.status === 'submitted';
  const mayChangeGoals = permissions.mayEdit && !waiting;
  const maySubmit =
    permissions.mayEdit && data.goals.length > 0 && (data.status === 'draft' || data.status === 'returned');
  const mayDecide = permissions.mayApprove && permissions.open && waiting;
  const colours = PLAN_STATUS_COLOURS[data.status];

  const sendForApproval = () =>
    submit.mutate(data.version, {
      onSuccess: () => notifySaved(t('submitted')),
    });
  const reload = () => queryClient.invalidateQueries({ queryKey: planKeys.plan(detail.id) }).then(() => submit.reset());

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="wrap">
        <Group gap="sm" align="center">
          <Title order={2} size="h3">
            {t('title')}
          </Title>
          <Badge color={colours.bg} c={colours.fg} variant="filled" tt="none">
            {t(`common:enums.planStatus.${data.status}`)}
          </Badge>
        </Group>
        <Group gap="xs">
          {mayChangeGoals && (
            <Button variant="default" onClick={() => setDialog({ kind: 'add' })}>
              {t('addGoal')}
            </Button>
          )}
          {maySubmit && (
            <Button onClick={sendForApproval} loading={submit.isPending}>
              {t('submit')}
            </Button>
          )}
          {mayDecide && (
            <>
              <Button color="teal.9" onClick={() => setDialog({ kind: 'decide', decision: 'approve' })}>
                {t('approve')}
              </Button>
              <Button variant="default" onClick={() => setDialog({ kind: 'decide', decision: 'reject' })}>
                {t('return')}
              </Button>
            </>
          )}
        </Group>
      </Group>

      <FormProblem error={submit.error} onReload={reload} />
      <PlanStatusNote plan={data} language={language} />

      {data.goals.length === 0 ? (
        <EmptyState title={t('empty')} hint={permissions.mayEdit ? t('emptyHint') : undefined} />
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.goals.map((goal) => (
            <li key={goal.id}>
              <GoalCard goal={goal} mayEdit={mayChangeGoals} onEdit={() => setDialog({ kind: 'edit', goal })} />
            </li>
          ))}
        </Stack>
      )}

      <FormDialog opened={dialog?.kind === 'add'} onClose={close} title={t('addGoal')}>
        <GoalForm caseId={detail.id} plan={data} onDone={close} />
      </FormDialog>
      <FormDialog opened={dialog?.kind === 'edit'} onClose={close} title={t('editGoal')}>
        {dialog?.kind === 'edit' && <GoalForm caseId={detail.id} plan={data} goal={dialog.goal} onDone={close} />}
      </FormDialog>
      <FormDialog
        opened={dialog?.kind === 'decide'}
        onClose={close}
        title={dialog?.kind === 'decide' && dialog.decision === 'reject' ? t('return') : t('approve')}
      >
        {dialog?.kind === 'decide' && (
          <PlanDecisionForm caseId={detail.id} plan={data} decision={dialog.decision} onDone={close} />
        )}
      </FormDialog>
    </Stack>
  );
}

/** Where the plan stands in its approval, in a sentence: who sent it, who decided, and why it came back. */
function PlanStatusNote({ plan, language }: { plan: SupportPlan; language: string }) {
  const { t } = useTranslation(['supportPlans', 'common']);
  if (plan.status === 'submitted' && plan.submittedBy && plan.submittedAt) {
    return (
      <Alert color="blue" variant="light" role="status">
        <Text size="sm" c="blue.9">
          {t('waitingNote', {
            name: plan.submittedBy.displayName,
            date: formatDateTime(plan.submittedAt, language),
          })}
        </Text>
      </Alert>
    );
  }
  if (plan.status === 'returned') {
    return (
      <Alert color="orange" variant="light" title={t('returnedTitle')}>
        <Stack gap={4}>
          {plan.decidedBy && plan.decidedAt && (
            <Text size="sm" c="gray.9">
              {t('decidedNote', {
                name: plan.decidedBy.displayName,
                date: formatDateTime(plan.decidedAt, language),
              })}
            </Text>
          )}
          {plan.decisionComment && (
            <Text size="sm" c="gray.9" className="free-text">
              {plan.decisionComment}
            </Text>
          )}
        </Stack>
      </Alert>
    );
  }
  if (plan.status === 'approved' && plan.decidedBy && plan.decidedAt) {
    return (
      <Text size="sm" c="dimmed">
        {t('approvedNote', { name: plan.decidedBy.displayName, date: formatDateTime(plan.decidedAt, language) })}
        {plan.decisionComment ? ` — ${plan.decisionComment}` : ''}
      </Text>
    );
  }
  return null;
}

function GoalCard({ goal, mayEdit, onEdit }: { goal: Goal; mayEdit: boolean; onEdit: () => void }) {
  const { t, i18n } = useTranslation(['supportPlans', 'common']);
  const language = i18n.language;
  const headingId = `goal-${goal.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text size="xs" fw={600} c="gray.8" tt="uppercase">
              {t(`common:enums.planType.${goal.type}`)}
            </Text>
            <Title order={3} size="h5" id={headingId} className="free-text">
              {goal.objective}
            </Title>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Badge variant="outline" color="gray.8" c="gray.9" tt="none">
              {t(`common:enums.goalStatus.${goal.status}`)}
            </Badge>
            {mayEdit && (
              <Button size="xs" variant="subtle" onClick={onEdit} aria-describedby={headingId}>
                {t('common:app.edit')}
              </Button>
            )}
          </Group>
        </Group>
        {goal.actions && (
          <Text size="sm" className="free-text">
            {goal.actions}
          </Text>
        )}
        {(goal.plannedEndOn || goal.actualEndOn) && (
          <Facts
            items={[
              ...(goal.plannedEndOn
                ? [{ label: t('plannedEndOn'), value: formatDate(goal.plannedEndOn, language) }]
                : []),
              ...(goal.actualEndOn ? [{ label: t('actualEndOn'), value: formatDate(goal.actualEndOn, language) }] : []),
            ]}
          />
        )}
      </Stack>
    </Paper>
  );
}

function GoalForm({
  caseId,
  plan,
  goal,
  onDone,
}: {
  caseId: string;
  plan: SupportPlan;
  goal?: Goal;
  onDone: () => void;
}) {
  const { t } = useTranslation(['supportPlans', 'common']);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const add = useAddGoal(caseId);
  const update = useUpdateGoal(caseId);
  const mutation = goal ? update : add;
  const [version, setVersion] = useState(goal?.version ?? 0);
  const check = (values: GoalFormValues) => {
    const result = goal ? validateGoalChange(values, version, tc) : validateNewGoal(values, tc);
    return result.ok ? {} : result.errors;
  };
  const form = useLiveForm<GoalFormValues>(goal ? goalFormValues(goal) : emptyGoalForm, check);

  const onError = (error: unknown) => {
    const errors = serverFieldErrors(error, tc, GOAL_LAYOUT);
    form.setErrors(errors);
    focusFirstError(form, errors, GOAL_FORM_FIELDS);
  };
  const onSuccess = () => {
    notifySaved(goal ? t('goalSaved') : t('goalAdded'));
    onDone();
  };

  const submit = form.onSubmit(
    (values) => {
      if (goal) {
        const result = validateGoalChange(values, version, tc);
        if (result.ok) update.mutate({ goalId: goal.id, request: result.data }, { onSuccess, onError });
      } else {
        const result = validateNewGoal(values, tc);
        if (result.ok) add.mutate(result.data, { onSuccess, onError });
      }
    },
    (errors) => focusFirstError(form, errors, GOAL_FORM_FIELDS),
  );

  // After a conflict: the goal as now saved gives the version to continue from; the user's input stays.
  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: planKeys.plan(caseId), exact: true });
    const fresh = queryClient
      .getQueryData<SupportPlan>(planKeys.plan(caseId))
      ?.goals.find((item) => item.id === goal?.id);
    if (fresh) setVersion(fresh.version);
    mutation.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {plan.status === 'approved' && (
          <Alert color="blue" variant="light" role="status">
            <Text size="sm" c="blue.9">
              {t('changeApprovedWarning')}
            </Text>
          </Alert>
        )}
        <FormProblem error={mutation.error} fields={GOAL_FORM_FIELDS} onReload={reload} />
        <Select
          label={t('goalType')}
          placeholder={t('common:app.choose')}
          data={SUPPORT_PLAN_TYPES.map((type) => ({ value: type, label: t(`common:enums.planType.${type}`) }))}
          required
          allowDeselect={false}
          data-autofocus
          {...form.getInputProps('type')}
        />
        <Textarea
          label={t('objective')}
          description={t('objectiveHint')}
          required
          autosize
          minRows={2}
          {...form.getInputProps('objective')}
        />
        <Textarea
          label={t('actions')}
          description={t('actionsHint')}
          autosize
          minRows={3}
          maxRows={12}
          {...form.getInputProps('actions')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={t('plannedEndOn')} {...form.getInputProps('plannedEndOn')} />
          <TextInput type="date" label={t('actualEndOn')} {...form.getInputProps('actualEndOn')} />
          <Select
            label={t('goalStatus')}
            data={GOAL_STATUSES.map((status) => ({ value: status, label: t(`common:enums.goalStatus.${status}`) }))}
            allowDeselect={false}
            {...form.getInputProps('status')}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common:app.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {goal ? t('common:app.save') : t('addGoal')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type DecisionValues = { comment: string };

function PlanDecisionForm({
  caseId,
  plan,
  decision,
  onDone,
}: {
  caseId: string;
  plan: SupportPlan;
  decision: 'approve' | 'reject';
  onDone: () => void;
}) {
  const { t } = useTranslation(['supportPlans', 'common']);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const decide = useDecidePlan(caseId);
  const [version, setVersion] = useState(plan.version);
  const toRequest = (values: DecisionValues) => ({ version, decision, comment: blankToUndefined(values.comment) });
  const form = useLiveForm<DecisionValues>({ comment: '' }, (values) => {
    const result = validateWithSchema(decisionRequestSchema, toRequest(values), tc);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit((values) => {
    const parsed = decisionRequestSchema.safeParse(toRequest(values));
    if (!parsed.success) return;
    decide.mutate(parsed.data, {
      onSuccess: () => {
        notifySaved(decision === 'approve' ? t('approved') : t('returned'));
        onDone();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
    });
  });

  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: planKeys.plan(caseId), exact: true });
    const fresh = queryClient.getQueryData<SupportPlan>(planKeys.plan(caseId));
    if (fresh) setVersion(fresh.version);
    decide.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {decision === 'approve' ? t('approveExplain', { count: plan.goals.length }) : t('returnExplain')}
        </Text>
        <FormProblem error={decide.error} fields={['comment']} onReload={reload} />
        <Textarea
          label={decision === 'approve' ? t('comment') : t('returnReason')}
          required={decision === 'reject'}
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps('comment')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common:app.cancel')}
          </Button>
          <Button type="submit" color={decision === 'approve' ? 'teal.9' : undefined} loading={decide.isPending}>
            {decision === 'approve' ? t('approve') : t('return')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
