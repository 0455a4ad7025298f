import type { CaseDetail, CaseProfileField } from '@haven/contracts';
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
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { i18n as I18n, TFunction } from 'i18next';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { hasChanges, mergeUntouched, serverFieldErrors } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { caseKeys } from '../hooks/case-cache';
import { useBaseVersion } from '../hooks/use-base-version';
import { useCasePermissions } from '../hooks/use-case-permissions';
import { useUpdateCase } from '../hooks/use-cases';
import { countryName, countryOptions, formatDate, formatList } from '../../../app/text/format';
import {
  PROFILE_FORM_FIELDS,
  PROFILE_LAYOUT,
  profileFormValues,
  recordedValue,
  validateProfileForm,
  type ProfileFormValues,
} from '../utils/profile-form';
import { holdsList, PROFILE_FIELDS, type ProfileField, type ProfileSection } from '../utils/profile-fields';
import { Facts, type Fact } from '../../../app/layout/facts';

/** The trafficking profile, coded on the Human Trafficking Case Data Standard, read first and edited on request. */
export function ProfileTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['cases', 'common']);
  const permissions = useCasePermissions(detail);
  const [editing, setEditing] = useState(false);

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('detail.profile')}
        </Title>
        {permissions.mayEdit && !editing && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('profile.edit')}
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

/** This module's translations, with the shared ones after `common:`. */
type ProfileT = TFunction<readonly ['cases', 'common']>;

/** A text by a key built from a field's or a code's name (with its namespace); a key with no text gives undefined. */
function textOf(t: ProfileT, i18n: I18n, key: string): string | undefined {
  return i18n.exists(key) ? String(t(key as 'common:app.name')) : undefined;
}

/** A code in words, from the texts of the field's code list; a code with no text is shown as it is. */
function codeText(field: ProfileField, code: string, t: ProfileT, i18n: I18n): string {
  return (field.codeTexts && textOf(t, i18n, `common:${field.codeTexts}.${code}`)) ?? code;
}

const fieldsOf = (sections: readonly ProfileSection[]) =>
  PROFILE_FIELDS.filter((field) => sections.includes(field.section));

function ProfileView({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const language = i18n.language;
  const notRecorded = (
    <Text component="span" c="dimmed" fs="italic">
      {t('detail.notRecorded')}
    </Text>
  );
  const list = (values: readonly string[], label: (value: string) => string): ReactNode =>
    values.length > 0 ? formatList(values.map(label), language) : notRecorded;
  const country = (code: string) => countryName(code, language);

  const shown = (field: ProfileField): ReactNode => {
    const value = recordedValue(detail, field.name);
    if (field.kind === 'boolean') return value ? t('common:app.yes') : t('common:app.no');
    if (holdsList(field)) {
      const values = Array.isArray(value) ? value.map(String) : [];
      return field.kind === 'countries'
        ? list(values, country)
        : list(values, (code) => codeText(field, code, t, i18n));
    }
    if (value === null || value === undefined || value === '') return notRecorded;
    if (field.kind === 'code') return codeText(field, String(value), t, i18n);
    if (field.kind === 'country') return country(String(value));
    if (field.kind === 'date') return formatDate(String(value), language);
    return String(value);
  };
  // The age given at registration is shown with the person, after the nationality, but not edited here.
  const facts = (sections: readonly ProfileSection[]): Fact[] =>
    fieldsOf(sections).flatMap((field) => [
      { label: t(`profile.${field.name}`), value: shown(field) },
      ...(field.name === 'nationality'
        ? [{ label: t('detail.ageAtRegistration'), value: detail.ageAtRegistration ?? notRecorded }]
        : []),
    ]);

  return (
    <Stack gap="lg">
      <section aria-labelledby="profile-person">
        <Title order={3} size="h5" id="profile-person" mb="xs">
          {t('profile.person')}
        </Title>
        <Facts items={facts(['person'])} />
      </section>
      <section aria-labelledby="profile-trafficking">
        <Title order={3} size="h5" id="profile-trafficking" mb="xs">
          {t('profile.trafficking')}
        </Title>
        <Facts items={facts(['trafficking', 'countries'])} />
      </section>
    </Stack>
  );
}

const readCaseVersion = (fresh: CaseDetail) => fresh.version;

/** The form's fieldsets, each with its fields in the contract's order. */
const FORM_SECTIONS: readonly ProfileSection[] = ['person', 'trafficking', 'countries'];

/** A single choice with more codes than this can be searched by typing. */
const SEARCHABLE_FROM = 10;

/** Fields the form shows only in some situations; every other field is always shown. */
const SHOWN_WHEN: Partial<Record<CaseProfileField, (situation: FormSituation) => boolean>> = {
  // Marking a case sensitive hides it from the team: only someone who may read the identity decides that.
  sensitive: ({ mayChangeSensitive }) => mayChangeSensitive,
  // The sector applies to forced or child labour, and stays in view once recorded.
  forcedLabourIndustry: ({ values, initial }) =>
    values.exploitationTypes.some((type) => type === 'ForcedLabour' || type === 'ChildLabour') ||
    initial.forcedLabourIndustry !== null,
};

interface FormSituation {
  values: ProfileFormValues;
  initial: ProfileFormValues;
  mayChangeSensitive: boolean;
}

/** Single values sit two by two; lists and yes/no questions take the whole width. */
function rowsOf(fields: readonly ProfileField[]): ProfileField[][] {
  const sideBySide = (field: ProfileField) => !holdsList(field) && field.kind !== 'boolean';
  const rows: ProfileField[][] = [];
  for (const field of fields) {
    const last = rows.at(-1);
    if (last && sideBySide(field) && sideBySide(last[0]!)) last.push(field);
    else rows.push([field]);
  }
  return rows;
}

function ProfileForm({
  detail,
  mayChangeSensitive,
  onDone,
}: {
  detail: CaseDetail;
  mayChangeSensitive: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const { t: tc } = useTranslation();
  const update = useUpdateCase(detail.id);
  const base = useBaseVersion<CaseDetail>(detail.version, caseKeys.detail(detail.id), readCaseVersion);
  const [initial, setInitial] = useState(() => profileFormValues(detail));
  const form = useLiveForm<ProfileFormValues>(initial, (values) => {
    const result = validateProfileForm(values, initial, base.version, tc);
    return result.ok ? {} : result.errors;
  });

  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);

  const submit = form.onSubmit(
    (values) => {
      const result = validateProfileForm(values, initial, base.version, tc);
      if (!result.ok) return;
      if (!hasChanges(values, initial)) return onDone();
      update.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('profile.saved'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tc, PROFILE_LAYOUT);
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

  const situation: FormSituation = { values: form.values, initial, mayChangeSensitive };
  const shown = (field: ProfileField) => SHOWN_WHEN[field.name]?.(situation) ?? true;
  const input = (field: ProfileField) => (
    <ProfileInput
      key={field.name}
      field={field}
      form={form}
      // A single value already recorded cannot be emptied through the API, so emptying it is not offered.
      clearable={initial[field.name] === null}
      countries={countries}
    />
  );

  return (
    <form onSubmit={submit} noValidate aria-label={t('profile.edit')}>
      <Stack gap="lg">
        <FormProblem error={update.error} fields={PROFILE_FORM_FIELDS} onReload={reload} />
        {FORM_SECTIONS.map((section) => {
          const hint = textOf(t, i18n, `cases:profile.${section}Hint`);
          return (
            <Fieldset key={section} legend={t(`profile.${section}`)}>
              <Stack gap="md">
                {hint && (
                  <Text size="sm" c="dimmed">
                    {hint}
                  </Text>
                )}
                {rowsOf(fieldsOf([section]).filter(shown)).map((row) =>
                  row.length > 1 ? (
                    <SimpleGrid key={row[0]!.name} cols={{ base: 1, sm: 2 }}>
                      {row.map(input)}
                    </SimpleGrid>
                  ) : (
                    <Fragment key={row[0]!.name}>{input(row[0]!)}</Fragment>
                  ),
                )}
              </Stack>
            </Fieldset>
          );
        })}

        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('profile.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common:app.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The input a field's kind calls for, labelled `profile.<field>`, described by `…<field>Hint` if there is one. */
function ProfileInput({
  field,
  form,
  clearable,
  countries,
}: {
  field: ProfileField;
  form: UseFormReturnType<ProfileFormValues>;
  clearable: boolean;
  countries: { value: string; label: string }[];
}) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const common = {
    label: t(`profile.${field.name}`),
    description: textOf(t, i18n, `cases:profile.${field.name}Hint`),
  };
  const codes = () => field.codes.map((code) => ({ value: code, label: codeText(field, code, t, i18n) }));
  const countryList = {
    data: countries,
    searchable: true,
    nothingFoundMessage: t('register.noCountry'),
    maxDropdownHeight: 280,
  };
  switch (field.kind) {
    case 'code':
      return (
        <Select
          {...common}
          placeholder={t('common:app.choose')}
          data={codes()}
          searchable={field.codes.length > SEARCHABLE_FROM}
          clearable={clearable}
          allowDeselect={clearable}
          {...form.getInputProps(field.name)}
        />
      );
    case 'codes':
      return (
        <MultiSelect
          {...common}
          placeholder={t('register.exploitationPlaceholder')}
          data={codes()}
          clearable
          {...form.getInputProps(field.name)}
        />
      );
    case 'country':
      return (
        <Select
          {...common}
          {...countryList}
          placeholder={t('register.nationalityPlaceholder')}
          clearable={clearable}
          allowDeselect={clearable}
          {...form.getInputProps(field.name)}
        />
      );
    case 'countries':
      return (
        <MultiSelect
          {...common}
          {...countryList}
          placeholder={t('register.nationalityPlaceholder')}
          clearable
          {...form.getInputProps(field.name)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          min={field.min}
          max={field.max}
          allowDecimal={!field.whole}
          allowNegative={field.min === undefined || field.min < 0}
          clampBehavior="none"
          hideControls
          inputMode={field.whole ? 'numeric' : 'decimal'}
          {...form.getInputProps(field.name)}
        />
      );
    case 'boolean':
      return <Checkbox {...common} {...form.getInputProps(field.name, { type: 'checkbox' })} />;
    case 'date':
      return <TextInput {...common} type="date" {...form.getInputProps(field.name)} />;
    case 'text':
      return <TextInput {...common} {...form.getInputProps(field.name)} />;
  }
}
