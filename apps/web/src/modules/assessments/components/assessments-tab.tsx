import {
  ASSESSMENT_TYPES,
  NEED_AREAS,
  NEED_LEVELS,
  PROTECTION_OUTCOMES,
  RISK_LEVELS,
  type Assessment,
  type AssessmentType,
  type CaseDetail,
} from '@haven/contracts';
import {
  Badge,
  Button,
  Group,
  Input,
  NativeSelect,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { RiskBadge } from '../../cases';
import { Facts } from '../../../app/layout/facts';
import { useCasePermissions } from '../../cases';
import { AttachDocumentButton } from '../../documents';
import { formatDateTime } from '../../../app/text/format';
import { useAssessments, useRecordAssessment } from '../hooks/use-assessments';
import {
  ASSESSMENT_FORM_FIELDS,
  ASSESSMENT_LAYOUT,
  emptyAssessmentForm,
  validateAssessmentForm,
  type AssessmentFormValues,
} from '../utils/assessment-form';

type Filter = AssessmentType | 'all';

/** Risk, needs and protection assessments over time: each new one is added, earlier ones stay as history. */
export function AssessmentsTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['assessments', 'cases', 'common']);
  const permissions = useCasePermissions(detail);
  const [filter, setFilter] = useState<Filter>('all');
  const [recording, setRecording] = useState(false);
  const assessments = useAssessments(detail.id, filter === 'all' ? undefined : filter);
  const items = assessments.data?.items ?? [];
  // The form opens on what is still missing first, so intake is completed in the usual order.
  const firstType: AssessmentType =
    filter !== 'all'
      ? filter
      : detail.missing.includes('assessment.risk')
        ? 'risk'
        : detail.missing.includes('assessment.needs')
          ? 'needs'
          : 'risk';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        {permissions.mayEdit && <Button onClick={() => setRecording(true)}>{t('record')}</Button>}
      </Group>
      <SegmentedControl
        aria-label={t('filter')}
        value={filter}
        onChange={(value) => setFilter(value as Filter)}
        data={[
          { value: 'all', label: t('all') },
          ...ASSESSMENT_TYPES.map((type) => ({ value: type, label: t(`common:enums.assessmentType.${type}`) })),
        ]}
        w={{ base: '100%', sm: 'auto' }}
        style={{ alignSelf: 'flex-start' }}
      />

      {assessments.isPending && <SectionLoader />}
      {assessments.isError && <SectionError message={t('error')} onRetry={() => void assessments.refetch()} />}
      {assessments.data && items.length === 0 && (
        <EmptyState title={filter === 'all' ? t('empty') : t('emptyOfType')} hint={t('emptyHint')} />
      )}
      {items.length > 0 && (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((assessment) => (
            <li key={assessment.id}>
              <AssessmentCard
                assessment={assessment}
                caseId={detail.id}
                mayAttach={permissions.mayEdit}
                mayAddIdentityDocuments={permissions.mayReadIdentity}
              />
            </li>
          ))}
        </Stack>
      )}

      <FormDialog opened={recording} onClose={() => setRecording(false)} title={t('record')} size="xl">
        <RecordAssessmentForm caseId={detail.id} initialType={firstType} onDone={() => setRecording(false)} />
      </FormDialog>
    </Stack>
  );
}

function AssessmentCard({
  assessment,
  caseId,
  mayAttach,
  mayAddIdentityDocuments,
}: {
  assessment: Assessment;
  caseId: string;
  mayAttach: boolean;
  mayAddIdentityDocuments: boolean;
}) {
  const { t, i18n } = useTranslation(['assessments', 'cases', 'common']);
  const yesNo = (value: boolean | undefined) =>
    value === undefined ? '—' : value ? t('common:app.yes') : t('common:app.no');
  // Highest needs first: that is what the plan has to answer.
  const order = [...NEED_LEVELS].reverse();
  const needs = [...(assessment.needs ?? [])].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`assessment-${assessment.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" wrap="wrap">
          <Title order={3} size="h5" id={`assessment-${assessment.id}`}>
            {t(`common:enums.assessmentType.${assessment.type}`)}
          </Title>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('byOn', {
                name: assessment.assessedBy.displayName,
                date: formatDateTime(assessment.assessedAt, i18n.language),
              })}
            </Text>
            {mayAttach && (
              <AttachDocumentButton
                caseId={caseId}
                recordType="assessment"
                recordId={assessment.id}
                mayAddIdentityDocuments={mayAddIdentityDocuments}
              />
            )}
          </Group>
        </Group>
        {assessment.type === 'risk' && assessment.riskLevel && (
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('cases:detail.risk')}
            </Text>
            <RiskBadge risk={assessment.riskLevel} />
          </Group>
        )}
        {assessment.type === 'needs' && (
          <Group gap="xs" wrap="wrap">
            {needs.map((need) => (
              <Badge
                key={need.area}
                variant="light"
                color={need.level === 'high' ? 'red' : 'gray'}
                c={need.level === 'high' ? 'red.9' : 'gray.9'}
                tt="none"
              >
                {t('needLevel', {
                  area: t(`common:enums.needArea.${need.area}`),
                  level: t(`common:enums.needLevel.${need.level}`),
                })}
              </Badge>
            ))}
          </Group>
        )}
        {assessment.type === 'protection' && (
          <Facts
            items={[
              { label: t('fearOfReturn'), value: yesNo(assessment.fearOfReturn) },
              { label: t('asylumIntention'), value: yesNo(assessment.asylumIntention) },
              {
                label: t('outcome'),
                value: assessment.outcome ? t(`common:enums.protectionOutcome.${assessment.outcome}`) : '—',
              },
            ]}
          />
        )}
        {assessment.notes && (
          <Text size="sm" className="free-text">
            {assessment.notes}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function RecordAssessmentForm({
  caseId,
  initialType,
  onDone,
}: {
  caseId: string;
  initialType: AssessmentType;
  onDone: () => void;
}) {
  const { t } = useTranslation(['assessments', 'cases', 'common']);
  const { t: tc } = useTranslation();
  const record = useRecordAssessment(caseId);
  const form = useLiveForm<AssessmentFormValues>(emptyAssessmentForm(initialType), (values) => {
    const result = validateAssessmentForm(values, tc);
    return result.ok ? {} : result.errors;
  });
  const type = form.values.type;
  // The needs are one answer made of several selects: the wrapper is their named group, and it carries the
  // group's hint and its error (e.g. no area rated), which belong to no single select.
  const needsId = useId();
  const yesNoOptions = [
    { value: 'yes', label: t('common:app.yes') },
    { value: 'no', label: t('common:app.no') },
  ];

  const submit = form.onSubmit(
    (values) => {
      const result = validateAssessmentForm(values, tc);
      if (!result.ok) return;
      record.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('recorded'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tc, ASSESSMENT_LAYOUT);
          form.setErrors(errors);
          focusFirstError(form, errors, ASSESSMENT_FORM_FIELDS);
        },
      });
    },
    (errors) => focusFirstError(form, errors, ASSESSMENT_FORM_FIELDS),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={record.error} fields={ASSESSMENT_FORM_FIELDS} />
        <Radio.Group
          label={t('type')}
          required
          {...form.getInputProps('type')}
          onChange={(value) => {
            form.setFieldValue('type', value as AssessmentType);
            form.clearErrors();
          }}
        >
          <Group gap="lg" mt="xs">
            {ASSESSMENT_TYPES.map((value) => (
              <Radio key={value} value={value} label={t(`common:enums.assessmentType.${value}`)} />
            ))}
          </Group>
        </Radio.Group>

        {type === 'risk' && (
          <Radio.Group
            label={t('cases:register.riskLevel')}
            description={t('riskHint')}
            required
            {...form.getInputProps('riskLevel')}
          >
            <Group gap="lg" mt="xs">
              {RISK_LEVELS.map((risk) => (
                <Radio key={risk} value={risk} label={t(`common:enums.risk.${risk}`)} />
              ))}
            </Group>
          </Radio.Group>
        )}

        {type === 'needs' && (
          <Input.Wrapper
            id={needsId}
            labelElement="div"
            role="group"
            aria-labelledby={`${needsId}-label`}
            aria-describedby={`${form.errors.needs ? `${needsId}-error ` : ''}${needsId}-description`}
            label={t('needs')}
            description={t('needsHint')}
            error={form.errors.needs}
            required
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
              {NEED_AREAS.map((area) => (
                <NativeSelect
                  key={area}
                  label={t(`common:enums.needArea.${area}`)}
                  data={[
                    { value: '', label: t('notAssessed') },
                    ...NEED_LEVELS.map((level) => ({ value: level, label: t(`common:enums.needLevel.${level}`) })),
                  ]}
                  {...form.getInputProps(`needs.${area}`)}
                  onChange={(event) => {
                    form.setFieldValue(
                      `needs.${area}`,
                      event.currentTarget.value as AssessmentFormValues['needs'][typeof area],
                    );
                    form.validateField('needs');
                  }}
                />
              ))}
            </SimpleGrid>
          </Input.Wrapper>
        )}

        {type === 'protection' && (
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('protectionHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Radio.Group label={t('fearOfReturn')} required {...form.getInputProps('fearOfReturn')}>
                <Group gap="lg" mt="xs">
                  {yesNoOptions.map((option) => (
                    <Radio key={option.value} value={option.value} label={option.label} />
                  ))}
                </Group>
              </Radio.Group>
              <Radio.Group label={t('asylumIntention')} required {...form.getInputProps('asylumIntention')}>
                <Group gap="lg" mt="xs">
                  {yesNoOptions.map((option) => (
                    <Radio key={option.value} value={option.value} label={option.label} />
                  ))}
                </Group>
              </Radio.Group>
            </SimpleGrid>
            <Select
              label={t('outcome')}
              placeholder={t('common:app.choose')}
              data={PROTECTION_OUTCOMES.map((outcome) => ({
                value: outcome,
                label: t(`common:enums.protectionOutcome.${outcome}`),
              }))}
              required
              allowDeselect={false}
              {...form.getInputProps('outcome')}
            />
          </Stack>
        )}

        <Textarea
          label={t('notes')}
          description={t('notesHint')}
          autosize
          minRows={3}
          maxRows={12}
          {...form.getInputProps('notes')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common:app.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
