import { enrolRequestSchema, type CaseDetail } from '@haven/contracts';
import { Alert, Button, Group, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, todayIso, validateWithSchema } from '../../../app/forms/schema-validation';
import { useLiveForm } from '../../../app/forms/use-live-form';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useAppAbility } from '../../auth';
import { useCasePermissions } from '../../cases';
import { formatDate } from '../../../app/text/format';
import { featureMessages, translateFeatureMessages } from '../../../app/i18n/module-messages';
import { useCaseEnrolments, useEnrol, useProgrammes } from '../hooks/use-training';
import { EnrolmentRecords } from './enrolment-records';
import { EnrolmentStatusBadge } from './enrolment-status-badge';
import { UserText } from '../../../app/text/user-text';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/** The survivor's training: each enrolment's status, attendance, certificate and outcome, its dated sessions and follow-ups; "Enrol" from here. */
export function TrainingTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('training');
  const permissions = useCasePermissions(detail);
  const ability = useAppAbility();
  const enrolments = useCaseEnrolments(detail.id);
  const [enrolling, setEnrolling] = useState(false);
  const items = enrolments.data?.items ?? [];
  const language = i18n.language;
  const mayEnrol = permissions.mayEdit && ability.can('read', 'TrainingProgramme');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('case.title')}
        </Title>
        {mayEnrol && <Button onClick={() => setEnrolling(true)}>{t('case.enrol')}</Button>}
      </Group>
      {enrolments.isPending && <SectionLoader />}
      {enrolments.isError && <SectionError message={t('case.error')} onRetry={() => void enrolments.refetch()} />}
      {enrolments.data && items.length === 0 && (
        <EmptyState title={t('case.empty')} hint={mayEnrol ? t('case.emptyHint') : undefined} />
      )}
      {items.length > 0 && (
        <ResponsiveTable verticalSpacing="sm">
          <Table.Caption>
            <VisuallyHidden>{t('case.caption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('case.programme')}</Table.Th>
              <Table.Th scope="col">{t('programme.statusLabel')}</Table.Th>
              <Table.Th scope="col">{t('programme.sessions')}</Table.Th>
              <Table.Th scope="col">{t('programme.certificate')}</Table.Th>
              <Table.Th scope="col">{t('programme.outcomeLabel')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((enrolment) => (
              <Table.Tr key={enrolment.id} data-testid="case-enrolment">
                <Table.Th scope="row" fw={600}>
                  <UserText>{enrolment.programme.trade}</UserText>
                  <Text size="xs" c="gray.7">
                    <UserText>{enrolment.programme.providerOrganisation.name}</UserText> ·{' '}
                    {formatDate(enrolment.programme.startsOn, language)} –{' '}
                    {formatDate(enrolment.programme.endsOn, language)}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <EnrolmentStatusBadge status={enrolment.status} />
                  {enrolment.waitingPosition !== null && (
                    <Text size="xs" c="gray.7">
                      {t('programme.position', { position: enrolment.waitingPosition })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {enrolment.sessionsTotal !== null
                    ? t('programme.sessionsValue', {
                        attended: enrolment.sessionsAttended,
                        total: enrolment.sessionsTotal,
                      })
                    : enrolment.sessionsAttended}
                </Table.Td>
                <Table.Td>{enrolment.certificateObtained ? t('programme.yes') : t('programme.no')}</Table.Td>
                <Table.Td>{enrolment.outcome ? t(`outcome.${enrolment.outcome}`) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      )}
      {items.map((enrolment) => (
        <EnrolmentRecords key={enrolment.id} enrolment={enrolment} organisationId={detail.organisation.id} />
      ))}
      <FormDialog opened={enrolling} onClose={() => setEnrolling(false)} title={t('case.enrol')}>
        <EnrolForm
          caseId={detail.id}
          enrolledIn={items.map((item) => item.programme.id)}
          onDone={() => setEnrolling(false)}
        />
      </FormDialog>
    </Stack>
  );
}

function EnrolForm({ caseId, enrolledIn, onDone }: { caseId: string; enrolledIn: string[]; onDone: () => void }) {
  const { t, i18n } = useTranslation('training');
  const { t: tApp } = useTranslation();
  const programmes = useProgrammes();
  const enrol = useEnrol(caseId);
  const form = useLiveForm<{ programmeId: string | null }>({ programmeId: null }, () => ({}));
  const today = todayIso();

  const submit = form.onSubmit((values) => {
    const result = validateWithSchema(enrolRequestSchema, { programmeId: values.programmeId ?? undefined }, tApp, {
      choiceFields: ['programmeId'],
      ownMessages: true,
    });
    if (!result.ok) {
      form.setErrors(translateFeatureMessages(result.errors, featureMessages(t)));
      form.getInputNode('programmeId')?.focus();
      return;
    }
    enrol.mutate(result.data, {
      onSuccess: (enrolment) => {
        notifySaved(enrolment.status === 'waitingList' ? t('case.waitlisted') : t('case.enrolled'));
        onDone();
      },
      onError: (error) =>
        form.setErrors(
          translateFeatureMessages(
            serverFieldErrors(error, tApp, { choiceFields: ['programmeId'] }),
            featureMessages(t),
          ),
        ),
    });
  });

  // Programmes that have ended, or that the survivor is already on, are not offered.
  const options = (programmes.data?.items ?? [])
    .filter((programme) => programme.endsOn >= today && !enrolledIn.includes(programme.id))
    .map((programme) => {
      const free = Math.max(0, programme.seats - programme.seatsTaken);
      const values = {
        trade: programme.trade,
        provider: programme.providerOrganisation.name,
        start: formatDate(programme.startsOn, i18n.language),
        free,
      };
      return {
        value: programme.id,
        label: free === 0 ? t('case.programmeFull', values) : t('case.programmeOption', values),
      };
    });

  const conflict = isApiError(enrol.error, 409)
    ? /ended/i.test(enrol.error.problem.detail ?? '')
      ? t('case.ended')
      : t('case.alreadyEnrolled')
    : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {conflict ? (
          <Alert color="yellow" variant="light" role="alert">
            <Text size="sm" c="gray.9">
              {conflict}
            </Text>
          </Alert>
        ) : (
          <FormProblem error={enrol.error} fields={['programmeId']} />
        )}
        {programmes.isError && (
          <Text size="sm" c="red.9">
            {t('list.error')}
          </Text>
        )}
        <Select
          label={t('case.programme')}
          description={t('case.fullNote')}
          placeholder={tApp('app.choose')}
          data={options}
          nothingFoundMessage={t('case.noProgrammes')}
          searchable
          required
          allowDeselect={false}
          disabled={programmes.isPending}
          data-autofocus
          {...form.getInputProps('programmeId')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={enrol.isPending}>
            {t('case.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
