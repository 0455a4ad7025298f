import {
  AGE_ASSESSMENT_METHODS,
  BEST_INTERESTS_KINDS,
  appointGuardianRequestSchema,
  decideBestInterestsRequestSchema,
  recordAgeAssessmentRequestSchema,
  recordBestInterestsRequestSchema,
  recordChildViewsRequestSchema,
  type BestInterests,
  type BestInterestsDecision,
  type CaseDetail,
} from '@haven/contracts';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, todayIso, validateWithSchema } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { formatDate } from '../../../app/text/format';

/** A day (YYYY-MM-DD) in the reader's language. */
function useDay() {
  const { i18n } = useTranslation();
  return (value: string) => formatDate(value, i18n.language);
}
import { useCasePermissions } from '../../cases';
import {
  useAppointGuardian,
  useChildRecord,
  useDecideBestInterests,
  useRecordAgeAssessment,
  useRecordBestInterests,
  useRecordViews,
} from '../hooks/use-child-record';

type Dialog = 'guardian' | 'age' | 'views' | 'bestInterests' | null;

/**
 * The child part of a child case: her guardian, age assessments, her views, and best-interests assessments and
 * determinations, which a supervisor other than their author approves or rejects (and may revoke). A return or
 * a transfer abroad waits for an approved determination; the section says whether one stands.
 */
export function ChildTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['children', 'common']);
  const permissions = useCasePermissions(detail);
  const record = useChildRecord(detail.id);
  const day = useDay();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  if (record.isPending) return <SectionLoader />;
  if (record.isError) return <SectionError message={t('error')} onRetry={() => void record.refetch()} />;
  const child = record.data;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        {child.basis && <Text size="sm">{t(`basis.${child.basis}`)}</Text>}
      </Stack>

      <Section
        title={t('guardian.title')}
        action={permissions.mayEdit ? { label: t('guardian.appoint'), onClick: () => setDialog('guardian') } : null}
      >
        {child.guardians.length === 0 ? (
          <EmptyState title={t('guardian.none')} />
        ) : (
          child.guardians.map((guardian) => (
            <Entry
              key={guardian.id}
              // The name is withheld from those who may not read her identity: the office alone then.
              heading={guardian.name === null ? guardian.organisation : `${guardian.name} — ${guardian.organisation}`}
              badge={guardian.endedOn === null ? t('guardian.current') : null}
              lines={[
                `${t('guardian.appointedOn')}: ${day(guardian.appointedOn)}`,
                ...(guardian.endedOn ? [t('guardian.ended', { date: day(guardian.endedOn) })] : []),
              ]}
            />
          ))
        )}
      </Section>

      <Section
        title={t('age.title')}
        action={permissions.mayEdit ? { label: t('age.record'), onClick: () => setDialog('age') } : null}
      >
        {child.ageAssessments.length === 0 ? (
          <EmptyState title={t('age.none')} />
        ) : (
          child.ageAssessments.map((assessment) => (
            <Entry
              key={assessment.id}
              heading={t('age.years', { age: assessment.assessedAge })}
              badge={assessment.disputed ? t('age.disputedBadge') : null}
              lines={[
                `${t('age.assessedOn')}: ${day(assessment.assessedOn)}`,
                `${t('age.method')}: ${t(`age.methods.${assessment.method}`)}`,
                ...(assessment.assessedBy === null ? [] : [`${t('age.assessedBy')}: ${assessment.assessedBy}`]),
              ]}
            />
          ))
        )}
      </Section>

      <Section
        title={t('views.title')}
        action={permissions.mayEdit ? { label: t('views.record'), onClick: () => setDialog('views') } : null}
      >
        {child.views.length === 0 ? (
          <EmptyState title={t('views.none')} />
        ) : (
          child.views.map((views) => (
            <Entry
              key={views.id}
              heading={day(views.expressedOn)}
              lines={[views.views, t('recordedBy', { name: views.recordedBy.displayName })]}
            />
          ))
        )}
      </Section>

      <Section
        title={t('bestInterests.title')}
        action={
          permissions.mayEdit ? { label: t('bestInterests.record'), onClick: () => setDialog('bestInterests') } : null
        }
      >
        <Text size="sm" c="dimmed">
          {t('bestInterests.intro')}
        </Text>
        <Alert color={child.determinationApproved ? 'teal' : 'orange'} variant="light" role="status">
          <Text size="sm" c="dark.9">
            {child.determinationApproved ? t('bestInterests.approvedNow') : t('bestInterests.missingNow')}
          </Text>
        </Alert>
        {child.bestInterests.length === 0 ? (
          <EmptyState title={t('bestInterests.none')} />
        ) : (
          child.bestInterests.map((entry) => (
            <BestInterestsEntry
              key={entry.id}
              caseId={detail.id}
              entry={entry}
              mayDecide={permissions.mayApprove && permissions.open}
            />
          ))
        )}
      </Section>

      <FormDialog opened={dialog === 'guardian'} onClose={close} title={t('guardian.appoint')}>
        <GuardianForm caseId={detail.id} onDone={close} />
      </FormDialog>
      <FormDialog opened={dialog === 'age'} onClose={close} title={t('age.record')}>
        <AgeAssessmentForm caseId={detail.id} onDone={close} />
      </FormDialog>
      <FormDialog opened={dialog === 'views'} onClose={close} title={t('views.record')}>
        <ViewsForm caseId={detail.id} onDone={close} />
      </FormDialog>
      <FormDialog opened={dialog === 'bestInterests'} onClose={close} title={t('bestInterests.record')}>
        <BestInterestsForm caseId={detail.id} onDone={close} />
      </FormDialog>
    </Stack>
  );
}

function Section({
  title,
  action,
  children,
}: {
  title: string;
  action: { label: string; onClick: () => void } | null;
  children: ReactNode;
}) {
  return (
    <Stack gap="sm" component="section" aria-label={title}>
      <Group justify="space-between" align="center">
        <Title order={3} size="h4">
          {title}
        </Title>
        {action && (
          <Button size="sm" variant="default" onClick={action.onClick}>
            {action.label}
          </Button>
        )}
      </Group>
      {children}
    </Stack>
  );
}

function Entry({ heading, badge, lines }: { heading: string; badge?: string | null; lines: string[] }) {
  return (
    <Paper withBorder p="sm">
      <Group gap="sm">
        <Text fw={600}>{heading}</Text>
        {badge && (
          <Badge color="dark.7" c="white" variant="filled" tt="none">
            {badge}
          </Badge>
        )}
      </Group>
      {lines.map((line, index) => (
        <Text key={index} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {line}
        </Text>
      ))}
    </Paper>
  );
}

// Each pair was checked for at least 4.5:1 contrast; the label, not the colour, carries the meaning.
const STATUS_COLOURS: Record<BestInterests['status'], { bg: string; fg: string }> = {
  recorded: { bg: 'gray.7', fg: 'white' },
  pendingApproval: { bg: 'orange.4', fg: 'black' },
  approved: { bg: 'teal.9', fg: 'white' },
  rejected: { bg: 'red.9', fg: 'white' },
  revoked: { bg: 'gray.7', fg: 'white' },
};

function BestInterestsEntry({
  caseId,
  entry,
  mayDecide,
}: {
  caseId: string;
  entry: BestInterests;
  mayDecide: boolean;
}) {
  const { t } = useTranslation(['children', 'common']);
  const day = useDay();
  const [deciding, setDeciding] = useState<BestInterestsDecision | null>(null);
  const decisions: BestInterestsDecision[] =
    entry.status === 'pendingApproval' ? ['approve', 'reject'] : entry.status === 'approved' ? ['revoke'] : [];
  return (
    <Paper withBorder p="sm">
      <Group gap="sm" justify="space-between">
        <Group gap="sm">
          <Text fw={600}>{t(`bestInterests.kinds.${entry.kind}`)}</Text>
          <Badge color={STATUS_COLOURS[entry.status].bg} c={STATUS_COLOURS[entry.status].fg} variant="filled" tt="none">
            {t(`bestInterests.statuses.${entry.status}`)}
          </Badge>
        </Group>
        {mayDecide && decisions.length > 0 && (
          <Group gap="xs">
            {decisions.map((decision) => (
              <Button
                key={decision}
                size="xs"
                variant={decision === 'approve' ? 'filled' : 'default'}
                onClick={() => setDeciding(decision)}
              >
                {t(`bestInterests.decisions.${decision}`)}
              </Button>
            ))}
          </Group>
        )}
      </Group>
      <Text size="sm">
        {t('bestInterests.completedOn')}: {day(entry.completedOn)}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {entry.summary}
      </Text>
      <Text size="xs" c="dimmed">
        {t('recordedBy', { name: entry.recordedBy.displayName })}
      </Text>
      {entry.decision && (
        <Text size="xs" c="dimmed">
          {t('bestInterests.decisionBy', {
            decision: t(`bestInterests.decisions.${entry.decision.decision}`),
            name: entry.decision.by.displayName,
            date: day(entry.decision.at.slice(0, 10)),
          })}
          {' — '}
          {entry.decision.reason}
        </Text>
      )}
      <FormDialog opened={deciding !== null} onClose={() => setDeciding(null)} title={t('bestInterests.decideTitle')}>
        {deciding && (
          <DecisionForm caseId={caseId} recordId={entry.id} decision={deciding} onDone={() => setDeciding(null)} />
        )}
      </FormDialog>
    </Paper>
  );
}

/** One small form: values checked with the contract's schema while typed, sent once valid, the server's field errors shown. */
function useChildForm<Values extends Record<string, unknown>, S extends z.ZodType>(
  initial: Values,
  schema: S,
  toRequest: (values: Values) => unknown,
  mutation: UseMutationResult<unknown, Error, z.output<S>>,
  saved: string,
  onDone: () => void,
) {
  const { t: tc } = useTranslation();
  const form = useLiveForm<Values>(initial, (values) => {
    const result = validateWithSchema(schema, toRequest(values), tc);
    return result.ok ? {} : result.errors;
  });
  const order = Object.keys(initial);
  const submit = form.onSubmit(
    (values) => {
      const result = validateWithSchema(schema, toRequest(values), tc);
      if (!result.ok) return;
      mutation.mutate(result.data, {
        onSuccess: () => {
          notifySaved(saved);
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tc);
          form.setErrors(errors);
          focusFirstError(form, errors, order);
        },
      });
    },
    (errors) => focusFirstError(form, errors, order),
  );
  return { form, submit, order };
}

function FormButtons({ onDone, pending, label }: { onDone: () => void; pending: boolean; label?: string }) {
  const { t } = useTranslation(['children', 'common']);
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onDone}>
        {t('common:app.cancel')}
      </Button>
      <Button type="submit" loading={pending}>
        {label ?? t('save')}
      </Button>
    </Group>
  );
}

function GuardianForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('children');
  const mutation = useAppointGuardian(caseId);
  const { form, submit, order } = useChildForm(
    { name: '', organisation: '', appointedOn: todayIso() },
    appointGuardianRequestSchema,
    (values) => values,
    mutation,
    t('guardian.saved'),
    onDone,
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={mutation.error} fields={order} />
        <TextInput label={t('guardian.name')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('guardian.organisation')} required {...form.getInputProps('organisation')} />
        <TextInput
          type="date"
          label={t('guardian.appointedOn')}
          max={todayIso()}
          required
          {...form.getInputProps('appointedOn')}
        />
        <FormButtons onDone={onDone} pending={mutation.isPending} />
      </Stack>
    </form>
  );
}

function AgeAssessmentForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation(['children', 'common']);
  const mutation = useRecordAgeAssessment(caseId);
  const { form, submit, order } = useChildForm(
    {
      assessedOn: todayIso(),
      method: null as string | null,
      assessedAge: '' as number | string,
      assessedBy: '',
      disputed: false,
    },
    recordAgeAssessmentRequestSchema,
    (values) => ({
      ...values,
      method: values.method ?? undefined,
      assessedAge: values.assessedAge === '' ? undefined : Number(values.assessedAge),
    }),
    mutation,
    t('age.saved'),
    onDone,
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={mutation.error} fields={order} />
        <TextInput
          type="date"
          label={t('age.assessedOn')}
          max={todayIso()}
          required
          data-autofocus
          {...form.getInputProps('assessedOn')}
        />
        <Select
          label={t('age.method')}
          placeholder={t('common:app.choose')}
          data={AGE_ASSESSMENT_METHODS.map((method) => ({ value: method, label: t(`age.methods.${method}`) }))}
          required
          allowDeselect={false}
          {...form.getInputProps('method')}
        />
        <NumberInput
          label={t('age.assessedAge')}
          min={0}
          max={120}
          allowDecimal={false}
          required
          {...form.getInputProps('assessedAge')}
        />
        <TextInput label={t('age.assessedBy')} required {...form.getInputProps('assessedBy')} />
        <Checkbox label={t('age.disputed')} {...form.getInputProps('disputed', { type: 'checkbox' })} />
        <FormButtons onDone={onDone} pending={mutation.isPending} />
      </Stack>
    </form>
  );
}

function ViewsForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('children');
  const mutation = useRecordViews(caseId);
  const { form, submit, order } = useChildForm(
    { expressedOn: todayIso(), views: '' },
    recordChildViewsRequestSchema,
    (values) => values,
    mutation,
    t('views.saved'),
    onDone,
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={mutation.error} fields={order} />
        <TextInput
          type="date"
          label={t('views.expressedOn')}
          max={todayIso()}
          required
          {...form.getInputProps('expressedOn')}
        />
        <Textarea
          label={t('views.views')}
          autosize
          minRows={4}
          required
          data-autofocus
          {...form.getInputProps('views')}
        />
        <FormButtons onDone={onDone} pending={mutation.isPending} />
      </Stack>
    </form>
  );
}

function BestInterestsForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('children');
  const mutation = useRecordBestInterests(caseId);
  const { form, submit, order } = useChildForm(
    { kind: null as string | null, completedOn: todayIso(), summary: '' },
    recordBestInterestsRequestSchema,
    (values) => ({ ...values, kind: values.kind ?? undefined }),
    mutation,
    t('bestInterests.saved'),
    onDone,
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={mutation.error} fields={order} />
        <Radio.Group label={t('bestInterests.kind')} required {...form.getInputProps('kind')}>
          <Stack gap="xs" mt="xs">
            {BEST_INTERESTS_KINDS.map((kind) => (
              <Radio key={kind} value={kind} label={t(`bestInterests.kinds.${kind}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <TextInput
          type="date"
          label={t('bestInterests.completedOn')}
          max={todayIso()}
          required
          {...form.getInputProps('completedOn')}
        />
        <Textarea label={t('bestInterests.summary')} autosize minRows={4} required {...form.getInputProps('summary')} />
        <FormButtons onDone={onDone} pending={mutation.isPending} />
      </Stack>
    </form>
  );
}

function DecisionForm({
  caseId,
  recordId,
  decision,
  onDone,
}: {
  caseId: string;
  recordId: string;
  decision: BestInterestsDecision;
  onDone: () => void;
}) {
  const { t } = useTranslation('children');
  const mutation = useDecideBestInterests(caseId, recordId);
  const { form, submit, order } = useChildForm(
    { reason: '' },
    decideBestInterestsRequestSchema,
    (values) => ({ decision, reason: values.reason }),
    mutation,
    t('bestInterests.decided'),
    onDone,
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={mutation.error} fields={order} />
        <Textarea
          label={t('bestInterests.reason')}
          autosize
          minRows={3}
          required
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <FormButtons onDone={onDone} pending={mutation.isPending} label={t(`bestInterests.decisions.${decision}`)} />
      </Stack>
    </form>
  );
}
