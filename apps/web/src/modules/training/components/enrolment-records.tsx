import { recordOf } from '@haven/access';
import {
  ATTENDANCE_STATUSES,
  TRAINING_OUTCOMES,
  addFollowUpRequestSchema,
  recordAttendanceRequestSchema,
  type Enrolment,
} from '@haven/contracts';
import { Button, Group, List, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, todayIso, validateWithSchema } from '../../../app/forms/schema-validation';
import { useLiveForm } from '../../../app/forms/use-live-form';
import { featureMessages, translateFeatureMessages } from '../../../app/i18n/module-messages';
import { formatDate } from '../../../app/text/format';
import { UserText } from '../../../app/text/user-text';
import { useAppAbility } from '../../auth';
import { useAddFollowUp, useRecordAttendance } from '../hooks/use-training';

/** Six months after the completion (or today when that is still ahead): the follow-up the web suggests. */
export function suggestedFollowUpDate(completedAt: string | null, today = todayIso()): string {
  if (!completedAt) return today;
  const day = new Date(`${completedAt.slice(0, 10)}T12:00:00Z`);
  day.setUTCMonth(day.getUTCMonth() + 6);
  const suggested = day.toISOString().slice(0, 10);
  return suggested > today ? today : suggested;
}

/**
 * An enrolment's dated sessions and its follow-ups after training, on the case's training tab.
 * Sessions are recorded by the programme's own organisation or its provider (the access policy's
 * `update` on the programme); follow-ups by the programme's own organisation (`manage`).
 */
export function EnrolmentRecords({ enrolment, organisationId }: { enrolment: Enrolment; organisationId: string }) {
  const { t, i18n } = useTranslation('training');
  const ability = useAppAbility();
  const [recording, setRecording] = useState(false);
  const [following, setFollowing] = useState(false);
  // A programme a case is enrolled in belongs to the case's organisation (enrolment checks it).
  const subject = recordOf('TrainingProgramme', {
    ownerOrganisationId: organisationId,
    providerOrganisationId: enrolment.programme.providerOrganisation.id,
  });
  const manages = ability.can('manage', subject);
  const mayRecord = manages || ability.can('update', subject);
  const ended = enrolment.status === 'completed' || enrolment.status === 'droppedOut';
  const language = i18n.language;
  if (enrolment.status === 'waitingList') return null;

  return (
    <Stack gap="xs" data-testid="enrolment-records">
      <Title order={3} size="h5">
        <UserText>{enrolment.programme.trade}</UserText>
      </Title>
      <Group justify="space-between" align="center">
        <Text fw={600} size="sm">
          {t('records.attendance')}
        </Text>
        {mayRecord && (
          <Button size="xs" variant="light" onClick={() => setRecording(true)}>
            {t('records.recordAttendance')}
          </Button>
        )}
      </Group>
      {enrolment.attendance.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('records.noAttendance')}
        </Text>
      ) : (
        <List size="sm" aria-label={t('records.attendance')}>
          {enrolment.attendance.map((session) => (
            <List.Item key={session.date}>
              {formatDate(session.date, language)} — {t(`attendanceStatus.${session.status}`)}
            </List.Item>
          ))}
        </List>
      )}
      <Group justify="space-between" align="center">
        <Text fw={600} size="sm">
          {t('records.followUps')}
        </Text>
        {manages && ended && (
          <Button size="xs" variant="light" onClick={() => setFollowing(true)}>
            {t('records.addFollowUp')}
          </Button>
        )}
      </Group>
      {enrolment.followUps.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('records.noFollowUps')}
        </Text>
      ) : (
        <List size="sm" aria-label={t('records.followUps')}>
          {enrolment.followUps.map((followUp) => (
            <List.Item key={followUp.id}>
              {formatDate(followUp.followedUpOn, language)} — {t(`outcome.${followUp.outcome}`)}
              {followUp.note && (
                <Text size="xs" c="gray.7">
                  <UserText>{followUp.note}</UserText>
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
      <FormDialog opened={recording} onClose={() => setRecording(false)} title={t('records.recordAttendance')}>
        <AttendanceForm enrolment={enrolment} onDone={() => setRecording(false)} />
      </FormDialog>
      <FormDialog opened={following} onClose={() => setFollowing(false)} title={t('records.addFollowUp')}>
        <FollowUpForm enrolment={enrolment} onDone={() => setFollowing(false)} />
      </FormDialog>
    </Stack>
  );
}

function AttendanceForm({ enrolment, onDone }: { enrolment: Enrolment; onDone: () => void }) {
  const { t } = useTranslation('training');
  const { t: tApp } = useTranslation();
  const record = useRecordAttendance(enrolment.programme.id, enrolment.caseId);
  const form = useLiveForm<{ date: string; status: string | null }>({ date: todayIso(), status: null }, () => ({}));
  const fields = ['date', 'status'];

  const submit = form.onSubmit((values) => {
    const result = validateWithSchema(
      recordAttendanceRequestSchema,
      { date: values.date, status: values.status ?? undefined },
      tApp,
      { choiceFields: ['status'], ownMessages: true },
    );
    if (!result.ok) {
      form.setErrors(translateFeatureMessages(result.errors, featureMessages(t)));
      return;
    }
    record.mutate(
      { enrolmentId: enrolment.id, request: result.data },
      {
        onSuccess: () => {
          notifySaved(t('records.attendanceSaved'));
          onDone();
        },
        onError: (error) =>
          form.setErrors(
            translateFeatureMessages(serverFieldErrors(error, tApp, { choiceFields: ['status'] }), featureMessages(t)),
          ),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={record.error} fields={fields} />
        <TextInput
          type="date"
          label={t('records.date')}
          description={t('records.sameDateHint')}
          required
          data-autofocus
          {...form.getInputProps('date')}
        />
        <Select
          label={t('records.status')}
          placeholder={tApp('app.choose')}
          data={ATTENDANCE_STATUSES.map((status) => ({ value: status, label: t(`attendanceStatus.${status}`) }))}
          required
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('records.saveAttendance')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FollowUpForm({ enrolment, onDone }: { enrolment: Enrolment; onDone: () => void }) {
  const { t } = useTranslation('training');
  const { t: tApp } = useTranslation();
  const add = useAddFollowUp(enrolment.programme.id, enrolment.caseId);
  const form = useLiveForm<{ followedUpOn: string; outcome: string | null; note: string }>(
    { followedUpOn: suggestedFollowUpDate(enrolment.completedAt), outcome: null, note: '' },
    () => ({}),
  );
  const fields = ['followedUpOn', 'outcome', 'note'];

  const submit = form.onSubmit((values) => {
    const result = validateWithSchema(
      addFollowUpRequestSchema,
      {
        followedUpOn: values.followedUpOn,
        outcome: values.outcome ?? undefined,
        note: values.note.trim() === '' ? undefined : values.note,
      },
      tApp,
      { choiceFields: ['outcome'], ownMessages: true },
    );
    if (!result.ok) {
      form.setErrors(translateFeatureMessages(result.errors, featureMessages(t)));
      return;
    }
    add.mutate(
      { enrolmentId: enrolment.id, request: result.data },
      {
        onSuccess: () => {
          notifySaved(t('records.followUpSaved'));
          onDone();
        },
        onError: (error) =>
          form.setErrors(
            translateFeatureMessages(serverFieldErrors(error, tApp, { choiceFields: ['outcome'] }), featureMessages(t)),
          ),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={add.error} fields={fields} />
        <TextInput
          type="date"
          label={t('records.followedUpOn')}
          description={t('records.followedUpOnHint')}
          required
          data-autofocus
          {...form.getInputProps('followedUpOn')}
        />
        <Select
          label={t('enrolment.outcomeLabel')}
          placeholder={tApp('app.choose')}
          data={TRAINING_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`outcome.${outcome}`) }))}
          required
          allowDeselect={false}
          {...form.getInputProps('outcome')}
        />
        <Textarea label={t('records.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('records.saveFollowUp')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
