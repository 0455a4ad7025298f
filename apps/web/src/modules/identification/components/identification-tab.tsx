import {
  INDICATOR_ANSWERS,
  INDICATOR_DIMENSIONS,
  LANGUAGE_CODES,
  PROPOSED_STATUS,
  STATUS_DECISION_BODIES,
  TRAFFICKING_INDICATORS,
  TRAFFICKING_INDICATOR_CODES,
  TRAFFICKING_STATUSES,
  proposeScreeningOutcome,
  recordScreeningRequestSchema,
  recordStatusDecisionRequestSchema,
  type CaseDetail,
  type IndicatorAnswer,
  type IndicatorAnswers,
  type Screening,
  type StatusDecision,
  type TraffickingIndicator,
} from '@haven/contracts';
import {
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import {
  blankToUndefined,
  serverFieldErrors,
  todayIso,
  validateWithSchema,
} from '../../../app/forms/schema-validation';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { formatDate } from '../../../app/text/format';
import { useCasePermissions } from '../../cases';
import { useIdentification, useRecordDecision, useRecordScreening } from '../hooks/use-identification';

type Form = { kind: 'screening' } | { kind: 'decision'; from?: Screening } | null;

/** Screenings for indicators of trafficking, what they propose, and the decisions that set the case's status. */
export function IdentificationTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(['identification', 'common']);
  const permissions = useCasePermissions(detail);
  const identification = useIdentification(detail.id);
  const [form, setForm] = useState<Form>(null);

  if (identification.isPending) return <SectionLoader rows={4} />;
  if (identification.isError)
    return <SectionError message={t('error')} onRetry={() => void identification.refetch()} />;
  const { status, statusDecidedBy, screenings, decisions } = identification.data;
  const close = () => setForm(null);
  return (
    <Stack gap="lg" maw={1000}>
      <Paper withBorder p="md" component="section" aria-labelledby="identification-status">
        <Title order={2} size="h4" id="identification-status">
          {t('status')}
        </Title>
        {status ? (
          <Text>
            {t(`common:enums.traffickingStatus.${status}`)}
            {statusDecidedBy && ` · ${t('statusDecidedBy')}: ${t(`common:enums.decisionBody.${statusDecidedBy}`)}`}
          </Text>
        ) : (
          <Text c="dimmed">{t('noStatus')}</Text>
        )}
      </Paper>

      {permissions.mayEdit && form === null && (
        <Group>
          <Button onClick={() => setForm({ kind: 'screening' })}>{t('newScreening')}</Button>
          <Button variant="light" onClick={() => setForm({ kind: 'decision' })}>
            {t('newDecision')}
          </Button>
        </Group>
      )}
      {form?.kind === 'screening' && <ScreeningForm caseId={detail.id} onDone={close} />}
      {form?.kind === 'decision' && <DecisionForm caseId={detail.id} from={form.from} onDone={close} />}

      <Stack gap="sm" component="section" aria-labelledby="identification-screenings">
        <Title order={2} size="h4" id="identification-screenings">
          {t('screenings')}
        </Title>
        {screenings.length === 0 ? (
          <EmptyState title={t('noScreenings')} />
        ) : (
          screenings.map((screening) => (
            <Paper key={screening.id} withBorder p="sm" component="article">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>{formatDate(screening.screenedOn, i18n.language)}</Text>
                <Badge color={screening.proposal === 'presumedVictim' ? 'red.9' : 'gray.7'} c="white" tt="none">
                  {t(`proposals.${screening.proposal}`)}
                </Badge>
              </Group>
              <Text size="sm">
                {t('screenedBy')}: {screening.screenedBy.displayName} · {t('language')}:{' '}
                {languageName(screening.language, i18n.language)}
                {screening.interpreterName && ` · ${t('interpreterName')}: ${screening.interpreterName}`}
              </Text>
              {screening.positiveDimensions.length > 0 && (
                <Text size="sm">
                  {t('positiveDimensions')}:{' '}
                  {screening.positiveDimensions.map((dimension) => t(`dimensions.${dimension}`)).join(' · ')}
                </Text>
              )}
              {permissions.mayEdit && form === null && (
                <Button
                  size="xs"
                  variant="subtle"
                  mt="xs"
                  onClick={() => setForm({ kind: 'decision', from: screening })}
                >
                  {t('useProposal')}
                </Button>
              )}
            </Paper>
          ))
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="identification-decisions">
        <Title order={2} size="h4" id="identification-decisions">
          {t('decisions')}
        </Title>
        {decisions.length === 0 ? (
          <EmptyState title={t('noDecisions')} />
        ) : (
          decisions.map((decision) => <DecisionLine key={decision.id} decision={decision} screenings={screenings} />)
        )}
      </Stack>
    </Stack>
  );
}

function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function DecisionLine({ decision, screenings }: { decision: StatusDecision; screenings: Screening[] }) {
  const { t, i18n } = useTranslation(['identification', 'common']);
  const screening = screenings.find((candidate) => candidate.id === decision.screeningId);
  return (
    <Paper withBorder p="sm" component="article">
      <Group justify="space-between" wrap="wrap">
        <Text fw={600}>{t(`common:enums.traffickingStatus.${decision.status}`)}</Text>
        <Text size="sm">{formatDate(decision.decidedOn, i18n.language)}</Text>
      </Group>
      <Text size="sm">
        {t('decidedBy')}: {t(`common:enums.decisionBody.${decision.decidedBy}`)} ·{' '}
        {t('recordedBy', { name: decision.recordedBy.displayName })}
      </Text>
      {screening && (
        <Text size="sm">{t('followsScreening', { date: formatDate(screening.screenedOn, i18n.language) })}</Text>
      )}
      {decision.carriedFrom && <Text size="sm">{t('carriedFrom', { organisation: decision.carriedFrom.name })}</Text>}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {t('reason')}:{' '}
        {decision.reason ??
          (decision.carriedFrom
            ? t('reasonWithSender', { organisation: decision.carriedFrom.name })
            : t('reasonErased'))}
      </Text>
    </Paper>
  );
}

function ScreeningForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation(['identification', 'common']);
  const { t: tApp } = useTranslation();
  const record = useRecordScreening(caseId);
  const [screenedOn, setScreenedOn] = useState(todayIso());
  const [language, setLanguage] = useState<string | null>(null);
  const [interpreterUsed, setInterpreterUsed] = useState(false);
  const [interpreterName, setInterpreterName] = useState('');
  const [answers, setAnswers] = useState<IndicatorAnswers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { proposal } = proposeScreeningOutcome(answers);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const request = {
      screenedOn,
      language: language ?? undefined,
      interpreterUsed,
      interpreterName: interpreterUsed ? blankToUndefined(interpreterName) : undefined,
      answers,
    };
    const checked = validateWithSchema(recordScreeningRequestSchema, request, tApp);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    record.mutate(checked.data, {
      onSuccess: () => {
        notifySaved(t('screeningSaved'));
        onDone();
      },
      onError: (error) => setErrors(serverFieldErrors(error, tApp)),
    });
  };

  return (
    <Paper withBorder p="md">
      <form aria-label={t('newScreening')} onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('newScreening')}
          </Title>
          <Text size="sm">{t('screeningIntro')}</Text>
          <FormProblem error={record.error} fields={['screenedOn', 'language', 'interpreterName', 'answers']} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              label={t('screenedOn')}
              max={todayIso()}
              value={screenedOn}
              onChange={(event) => setScreenedOn(event.currentTarget.value)}
              error={errors.screenedOn}
              required
            />
            <Select
              label={t('language')}
              data={LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code, i18n.language) }))}
              value={language}
              onChange={setLanguage}
              searchable
              error={errors.language}
              required
            />
            <Stack gap={4}>
              <Checkbox
                label={t('interpreterUsed')}
                checked={interpreterUsed}
                onChange={(event) => setInterpreterUsed(event.currentTarget.checked)}
              />
              {interpreterUsed && (
                <TextInput
                  label={t('interpreterName')}
                  value={interpreterName}
                  onChange={(event) => setInterpreterName(event.currentTarget.value)}
                  error={errors.interpreterName}
                />
              )}
            </Stack>
          </SimpleGrid>
          {INDICATOR_DIMENSIONS.map((dimension) => (
            <Fieldset key={dimension} legend={t(`dimensions.${dimension}`)}>
              <Stack gap="xs">
                {TRAFFICKING_INDICATOR_CODES.filter((code) => TRAFFICKING_INDICATORS[code].dimension === dimension).map(
                  (code: TraffickingIndicator) => (
                    <Radio.Group
                      key={code}
                      label={t(`indicators.${code}`)}
                      description={t(`strengths.${TRAFFICKING_INDICATORS[code].strength}`)}
                      value={answers[code] ?? ''}
                      onChange={(value) =>
                        setAnswers((previous) => ({ ...previous, [code]: value as IndicatorAnswer }))
                      }
                      error={errors[`answers.${code}`]}
                    >
                      <Group gap="md" mt={4}>
                        {INDICATOR_ANSWERS.map((answer) => (
                          <Radio key={answer} value={answer} label={t(`answers.${answer}`)} />
                        ))}
                      </Group>
                    </Radio.Group>
                  ),
                )}
              </Stack>
            </Fieldset>
          ))}
          <Text size="sm" c="dimmed">
            {t('rule')}
          </Text>
          <Text fw={600} role="status">
            {t('proposalNow', { proposal: t(`proposals.${proposal}`) })}
          </Text>
          <Group>
            <Button type="submit" loading={record.isPending}>
              {t('saveScreening')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function DecisionForm({ caseId, from, onDone }: { caseId: string; from?: Screening; onDone: () => void }) {
  const { t } = useTranslation(['identification', 'common']);
  const { t: tApp } = useTranslation();
  const record = useRecordDecision(caseId);
  const [status, setStatus] = useState<string | null>(from ? PROPOSED_STATUS[from.proposal] : null);
  const [decidedBy, setDecidedBy] = useState<string | null>(null);
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const request = {
      status: status ?? undefined,
      decidedBy: decidedBy ?? undefined,
      decidedOn,
      reason,
      screeningId: from?.id,
    };
    const checked = validateWithSchema(recordStatusDecisionRequestSchema, request, tApp);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    record.mutate(checked.data, {
      onSuccess: () => {
        notifySaved(t('decisionSaved'));
        onDone();
      },
      onError: (error) => setErrors(serverFieldErrors(error, tApp)),
    });
  };

  return (
    <Paper withBorder p="md">
      <form aria-label={t('newDecision')} onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('newDecision')}
          </Title>
          <Text size="sm">{t('decisionIntro')}</Text>
          <FormProblem error={record.error} fields={['status', 'decidedBy', 'decidedOn', 'reason', 'screeningId']} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('status')}
              data={TRAFFICKING_STATUSES.map((code) => ({
                value: code,
                label: t(`common:enums.traffickingStatus.${code}`),
              }))}
              value={status}
              onChange={setStatus}
              error={errors.status}
              required
            />
            <Select
              label={t('decidedBy')}
              data={STATUS_DECISION_BODIES.map((code) => ({
                value: code,
                label: t(`common:enums.decisionBody.${code}`),
              }))}
              value={decidedBy}
              onChange={setDecidedBy}
              error={errors.decidedBy}
              required
            />
            <TextInput
              type="date"
              label={t('decidedOn')}
              max={todayIso()}
              value={decidedOn}
              onChange={(event) => setDecidedOn(event.currentTarget.value)}
              error={errors.decidedOn}
              required
            />
          </SimpleGrid>
          <Textarea
            label={t('reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.reason}
            autosize
            minRows={2}
            required
          />
          <Group>
            <Button type="submit" loading={record.isPending}>
              {t('saveDecision')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
