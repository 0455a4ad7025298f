import {
  assignCaseRequestSchema,
  CASE_STAGES,
  CLOSURE_REASONS,
  closureRequestSchema,
  decisionRequestSchema,
  reopenRequestSchema,
  updateCaseRequestSchema,
  type CaseDetail,
  type CaseStage,
  type ClosureReason,
  type UpdateCaseRequest,
} from '@haven/contracts';
import { Button, Group, Radio, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { blankToUndefined, serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { useLiveForm } from '../../../app/forms/use-live-form';
import { useCaseworkers } from '../../users';
import { caseKeys } from '../hooks/case-cache';
import { useBaseVersion } from '../hooks/use-base-version';
import { useAssignCase, useDecideClosure, useReopenCase, useRequestClosure, useUpdateCase } from '../hooks/use-cases';

interface DialogProps {
  detail: CaseDetail;
  opened: boolean;
  onClose: () => void;
}

const readCaseVersion = (fresh: CaseDetail) => fresh.version;

/** Every case action starts from the version on screen when its dialog opened. */
function useCaseVersion(detail: CaseDetail) {
  return useBaseVersion<CaseDetail>(detail.version, caseKeys.detail(detail.id), readCaseVersion);
}

function DialogButtons({
  submitLabel,
  onCancel,
  pending,
  danger = false,
}: {
  submitLabel: string;
  onCancel: () => void;
  pending: boolean;
  danger?: boolean;
}) {
  const { t } = useTranslation(['cases', 'common']);
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        {t('common:app.cancel')}
      </Button>
      <Button type="submit" loading={pending} color={danger ? 'red.9' : undefined}>
        {submitLabel}
      </Button>
    </Group>
  );
}

// ── Stage and status ─────────────────────────────────────────────────────────

type StageValues = { stage: CaseStage; status: 'Active' | 'FollowUp' };

export function StageStatusDialog({ detail, opened, onClose }: DialogProps) {
  const { t } = useTranslation(['cases', 'common']);
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('actions.changeStage')}>
      <StageStatusForm detail={detail} onDone={onClose} />
    </FormDialog>
  );
}

function StageStatusForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation(['cases', 'common']);
  const { t: tc } = useTranslation();
  const update = useUpdateCase(detail.id);
  const base = useCaseVersion(detail);
  const form = useLiveForm<StageValues>(
    { stage: detail.stage, status: detail.status === 'FollowUp' ? 'FollowUp' : 'Active' },
    (values) => {
      const result = validateWithSchema(updateCaseRequestSchema, { version: base.version, ...values }, tc, {
        choiceFields: ['stage', 'status'],
      });
      return result.ok ? {} : result.errors;
    },
  );

  const submit = form.onSubmit((values) => {
    // Only what the user changed is sent, so a field someone else changed meanwhile is not put back.
    const request: UpdateCaseRequest = { version: base.version };
    if (form.isDirty('stage')) request.stage = values.stage;
    if (form.isDirty('status')) request.status = values.status;
    if (!request.stage && !request.status) return onDone();
    update.mutate(request, {
      onSuccess: () => {
        notifySaved(t('actions.stageSaved'));
        onDone();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem
          error={update.error}
          fields={['stage', 'status']}
          onReload={() => base.reload().then(() => update.reset())}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Radio.Group label={t('detail.stage')} {...form.getInputProps('stage')}>
            <Stack gap="xs" mt="xs">
              {CASE_STAGES.map((stage) => (
                <Radio key={stage} value={stage} label={t(`common:enums.stage.${stage}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group
            label={t('detail.status')}
            description={t('actions.statusHint')}
            {...form.getInputProps('status')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="Active" label={t('common:enums.status.Active')} />
              <Radio value="FollowUp" label={t('common:enums.status.FollowUp')} />
            </Stack>
          </Radio.Group>
        </SimpleGrid>
        <DialogButtons submitLabel={t('common:app.save')} onCancel={onDone} pending={update.isPending} />
      </Stack>
    </form>
  );
}

// ── Assignment (supervisors) ─────────────────────────────────────────────────

type AssignValues = { assigneeId: string | null };

export function AssignDialog({ detail, opened, onClose }: DialogProps) {
  const { t } = useTranslation(['cases', 'common']);
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('actions.assignTitle', { reference: detail.reference })}
      size="md"
    >
      <AssignForm detail={detail} onDone={onClose} />
    </FormDialog>
  );
}

function AssignForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation(['cases', 'common']);
  const { t: tc } = useTranslation();
  const assign = useAssignCase(detail.id);
  const caseworkers = useCaseworkers(true);
  const base = useCaseVersion(detail);
  const form = useLiveForm<AssignValues>({ assigneeId: detail.assignee?.id ?? null }, (values) => {
    const result = validateWithSchema(
      assignCaseRequestSchema,
      { version: base.version, assigneeId: values.assigneeId ?? undefined },
      tc,
      {
        choiceFields: ['assigneeId'],
      },
    );
    return result.ok ? {} : result.errors;
  });

  const options = (caseworkers.data ?? []).map((user) => ({ value: user.id, label: user.displayName }));
  // The current assignee may be a supervisor, who is not in the caseworker list but must still show by name.
  if (detail.assignee && !options.some((option) => option.value === detail.assignee?.id)) {
    options.unshift({ value: detail.assignee.id, label: detail.assignee.displayName });
  }

  const submit = form.onSubmit((values) => {
    if (!values.assigneeId || values.assigneeId === detail.assignee?.id) return onDone();
    assign.mutate(
      { version: base.version, assigneeId: values.assigneeId },
      {
        onSuccess: (updated) => {
          notifySaved(t('actions.assigned', { name: updated.assignee?.displayName ?? '' }));
          onDone();
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem
          error={assign.error}
          fields={['assigneeId']}
          onReload={() => base.reload().then(() => assign.reset())}
        />
        {caseworkers.isError && (
          <Text size="sm" c="red.9">
            {t('actions.caseworkersError')}
          </Text>
        )}
        <Select
          label={t('actions.assignee')}
          placeholder={caseworkers.isPending ? t('common:app.loading') : t('common:app.choose')}
          data={options}
          searchable
          allowDeselect={false}
          nothingFoundMessage={t('actions.noCaseworker')}
          data-autofocus
          {...form.getInputProps('assigneeId')}
        />
        <DialogButtons submitLabel={t('actions.assign')} onCancel={onDone} pending={assign.isPending} />
      </Stack>
    </form>
  );
}

// ── Closure ──────────────────────────────────────────────────────────────────

type ClosureValues = { reason: ClosureReason | null; comment: string };

export function RequestClosureDialog({
  detail,
  opened,
  onClose,
  closesAtOnce,
}: DialogProps & { closesAtOnce: boolean }) {
  const { t } = useTranslation(['cases', 'common']);
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={closesAtOnce ? t('actions.closeCase') : t('actions.requestClosure')}
    >
      <RequestClosureForm detail={detail} onDone={onClose} closesAtOnce={closesAtOnce} />
    </FormDialog>
  );
}

function RequestClosureForm({
  detail,
  onDone,
  closesAtOnce,
}: {
  detail: CaseDetail;
  onDone: () => void;
  closesAtOnce: boolean;
}) {
  const { t } = useTranslation(['cases', 'common']);
  const { t: tc } = useTranslation();
  const request = useRequestClosure(detail.id);
  const base = useCaseVersion(detail);
  const toRequest = (values: ClosureValues) => ({
    version: base.version,
    reason: values.reason ?? undefined,
    comment: blankToUndefined(values.comment),
  });
  const form = useLiveForm<ClosureValues>({ reason: null, comment: '' }, (values) => {
    const result = validateWithSchema(closureRequestSchema, toRequest(values), tc, { choiceFields: ['reason'] });
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit((values) => {
    const parsed = closureRequestSchema.safeParse(toRequest(values));
    if (!parsed.success) return;
    request.mutate(parsed.data, {
      onSuccess: () => {
        notifySaved(closesAtOnce ? t('closure.closedNotice') : t('closure.requestedNotice'));
        onDone();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {/* Closing ends the work on a survivor's case: say plainly what happens before anyone confirms. */}
        <Text size="sm">{closesAtOnce ? t('closure.closeNowExplain') : t('closure.requestExplain')}</Text>
        <FormProblem
          error={request.error}
          fields={['reason', 'comment']}
          onReload={() => base.reload().then(() => request.reset())}
        />
        <Select
          label={t('closure.reason')}
          placeholder={t('common:app.choose')}
          data={CLOSURE_REASONS.map((reason) => ({ value: reason, label: t(`common:enums.closureReason.${reason}`) }))}
          required
          allowDeselect={false}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Textarea
          label={t('closure.comment')}
          description={t('closure.commentHint')}
          autosize
          minRows={3}
          {...form.getInputProps('comment')}
        />
        <DialogButtons
          submitLabel={closesAtOnce ? t('actions.closeCase') : t('actions.requestClosure')}
          onCancel={onDone}
          pending={request.isPending}
          danger
        />
      </Stack>
    </form>
  );
}

type DecisionValues = { comment: string };

export function ClosureDecisionDialog({
  detail,
  opened,
  onClose,
  decision,
}: DialogProps & { decision: 'approve' | 'reject' }) {
  const { t } = useTranslation(['cases', 'common']);
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={decision === 'approve' ? t('closure.approve') : t('closure.reject')}
    >
      <ClosureDecisionForm detail={detail} decision={decision} onDone={onClose} />
    </FormDialog>
  );
}

function ClosureDecisionForm({
  detail,
  decision,
  onDone,
}: {
  detail: CaseDetail;
  decision: 'approve' | 'reject';
  onDone: () => void;
}) {
  const { t } = useTranslation(['cases', 'common']);
  const { t: tc } = useTranslation();
  const decide = useDecideClosure(detail.id);
  const base = useCaseVersion(detail);
  const toRequest = (values: DecisionValues) => ({
    version: base.version,
    decision,
    comment: blankToUndefined(values.comment),
  });
  const form = useLiveForm<DecisionValues>({ comment: '' }, (values) => {
    const result = validateWithSchema(decisionRequestSchema, toRequest(values), tc);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit((values) => {
    const parsed = decisionRequestSchema.safeParse(toRequest(values));
    if (!parsed.success) return;
    decide.mutate(parsed.data, {
      onSuccess: () => {
        notifySaved(decision === 'approve' ? t('closure.closedNotice') : t('closure.rejectedNotice'));
        onDone();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
    });
  });

  const reason = detail.closure ? t(`common:enums.closureReason.${detail.closure.reason}`) : '';
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {decision === 'approve'
            ? t('closure.approveExplain', { reference: detail.reference, reason })
            : t('closure.rejectExplain', { reference: detail.reference })}
        </Text>
        <FormProblem
          error={decide.error}
          fields={['comment']}
          onReload={() => base.reload().then(() => decide.reset())}
        />
        <Textarea
          label={decision === 'approve' ? t('closure.comment') : t('closure.rejectReason')}
          required={decision === 'reject'}
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps('comment')}
        />
        <DialogButtons
          submitLabel={decision === 'approve' ? t('closure.approve') : t('closure.reject')}
          onCancel={onDone}
          pending={decide.isPending}
          danger={decision === 'approve'}
        />
      </Stack>
    </form>
  );
}

type ReopenValues = { reason: string };

export function ReopenDialog({ detail, opened, onClose }: DialogProps) {
  const { t } = useTranslation(['cases', 'common']);
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('actions.reopen')}>
      <ReopenForm detail={detail} onDone={onClose} />
    </FormDialog>
  );
}

function ReopenForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation(['cases', 'common']);
  const { t: tc } = useTranslation();
  const reopen = useReopenCase(detail.id);
  const base = useCaseVersion(detail);
  const form = useLiveForm<ReopenValues>({ reason: '' }, (values) => {
    const result = validateWithSchema(reopenRequestSchema, { version: base.version, reason: values.reason }, tc);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit((values) => {
    const parsed = reopenRequestSchema.safeParse({ version: base.version, reason: values.reason });
    if (!parsed.success) return;
    reopen.mutate(parsed.data, {
      onSuccess: () => {
        notifySaved(t('closure.reopenedNotice'));
        onDone();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('closure.reopenExplain')}</Text>
        <FormProblem
          error={reopen.error}
          fields={['reason']}
          onReload={() => base.reload().then(() => reopen.reset())}
        />
        <Textarea
          label={t('closure.reopenReason')}
          required
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <DialogButtons submitLabel={t('actions.reopen')} onCancel={onDone} pending={reopen.isPending} />
      </Stack>
    </form>
  );
}
