import {
  ROLES_BY_ORGANISATION_KIND,
  updateUserRequestSchema,
  type OrganisationKind,
  type Role,
  type UserSummary,
} from '@haven/contracts';
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { useUpdateUser } from '../hooks/use-administration';

/** Display name, role (never one's own) and team of an account. */
export function EditUserDialogBody({
  user,
  self,
  teams,
  roles,
  kind,
  onClose,
}: {
  user: UserSummary;
  mode: 'admin' | 'team';
  self: boolean;
  teams: string[];
  roles?: Role[];
  kind?: OrganisationKind;
  onClose: () => void;
}) {
  const { t } = useTranslation('administration');
  const { t: tApp } = useTranslation();
  const update = useUpdateUser();
  const roleChoices = roles ?? (kind ? [...ROLES_BY_ORGANISATION_KIND[kind]] : [user.role]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { displayName: user.displayName, role: user.role as string, team: user.team ?? '' },
    validate: (values) => {
      const result = validateWithSchema(updateUserRequestSchema, toRequest(values, user), tApp);
      return result.ok ? {} : result.errors;
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        update.mutate(
          { id: user.id, body: updateUserRequestSchema.parse(toRequest(values, user)) },
          {
            onSuccess: () => {
              notifySaved(t('edit.saved', { name: values.displayName }));
              onClose();
            },
            onError: (error) => form.setErrors(serverFieldErrors(error, tApp)),
          },
        ),
      )}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed" dir="ltr">
          {user.email}
        </Text>
        <TextInput label={t('invite.displayName')} required {...form.getInputProps('displayName')} data-autofocus />
        <Select
          label={t('invite.role')}
          disabled={self || roleChoices.length < 2}
          description={self ? t('edit.ownRole') : undefined}
          data={roleChoices.map((role) => ({ value: role, label: t(`users.roles.${role}`) }))}
          {...form.getInputProps('role')}
        />
        {(teams.length > 0 || user.team) && (
          <Select
            label={t('invite.team')}
            clearable
            data={[...new Set([...teams, ...(user.team ? [user.team] : [])])]}
            {...form.getInputProps('team')}
            onChange={(value) => form.setFieldValue('team', value ?? '')}
          />
        )}
        <FormProblem error={update.error} fields={['displayName', 'role', 'team']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Only what changed: an unchanged role or team is not sent (a role change is a decision of its own). */
function toRequest(values: { displayName: string; role: string; team: string }, user: UserSummary) {
  return {
    ...(values.displayName !== user.displayName ? { displayName: values.displayName } : {}),
    ...(values.role !== user.role ? { role: values.role } : {}),
    ...((values.team || null) !== user.team ? { team: values.team || null } : {}),
  };
}
