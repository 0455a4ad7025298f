import { recordOf } from '@haven/access';
import {
  DROPOUT_REASONS,
  TRAINING_OUTCOMES,
  uuidSchema,
  type ProgrammeDetail,
  type ProgrammeEnrolment,
} from '@haven/contracts';
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../app/api-client';
import { FormDialog } from '../../../app/forms/form-dialog';
import { languageName } from '../../cases';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, todayIso } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { ErrorState } from '../../../app/layout/error-state';
import { NotFoundPage } from '../../../app/layout/not-found-page';
import { PageLoader } from '../../../app/layout/page-loader';
import { EmptyState } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useAppAbility } from '../../auth';
import { Facts } from '../../../app/layout/facts';
import { formatDate } from '../../../app/text/format';
import { featureMessages, translateFeatureMessages } from '../../../app/i18n/module-messages';
import { trainingKeys, useProgramme, useUpdateEnrolment } from '../hooks/use-training';
import {
  ENROLMENT_FORM_FIELDS,
  ENROLMENT_LAYOUT,
  enrolmentFormValues,
  NEXT_STATUSES,
  PROVIDER_STATUSES,
  validateEnrolment,
  type EnrolmentFormValues,
} from '../utils/training-form';
import { EnrolmentStatusBadge } from './enrolment-status-badge';
import { ProgrammeForm } from './programme-form';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

export function ProgrammePage() {
  const { programmeId } = useParams();
  const validId = uuidSchema.safeParse(programmeId).success;
  const programme = useProgramme(validId ? programmeId : undefined);
  const { t } = useTranslation('training');

  if (!validId || isApiError(programme.error, 400, 403, 404)) return <NotFoundPage />;
  if (programme.isError) return <ErrorState message={t('programme.error')} onRetry={() => void programme.refetch()} />;
  if (programme.isPending) return <PageLoader />;
  return <ProgrammeView programme={programme.data} />;
}

/**
 * A programme and its enrolments by case reference. Its own organisation manages everything; a provider
 * partner records attendance, completion and the certificate (the API refuses anything more).
 */
function ProgrammeView({ programme }: { programme: ProgrammeDetail }) {
  const { t, i18n } = useTranslation('training');
  const ability = useAppAbility();
  const [editing, setEditing] = useState(false);
  const [updating, setUpdating] = useState<ProgrammeEnrolment | null>(null);
  usePageTitle(programme.trade);
  const language = i18n.language;
  const subject = recordOf('TrainingProgramme', {
    ownerOrganisationId: programme.ownerOrganisation.id,
    providerOrganisationId: programme.providerOrganisation.id,
  });
  const manages = ability.can('manage', subject);
  const mayRecord = manages || ability.can('update', subject);

  return (
    <Stack gap="lg" maw={1100}>
      <Anchor component={Link} to="/training" size="sm">
        {t('programme.backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {programme.trade}
        </Title>
        {manages && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('programme.edit')}
          </Button>
        )}
      </Group>
      <Facts
        items={[
          { label: t('programme.provider'), value: programme.providerOrganisation.name },
          { label: t('programme.owner'), value: programme.ownerOrganisation.name },
          { label: t('programme.place'), value: programme.place },
          {
            label: t('list.dates'),
            value: `${formatDate(programme.startsOn, language)} – ${formatDate(programme.endsOn, language)}`,
          },
          {
            label: t('programme.seats'),
            value: t('list.seatsValue', { taken: programme.seatsTaken, seats: programme.seats }),
          },
          { label: t('programme.language'), value: languageName(programme.language, language) },
        ]}
      />
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('programme.enrolments')}
        </Title>
        {programme.waiting > 0 && (
          <Text size="sm" c="orange.9">
            {t('list.waiting', { count: programme.waiting })}
          </Text>
        )}
        {programme.enrolments.length === 0 && (
          <EmptyState title={t('programme.noEnrolments')} hint={t('programme.noEnrolmentsHint')} />
        )}
        {programme.enrolments.length > 0 && (
          <ResponsiveTable verticalSpacing="sm">
            <Table.Caption>
              <VisuallyHidden>{t('programme.enrolmentsCaption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('programme.case')}</Table.Th>
                <Table.Th scope="col">{t('programme.statusLabel')}</Table.Th>
                <Table.Th scope="col">{t('programme.sessions')}</Table.Th>
                <Table.Th scope="col">{t('programme.certificate')}</Table.Th>
                <Table.Th scope="col">{t('programme.outcomeLabel')}</Table.Th>
                {mayRecord && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('programme.update')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {programme.enrolments.map((enrolment) => (
                <Table.Tr key={enrolment.id}>
                  <Table.Th scope="row" ff="monospace">
                    {/* The provider gets no case id: the reference is all it sees of the case. */}
                    {enrolment.caseId ? (
                      <Anchor component={Link} to={`/cases/${enrolment.caseId}?tab=training`}>
                        {enrolment.caseReference}
                      </Anchor>
                    ) : (
                      enrolment.caseReference
                    )}
                  </Table.Th>
                  <Table.Td>
                    <EnrolmentStatusBadge status={enrolment.status} />
                    {enrolment.waitingPosition !== null && (
                      <Text size="xs" c="gray.7">
                        {t('programme.position', { position: enrolment.waitingPosition })}
                      </Text>
                    )}
                    {enrolment.dropoutReason && (
                      <Text size="xs" c="gray.7">
                        {t(`dropoutReason.${enrolment.dropoutReason}`)}
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
                  {mayRecord && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setUpdating(enrolment)}
                        aria-label={t('programme.updateTitle', { reference: enrolment.caseReference })}
                      >
                        {t('programme.update')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ResponsiveTable>
        )}
      </Stack>
      {manages && (
        <FormDialog opened={editing} onClose={() => setEditing(false)} title={t('programme.edit')}>
          <ProgrammeForm programme={programme} onDone={() => setEditing(false)} />
        </FormDialog>
      )}
      <FormDialog
        opened={updating !== null}
        onClose={() => setUpdating(null)}
        title={updating ? t('programme.updateTitle', { reference: updating.caseReference }) : ''}
      >
        {updating && (
          <EnrolmentForm
            programmeId={programme.id}
            startsOn={programme.startsOn}
            enrolment={updating}
            manages={manages}
            onDone={() => setUpdating(null)}
          />
        )}
      </FormDialog>
    </Stack>
  );
}

function EnrolmentForm({
  programmeId,
  startsOn,
  enrolment,
  manages,
  onDone,
}: {
  programmeId: string;
  /** The programme's first day: a completion is not dated before it. */
  startsOn: string;
  enrolment: ProgrammeEnrolment;
  manages: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation('training');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateEnrolment(programmeId);
  const [base, setBase] = useState(enrolment);

  const validate = (values: EnrolmentFormValues) => {
    const result = validateEnrolment(values, base, base.version, tApp, startsOn);
    return result.ok
      ? result
      : { ok: false as const, errors: translateFeatureMessages(result.errors, featureMessages(t)) };
  };
  const form = useLiveForm<EnrolmentFormValues>(enrolmentFormValues(enrolment), (values) => {
    const result = validate(values);
    return result.ok ? {} : result.errors;
  });
  const values = form.getValues();

  const submit = form.onSubmit(
    (current) => {
      const result = validate(current);
      if (!result.ok) return;
      if (Object.values(result.data).filter((value) => value !== undefined).length <= 1) {
        notifySaved(t('programme.nothingChanged'));
        onDone();
        return;
      }
      update.mutate(
        { enrolmentId: enrolment.id, request: result.data },
        {
          onSuccess: () => {
            notifySaved(t('programme.enrolmentSaved'));
            onDone();
          },
          onError: (error) => {
            const errors = translateFeatureMessages(
              serverFieldErrors(error, tApp, ENROLMENT_LAYOUT),
              featureMessages(t),
            );
            form.setErrors(errors);
            focusFirstError(form, errors, ENROLMENT_FORM_FIELDS);
          },
        },
      );
    },
    (errors) => focusFirstError(form, errors, ENROLMENT_FORM_FIELDS),
  );

  // After a conflict: the programme as it is now; this enrolment's latest version, the user's input kept.
  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ queryKey: trainingKeys.programme(programmeId), staleTime: 0 });
    const latest = (fresh as ProgrammeDetail).enrolments.find((item) => item.id === enrolment.id);
    if (latest) setBase(latest);
    update.reset();
  };

  const allowed = NEXT_STATUSES[base.status].filter((status) => manages || PROVIDER_STATUSES.includes(status));
  const statuses = [base.status, ...allowed];
  const ended = values.status === 'completed' || values.status === 'droppedOut';

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={update.error} fields={ENROLMENT_FORM_FIELDS} onReload={reload} />
        {!manages && (
          <Text size="sm" c="gray.7">
            {t('enrolment.providerNote')}
          </Text>
        )}
        <Select
          label={t('enrolment.statusLabel')}
          data={statuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          allowDeselect={false}
          disabled={allowed.length === 0}
          data-autofocus
          {...form.getInputProps('status')}
        />
        {manages && values.status === 'droppedOut' && values.status !== base.status && (
          <Select
            label={t('enrolment.dropoutReasonLabel')}
            placeholder={tApp('app.choose')}
            data={DROPOUT_REASONS.map((reason) => ({ value: reason, label: t(`dropoutReason.${reason}`) }))}
            required
            allowDeselect={false}
            {...form.getInputProps('dropoutReason')}
          />
        )}
        {values.status === 'completed' && (
          <TextInput
            type="date"
            label={t('enrolment.completedOn')}
            description={t('enrolment.completedOnHint')}
            min={startsOn}
            max={todayIso()}
            {...form.getInputProps('completedOn')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('enrolment.sessionsAttended')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('sessionsAttended')}
          />
          <NumberInput
            label={t('enrolment.sessionsTotal')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('sessionsTotal')}
          />
        </SimpleGrid>
        <Checkbox
          label={t('enrolment.certificate')}
          description={t('enrolment.certificateHint')}
          disabled={values.status !== 'completed'}
          {...form.getInputProps('certificateObtained', { type: 'checkbox' })}
        />
        {manages && ended && (
          <Select
            label={t('enrolment.outcomeLabel')}
            placeholder={tApp('app.choose')}
            data={TRAINING_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`outcome.${outcome}`) }))}
            clearable
            {...form.getInputProps('outcome')}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {tApp('app.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
