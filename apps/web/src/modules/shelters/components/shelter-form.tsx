import { SHELTER_KINDS, type ShelterSummary } from '@haven/contracts';
import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { mergeUntouched, serverFieldErrors } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { shelterKeys, useCreateShelter, useUpdateShelter } from '../hooks/use-shelters';
import { featureMessages, translateFeatureMessages } from '../../../app/i18n/module-messages';
import {
  SHELTER_FORM_FIELDS,
  SHELTER_LAYOUT,
  shelterFormValues,
  validateCreateShelter,
  validateUpdateShelter,
  type ShelterFormValues,
} from '../utils/shelter-form';

/** Creates a shelter (no `shelter`) or edits one; supervisors only, the API refuses anyone else. */
export function ShelterForm({ shelter, onDone }: { shelter?: ShelterSummary; onDone: () => void }) {
  const { t } = useTranslation('shelters');
  const { t: tApp } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useCreateShelter();
  const update = useUpdateShelter(shelter?.id ?? '');
  const mutation = shelter ? update : create;
  const [base, setBase] = useState<{ version: number; values: ShelterFormValues; shelter?: ShelterSummary }>({
    version: shelter?.version ?? 0,
    values: shelterFormValues(shelter),
    shelter,
  });

  const validate = (values: ShelterFormValues) => {
    const result = base.shelter
      ? validateUpdateShelter(values, base.shelter, base.version, tApp)
      : validateCreateShelter(values, tApp);
    return result.ok
      ? result
      : { ok: false as const, errors: translateFeatureMessages(result.errors, featureMessages(t)) };
  };
  const form = useLiveForm<ShelterFormValues>(base.values, (values) => {
    const result = validate(values);
    return result.ok ? {} : result.errors;
  });

  const onError = (error: unknown) => {
    const errors = translateFeatureMessages(serverFieldErrors(error, tApp, SHELTER_LAYOUT), featureMessages(t));
    form.setErrors(errors);
    focusFirstError(form, errors, SHELTER_FORM_FIELDS);
  };

  const submit = form.onSubmit(
    (values) => {
      const result = validate(values);
      if (!result.ok) return;
      if (base.shelter) {
        update.mutate(result.data as Parameters<typeof update.mutate>[0], {
          onSuccess: () => {
            notifySaved(t('shelter.saved'));
            onDone();
          },
          onError,
        });
      } else {
        create.mutate(result.data as Parameters<typeof create.mutate>[0], {
          onSuccess: (created) => {
            notifySaved(t('shelter.created'));
            onDone();
            void navigate(`/shelters/${created.id}`);
          },
          onError,
        });
      }
    },
    (errors) => focusFirstError(form, errors, SHELTER_FORM_FIELDS),
  );

  // After a conflict: the latest shelter and its version; what the user typed stays where they changed it.
  const reload = async () => {
    if (!base.shelter) return;
    await queryClient.refetchQueries({ queryKey: shelterKeys.list });
    const fresh = queryClient
      .getQueryData<{ items: ShelterSummary[] }>(shelterKeys.list)
      ?.items.find((item) => item.id === base.shelter?.id);
    if (fresh) {
      const freshValues = shelterFormValues(fresh);
      form.setValues(mergeUntouched(form.getValues(), base.values, freshValues));
      setBase({ version: fresh.version, values: freshValues, shelter: fresh });
    }
    mutation.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={mutation.error} fields={SHELTER_FORM_FIELDS} onReload={reload} />
        <TextInput label={t('shelter.name')} required data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('shelter.kindLabel')}
            placeholder={tApp('app.choose')}
            data={SHELTER_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
            required
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <NumberInput
            label={t('shelter.capacity')}
            min={1}
            max={10_000}
            allowDecimal={false}
            allowNegative={false}
            required
            {...form.getInputProps('capacity')}
          />
        </SimpleGrid>
        <TextInput
          label={t('shelter.area')}
          description={t('shelter.areaHint')}
          required
          {...form.getInputProps('area')}
        />
        <Textarea
          label={t('shelter.address')}
          description={t('shelter.addressHint')}
          required={!shelter}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('address')}
        />
        {shelter && <Checkbox label={t('shelter.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('shelter.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
