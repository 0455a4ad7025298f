import {
  inviteUserRequestSchema,
  ROLES_BY_ORGANISATION_KIND,
  type Organisation,
  type Role,
  type UserWithLink,
} from '@haven/contracts';
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { useInviteUser } from '../hooks/use-administration';
import { LinkHandOver } from './link-hand-over';

interface InviteValues {
  email: string;
  displayName: string;
  role: string;
  organisationId: string;
  team: string;
}

/**
 * Invites a person. Administrators choose the organisation and a role it can hold; a supervisor's team page
 * passes her own organisation and invites caseworkers only. Answers the one-time link, shown once.
 */
export function InviteDialogBody({
  organisations,
  fixed,
  teams,
  onClose,
}: {
  organisations?: Organisation[];
  fixed?: { organisationId: string; role: Role };
  teams: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation('administration');
  const { t: tApp } = useTranslation();
  const invite = useInviteUser();
  const [invited, setInvited] = useState<UserWithLink | null>(null);
  const form = useForm<InviteValues>({
    mode: 'controlled',
    initialValues: {
      email: '',
      displayName: '',
      role: fixed?.role ?? '',
      organisationId: fixed?.organisationId ?? '',
      team: '',
    },
    validate: (values) => {
      const result = validateWithSchema(inviteUserRequestSchema, toRequest(values), tApp);
      return result.ok ? {} : result.errors;
    },
  });
  const organisation = organisations?.find((candidate) => candidate.id === form.values.organisationId);
  const roles = fixed ? [fixed.role] : organisation ? ROLES_BY_ORGANISATION_KIND[organisation.kind] : [];
  const teamChoices = organisation ? organisation.settings.teams : teams;

  if (invited) {
    return (
      <Stack gap="md">
        <LinkHandOver link={invited.activationLink} name={invited.user.displayName} kind="invitation" />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('invite.done')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        invite.mutate(inviteUserRequestSchema.parse(toRequest(values)), {
          onSuccess: setInvited,
          onError: (error) => form.setErrors(serverFieldErrors(error, tApp)),
        }),
      )}
    >
      <Stack gap="md">
        <TextInput
          label={t('invite.displayName')}
          required
          {...form.getInputProps('displayName')}
          autoComplete="off"
          data-autofocus
        />
        <TextInput
          label={t('invite.email')}
          type="email"
          required
          {...form.getInputProps('email')}
          autoComplete="off"
          dir="ltr"
        />
        {!fixed && (
          <Select
            label={t('invite.organisation')}
            required
            searchable
            data={(organisations ?? [])
              .filter((candidate) => candidate.active)
              .map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            {...form.getInputProps('organisationId')}
            onChange={(value) => {
              form.setFieldValue('organisationId', value ?? '');
              form.setFieldValue('role', '');
              form.setFieldValue('team', '');
            }}
          />
        )}
        {!fixed && (
          <Select
            label={t('invite.role')}
            required
            disabled={!organisation}
            description={organisation ? undefined : t('invite.chooseOrganisationFirst')}
            data={roles.map((role) => ({ value: role, label: t(`users.roles.${role}`) }))}
            {...form.getInputProps('role')}
          />
        )}
        {teamChoices.length > 0 && (
          <Select
            label={t('invite.team')}
            clearable
            data={teamChoices}
            {...form.getInputProps('team')}
            onChange={(value) => form.setFieldValue('team', value ?? '')}
          />
        )}
        <FormProblem error={invite.error} fields={['email', 'displayName', 'role', 'organisationId', 'team']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t('invite.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function toRequest(values: InviteValues) {
  return {
    email: values.email,
    displayName: values.displayName,
    role: values.role || undefined,
    organisationId: values.organisationId || undefined,
    team: values.team || null,
  };
}
