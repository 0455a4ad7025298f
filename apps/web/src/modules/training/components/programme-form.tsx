import type { ProgrammeSummary } from '@haven/contracts';
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { mergeUntouched, serverFieldErrors } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { useSession } from '../../auth';
import { languageOptions } from '../../cases';
import { featureMessages, translateFeatureMessages } from '../../../app/i18n/module-messages';
import { trainingKeys, useCreateProgramme, useProviderOrganisations, useUpdateProgramme } from '../hooks/use-training';
import {
  PROGRAMME_FORM_FIELDS,
  PROGRAMME_LAYOUT,
  programmeFormValues,
  validateCreateProgramme,
  validateUpdateProgramme,
  type ProgrammeFormValues,
} from '../utils/training-form';

/** Sets up a programme (no `programme`) or edits one. The provider is fixed once the programme exists. */
export function ProgrammeForm({ programme, onDone }: { programme?: ProgrammeSummary; onDone: () => void }) {
  const { t } = useTranslation('training');
  const { t: tApp, i18n } = useTranslation();
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useSession();
  const organisations = useProviderOrganisations(!programme);
  const create = useCreateProgramme();
  const update = useUpdateProgramme(programme?.id ?? '');
  const mutation = programme ? update : create;
  const [base, setBase] = useState({
    version: programme?.version ?? 0,
    values: programmeFormValues(programme),
    programme,
  });

  const validate = (values: ProgrammeFormValues) => {
    const result = base.programme
      ? validateUpdateProgramme(values, base.programme, base.version, tApp)
      : validateCreateProgramme(values, tApp);
    return result.ok
      ? result
      : { ok: false as const, errors: translateFeatureMessages(result.errors, featureMessages(t)) };
  };
  const form = useLiveForm<ProgrammeFormValues>(base.values, (values) => {
    const result = validate(values);
    return result.ok ? {} : result.errors;
  });

  const onError = (error: unknown) => {
    const errors = translateFeatureMessages(serverFieldErrors(error, tApp, PROGRAMME_LAYOUT), featureMessages(t));
    form.setErrors(errors);
    focusFirstError(form, errors, PROGRAMME_FORM_FIELDS);
  };

  const submit = form.onSubmit(
    (values) => {
      const result = validate(values);
      if (!result.ok) return;
      if (base.programme) {
        update.mutate(result.data as Parameters<typeof update.mutate>[0], {
          onSuccess: () => {
            notifySaved(t('programme.saved'));
            onDone();
          },
          onError,
        });
      } else {
        create.mutate(result.data as Parameters<typeof create.mutate>[0], {
          onSuccess: (created) => {
            notifySaved(t('programme.created'));
            onDone();
            void navigate(`/training/${created.id}`);
          },
          onError,
        });
      }
    },
    (errors) => focusFirstError(form, errors, PROGRAMME_FORM_FIELDS),
  );

  const reload = async () => {
    if (!base.programme) return;
    const fresh = await queryClient.fetchQuery({ queryKey: trainingKeys.programme(base.programme.id), staleTime: 0 });
    const latest = fresh as ProgrammeSummary;
    const freshValues = programmeFormValues(latest);
    form.setValues(mergeUntouched(form.getValues(), base.values, freshValues));
    setBase({ version: latest.version, values: freshValues, programme: latest });
    mutation.reset();
  };

  // Partners, training providers and shelters run courses; the API refuses any other kind of organisation.
  // The directory never lists one's own organisation, which may run a course itself.
  const providers = [
    ...(me.organisation.kind === 'shelter' ? [{ value: me.organisation.id, label: me.organisation.name }] : []),
    ...(organisations.data?.items ?? [])
      .filter(
        (organisation) =>
          organisation.kind === 'partner' || organisation.kind === 'training' || organisation.kind === 'shelter',
      )
      .map((organisation) => ({ value: organisation.id, label: organisation.name })),
  ];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={mutation.error} fields={PROGRAMME_FORM_FIELDS} onReload={reload} />
        <TextInput label={t('programme.trade')} required data-autofocus {...form.getInputProps('trade')} />
        {programme ? (
          <Text size="sm">
            {t('programme.provider')}: {programme.providerOrganisation.name}
          </Text>
        ) : (
          <>
            <Select
              label={t('programme.provider')}
              description={t('programme.providerHint')}
              placeholder={tApp('app.choose')}
              data={providers}
              searchable
              required
              allowDeselect={false}
              disabled={organisations.isPending}
              {...form.getInputProps('providerOrganisationId')}
            />
            {organisations.isError && (
              <Text size="sm" c="red.9">
                {t('programme.providersError')}
              </Text>
            )}
          </>
        )}
        <TextInput label={t('programme.place')} required {...form.getInputProps('place')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('programme.startsOn')} required {...form.getInputProps('startsOn')} />
          <TextInput type="date" label={t('programme.endsOn')} required {...form.getInputProps('endsOn')} />
          <NumberInput
            label={t('programme.seats')}
            min={1}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            required
            {...form.getInputProps('seats')}
          />
          <Select
            label={t('programme.language')}
            placeholder={tApp('app.choose')}
            data={languages}
            searchable
            required
            allowDeselect={false}
            nothingFoundMessage={t('programme.noLanguage')}
            maxDropdownHeight={280}
            {...form.getInputProps('language')}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('programme.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
