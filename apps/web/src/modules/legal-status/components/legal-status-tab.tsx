import {
  LEGAL_STATUS_FIELDS,
  MIGRATION_STATUSES,
  PERMIT_DECISIONS,
  updateLegalStatusRequestSchema,
  type CaseDetail,
  type LegalStatus,
  type LegalStatusField,
} from '@haven/contracts';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { formatDate } from '../../../app/text/format';
import { useCasePermissions } from '../../cases';
import { useLegalStatus, useUpdateLegalStatus } from '../hooks/use-legal-status';

type Values = Record<LegalStatusField, string | null>;
const CODED: Partial<Record<LegalStatusField, readonly string[]>> = {
  migrationStatus: MIGRATION_STATUSES,
  permitDecision: PERMIT_DECISIONS,
};
const ENUM_GROUP: Partial<Record<LegalStatusField, string>> = {
  migrationStatus: 'migrationStatus',
  permitDecision: 'permitDecision',
};
const GROUPS: { title: 'title' | 'reflection' | 'permit'; fields: LegalStatusField[] }[] = [
  { title: 'title', fields: ['migrationStatus'] },
  { title: 'reflection', fields: ['reflectionStartsOn', 'reflectionEndsOn'] },
  { title: 'permit', fields: ['permitAppliedOn', 'permitDecision', 'permitExpiresOn'] },
];

function valuesOf(status: LegalStatus): Values {
  return Object.fromEntries(LEGAL_STATUS_FIELDS.map((field) => [field, status[field]])) as Values;
}

/** Migration status, the recovery and reflection period and the residence permit for victims, with their history in the case's. */
export function LegalStatusTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(['legalStatus', 'common']);
  const permissions = useCasePermissions(detail);
  const status = useLegalStatus(detail.id);
  const [editing, setEditing] = useState(false);

  if (status.isPending) return <SectionLoader rows={3} />;
  if (status.isError) return <SectionError message={t('error')} onRetry={() => void status.refetch()} />;
  const current = status.data;
  const text = (field: LegalStatusField, value: string | null) => {
    if (!value) return t('notRecorded');
    const group = ENUM_GROUP[field];
    return group ? t(`common:enums.${group}.${value}` as 'common:app.name') : formatDate(value, i18n.language);
  };
  return (
    <Stack gap="lg" maw={900}>
      {current.protectionsApply && !current.reflectionStartsOn && (
        <Alert color="orange" title={t('reflection')}>
          {t('protectionsApply')}
        </Alert>
      )}
      {editing ? (
        <LegalStatusForm caseId={detail.id} current={current} onDone={() => setEditing(false)} />
      ) : (
        <>
          {GROUPS.map((group) => (
            <Stack gap="xs" key={group.title} component="section" aria-labelledby={`legal-${group.title}`}>
              <Title order={2} size="h4" id={`legal-${group.title}`}>
                {t(group.title)}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" style={{ margin: 0 }}>
                {group.fields.map((field) => (
                  <div key={field}>
                    <Text component="dt" size="sm" c="dimmed">
                      {t(`fields.${field}`)}
                    </Text>
                    <Text component="dd" m={0}>
                      {text(field, current[field])}
                    </Text>
                  </div>
                ))}
              </SimpleGrid>
            </Stack>
          ))}
          <Text size="sm" c="dimmed">
            {t('reminder')}
          </Text>
          {permissions.mayEdit && (
            <Group>
              <Button variant="light" onClick={() => setEditing(true)}>
                {t('edit')}
              </Button>
            </Group>
          )}
        </>
      )}
      {!editing && current.version === 0 && !permissions.mayEdit && <EmptyState title={t('notRecorded')} />}
    </Stack>
  );
}

function LegalStatusForm({ caseId, current, onDone }: { caseId: string; current: LegalStatus; onDone: () => void }) {
  const { t } = useTranslation(['legalStatus', 'common']);
  const { t: tApp } = useTranslation();
  const update = useUpdateLegalStatus(caseId);
  const [values, setValues] = useState<Values>(() => valuesOf(current));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (field: LegalStatusField, value: string | null) =>
    setValues((previous) => ({ ...previous, [field]: value === '' ? null : value }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const checked = validateWithSchema(updateLegalStatusRequestSchema, { ...values, version: current.version }, tApp);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    update.mutate(checked.data, {
      onSuccess: () => {
        notifySaved(t('saved'));
        onDone();
      },
      onError: (error) => setErrors(serverFieldErrors(error, tApp)),
    });
  };

  return (
    <form aria-label={t('edit')} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={update.error} fields={LEGAL_STATUS_FIELDS} />
        {GROUPS.map((group) => (
          <Stack gap="xs" key={group.title}>
            <Title order={2} size="h4">
              {t(group.title)}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {group.fields.map((field) => {
                const codes = CODED[field];
                return codes ? (
                  <Select
                    key={field}
                    label={t(`fields.${field}`)}
                    data={codes.map((code) => ({
                      value: code,
                      label: t(`common:enums.${ENUM_GROUP[field]}.${code}` as 'common:app.name'),
                    }))}
                    value={values[field]}
                    onChange={(value) => set(field, value)}
                    clearable
                    error={errors[field]}
                  />
                ) : (
                  <TextInput
                    key={field}
                    type="date"
                    label={t(`fields.${field}`)}
                    value={values[field] ?? ''}
                    onChange={(event) => set(field, event.currentTarget.value)}
                    error={errors[field]}
                  />
                );
              })}
            </SimpleGrid>
          </Stack>
        ))}
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
