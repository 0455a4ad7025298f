import {
  CONTROL_METHODS,
  EXPLOITATION_TYPES,
  GENDERS,
  LABOUR_INDUSTRIES,
  RECRUITMENT_METHODS,
  RELATIONSHIPS_TO_TRAFFICKER,
  STATUS_DECISION_BODIES,
  TRAFFICKING_STATUSES,
  type CaseDetail,
} from '@haven/contracts';
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { hasChanges, mergeUntouched, serverFieldErrors } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { caseKeys } from '../hooks/case-cache';
import { useBaseVersion } from '../hooks/use-base-version';
import { useCasePermissions } from '../hooks/use-case-permissions';
import { useUpdateCase } from '../hooks/use-cases';
import { countryName, countryOptions } from '../../../app/text/format';
import {
  PROFILE_FORM_FIELDS,
  PROFILE_LAYOUT,
  profileFormValues,
  validateProfileForm,
  type ProfileFormValues,
} from '../utils/profile-form';
import { Facts } from '../../../app/layout/facts';

/** The trafficking profile, coded on the Human Trafficking Case Data Standard, read first and edited on request. */
export function ProfileTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const permissions = useCasePermissions(detail);
  const [editing, setEditing] = useState(false);

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('cases.detail.profile')}
        </Title>
        {permissions.mayEdit && !editing && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('cases.profile.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <ProfileForm
          detail={detail}
          mayChangeSensitive={permissions.mayReadIdentity}
          onDone={() => setEditing(false)}
        />
      ) : (
        <ProfileView detail={detail} />
      )}
    </Stack>
  );
}

function ProfileView({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const profile = detail.profile;
  const notRecorded = (
    <Text component="span" c="dimmed" fs="italic">
      {t('cases.detail.notRecorded')}
    </Text>
  );
  const list = (values: readonly string[] | undefined, label: (value: string) => string): ReactNode =>
    values && values.length > 0 ? values.map(label).join(', ') : notRecorded;
  const country = (code: string) => countryName(code, language);

  return (
    <Stack gap="lg">
      <section aria-labelledby="profile-person">
        <Title order={3} size="h5" id="profile-person" mb="xs">
          {t('cases.profile.person')}
        </Title>
        <Facts
          items={[
            { label: t('cases.detail.sex'), value: t(`enums.gender.${detail.sex}`) },
            { label: t('cases.detail.nationality'), value: countryName(detail.nationality, language) },
            { label: t('cases.detail.ageAtRegistration'), value: detail.ageAtRegistration ?? notRecorded },
            { label: t('cases.register.sensitive'), value: detail.sensitive ? t('app.yes') : t('app.no') },
          ]}
        />
      </section>
      <section aria-labelledby="profile-trafficking">
        <Title order={3} size="h5" id="profile-trafficking" mb="xs">
          {t('cases.profile.trafficking')}
        </Title>
        <Facts
          items={[
            {
              label: t('cases.profile.traffickingStatus'),
              value: profile.traffickingStatus
                ? t(`enums.traffickingStatus.${profile.traffickingStatus}`)
                : notRecorded,
            },
            {
              label: t('cases.profile.statusDecidedBy'),
              value: profile.statusDecidedBy ? t(`enums.decisionBody.${profile.statusDecidedBy}`) : notRecorded,
            },
            {
              label: t('cases.detail.exploitationTypes'),
              value: list(profile.exploitationTypes, (value) =>
                t(`enums.exploitation.${value as (typeof EXPLOITATION_TYPES)[number]}`),
              ),
            },
            {
              label: t('cases.profile.forcedLabourIndustry'),
              value: profile.forcedLabourIndustry
                ? t(`enums.labourIndustry.${profile.forcedLabourIndustry}`)
                : notRecorded,
            },
            {
              label: t('cases.profile.controlMethods'),
              value: list(profile.controlMethods, (value) =>
                t(`enums.controlMethod.${value as (typeof CONTROL_METHODS)[number]}`),
              ),
            },
            {
              label: t('cases.profile.recruitmentMethods'),
              value: list(profile.recruitmentMethods, (value) =>
                t(`enums.recruitmentMethod.${value as (typeof RECRUITMENT_METHODS)[number]}`),
              ),
            },
            {
              label: t('cases.profile.relationshipToTrafficker'),
              value: profile.relationshipToTrafficker
                ? t(`enums.relationship.${profile.relationshipToTrafficker}`)
                : notRecorded,
            },
            { label: t('cases.profile.ageWhenTrafficked'), value: profile.ageWhenTrafficked ?? notRecorded },
            { label: t('cases.profile.recruitmentCountries'), value: list(profile.recruitmentCountries, country) },
            { label: t('cases.profile.transitCountries'), value: list(profile.transitCountries, country) },
            { label: t('cases.profile.exploitationCountries'), value: list(profile.exploitationCountries, country) },
          ]}
        />
      </section>
    </Stack>
  );
}

const readCaseVersion = (fresh: CaseDetail) => fresh.version;

function ProfileForm({
  detail,
  mayChangeSensitive,
  onDone,
}: {
  detail: CaseDetail;
  mayChangeSensitive: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const update = useUpdateCase(detail.id);
  const base = useBaseVersion<CaseDetail>(detail.version, caseKeys.detail(detail.id), readCaseVersion);
  const [initial, setInitial] = useState(() => profileFormValues(detail));
  const form = useLiveForm<ProfileFormValues>(initial, (values) => {
    const result = validateProfileForm(values, initial, base.version, t);
    return result.ok ? {} : result.errors;
  });

  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const options = <T extends string>(values: readonly T[], label: (value: T) => string) =>
    values.map((value) => ({ value, label: label(value) }));
  // A single choice already recorded cannot be emptied through the API, so it is not offered.
  const clearable = (field: keyof ProfileFormValues) => initial[field] === null;

  const submit = form.onSubmit(
    (values) => {
      const result = validateProfileForm(values, initial, base.version, t);
      if (!result.ok) return;
      if (!hasChanges(values, initial)) return onDone();
      update.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('cases.profile.saved'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, t, PROFILE_LAYOUT);
          form.setErrors(errors);
          focusFirstError(form, errors, PROFILE_FORM_FIELDS);
        },
      });
    },
    (errors) => focusFirstError(form, errors, PROFILE_FORM_FIELDS),
  );

  const reload = async () => {
    const fresh = await base.reload();
    if (fresh) {
      const freshValues = profileFormValues(fresh);
      form.setValues(mergeUntouched(form.getValues(), initial, freshValues));
      setInitial(freshValues);
    }
    update.reset();
  };

  const forcedLabour = form.values.exploitationTypes.some((type) => type === 'ForcedLabour' || type === 'ChildLabour');

  return (
    <form onSubmit={submit} noValidate aria-label={t('cases.profile.edit')}>
      <Stack gap="lg">
        <FormProblem error={update.error} fields={PROFILE_FORM_FIELDS} onReload={reload} />
        <Fieldset legend={t('cases.profile.person')}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('cases.detail.sex')}
                data={options(GENDERS, (value) => t(`enums.gender.${value}`))}
                allowDeselect={false}
                {...form.getInputProps('sex')}
              />
              <Select
                label={t('cases.detail.nationality')}
                data={countries}
                searchable
                allowDeselect={false}
                nothingFoundMessage={t('cases.register.noCountry')}
                maxDropdownHeight={280}
                {...form.getInputProps('nationality')}
              />
            </SimpleGrid>
            {mayChangeSensitive && (
              <Checkbox
                label={t('cases.register.sensitive')}
                description={t('cases.register.sensitiveHint')}
                {...form.getInputProps('sensitive', { type: 'checkbox' })}
              />
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend={t('cases.profile.trafficking')}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('cases.profile.traffickingStatus')}
                placeholder={t('cases.register.choose')}
                data={options(TRAFFICKING_STATUSES, (value) => t(`enums.traffickingStatus.${value}`))}
                clearable={clearable('traffickingStatus')}
                allowDeselect={clearable('traffickingStatus')}
                {...form.getInputProps('traffickingStatus')}
              />
              <Select
                label={t('cases.profile.statusDecidedBy')}
                placeholder={t('cases.register.choose')}
                data={options(STATUS_DECISION_BODIES, (value) => t(`enums.decisionBody.${value}`))}
                clearable={clearable('statusDecidedBy')}
                allowDeselect={clearable('statusDecidedBy')}
                {...form.getInputProps('statusDecidedBy')}
              />
            </SimpleGrid>
            <MultiSelect
              label={t('cases.detail.exploitationTypes')}
              placeholder={t('cases.register.exploitationPlaceholder')}
              data={options(EXPLOITATION_TYPES, (value) => t(`enums.exploitation.${value}`))}
              clearable
              {...form.getInputProps('exploitationTypes')}
            />
            {(forcedLabour || initial.forcedLabourIndustry) && (
              <Select
                label={t('cases.profile.forcedLabourIndustry')}
                placeholder={t('cases.register.choose')}
                data={options(LABOUR_INDUSTRIES, (value) => t(`enums.labourIndustry.${value}`))}
                searchable
                clearable={clearable('forcedLabourIndustry')}
                allowDeselect={clearable('forcedLabourIndustry')}
                {...form.getInputProps('forcedLabourIndustry')}
              />
            )}
            <MultiSelect
              label={t('cases.profile.controlMethods')}
              placeholder={t('cases.register.exploitationPlaceholder')}
              data={options(CONTROL_METHODS, (value) => t(`enums.controlMethod.${value}`))}
              clearable
              {...form.getInputProps('controlMethods')}
            />
            <MultiSelect
              label={t('cases.profile.recruitmentMethods')}
              placeholder={t('cases.register.exploitationPlaceholder')}
              data={options(RECRUITMENT_METHODS, (value) => t(`enums.recruitmentMethod.${value}`))}
              clearable
              {...form.getInputProps('recruitmentMethods')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('cases.profile.relationshipToTrafficker')}
                placeholder={t('cases.register.choose')}
                data={options(RELATIONSHIPS_TO_TRAFFICKER, (value) => t(`enums.relationship.${value}`))}
                clearable={clearable('relationshipToTrafficker')}
                allowDeselect={clearable('relationshipToTrafficker')}
                {...form.getInputProps('relationshipToTrafficker')}
              />
              <NumberInput
                label={t('cases.profile.ageWhenTrafficked')}
                min={0}
                max={120}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                hideControls
                inputMode="numeric"
                {...form.getInputProps('ageWhenTrafficked')}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('cases.profile.countries')}>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('cases.profile.countriesHint')}
            </Text>
            {(['recruitmentCountries', 'transitCountries', 'exploitationCountries'] as const).map((field) => (
              <MultiSelect
                key={field}
                label={t(`cases.profile.${field}`)}
                placeholder={t('cases.register.nationalityPlaceholder')}
                data={countries}
                searchable
                clearable
                nothingFoundMessage={t('cases.register.noCountry')}
                maxDropdownHeight={280}
                {...form.getInputProps(field)}
              />
            ))}
          </Stack>
        </Fieldset>

        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('cases.profile.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
