import {
  COUNTRY_CODES,
  createOrganisationRequestSchema,
  GENDERS,
  ORGANISATION_KINDS,
  SERVICE_TYPES,
  updateOrganisationRequestSchema,
  type Organisation,
} from '@haven/contracts';
import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { useCreateOrganisation, useUpdateOrganisation } from '../hooks/use-administration';

interface OrganisationValues {
  name: string;
  kind: string;
  country: string;
  area: string;
  contactPoint: string;
  services: string[];
  languages: string[];
  eligibleSexes: string[];
  eligibleAgeMin: number | string;
  eligibleAgeMax: number | string;
  acceptingReferrals: boolean;
  openingHours: string;
}

const FIELDS = [
  'name',
  'kind',
  'country',
  'area',
  'contactPoint',
  'services',
  'languages',
  'eligibleSexes',
  'eligibleAgeMin',
  'eligibleAgeMax',
  'openingHours',
] as const;

/** Creates an organisation or edits its entry: who it is, and what the service directory says about it. */
export function OrganisationForm({ organisation, onDone }: { organisation?: Organisation; onDone: () => void }) {
  const { t, i18n } = useTranslation('administration');
  const { t: tApp } = useTranslation();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const mutation = organisation ? update : create;
  const countryNames = new Intl.DisplayNames([i18n.language], { type: 'region' });
  const schema = organisation ? updateOrganisationRequestSchema : createOrganisationRequestSchema;
  const form = useForm<OrganisationValues>({
    mode: 'controlled',
    initialValues: {
      name: organisation?.name ?? '',
      kind: organisation?.kind ?? '',
      country: organisation?.country ?? '',
      area: organisation?.area ?? '',
      contactPoint: organisation?.contactPoint ?? '',
      services: organisation?.services ?? [],
      languages: organisation?.languages ?? [],
      eligibleSexes: organisation?.eligibleSexes ?? [],
      eligibleAgeMin: organisation?.eligibleAgeMin ?? '',
      eligibleAgeMax: organisation?.eligibleAgeMax ?? '',
      acceptingReferrals: organisation?.acceptingReferrals ?? true,
      openingHours: organisation?.openingHours ?? '',
    },
    validate: (values) => {
      const result = validateWithSchema(schema, toRequest(values, !!organisation), tApp);
      return result.ok ? {} : result.errors;
    },
  });

  const submit = form.onSubmit((values) => {
    const onError = (error: unknown) => form.setErrors(serverFieldErrors(error, tApp));
    const onSuccess = () => {
      notifySaved(t(organisation ? 'organisations.saved' : 'organisations.created', { name: values.name }));
      onDone();
    };
    if (organisation)
      update.mutate(
        { id: organisation.id, body: updateOrganisationRequestSchema.parse(toRequest(values, true)) },
        { onSuccess, onError },
      );
    else create.mutate(createOrganisationRequestSchema.parse(toRequest(values, false)), { onSuccess, onError });
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('organisations.name')} required {...form.getInputProps('name')} data-autofocus />
          <Select
            label={t('organisations.kind')}
            required
            disabled={!!organisation}
            description={organisation ? t('organisations.kindFixed') : undefined}
            data={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
            {...form.getInputProps('kind')}
          />
          <Select
            label={t('organisations.country')}
            searchable
            clearable
            data={COUNTRY_CODES.map((code) => ({ value: code, label: countryNames.of(code) ?? code }))}
            {...form.getInputProps('country')}
            onChange={(value) => form.setFieldValue('country', value ?? '')}
          />
          <TextInput label={t('organisations.area')} {...form.getInputProps('area')} />
          <TextInput label={t('organisations.contactPoint')} {...form.getInputProps('contactPoint')} />
          <TextInput label={t('organisations.openingHours')} {...form.getInputProps('openingHours')} />
        </SimpleGrid>
        <MultiSelect
          label={t('organisations.services')}
          data={SERVICE_TYPES.map((service) => ({ value: service, label: tApp(`enums.serviceType.${service}`) }))}
          searchable
          {...form.getInputProps('services')}
        />
        <TagsInput
          label={t('organisations.languages')}
          description={t('organisations.languagesHint')}
          {...form.getInputProps('languages')}
        />
        <MultiSelect
          label={t('organisations.eligibleSexes')}
          description={t('organisations.eligibleSexesHint')}
          data={GENDERS.map((gender) => ({ value: gender, label: tApp(`enums.gender.${gender}`) }))}
          {...form.getInputProps('eligibleSexes')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('organisations.ageMin')}
            min={0}
            max={120}
            allowDecimal={false}
            {...form.getInputProps('eligibleAgeMin')}
          />
          <NumberInput
            label={t('organisations.ageMax')}
            min={0}
            max={120}
            allowDecimal={false}
            {...form.getInputProps('eligibleAgeMax')}
          />
        </SimpleGrid>
        <Switch
          label={t('organisations.acceptingReferrals')}
          {...form.getInputProps('acceptingReferrals', { type: 'checkbox' })}
        />
        <FormProblem error={mutation.error} fields={FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {organisation ? t('common.save') : t('organisations.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function toRequest(values: OrganisationValues, editing: boolean) {
  const number = (value: number | string) => (value === '' ? null : Number(value));
  const text = (value: string) => (value.trim() === '' ? null : value);
  return {
    name: values.name,
    ...(editing ? {} : { kind: values.kind || undefined }),
    country: text(values.country),
    area: text(values.area),
    contactPoint: text(values.contactPoint),
    services: values.services,
    languages: values.languages.map((language) => language.trim().toLowerCase()),
    eligibleSexes: values.eligibleSexes,
    eligibleAgeMin: number(values.eligibleAgeMin),
    eligibleAgeMax: number(values.eligibleAgeMax),
    acceptingReferrals: values.acceptingReferrals,
    openingHours: text(values.openingHours),
  };
}
